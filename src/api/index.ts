// The public surface of the client library shared by the extension, the CLI and the emulator.
export * from './client';
export { MAX_RESPONSE_BYTES, parseRetryAfter } from './transport';
export type { ApiResult, FetchInit, FetchLike, FetchResponse, RequestLogEntry } from './transport';
export * from './credentials';
export * from './endpoints';
export * from './errors';
export * from './models';
export { formatSdkDate, signRequest } from './signer';
export { assertName } from './validate';
export * from './tracking';
export * from './templates';
