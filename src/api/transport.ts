// The transport under ModelArtsClient: sends one request, signed, through the concurrency gate, with
// a time-out, the keep-alive agent, the clock offset learnt from each endpoint, and retries with
// back-off (reads only; any method once more after a refusal for a skewed clock). It knows nothing
// of ModelArts' paths: the client (client.ts) names them; what a failure says is transportErrors.ts.
import type { Agent } from 'http';
import nodeFetch from 'node-fetch';
import { agentFor } from './agents';
import { Credentials } from './credentials';
import { ApiError, httpError } from './errors';
import { Query, canonicalQueryString, signRequest } from './signer';
import { Semaphore } from './concurrency';
import { ClockOffsets } from './clock';
import { sleep } from './sleep';
import { codingRefused, notJson, proxyRefused, toApiError } from './transportErrors';

/** The `fetch` the client needs: node-fetch by default, or any compatible one (tests, other runtimes). */
export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponse>;
export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  /** Always 'manual': a signed request is never sent on to another host; a 3xx becomes an error. */
  redirect: 'manual';
  /** The keep-alive agent of src/api/agents.ts (node-fetch's `agent` option). */
  agent?: Agent;
  /** Largest body read (node-fetch's `size`); beyond it the body is refused with a FetchError of type "max-size". */
  size?: number;
}
export interface FetchResponse {
  status: number;
  ok: boolean;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** One line of the request log: never headers, never secrets. */
export interface RequestLogEntry {
  method: string;
  /** Path and query. */
  path: string;
  status?: number;
  durationMs: number;
  requestId?: string;
  attempt: number;
  error?: ApiError;
}

/** The client's options but its endpoints (ClientOptions adds them): how requests are sent. */
export interface TransportOptions {
  credentials: Credentials;
  /** Per request, including reading the body. Default 30 s. */
  timeoutMs?: number;
  /** Extra attempts for reads after 429, 5xx, network errors and time-outs. Default 3. DELETE/POST never. */
  retries?: number;
  /** Back-off: base and cap of the exponential delay, in ms. Default 500 and 8000. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Longest Retry-After honoured, in ms. Default 60 000. */
  maxRetryAfterMs?: number;
  /** Requests in flight at once, across the client. Default 8. */
  maxConcurrent?: number;
  fetch?: FetchLike;
  /** Called once per attempt, after it ends. */
  onRequest?: (entry: RequestLogEntry) => void;
  /** This machine's clock (X-Sdk-Date is this plus the offset learnt from the endpoint's `Date`). */
  now?: () => Date;
  /** Called once per endpoint when its clock is found to differ from ours by more than 5 minutes. */
  onClockSkew?: (message: string) => void;
  /**
   * Certificate authorities to trust instead of the runtime's defaults (see trustedCertificates():
   * Node's and the system's roots plus private ones). Unset: no `ca` at all.
   */
  ca?: readonly string[];
  /**
   * Requests without `ca` use the runtime's global agent (keep-alive too) instead of the client's:
   * VS Code's proxy support leaves a request that brings its own agent alone when
   * `http.proxySupport` is "on", so the extension brings one only to carry `ca`.
   */
  globalAgentUnlessCa?: boolean;
  /** The agent for a request URL when it is not the default one (the CLI's proxy agents); undefined: the default. */
  agentFor?: (url: URL) => Agent | undefined;
  /** The proxy a request URL goes through, without credentials, to name it in errors. */
  proxyFor?: (url: URL) => string | undefined;
  /** What fixes an untrusted certificate, e.g. 'add the CA\'s PEM file to the setting "modelarts.caCertificates"'. */
  trustHint?: string;
  userAgent?: string;
}

/** The parsed body plus what is needed to show it exactly and trace it. */
export interface ApiResult<T> {
  data: T;
  /** The response body as received (for the document and `--output json`). */
  text: string;
  status: number;
  requestId?: string;
  /** List items left out because they lack what the views need, one line each (shapes.ts). */
  problems?: string[];
}

/** One request as the client describes it. */
export interface SendSpec {
  method: 'GET' | 'POST' | 'DELETE' | 'PATCH';
  base: string;
  path: string;
  query?: Query;
  body?: unknown;
  projectId?: string;
  /** Default `application/json`; any other type is signed with UNSIGNED-PAYLOAD (API.md §3.5). */
  contentType?: string;
  signal?: AbortSignal;
}

/** The content codings asked for, and decoded by the transport (node-fetch decodes exactly these). */
const ACCEPT_ENCODING = 'gzip, deflate, br';
const DECODED_CODINGS = /^(identity|gzip|x-gzip|deflate|x-deflate|br)$/;

/** Answers larger than this are refused (memory stays bounded whatever a server sends). */
export const MAX_RESPONSE_BYTES = 20 * 1024 * 1024;

/** Sends requests for one client; see the module comment. */
export class Transport {
  private readonly credentials: Credentials;
  private readonly options: TransportOptions;
  private readonly fetchImpl: FetchLike;
  private readonly gate: Semaphore;
  private readonly bases = new Map<string, { host: string; path: string; https: boolean; url: URL }>();
  private readonly clock: ClockOffsets;
  private httpsAgent: Agent | undefined;

