// A tiny signed HTTP client for tests: signs with src/api/signer.ts exactly like the product
// (host, x-sdk-date, content-type, x-project-id, x-security-token) and sends with global fetch.
// The query is sent in its canonical form, so what is signed is what is sent.
import { canonicalQueryString, signRequest, type Query } from '../../../src/api/signer';

export interface SignedFetchOptions {
  method?: string;
  query?: Query;
  /** Sent as is (a string) or JSON-encoded (anything else). */
  body?: unknown;
  /** Extra headers, signed like the rest. */
  headers?: Record<string, string>;
  accessKey?: string;
  secretKey?: string;
  securityToken?: string;
  /** Signing time (default now). */
  date?: Date;
  /** Sent and signed as X-Project-Id. */
  projectId?: string;
  /** Headers changed after signing (to test a tampered request). */
  afterSigning?: (headers: Record<string, string>) => void;
  signal?: AbortSignal;
}

export interface SignedResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON (throws when it is not JSON). */
  json<T = any>(): T;
}

/** The URL and fetch init of a signed request, for tests that need the raw Response (timing, streaming). */
export function signedRequestInit(
  baseUrl: string,
  path: string,
  credentials: { accessKey: string; secretKey: string; securityToken?: string },
  options: SignedFetchOptions = {},
): { url: string; init: RequestInit } {
  const method = options.method ?? 'GET';
  const url = new URL(baseUrl);
  const body = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...options.headers };
  if (options.projectId) headers['X-Project-Id'] = options.projectId;
  const token = options.securityToken ?? credentials.securityToken;
  if (token) headers['X-Security-Token'] = token;
  const signed = signRequest(
    { method, host: url.host, path, query: options.query, headers, body },
    options.accessKey ?? credentials.accessKey,
    options.secretKey ?? credentials.secretKey,
    options.date,
  );
  options.afterSigning?.(signed.headers);
  // fetch sets Host itself, from the URL, which is the value signed
  const { Host: _host, ...sendHeaders } = signed.headers;
  const qs = canonicalQueryString(options.query);
  return { url: `${url.origin}${path}${qs ? `?${qs}` : ''}`, init: { method, headers: sendHeaders, body, signal: options.signal } };
}

/** Sends a signed request to `baseUrl + path` and reads the whole answer. */
export async function signedFetch(
  baseUrl: string,
  path: string,
  credentials: { accessKey: string; secretKey: string; securityToken?: string },
  options: SignedFetchOptions = {},
): Promise<SignedResponse> {
  const { url, init } = signedRequestInit(baseUrl, path, credentials, options);
  const res = await fetch(url, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}

/** An unsigned fetch for the emulator's control API; returns the parsed JSON answer. */
export async function control<T = any>(baseUrl: string, method: string, action: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${baseUrl}/__emulator/${action}`, {
    method,
    headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}
