/** True when `text` reads as English words rather than data, codicons, identifiers or the brand. */
export function isEnglish(text: string): boolean;
/** Every untranslated English text shown to the user in `files` (relative to `root`, covered by root/tsconfig.json), as `file:line: text`. */
export function untranslatedStrings(root: string, files: readonly string[]): string[];
