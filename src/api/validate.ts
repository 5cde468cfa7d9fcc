// Names travel in URL paths, where the gateway and the SDKs disagree on escaping (API.md §3.3), so
// anything outside the unreserved set is refused before a request is built: nothing is sent.
import { validationError } from './errors';

const NAME = /^[A-Za-z0-9._~-]+$/;
const MAX_LENGTH = 128;

/** Throws a validation ApiError unless `value` is a non-empty, bounded, URL-safe name. */
export function assertName(what: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw validationError(`The ${what} is missing.`);
  }
  if (value.length > MAX_LENGTH) {
    throw validationError(`The ${what} is too long (${value.length} characters; at most ${MAX_LENGTH}).`);
  }
  if (!NAME.test(value) || value === '.' || value === '..') {
    throw validationError(
      `The ${what} "${printable(value)}" is not valid: use only letters, digits and . _ ~ - (nothing was sent).`,
    );
  }
  return value;
}

/** Shows a rejected name without control characters and cut to a readable length. */
function printable(value: string): string {
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 60 ? clean.slice(0, 60) + '…' : clean;
}
