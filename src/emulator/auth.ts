// AK/SK signature checking, the way the API gateway does it (API.md §3): rebuild the canonical
// request from what was received — method, raw path, raw query, the headers the client says it
// signed, the exact body bytes — and compare the HMAC with the secret key looked up by access key.
// It reuses src/api/signer.ts, so client and emulator can only drift from the real gateway together
// (the signer's agreement test with the official SDK guards that).
import { decodeOrKeep } from '../api/decode';
import {
  buildCanonicalRequest,
  formatSdkDate,
  HEADER_DATE,
  parseAuthorization,
  parseQueryString,
  parseSdkDate,
  signature,
  signaturesEqual,
  stringToSign,
} from '../api/signer';

/** An access key pair the emulator accepts; with `securityToken` it is a temporary pair. */
export interface EmulatorCredential {
  accessKey: string;
  secretKey: string;
  /** When set, requests must carry this X-Security-Token, and sign it. */
  securityToken?: string;
  /** The IAM account (domain) the key belongs to: it sees only that domain's projects. Default: the demo domain. */
  domainId?: string;
}

/** What the server needs from a request to check it (no node:http types, so it is easy to test). */
export interface ReceivedRequest {
  method: string;
  /** The request target as received (`req.url`): raw path and query. */
  rawUrl: string;
  /** Lower-case header names, as node:http gives them. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Uint8Array;
}

export type AuthResult =
  | { ok: true; accessKey: string }
  | { ok: false; status: 401; errorCode: string; errorMsg: string; accessKey?: string };

const IAM_PREFIX = 'Incorrect IAM authentication information: ';

/** Sub-messages of APIGW.0301 (API.md §4.2). */
export const AUTH_MESSAGES = {
  missing: 'Authorization not found',
  unknownKey: 'Get secretKey failed',
  badSignature: 'verify aksk signature fail',
  badToken: 'security token invalid',
} as const;

/**
 * error_msg of the clock-skew refusal. The code APIGW.0303 and the "time:… expired" wording follow
 * the gateway FAQ excerpt (API.md §4.2); the exact text is UNVERIFIED, hence one function to change.
 */
export function expiredMessage(nowMs: number, sdkDate: string): string {
  return `${IAM_PREFIX}current ts:${formatSdkDate(new Date(nowMs))}, time:${sdkDate} expired`;
}

function fail(errorCode: string, detail: string, accessKey?: string): AuthResult {
  return { ok: false, status: 401, errorCode, errorMsg: IAM_PREFIX + detail, accessKey };
}

function header(headers: ReceivedRequest['headers'], name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

/** Splits the raw path on `/` and decodes each segment; buildCanonicalRequest re-encodes them. */
function decodedPath(rawPath: string): string {
  return rawPath.split('/').map(decodeOrKeep).join('/');
}

/** Checks the SDK-HMAC-SHA256 signature and the date of a request. */
export function verifyRequest(
  req: ReceivedRequest,
  credentials: ReadonlyMap<string, EmulatorCredential>,
  nowMs: number,
  maxSkewMs: number,
): AuthResult {
  const authorization = header(req.headers, 'authorization');
  if (!authorization) return fail('APIGW.0301', AUTH_MESSAGES.missing);
  const parsed = parseAuthorization(authorization);
  if (!parsed) return fail('APIGW.0301', AUTH_MESSAGES.badSignature);
  const signed = parsed.signedHeaders.map((h) => h.toLowerCase());
  const dateName = HEADER_DATE.toLowerCase();
  if (!signed.includes('host') || !signed.includes(dateName)) {
    return fail('APIGW.0301', AUTH_MESSAGES.badSignature, parsed.accessKey);
  }

  const sdkDate = header(req.headers, dateName) ?? '';
  const date = parseSdkDate(sdkDate.trim());
  if (!date || Math.abs(nowMs - date.getTime()) > maxSkewMs) {
    return fail('APIGW.0303', expiredMessage(nowMs, sdkDate).slice(IAM_PREFIX.length), parsed.accessKey);
  }

  const credential = credentials.get(parsed.accessKey);
  if (!credential) return fail('APIGW.0301', AUTH_MESSAGES.unknownKey, parsed.accessKey);

  if (credential.securityToken !== undefined) {
    const token = header(req.headers, 'x-security-token');
    if (token === undefined || !signed.includes('x-security-token') || !signaturesEqual(token, credential.securityToken)) {
      return fail('APIGW.0301', AUTH_MESSAGES.badToken, parsed.accessKey);
    }
  }

  const headers: Record<string, string> = {};
  for (const name of signed) {
    const value = header(req.headers, name);
    if (value === undefined) return fail('APIGW.0301', AUTH_MESSAGES.badSignature, parsed.accessKey);
    headers[name] = value;
  }
  const q = req.rawUrl.indexOf('?');
  const rawPath = q < 0 ? req.rawUrl : req.rawUrl.slice(0, q);
  const rawQuery = q < 0 ? '' : req.rawUrl.slice(q + 1);
  const { canonicalRequest } = buildCanonicalRequest({
    method: req.method,
    path: decodedPath(rawPath),
    query: parseQueryString(rawQuery),
    headers,
    body: req.body,
  });
  const expected = signature(credential.secretKey, stringToSign(canonicalRequest, sdkDate.trim()));
  if (!signaturesEqual(expected, parsed.signature)) return fail('APIGW.0301', AUTH_MESSAGES.badSignature, parsed.accessKey);
  return { ok: true, accessKey: parsed.accessKey };
}
