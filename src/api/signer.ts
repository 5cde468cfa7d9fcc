// SDK-HMAC-SHA256 request signing, as Huawei's SDKs and API gateway do it (API.md §3).
//
//   CanonicalRequest = METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n PayloadHash
//   StringToSign     = "SDK-HMAC-SHA256" \n X-Sdk-Date \n hex(sha256(CanonicalRequest))
//   Signature        = hex(hmac-sha256(SK, StringToSign))   -- the raw SK is the key; no derived key, no scope
//
// The same functions serve the client (to sign) and the emulator (to verify), so both sides can only
// disagree with the real gateway together, and the official SDK agreement test guards against that.
import { createHash, createHmac, timingSafeEqual } from 'crypto';
import { decodeOrKeep } from './decode';

export const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';
export const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
export const HEADER_DATE = 'X-Sdk-Date';
export const HEADER_CONTENT_SHA256 = 'X-Sdk-Content-Sha256';

export type QueryScalar = string | number | boolean;
export type QueryValue = QueryScalar | readonly QueryScalar[];
/** Query parameters; `undefined` values are left out. */
export type Query = Readonly<Record<string, QueryValue | undefined>>;

/** Formats a date as X-Sdk-Date: `YYYYMMDDTHHMMSSZ` in UTC. */
export function formatSdkDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Parses an X-Sdk-Date value; undefined when it is not of the form `YYYYMMDDTHHMMSSZ`. */
export function parseSdkDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  return Number.isNaN(t) ? undefined : new Date(t);
}

/** RFC 3986 encoding of the UTF-8 bytes: unreserved characters kept, everything else `%XX` upper-case. */
export function encodeRfc3986(value: string): string {
  // encodeURIComponent leaves !'()* alone; the signer must encode them
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** Canonical URI: each path segment encoded, `/` appended when missing. */
export function canonicalUri(path: string): string {
  const encoded = path.split('/').map(encodeRfc3986).join('/');
  if (encoded === '') return '/';
  return encoded.endsWith('/') ? encoded : encoded + '/';
}

/** Canonical query string: names sorted, one `name=value` per value (values sorted), `=` kept for empty values. */
export function canonicalQueryString(query: Query | undefined): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const name of Object.keys(query).sort()) {
    const value = query[name];
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value.map(String).sort() : [String(value)];
    for (const v of values) parts.push(`${encodeRfc3986(name)}=${encodeRfc3986(v)}`);
  }
  return parts.join('&');
}

/** Parses a raw query string (without `?`) into the multi-valued form `canonicalQueryString` takes. */
export function parseQueryString(raw: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!raw) return out;
  for (const part of raw.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const name = decodeOrKeep(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : decodeOrKeep(part.slice(eq + 1));
    (out[name] ??= []).push(value);
  }
  return out;
}

/** Lower-case hex SHA-256 of a string (UTF-8) or bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * True when the body is signed: no content type, or exactly `application/json` (the Node SDK's rule,
 * BaseCredentials/isJsonContentType). Anything else is sent with `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD`.
 */
export function isJsonContentType(contentType: string | undefined): boolean {
  return !contentType || contentType.toLowerCase() === 'application/json';
}

export interface CanonicalInput {
  readonly method: string;
  /** The path as sent, without query. */
  readonly path: string;
  readonly query?: Query;
  /** Headers to sign, by any-case name. `host` and `x-sdk-date` must be among them. */
  readonly headers: Readonly<Record<string, string>>;
  /** Exact body bytes sent; ignored when the headers carry X-Sdk-Content-Sha256. */
  readonly body?: string | Uint8Array;
}

export interface Canonical {
  readonly canonicalRequest: string;
  readonly signedHeaders: string;
}

/** Builds the canonical request of API.md §3.1 from the parts of a request. */
export function buildCanonicalRequest(input: CanonicalInput): Canonical {
  const entries = Object.entries(input.headers).map(([k, v]) => [k.toLowerCase(), String(v).trim()] as const);
  entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const signedHeaders = entries.map(([k]) => k).join(';');
  const headerBlock = entries.map(([k, v]) => `${k}:${v}\n`).join('');
  const contentSha = entries.find(([k]) => k === HEADER_CONTENT_SHA256.toLowerCase())?.[1];
  const payloadHash = contentSha || (input.body && input.body.length ? sha256Hex(input.body) : EMPTY_BODY_SHA256);
  const canonicalRequest = [
    input.method.toUpperCase(),
    canonicalUri(input.path),
    canonicalQueryString(input.query),
    headerBlock,
    signedHeaders,
    payloadHash,
  ].join('\n');
  return { canonicalRequest, signedHeaders };
}

/** StringToSign for a canonical request and X-Sdk-Date. */
export function stringToSign(canonicalRequest: string, sdkDate: string): string {
  return `${SIGNING_ALGORITHM}\n${sdkDate}\n${sha256Hex(canonicalRequest)}`;
}

/** HMAC-SHA256 signature (lower-case hex) of a StringToSign with the secret key. */
export function signature(secretKey: string, toSign: string): string {
  return createHmac('sha256', secretKey).update(toSign).digest('hex');
}

export interface SignInput {
  readonly method: string;
  /** Host as sent in the Host header (with the port when it is not the scheme's default). */
  readonly host: string;
  readonly path: string;
  readonly query?: Query;
  /** Headers to sign besides host and X-Sdk-Date (content-type, x-project-id, x-security-token, …). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
}

export interface SignResult {
  /** The input headers plus Host, X-Sdk-Date and Authorization: send exactly these. */
  readonly headers: Record<string, string>;
  readonly canonicalRequest: string;
  readonly stringToSign: string;
  readonly signature: string;
}

/** Signs a request with an access key / secret key pair at the given time. */
export function signRequest(input: SignInput, accessKey: string, secretKey: string, date: Date = new Date()): SignResult {
  const sdkDate = formatSdkDate(date);
  const headers: Record<string, string> = { ...input.headers, Host: input.host, [HEADER_DATE]: sdkDate };
  const names = Object.keys(headers).map((k) => k.toLowerCase());
  const contentType = Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
  if (!isJsonContentType(contentType) && !names.includes(HEADER_CONTENT_SHA256.toLowerCase())) {
    headers[HEADER_CONTENT_SHA256] = UNSIGNED_PAYLOAD;
  }
  const { canonicalRequest, signedHeaders } = buildCanonicalRequest({ ...input, headers });
  const toSign = stringToSign(canonicalRequest, sdkDate);
  const sig = signature(secretKey, toSign);
  headers.Authorization = `${SIGNING_ALGORITHM} Access=${accessKey}, SignedHeaders=${signedHeaders}, Signature=${sig}`;
  return { headers, canonicalRequest, stringToSign: toSign, signature: sig };
}

export interface ParsedAuthorization {
  readonly accessKey: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

/** Parses an `SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…` header; undefined if malformed. */
export function parseAuthorization(value: string | undefined): ParsedAuthorization | undefined {
  if (!value) return undefined;
  const m = /^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(value.trim());
  if (!m) return undefined;
  return { accessKey: m[1], signedHeaders: m[2].split(';'), signature: m[3] };
}

/** Constant-time comparison of two hex signatures. */
export function signaturesEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}
