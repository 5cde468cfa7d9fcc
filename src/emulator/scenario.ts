// A scenario file: the emulator options as JSON, so a demo or a benchmark can be started with
// `--scenario file.json` instead of code. Validated here so a typo is an error at start, not a
// silently ignored field.
import { readFileSync } from 'fs';
import type { EmulatorCredential } from './auth';
import { validateConfig, type EmulatorOptions } from './config';
import { validateFaultRule } from './faults';
import type { GenerateOptions } from './seed';

/**
 * `{faults?, deleteDelayMs?, installDelayMs?, updateDelayMs?, latencyMs?, maxClockSkewMs?, patchSemantics?,
 *   poolPageSize?, poolContinue?, missingPoolOnPluginPaths?, upgradeAbnormalReason?, stuckDeleting?,
 *   generate?: {pools, pluginsPerPool, projects?} (or top-level pools / pluginsPerPool), credentials?: [{accessKey, secretKey, securityToken?, domainId?}]}`
 */
export function parseScenario(value: unknown): EmulatorOptions {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('a scenario must be a JSON object');
  const { faults, generate, pools, pluginsPerPool, credentials, ...config } = value as Record<string, unknown>;
  const out: EmulatorOptions = { ...validateConfig(config) };
  if (faults !== undefined) {
    if (!Array.isArray(faults)) throw new Error('"faults" must be an array of rules');
    out.faults = faults.map(validateFaultRule);
  }
  const gen = generate ?? (pools !== undefined || pluginsPerPool !== undefined ? { pools, pluginsPerPool } : undefined);
  if (gen !== undefined) out.generate = parseGenerate(gen);
  if (credentials !== undefined) {
    if (!Array.isArray(credentials)) throw new Error('"credentials" must be an array');
    out.credentials = credentials.map(parseCredential);
  }
  return out;
}

/** Pool and plug-in counts of the `bench` project; a missing count defaults to 50 pools / 20 plug-ins. */
export function parseGenerate(value: unknown): GenerateOptions {
  if (!value || typeof value !== 'object') throw new Error('"generate" must be {pools, pluginsPerPool}');
  const g = value as Record<string, unknown>;
  const count = (v: unknown, name: string, dflt: number) => {
    if (v === undefined) return dflt;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 100_000) throw new Error(`"${name}" must be an integer from 0 to 100000`);
    return v;
  };
  const out: GenerateOptions = { pools: count(g.pools, 'pools', 50), pluginsPerPool: count(g.pluginsPerPool, 'pluginsPerPool', 20) };
  if (g.projects !== undefined) {
    const n = count(g.projects, 'projects', 1);
    if (n < 1 || n > 100) throw new Error('"projects" must be an integer from 1 to 100');
    out.projects = n;
  }
  if (out.pools * out.pluginsPerPool * (out.projects ?? 1) > 1_000_000) throw new Error('at most 1000000 generated plug-ins in all');
  return out;
}

function parseCredential(value: unknown): EmulatorCredential {
  const c = (value ?? {}) as Record<string, unknown>;
  if (typeof c.accessKey !== 'string' || typeof c.secretKey !== 'string' || (c.securityToken !== undefined && typeof c.securityToken !== 'string')) {
    throw new Error('each credential must be {accessKey, secretKey, securityToken?} of strings');
  }
  if (c.domainId !== undefined && typeof c.domainId !== 'string') throw new Error('a credential\'s "domainId" must be a string');
  return { accessKey: c.accessKey, secretKey: c.secretKey, securityToken: c.securityToken as string | undefined, domainId: c.domainId as string | undefined };
}

/** Reads and validates a scenario file; errors name the file. */
export function loadScenarioFile(file: string): EmulatorOptions {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read scenario ${file}: ${(e as Error).message}`);
  }
  try {
    return parseScenario(JSON.parse(text));
  } catch (e) {
    throw new Error(`scenario ${file}: ${(e as Error).message}`);
  }
}
