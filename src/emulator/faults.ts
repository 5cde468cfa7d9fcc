// Fault injection: an ordered list of rules. For each request (control API excluded) the first rule
// whose method and path match is taken and its `times` counts down; a rule that reaches 0 is
// removed. server.ts decides what the chosen rule does to the response; this module only validates
// rules and picks one, so the same rules come from options, a scenario file and the control API.
import { MUTATION_KINDS, type MutationKind } from './mutate';

export interface FaultRule {
  /** HTTP method to match (any case); all methods when absent. */
  method?: string;
  /** Regular-expression source matched against the request path (no query); all paths when absent. */
  path?: string;
  /** How many requests this rule applies to; unlimited when absent. */
  times?: number;
  /** Wait this long before answering (or before the rest of the rule). */
  latencyMs?: number;
  /** Answer with this status instead of the real answer. */
  status?: number;
  /** Raw body for `status`; a realistic error body for the status when absent. */
  body?: string;
  /** Seconds, sent as Retry-After. */
  retryAfter?: number;
  /** Destroy the socket without answering. */
  drop?: true;
  /** Send the headers, then the body after this delay, in chunks. */
  slowBodyMs?: number;
  /** Answer with this non-JSON body (status 200 unless `status` is set). */
  nonJson?: string;
  /** Content-Type for `body`/`nonJson`; `application/json;charset=UTF-8` like every other answer when absent. */
  contentType?: string;
  /** Answer the real answer broken by one mutation chosen by this seed (mutate.ts). */
  mutate?: number;
  /** With `mutate`: this kind of mutation instead of one chosen by the seed. */
  mutation?: MutationKind;
  /** Extra response headers, e.g. `{"Location": "https://elsewhere.example"}` with a 3xx `status`. */
  headers?: Record<string, string>;
  /** Sent as Content-Encoding; `gzip`, `deflate` and `br` also compress the body, any other value is only the header. */
  contentEncoding?: string;
  /** Announce the whole body's Content-Length, send only this many bytes of it, then drop the connection. */
  cutBodyAtBytes?: number;
}

interface ActiveRule {
  rule: FaultRule;
  method?: string;
  path?: RegExp;
  remaining: number;
}

const KNOWN_KEYS = new Set([
  'method', 'path', 'times', 'latencyMs', 'status', 'body', 'retryAfter', 'drop', 'slowBodyMs', 'nonJson', 'contentType',
  'headers', 'contentEncoding', 'cutBodyAtBytes', 'mutate', 'mutation',
]);
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

/** Checks one rule (from JSON or code); throws an Error that says what is wrong. */
export function validateFaultRule(value: unknown): FaultRule {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('a fault rule must be an object');
  const r = value as Record<string, unknown>;
  for (const k of Object.keys(r)) if (!KNOWN_KEYS.has(k)) throw new Error(`unknown fault rule field "${k}"`);
  const str = (k: string) => {
    if (r[k] !== undefined && typeof r[k] !== 'string') throw new Error(`fault rule field "${k}" must be a string`);
  };
  const num = (k: string, min: number, max = Number.MAX_SAFE_INTEGER) => {
    const v = r[k];
    if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)) {
      throw new Error(`fault rule field "${k}" must be an integer from ${min} to ${max}`);
    }
  };
  ['method', 'path', 'body', 'nonJson', 'contentType', 'contentEncoding'].forEach(str);
  num('times', 1);
  num('cutBodyAtBytes', 0);
  if (r.headers !== undefined) {
    const h = r.headers as Record<string, unknown>;
    if (!h || typeof h !== 'object' || Array.isArray(h)) throw new Error('fault rule field "headers" must be an object of header names to strings');
    for (const [k, v] of Object.entries(h)) {
      if (!HEADER_NAME.test(k) || typeof v !== 'string' || /[\r\n]/.test(v)) throw new Error(`fault rule header "${k}" must be a header name with a one-line string value`);
    }
  }
  num('latencyMs', 0, 600_000);
  num('slowBodyMs', 0, 600_000);
  num('status', 100, 599);
  num('retryAfter', 0);
  num('mutate', 0, 0xffffffff);
  if (r.mutation !== undefined && !MUTATION_KINDS.includes(r.mutation as MutationKind)) {
    throw new Error(`fault rule field "mutation" must be one of ${MUTATION_KINDS.join(', ')}`);
  }
  if (r.drop !== undefined && r.drop !== true) throw new Error('fault rule field "drop" must be true');
  if (typeof r.path === 'string') {
    try {
      new RegExp(r.path);
    } catch (e) {
      throw new Error(`fault rule "path" is not a valid regular expression: ${(e as Error).message}`);
    }
  }
  return { ...(r as FaultRule) };
}

/** The ordered rule list of one emulator. */
export class FaultList {
  private rules: ActiveRule[] = [];

  /** Appends one rule or several, after validating all of them (none is added if one is invalid). */
  add(rules: FaultRule | readonly FaultRule[]): void {
    const list = (Array.isArray(rules) ? rules : [rules]).map(validateFaultRule);
    for (const rule of list) {
      this.rules.push({
        rule,
        method: rule.method?.toUpperCase(),
        path: rule.path === undefined ? undefined : new RegExp(rule.path),
        remaining: rule.times ?? Infinity,
      });
    }
  }

  clear(): void {
    this.rules = [];
  }

  /** The rules still active, with `times` showing what is left. */
  list(): FaultRule[] {
    return this.rules.map((a) => (Number.isFinite(a.remaining) ? { ...a.rule, times: a.remaining } : { ...a.rule }));
  }

  /** Takes the first matching rule for a request, counting it down. */
  take(method: string, path: string): FaultRule | undefined {
    const m = method.toUpperCase();
    const i = this.rules.findIndex((a) => (!a.method || a.method === m) && (!a.path || a.path.test(path)));
    if (i < 0) return undefined;
    const active = this.rules[i];
    active.remaining -= 1;
    if (active.remaining <= 0) this.rules.splice(i, 1);
    return active.rule;
  }
}
