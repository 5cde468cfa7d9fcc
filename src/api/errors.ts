// One error type for everything a call can end in, so every front end (tree, commands, CLI) can
// say the same plain thing: what was asked, what the cloud (or the network) answered, what to do.
// No secret ever reaches these objects: they are built from the request line and the response.
// The advice goes through @vscode/l10n (no vscode import): English unless the extension loaded its
// bundle at activation (the CLI never does, so it stays English).
import * as l10n from '@vscode/l10n';

export type ApiErrorKind =
  /** The server answered with a status >= 400. */
  | 'http'
  /** The request did not finish within the time-out. */
  | 'timeout'
  /** Connection refused, reset, dropped, DNS failure, … */
  | 'network'
  /** Refused before sending: bad name, insecure URL, missing credentials. Nothing was sent. */
  | 'validation'
  /** A 2xx answer whose body is not the JSON we expect. */
  | 'response'
  /** The caller cancelled the request. */
  | 'cancelled';

export interface ApiErrorInit {
  kind: ApiErrorKind;
  message: string;
  method?: string;
  /** Path and query of the request, never the headers. */
  path?: string;
  status?: number;
  errorCode?: string;
  errorMsg?: string;
  requestId?: string;
  /** The response body as text, credential-like values hidden, cut to 500 characters. */
  body?: string;
  /** Seconds from Retry-After, when the server sent it. */
  retryAfterSeconds?: number;
  /** Sending again cannot help (an untrusted certificate), whatever the kind. */
  final?: boolean;
  cause?: unknown;
}

/** The most of a response body (or of its error_msg) an error keeps: errors are logged and shown. */
const BODY_LIMIT = 500;

/** Names of headers, fields and parameters that carry credentials (`Authorization`, `X-Security-Token`, `secret_key`, `Cookie`, …). */
const CREDENTIAL_NAME = /[\w-]*(?:authorization|token|secret|password|passwd|cookie|signature|credential|api[-_]?key|session[-_]?id)[\w-]*/.source;
/** Where such a value may sit in a body a gateway or proxy echoed: `"name": "value"`, `name: value` (to the end of the line), `name=value`. */
const CREDENTIAL_VALUES: [RegExp, string][] = [
  [new RegExp(`("${CREDENTIAL_NAME}"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi'), '$1"***"'],
  [new RegExp(`(\\b${CREDENTIAL_NAME}\\s*:[ \\t]*)(?:"(?:[^"\\\\]|\\\\.)*"|[^\\r\\n"]+)`, 'gi'), '$1***'],
  [new RegExp(`(\\b${CREDENTIAL_NAME}=)[^&\\s,;"]+`, 'gi'), '$1***'],
];

/** `text` with the value of every credential-like header, field or parameter replaced by `***`. */
export function redactCredentials(text: string): string {
  return CREDENTIAL_VALUES.reduce((t, [re, by]) => t.replace(re, by), text);
}

/** What an error keeps of a text from the cloud (body or error_msg): credentials hidden, then cut to BODY_LIMIT characters. */
function keepable(text: string): string {
  return cut(redactCredentials(text), BODY_LIMIT);
}

/** An error from a ModelArts or IAM call, or a request refused before sending. */
export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly method?: string;
  readonly path?: string;
  readonly status?: number;
  readonly errorCode?: string;
  readonly errorMsg?: string;
  readonly requestId?: string;
  readonly body?: string;
  readonly retryAfterSeconds?: number;
  private readonly final: boolean;

  constructor(init: ApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ApiError';
    this.kind = init.kind;
    this.method = init.method;
    this.path = init.path;
    this.status = init.status;
    this.errorCode = init.errorCode;
    this.errorMsg = init.errorMsg;
    this.requestId = init.requestId;
    this.body = init.body === undefined ? undefined : keepable(init.body); // every error is logged: never a whole body, never a credential
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.final = init.final ?? false;
  }

  /** True when sending the same request again may succeed (network, time-out, 429, 5xx). */
  get retryable(): boolean {
    if (this.final) return false;
    if (this.kind === 'network' || this.kind === 'timeout') return true;
    return this.kind === 'http' && (this.status === 429 || (this.status ?? 0) >= 500);
  }

  /** True when the gateway refused the signature's date: APIGW.0303, or a 401 that speaks of an expired date or time. */
  get isClockSkew(): boolean {
    return isClockSkewRefusal(this.status, this.errorCode, this.errorMsg);
  }

  /** True when the credentials were rejected (401, or APIGW.0301-style codes). */
  get isAuthError(): boolean {
    return this.status === 401 || /^APIGW?\.030[13]$/.test(this.errorCode ?? '');
  }

  /** A one-line description: the advice, then code, message and request id. */
  describe(): string {
    const parts = [this.message];
    if (this.errorCode && !this.message.includes(this.errorCode)) parts.push(`[${this.errorCode}]`);
    if (this.requestId) parts.push(`(request id ${this.requestId})`);
    return parts.join(' ');
  }
}

