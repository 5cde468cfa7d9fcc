// Deletion is asynchronous (API.md §5.3): DELETE answers with the plug-in as it was, and the plug-in
// stays listed as Deleting until the pool has uninstalled it. Polling the pool's list and waiting for
// the template to vanish avoids depending on what ShowPlugin says for a deleted plug-in (unverified).
import type { ModelArtsClient, ProjectRef } from './client';
import { ApiError } from './errors';

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

export type TrackingOutcome =
  | { kind: 'removed'; elapsedMs: number }
  | { kind: 'timeout'; elapsedMs: number; phase?: string }
  | { kind: 'cancelled'; elapsedMs: number; phase?: string }
  | { kind: 'error'; elapsedMs: number; error: ApiError };

/** Polls the pool's plug-in list with back-off until `template` is gone, the time is up, or the signal aborts. */
export async function trackDeletion(
  client: ModelArtsClient,
  project: ProjectRef,
  pool: string,
  template: string,
  options: TrackingOptions = {},
): Promise<TrackingOutcome> {
  const started = Date.now();
  const elapsed = (): number => Date.now() - started;
  const timeoutMs = options.timeoutMs ?? 15 * 60_000;
  let delay = options.firstDelayMs ?? 2000;
  let phase: string | undefined = 'Deleting';
  for (;;) {
    const remaining = timeoutMs - elapsed();
    if (remaining <= 0) return { kind: 'timeout', elapsedMs: elapsed(), phase };
    if (!(await wait(Math.min(delay, remaining), options.signal))) return { kind: 'cancelled', elapsedMs: elapsed(), phase };
    delay = Math.min(options.maxDelayMs ?? 15_000, delay * (options.factor ?? 1.5));
    try {
      const list = await client.listPlugins(project, pool, { signal: options.signal });
      const item = list.data.items.find((p) => p.spec?.template?.name === template);
      phase = item ? String(item.status?.phase ?? 'Deleting') : undefined;
      options.onPoll?.({ elapsedMs: elapsed(), phase });
      if (!item) return { kind: 'removed', elapsedMs: elapsed() };
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.kind === 'cancelled') return { kind: 'cancelled', elapsedMs: elapsed(), phase };
      // the pool itself is gone, and the plug-in with it
      if (e.errorCode === 'ModelArts.50015001') return { kind: 'removed', elapsedMs: elapsed() };
      // a transient failure (already retried by the client) does not end tracking; anything else does
      if (!e.retryable) return { kind: 'error', elapsedMs: elapsed(), error: e };
      options.onPoll?.({ elapsedMs: elapsed(), phase, error: e });
    }
  }
}

/** Resolves true after `ms`, or false at once when the signal aborts. */
function wait(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(t);
      resolve(false);
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
