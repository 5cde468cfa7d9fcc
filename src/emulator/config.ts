// The emulator's configuration: the switches a test, a scenario file, the command line or the
// control API may set (EmulatorConfig, each checked by validateConfig so a typo is an error, not a
// silently ignored field), and the start options around them (EmulatorOptions).
import type { EmulatorCredential } from './auth';
import type { FaultRule } from './faults';
import type { GenerateOptions } from './seed';
import { PATCH_SEMANTICS, type PatchSemantics, type StateConfig } from './state';

export interface EmulatorConfig {
  /** How long a deleted plug-in stays Deleting before it disappears. */
  deleteDelayMs: number;
  /** How long an installed plug-in stays Pending before it turns Running. */
  installDelayMs: number;
  /** How long a patched plug-in stays Updating before it turns Running at its new version. */
  updateDelayMs: number;
  /** Added to every signed request that passes the signature check. */
  latencyMs: number;
  /** Largest accepted difference between X-Sdk-Date and the emulator's clock (the gateway's 15 minutes). */
  maxClockSkewMs: number;
  /** The emulator's clock runs this far from the machine's (may be negative): for clock-skew tests. */
  clockOffsetMs: number;
  /**
   * How a PATCH treats the inputs it leaves out (FIDELITY.md #1): `documented` (the vendor's page:
   * the target version's template defaults with the PATCH's inputs merged over them) or `merge`
   * (RFC 7386 over the current inputs, kept for comparison).
   */
  patchSemantics: PatchSemantics;
  /**
   * FIDELITY #5: ListPools answers at most this many pools at a time, with `metadata.continue`
   * (0: every pool in one answer). The EU page shows the token; no query for it is documented.
   */
  poolPageSize: number;
  /**
   * FIDELITY #5: what paging does with `?continue=`: `honoured` (the next page), or ignored as a
   * cloud that does not know the query might: the first page again with the same token
   * (`repeat-token`) or with a new token each time (`repeat-page`).
   */
  poolContinue: 'honoured' | 'repeat-token' | 'repeat-page';
  /**
   * FIDELITY #6: a missing pool on the plug-in paths: 404 `ModelArts.50015001` (as the pool APIs
   * document) or 400 `ModelArts.50004000` "Bad request. invalid nodepool name" (ShowPlugin's only
   * documented error).
   */
  missingPoolOnPluginPaths: 404 | 400;
  /** FIDELITY #8: every upgrade (a PATCH that changes the version) ends Abnormal with this reason; '' = Running. */
  upgradeAbnormalReason: string;
  /** FIDELITY #8: a deleted plug-in stays Deleting and never disappears. */
  stuckDeleting: boolean;
}

export interface EmulatorOptions extends Partial<EmulatorConfig> {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1: the control API is unsigned, so the server stays on loopback unless told otherwise. */
  host?: string;
  /** The emulator's clock in ms since the epoch, for the X-Sdk-Date check and new timestamps. */
  now?: () => number;
  /** Extra access key pairs, besides the demo pair. */
  credentials?: readonly EmulatorCredential[];
  /** Leave the demo pair (and the second account's pair, OPS_CREDENTIALS) out of the credential table (default false). */
  noDemoCredentials?: boolean;
  faults?: readonly FaultRule[];
  /** Adds the `bench` project with N pools × M plug-ins. */
  generate?: GenerateOptions;
  /** Oldest entries are dropped beyond this many (default 10000). */
  maxLogEntries?: number;
  /**
   * Serve https with a throw-away CA and server certificate (for 127.0.0.1, ::1, localhost and
   * `names`); the CA's PEM is written to `caDir/emulator-ca.pem`.
   */
  tls?: { caDir: string; names?: readonly string[] };
}

/** What an emulator starts with where the options say nothing. */
export const DEFAULT_CONFIG: EmulatorConfig = {
  deleteDelayMs: 1000,
  installDelayMs: 1000,
  updateDelayMs: 1000,
  latencyMs: 0,
  maxClockSkewMs: 15 * 60 * 1000,
  clockOffsetMs: 0,
  patchSemantics: 'documented',
  poolPageSize: 0,
  poolContinue: 'honoured',
  missingPoolOnPluginPaths: 404,
  upgradeAbnormalReason: '',
  stuckDeleting: false,
};

/** The config fields that are one of a few values, not a number of milliseconds. */
const CHOICES: Partial<Record<keyof EmulatorConfig, readonly unknown[]>> = {
  poolContinue: ['honoured', 'repeat-token', 'repeat-page'],
  missingPoolOnPluginPaths: [404, 400],
  stuckDeleting: [true, false],
  patchSemantics: PATCH_SEMANTICS,
};

/** ±10 years: far enough for any skew test, small enough to keep dates valid. */
const MAX_CLOCK_OFFSET_MS = 10 * 366 * 86_400_000;

/** Checks a partial configuration (from options, a scenario or the control API). */
export function validateConfig(value: unknown): Partial<EmulatorConfig> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('config must be an object');
  const out: Partial<EmulatorConfig> = {};
  for (const [k, v] of Object.entries(value)) {
    if (!(k in DEFAULT_CONFIG)) throw new Error(`unknown config field "${k}"`);
    const choices = CHOICES[k as keyof EmulatorConfig];
    if (choices) {
      if (!choices.includes(v)) throw new Error(`config field "${k}" must be one of ${choices.map((c) => JSON.stringify(c)).join(', ')}`);
    } else if (k === 'upgradeAbnormalReason') {
      if (typeof v !== 'string' || v.length > 1000) throw new Error('config field "upgradeAbnormalReason" must be a string of at most 1000 characters (\'\' = upgrades end Running)');
    } else if (k === 'poolPageSize') {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 10_000) throw new Error('config field "poolPageSize" must be an integer from 0 (no paging) to 10000');
    } else if (k === 'clockOffsetMs') {
      if (typeof v !== 'number' || !Number.isInteger(v) || Math.abs(v) > MAX_CLOCK_OFFSET_MS) {
        throw new Error(`config field "clockOffsetMs" must be an integer number of milliseconds from -${MAX_CLOCK_OFFSET_MS} to ${MAX_CLOCK_OFFSET_MS}`);
      }
    } else if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 86_400_000) {
      throw new Error(`config field "${k}" must be an integer number of milliseconds from 0 to 86400000`);
    }
    (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

/** The configuration fields of `o` (start options carry others), checked. */
export function pickConfig(o: Partial<EmulatorConfig>): Partial<EmulatorConfig> {
  const out: Partial<EmulatorConfig> = {};
  for (const k of Object.keys(DEFAULT_CONFIG) as (keyof EmulatorConfig)[]) if (o[k] !== undefined) (out as Record<string, unknown>)[k] = o[k];
  return validateConfig(out);
}

/** The part of the configuration the state reads. */
export function stateConfigOf(cfg: EmulatorConfig): StateConfig {
  return {
    deleteDelayMs: cfg.deleteDelayMs, installDelayMs: cfg.installDelayMs, updateDelayMs: cfg.updateDelayMs,
    upgradeAbnormalReason: cfg.upgradeAbnormalReason, stuckDeleting: cfg.stuckDeleting, patchSemantics: cfg.patchSemantics,
  };
}