export function validationError(message: string): ApiError {
  return new ApiError({ kind: 'validation', message });
}

/** Reads `{error_code, error_msg}` and `{error: {code, message, title}}` bodies (API.md §4). */
export function parseErrorBody(text: string): { errorCode?: string; errorMsg?: string; json: boolean } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { json: false };
  }
  if (!data || typeof data !== 'object') return { json: true };
  const o = data as Record<string, unknown>;
  const nested = o.error && typeof o.error === 'object' ? (o.error as Record<string, unknown>) : undefined;
  const code = nested?.code ?? o.error_code;
  const msg = nested?.message ?? o.error_msg ?? nested?.title;
  return {
    errorCode: code === undefined || code === null ? undefined : String(code),
    errorMsg: msg === undefined || msg === null ? undefined : String(msg),
    json: true,
  };
}

/** Turns a non-2xx response into an ApiError whose message says what it means and what to do. */
/** `e` itself when it is an ApiError; anything else thrown wrapped as a `response` error with its message. */
export function asApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError({ kind: 'response', message: e instanceof Error ? e.message : String(e), cause: e });
}

export function httpError(init: {
  method: string;
  path: string;
  status: number;
  bodyText: string;
  requestId?: string;
  retryAfterSeconds?: number;
  /** The Location header of a 3xx answer. */
  location?: string;
}): ApiError {
  const parsed = parseErrorBody(init.bodyText);
  const { errorCode, json } = parsed;
  // JSON bodies too: a gateway's answer can be as long as the response cap and echo the request's headers
  const body = keepable(init.bodyText);
  const errorMsg = parsed.errorMsg === undefined ? undefined : keepable(parsed.errorMsg);
  return new ApiError({
    kind: 'http',
    message: adviceFor(init.status, errorCode, errorMsg, json ? undefined : body, init),
    method: init.method,
    path: init.path,
    status: init.status,
    errorCode,
    errorMsg,
    requestId: init.requestId,
    body,
    retryAfterSeconds: init.retryAfterSeconds,
  });
}

function isClockSkewRefusal(status: number | undefined, code: string | undefined, msg: string | undefined): boolean {
  if (/^APIGW?\.0303$/.test(code ?? '')) return true;
  return status === 401 && (/\b(date|time)\b/i.test(msg ?? '') || /signature expired/i.test(msg ?? ''));
}

/** At most `n` characters, the last one '…' when something was cut (cutting again changes nothing). */
function cut(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

function adviceFor(
  status: number,
  code: string | undefined,
  msg: string | undefined,
  text: string | undefined,
  req: { method: string; path: string; location?: string },
): string {
  const said = msg ?? (text ? l10n.t('the server answered: {0}', text.trim() || l10n.t('(empty body)')) : l10n.t('no message'));
  const c = code ?? '';
  if (isClockSkewRefusal(status, code, msg)) {
    return l10n.t('Request refused because of clock skew: check that this computer\'s clock is within 15 minutes of the real time. ({0})', said);
  }
  if (/^APIGW?\.0301$/.test(c) || status === 401) {
    return l10n.t('Signature rejected: check the access key, secret key and the computer\'s clock. ({0})', said);
  }
  if (c === 'ModelArts.50015001' || c === 'ModelArts.2890') {
    return l10n.t('Resource pool not found: it may have been deleted; refresh the view. ({0})', said);
  }
  if (c === 'ModelArts.50005101') return l10n.t('Plug-in template not found. ({0})', said);
  if (status === 403) {
    return l10n.t('Not permitted: the credentials lack the permission for {0}. Ask an administrator for ModelArts resource-pool permissions. ({1})', `${req.method} ${req.path}${c ? ` (${c})` : ''}`, said);
  }
  if (status >= 300 && status < 400) {
    return l10n.t('{0} was redirected (HTTP {1}) to {2}; signed requests are never sent on to another address. Check the endpoint setting: it may need https, or the address the redirect names.', `${req.method} ${req.path}`, status, req.location ?? l10n.t('(no Location given)'));
  }
  if (status === 429) return l10n.t('Throttled by the cloud: too many requests; wait a moment and try again. ({0})', said);
  if (status >= 500) return l10n.t('The cloud had an internal error (HTTP {0}); try again later. ({1})', status, said);
  if (status === 404) return l10n.t('Not found: {0}. ({1})', `${req.method} ${req.path}`, said);
  return l10n.t('{0} was refused with HTTP {1}: {2}', `${req.method} ${req.path}`, status, said);
}
