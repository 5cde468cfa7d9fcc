// The one parser of text that must hold a JSON object (an edited plug-in, an install's inputs, the
// CLI's --inputs), with its one message: the parser's own reason (with its position), or that the
// value is not an object. Callers name what they parsed and say what follows (nothing was sent).
import * as l10n from '@vscode/l10n';
import { isJsonObject, type JsonObject } from '../api/mergePatch';

export type ParsedJsonObject = { ok: true; value: JsonObject } | { ok: false; message: string };

/**
 * Parses `text` as one JSON object. `subject` names it at the start of the message ("The
 * document"); `shape`, when given, says what the object holds after "must be a JSON object".
 */
export function parseJsonObject(text: string, subject: string, shape?: string): ParsedJsonObject {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: l10n.t('{0} is not valid JSON: {1}.', subject, (e as Error).message) };
  }
  if (!isJsonObject(value)) {
    return { ok: false, message: shape ? l10n.t('{0} must be a JSON object with {1}.', subject, shape) : l10n.t('{0} must be a JSON object.', subject) };
  }
  return { ok: true, value };
}
