// Names travel in URL paths, where the gateway and the SDKs disagree on escaping (API.md §3.3), so
// anything outside the unreserved set is refused before a request is built: nothing is sent.
import * as l10n from '@vscode/l10n';
import { validationError } from './errors';

const NAME = /^[A-Za-z0-9._~-]+$/;
const MAX_LENGTH = 128;

/** Throws a validation ApiError unless `value` is a non-empty, bounded, URL-safe name; `what` names it in the user's language. */
export function assertName(what: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw validationError(l10n.t('The {0} is missing.', what));
  }
  if (value.length > MAX_LENGTH) {
    throw validationError(l10n.t('The {0} is too long ({1} characters; at most {2}).', what, value.length, MAX_LENGTH));
  }
  if (!NAME.test(value) || value === '.' || value === '..') {
    throw validationError(l10n.t('The {0} "{1}" is not valid: use only letters, digits and . _ ~ - (nothing was sent).', what, printable(value)));
  }
  return value;
}

/** Shows a rejected name without control characters and cut to a readable length. */
function printable(value: string): string {
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 60 ? clean.slice(0, 60) + '…' : clean;
}