  constructor(options: TransportOptions) {
    this.options = options;
    this.credentials = options.credentials;
    this.fetchImpl = options.fetch ?? nodeFetch;
    this.gate = new Semaphore(options.maxConcurrent ?? 8);
    this.clock = new ClockOffsets(options.onClockSkew);
  }

  /** The clock offset in ms learnt for the endpoint of a base URL (0 when its clock agrees with ours). */
  clockOffset(base: string): number {
    return this.clock.offset(this.parsedBase(base).host);
  }

  /** Requests in flight now and the most seen at once (for benchmarks). */
  get concurrency(): { active: number; peak: number } {
    return { active: this.gate.active, peak: this.gate.peak };
  }

  /** Validated paths in, the parsed answer out; retries reads, and any method once after a clock-skew refusal. */
  async send<T>(spec: SendSpec): Promise<ApiResult<T>> {
    const query = canonicalQueryString(spec.query);
    const pathAndQuery = spec.path + (query ? `?${query}` : '');
    const isRead = spec.method === 'GET';
    const retries = isRead ? (this.options.retries ?? 3) : 0;
    const host = this.parsedBase(spec.base).host;
    let skewRetried = false;
    for (let attempt = 1, failures = 0; ; attempt++) {
      const offsetBefore = this.clock.offset(host);
      try {
        return await this.gate.run(() => this.attempt<T>(spec, pathAndQuery, attempt));
      } catch (e) {
        const err = e as ApiError;
        if (!(err instanceof ApiError) || spec.signal?.aborted) throw err;
        // refused for its date, and the answer's Date taught us a new offset: the gateway did
        // nothing, so re-signing and sending once more is safe for every method
        if (err.isClockSkew && !skewRetried && this.clock.offset(host) !== offsetBefore) {
          skewRetried = true;
          continue;
        }
        failures++;
        if (!err.retryable || failures > retries) throw err;
        await sleep(this.backoff(failures, err), spec.signal);
      }
    }
  }

  private backoff(attempt: number, err: ApiError): number {
    if (err.retryAfterSeconds !== undefined) {
      return Math.min(err.retryAfterSeconds * 1000, this.options.maxRetryAfterMs ?? 60_000);
    }
    const base = this.options.backoffBaseMs ?? 500;
    const cap = this.options.backoffMaxMs ?? 8000;
    const exp = Math.min(cap, base * 2 ** (attempt - 1));
    return exp / 2 + Math.random() * (exp / 2); // "equal jitter": never zero, never in lock-step
  }

  /** Host, path prefix and scheme of a base URL, parsed once per base (this is on every request's path). */
  private parsedBase(base: string): { host: string; path: string; https: boolean; url: URL } {
    let parsed = this.bases.get(base);
    if (!parsed) {
      const u = new URL(base);
      parsed = { host: u.host, path: u.pathname.replace(/\/+$/, ''), https: u.protocol === 'https:', url: u };
      this.bases.set(base, parsed);
    }
    return parsed;
  }

