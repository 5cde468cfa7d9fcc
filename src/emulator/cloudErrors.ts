// The error answers of the emulated cloud, in one place. Codes and texts come from API.md §4; the
// ones marked UNVERIFIED there are guesses and are kept here so a better source is a one-line change.

export interface ErrorReply {
  status: number;
  body: Record<string, string>;
}

/** A ModelArts service error: `{error_code, error_msg}`. */
export function modelArtsError(status: number, errorCode: string, errorMsg: string): ErrorReply {
  return { status, body: { error_code: errorCode, error_msg: errorMsg } };
}

/** An API-gateway error: the same two fields plus `request_id` (API.md §4.2). */
export function gatewayError(status: number, errorCode: string, errorMsg: string, requestId: string): ErrorReply {
  return { status, body: { error_msg: errorMsg, error_code: errorCode, request_id: requestId } };
}

export const BAD_REQUEST_CODE = 'ModelArts.50004000';

export const MESSAGES = {
  badRequest: 'Bad request.',
  poolNotFound: 'pool not found',
  projectMismatch: 'The project id in the URL does not match the credentials.',
  apiNotFound: 'The API does not exist or has not been published in the environment.',
  internal: 'internal error',
  /** UNVERIFIED: what ShowPlugin / DeletePlugin answer for a template that is not installed (API.md §7). */
  notInstalled: (plugin: string, pool: string) => `Bad request. Plug-in ${plugin} is not installed in pool ${pool}.`,
  /** ShowPlugin's documented 400 example: a pool the plug-in paths do not know (FIDELITY #6). */
  invalidNodepool: 'Bad request. invalid nodepool name',
  /** UNVERIFIED: a second DELETE while the first is still running. */
  alreadyDeleting: (plugin: string) => `Bad request. Plug-in ${plugin} is already being deleted.`,
  /** UNVERIFIED: installing a template that is already installed. */
  alreadyInstalled: (plugin: string, pool: string) => `Bad request. Plug-in ${plugin} is already installed in pool ${pool}.`,
  templateNotFound: (template: string) => `Plugintemplate ${template} not found.`,
  /** UNVERIFIED: installing or upgrading to a version the template does not have. */
  unknownVersion: (template: string) => `Bad request. The version is not a version of plugin template ${template}.`,
  /** UNVERIFIED: a PATCH of a plug-in that is being uninstalled. */
  beingDeleted: (plugin: string) => `Bad request. Plug-in ${plugin} is being deleted.`,
  /** UNVERIFIED: a PATCH whose spec.template.name is not the plug-in's template. */
  nameChange: (plugin: string) => `Bad request. The template name of plug-in ${plugin} cannot be changed.`,
  /** UNVERIFIED (API.md §1.8, §7): a PATCH without the merge-patch content type. */
  contentType: 'Content type not supported',
} as const;

export const notInstalled = (plugin: string, pool: string) => modelArtsError(400, BAD_REQUEST_CODE, MESSAGES.notInstalled(plugin, pool));
export const invalidNodepoolName = () => modelArtsError(400, BAD_REQUEST_CODE, MESSAGES.invalidNodepool);
export const poolNotFound = () => modelArtsError(404, 'ModelArts.50015001', MESSAGES.poolNotFound);
export const projectMismatch = () => modelArtsError(403, 'ModelArts.0210', MESSAGES.projectMismatch);
export const badRequest = (msg: string = MESSAGES.badRequest) => modelArtsError(400, BAD_REQUEST_CODE, msg);
export const templateNotFound = (t: string) => modelArtsError(404, 'ModelArts.50005101', MESSAGES.templateNotFound(t));
export const unsupportedContentType = () => modelArtsError(400, 'ModelArts.50004100', MESSAGES.contentType);
export const internalError = () => modelArtsError(500, 'ModelArts.50005000', MESSAGES.internal);
export const apiNotFound = (requestId: string) => gatewayError(404, 'APIGW.0101', MESSAGES.apiNotFound, requestId);

/** The body an injected fault answers with when the rule gives a status but no body. */
export function faultBody(status: number, requestId: string): Record<string, string> {
  if (status < 400) return {};
  switch (status) {
    case 429:
      return gatewayError(429, 'APIGW.0308', 'The throttling threshold has been reached: policy user over ratelimit,limit:200,time:1 second', requestId).body;
    case 500:
      return modelArtsError(500, 'ModelArts.50005000', MESSAGES.internal).body;
    case 502:
      return gatewayError(502, 'APIGW.0201', 'Bad gateway', requestId).body;
    case 503:
      return gatewayError(503, 'APIGW.0201', 'Backend unavailable', requestId).body;
    case 504:
      return gatewayError(504, 'APIGW.0201', 'Backend timeout', requestId).body;
    case 400:
      return badRequest().body;
    case 401:
      return gatewayError(401, 'APIGW.0301', 'Incorrect IAM authentication information: verify aksk signature fail', requestId).body;
    case 403:
      return modelArtsError(403, 'ModelArts.0108', 'You are not authorized to perform this operation.').body;
    case 404:
      return apiNotFound(requestId).body;
    default:
      return modelArtsError(status, 'ModelArts.50005000', `Injected fault (HTTP ${status})`).body;
  }
}
