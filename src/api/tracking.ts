// Deletion, install and PATCH are all asynchronous (API.md §5.3): the write answers at once and the
// plug-in then shows Deleting / Pending / Updating until the pool has done the work. Tracking polls
// the pool's plug-in list with back-off (not ShowPlugin, whose answer for a deleted plug-in is
// unverified) until the plug-in reaches the state wanted, the time is up, or the signal aborts.
// An error answer never says by itself that a plug-in is gone: the plug-in paths answer a missing
// pool with 404 or with 400 "invalid nodepool name" (FIDELITY #6), and a 400 has other causes, so a
// 400 or 404 is checked by listing the pools.
import type { ModelArtsClient, ProjectRef } from './client';
import { ApiError } from './errors';
import type { Plugin } from './models';
import { sleep } from './sleep';

export interface TrackingOptions {
  /** Delay before the first poll. Default 2 s. */
  firstDelayMs?: number;
  /** Longest delay between polls. Default 15 s. */
  maxDelayMs?: number;
  /** Growth of the delay after each poll. Default 1.5. */
  factor?: number;
  /** Give up after this long. Default 15 minutes. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Called after each poll: the phase still listed, or undefined once gone. */
  onPoll?: (state: { elapsedMs: number; phase?: string; error?: ApiError }) => void;
}

type Ended = { kind: 'timeout'; elapsedMs: number; phase?: string } | { kind: 'cancelled'; elapsedMs: number; phase?: string } | { kind: 'error'; elapsedMs: number; error: ApiError };

export type TrackingOutcome = { kind: 'removed'; elapsedMs: number } | Ended;

export type SettleOutcome = { kind: 'settled'; elapsedMs: number; plugin: Plugin } | { kind: 'gone'; elapsedMs: number } | Ended;

/** Polls the pool's plug-in list with back-off until `template` is gone, the time is up, or the signal aborts. */
export function trackDeletion(client: ModelArtsClient, project: ProjectRef, pool: string, template: string, options: TrackingOptions = {}): Promise<TrackingOutcome> {
  return poll<TrackingOutcome>(client, project, pool, template, options, 'Deleting', (item, elapsedMs) => (item ? undefined : { kind: 'removed', elapsedMs }), (elapsedMs) => ({ kind: 'removed', elapsedMs }));
}

export interface SettleOptions extends TrackingOptions {
  /** The version the write asked for: `Running` counts only at it. */
  version?: string;
  /** The write's own answer already showed `Pending` or `Updating` (a PATCH; an install does not rely on it). */
  answeredBusy?: boolean;
  /**
   * The write was an install (POST). Its documented answer has no status (FIDELITY #4), and
   * anything listed afterwards is the new plug-in; until it is first listed it is pending, not gone.
   */
  afterInstall?: boolean;
  /**
   * The cloud answers a write before the plug-in's phase changes (API.md §5.3), so a first listing
   * may still show the state from before it. Until the plug-in has been seen `Pending`/`Updating`
   * (or `Running` at the asked version by its status), an end state counts only after this long.
   * Default 5 s.
   */
  settleGraceMs?: number;
}

/**
 * After an install or a PATCH: polls until the plug-in is `Running` (at `version`, when given) or
 * `Abnormal`, or it disappears; same back-off and limits as deletion tracking. An end state that may
 * still be the one from before the write is not taken as the outcome (see `settleGraceMs`).
 */
export function trackUntilSettled(client: ModelArtsClient, project: ProjectRef, pool: string, template: string, options: SettleOptions = {}): Promise<SettleOutcome> {
  let moved = !!options.answeredBusy || !!options.afterInstall;
  let listed = false;
  return poll<SettleOutcome>(client, project, pool, template, options, undefined, (item, elapsedMs) => {
    const graceOver = elapsedMs >= (options.settleGraceMs ?? 5000);
    if (!item) return listed || (graceOver && !options.afterInstall) ? { kind: 'gone', elapsedMs } : undefined;
    listed = true;
    const phase = item.status?.phase;
    if (phase === 'Pending' || phase === 'Updating') moved = true;
    if (options.version !== undefined && item.status?.version === options.version) moved = true;
    if (!moved && !graceOver) return undefined;
    const atVersion = !options.version || (item.status?.version ?? item.spec.template.version) === options.version;
    return phase === 'Abnormal' || (phase === 'Running' && atVersion) ? { kind: 'settled', elapsedMs, plugin: item } : undefined;
  }, (elapsedMs) => ({ kind: 'gone', elapsedMs }));
}

/** The polling loop: `done` decides from the listed item (undefined when absent) whether to stop. */
async function poll<T>(
  client: ModelArtsClient,
  project: ProjectRef,
  pool: string,
  template: string,
  options: TrackingOptions,
  initialPhase: string | undefined,
  done: (item: Plugin | undefined, elapsedMs: number) => T | undefined,
  poolGone: (elapsedMs: number) => T,
): Promise<T | Ended> {
  const started = Date.now();
  const elapsed = (): number => Date.now() - started;
  const timeoutMs = options.timeoutMs ?? 15 * 60_000;
  let delay = options.firstDelayMs ?? 2000;
  let phase = initialPhase;
  for (;;) {
    const remaining = timeoutMs - elapsed();
    if (remaining <= 0) return { kind: 'timeout', elapsedMs: elapsed(), phase };
    if (!(await sleep(Math.min(delay, remaining), options.signal))) return { kind: 'cancelled', elapsedMs: elapsed(), phase };
    delay = Math.min(options.maxDelayMs ?? 15_000, delay * (options.factor ?? 1.5));
    try {
      const list = await client.listPlugins(project, pool, { signal: options.signal });
      const item = list.data.items.find((p) => p.spec?.template?.name === template);
      phase = item ? String(item.status?.phase ?? initialPhase ?? '') || undefined : undefined;
      options.onPoll?.({ elapsedMs: elapsed(), phase });
      const outcome = done(item, elapsed());
      if (outcome) return outcome;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.kind === 'cancelled') return { kind: 'cancelled', elapsedMs: elapsed(), phase };
      // the pool itself may be gone, and the plug-in with it: only the pool list can say so
      if ((e.status === 400 || e.status === 404) && (await poolMissing(client, project, pool, options.signal))) return poolGone(elapsed());
      // a transient failure (already retried by the client) does not end tracking; anything else does
      if (!e.retryable) return { kind: 'error', elapsedMs: elapsed(), error: e };
      options.onPoll?.({ elapsedMs: elapsed(), phase, error: e });
    }
  }
}

/** True only when the pools could be listed and `pool` is not among them. */
async function poolMissing(client: ModelArtsClient, project: ProjectRef, pool: string, signal?: AbortSignal): Promise<boolean> {
  try {
    const r = await client.listPools(project, { signal });
    return !r.data.items.some((p) => p.metadata?.name === pool);
  } catch {
    return false;
  }
}