  private async attempt<T>(spec: SendSpec, pathAndQuery: string, attempt: number): Promise<ApiResult<T>> {
    const started = Date.now();
    const log = (status: number | undefined, requestId: string | undefined, error?: ApiError): void =>
      this.options.onRequest?.({ method: spec.method, path: pathAndQuery, status, durationMs: Date.now() - started, requestId, attempt, error });
    const req = { method: spec.method, path: pathAndQuery };
    const base = this.parsedBase(spec.base);
    const href = spec.base + pathAndQuery;
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    const headers: Record<string, string> = { 'Content-Type': spec.contentType ?? 'application/json' };
    if (spec.projectId) headers['X-Project-Id'] = spec.projectId;
    const token = this.credentials.revealSecurityToken();
    if (token) headers['X-Security-Token'] = token;
    const signed = signRequest(
      { method: spec.method, host: base.host, path: base.path + spec.path, query: spec.query, headers, body },
      this.credentials.accessKey,
      this.credentials.revealSecretKey(),
      new Date(this.localNow() + this.clock.offset(base.host)),
    );
    signed.headers['User-Agent'] = this.options.userAgent ?? 'modelarts-plugins/0.1';
    signed.headers['Accept-Encoding'] = ACCEPT_ENCODING;

    const timeoutMs = this.options.timeoutMs ?? 30_000;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onCancel = (): void => controller.abort();
    spec.signal?.addEventListener('abort', onCancel, { once: true });
    let status: number | undefined;
    let requestId: string | undefined;
    try {
      if (spec.signal?.aborted) throw new Error('cancelled');
      const res = await this.fetchImpl(href, {
        method: spec.method,
        headers: signed.headers,
        body,
        signal: controller.signal,
        redirect: 'manual',
        agent: this.options.agentFor?.(base.url) ?? this.defaultAgent(base.https),
        size: MAX_RESPONSE_BYTES,
      });
      status = res.status;
      requestId = res.headers.get('x-request-id') ?? undefined;
      this.clock.observe(base.host, res.headers.get('date'), this.localNow());
      const coding = res.headers.get('content-encoding');
      if (coding !== null && !DECODED_CODINGS.test(coding)) {
        controller.abort(); // the unread body must not hold the connection
        throw codingRefused(req, status, requestId, coding, ACCEPT_ENCODING, spec.base);
      }
      const text = await res.text();
      if (res.status === 407) throw proxyRefused(req, base.url, text, this.options);
      if (!res.ok) {
        const retryAfter = parseRetryAfter(res.headers.get('retry-after'));
        const location = res.headers.get('location') ?? undefined;
        throw httpError({ method: spec.method, path: pathAndQuery, status: res.status, bodyText: text, requestId, retryAfterSeconds: retryAfter, location });
      }
      let data: T;
      try {
        data = JSON.parse(text) as T;
      } catch {
        throw notJson(req, status, requestId, text);
      }
      log(status, requestId);
      return { data, text, status: res.status, requestId };
    } catch (e) {
      const err = toApiError(e, req, {
        status, requestId, timedOut, timeoutMs, cancelled: !!spec.signal?.aborted, base: spec.base, url: base.url, maxResponseBytes: MAX_RESPONSE_BYTES,
      }, this.options);
      log(status, requestId, err);
      throw err;
    } finally {
      clearTimeout(timer);
      spec.signal?.removeEventListener('abort', onCancel);
    }
  }

  /** The agent of a request no `agentFor` claimed; looked up once per client (a `ca` list is hashed to find its agent). */
  private defaultAgent(isHttps: boolean): Agent | undefined {
    if (!this.options.ca && this.options.globalAgentUnlessCa) return undefined;
    if (!isHttps) return agentFor(false);
    return (this.httpsAgent ??= agentFor(true, this.options.ca));
  }

  private localNow(): number {
    return this.options.now?.().getTime() ?? Date.now();
  }
}

/** Retry-After as seconds (delta-seconds or an HTTP date); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : Math.max(0, Math.ceil((t - Date.now()) / 1000));
}
