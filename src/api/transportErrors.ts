// What the transport says when a request fails: each failure becomes an ApiError whose message names
// the request and what fixes it (a proxy that wants a password, an untrusted certificate, a body
// that is not JSON or is in a content coding not asked for, a time-out, an answer cut off…).
// Plain functions, so the transport (transport.ts) stays the path of a request and this the wording.
import * as l10n from '@vscode/l10n';
import { ApiError, redactCredentials } from './errors';

/** A request as errors name it: its method, and its path with the query. */
export interface RequestLine {
  method: string;
  path: string;
}

/** The options that shape the messages (see ClientOptions). */
export interface ErrorHints {
  proxyFor?: (url: URL) => string | undefined;
  trustHint?: string;
}

/** What was known when a request failed. */
export interface FailureContext {
  status?: number;
  requestId?: string;
  timedOut: boolean;
  timeoutMs: number;
  /** The caller's signal had aborted. */
  cancelled: boolean;
  /** The endpoint's base URL, as configured, and the request's URL parsed. */
  base: string;
  url: URL;
  /** The largest answer read, in bytes. */
  maxResponseBytes: number;
}

const named = (req: RequestLine): string => `${req.method} ${req.path}`;

/** An answer in a content coding the request did not offer (`accepted`): it cannot be read. */
export function codingRefused(req: RequestLine, status: number, requestId: string | undefined, coding: string, accepted: string, base: string): ApiError {
  return new ApiError({
    kind: 'response', ...req, status, requestId,
    message: l10n.t('{0} answered in the content coding "{1}", which was not asked for ({2}) and cannot be read. Check the endpoint {3} or the proxy in between.', named(req), coding.slice(0, 40), accepted, base),
  });
}

/** A successful status whose body does not parse as JSON. */
export function notJson(req: RequestLine, status: number, requestId: string | undefined, text: string): ApiError {
  return new ApiError({
    kind: 'response', ...req, status, requestId, body: text.slice(0, 500),
    message: l10n.t('{0} answered HTTP {1} with a body that is not JSON: {2}', named(req), status, redactCredentials(text.slice(0, 500)) || l10n.t('(empty)')),
  });
}

/** HTTP 407: the proxy wants credentials. */
export function proxyRefused(req: RequestLine, url: URL, text: string, hints: ErrorHints): ApiError {
  const proxy = hints.proxyFor?.(url) ?? 'in between';
  return new ApiError({
    kind: 'http', ...req, status: 407, body: text.slice(0, 500),
    message: l10n.t('The proxy {0} refused {1}: it wants a user name and password (HTTP 407). Give them in the proxy URL (http://user:password@proxy:port), or ask for access.', proxy, named(req)),
  });
}

/** A GET that answered 2xx without what its endpoint always sends (`expected`); `endpoint` names what the base URL should be. */
export function unexpectedAnswer(r: { status: number; requestId?: string; text: string }, path: string, expected: string, endpoint: string): ApiError {
  return new ApiError({
    kind: 'response', method: 'GET', path, status: r.status, requestId: r.requestId, body: r.text.slice(0, 500),
    message: l10n.t('{0} answered without {1}; the endpoint may not be {2}.', `GET ${path}`, expected, endpoint),
  });
}

/** Whatever an attempt threw, as an ApiError: time-out, cancellation, size, certificate, proxy, network. */
export function toApiError(e: unknown, req: RequestLine, ctx: FailureContext, hints: ErrorHints): ApiError {
  if (e instanceof ApiError) return e;
  const base = { ...req, status: ctx.status, requestId: ctx.requestId, cause: e };
  if (ctx.timedOut) {
    return new ApiError({
      ...base, kind: 'timeout',
      message: ctx.status
        ? l10n.t('{0} timed out after {1} s while reading the answer. Try again, or raise "modelarts.requestTimeoutSeconds".', named(req), ctx.timeoutMs / 1000)
        : l10n.t('{0} timed out after {1} s. Try again, or raise "modelarts.requestTimeoutSeconds".', named(req), ctx.timeoutMs / 1000),
    });
  }
  if (ctx.cancelled) {
    return new ApiError({ ...base, kind: 'cancelled', message: l10n.t('{0} was cancelled.', named(req)) });
  }
  const code = (e as { code?: string }).code;
  if ((e as { type?: string }).type === 'max-size') {
    return new ApiError({
      ...base, kind: 'response',
      message: l10n.t('{0} answered with a body larger than {1} MB; it was not read. Check that {2} is a ModelArts endpoint.', named(req), ctx.maxResponseBytes / 2 ** 20, ctx.base),
    });
  }
  const certificate = code ? certificateProblem(code) : undefined;
  if (certificate) {
    return new ApiError({
      ...base, kind: 'network', final: true,
      message: l10n.t('{0}: the certificate of {1} {2} ({3}), so nothing was sent. If the endpoint uses a private certificate authority (Huawei Cloud Stack, a TLS-inspecting proxy), {4}.',
        named(req), ctx.url.host, certificate, String(code), hints.trustHint ?? trustHint()),
    });
  }
  const proxy = hints.proxyFor?.(ctx.url);
  const detail = (code ?? (e instanceof Error ? e.message : String(e))) + (proxy ? `, through the proxy ${proxy}` : '');
  if (proxy && ctx.status === undefined) {
    return new ApiError({
      ...base, kind: 'network',
      message: l10n.t('{0} failed before an answer arrived ({1}): the proxy {2} refused or dropped the connection to {3}. Check the proxy, or list the host in NO_PROXY to go direct.', named(req), detail, proxy, ctx.url.host),
    });
  }
  if (ctx.status !== undefined) {
    // the status line arrived, the body did not arrive whole (cut off, or not decodable)
    return new ApiError({
      ...base, kind: 'network',
      message: l10n.t('{0} answered HTTP {1}, but the answer could not be read whole ({2}). Try again; if it persists, check the network and the endpoint {3}.', named(req), ctx.status, detail, ctx.base),
    });
  }
  return new ApiError({
    ...base, kind: 'network',
    message: l10n.t('{0} failed before an answer arrived ({1}). Check the network and the endpoint {2}.', named(req), detail, ctx.base),
  });
}

const trustHint = (): string => l10n.t('trust its PEM file with the setting "{0}" (VS Code) or {1} (command line)', 'modelarts.caCertificates', '--ca-file / HUAWEICLOUD_SDK_CA_FILE');

/** What a TLS verification error code means, or undefined for any other error. */
function certificateProblem(code: string): string | undefined {
  switch (code) {
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'CERT_UNTRUSTED':
      return l10n.t('is not trusted: it is not signed by a certificate authority this computer trusts');
    case 'CERT_HAS_EXPIRED':
      return l10n.t('has expired');
    case 'CERT_NOT_YET_VALID':
      return l10n.t('is not valid yet (check this computer\'s clock)');
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return l10n.t('is for another host name');
    default:
      return undefined;
  }
}
