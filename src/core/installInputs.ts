// What an install leaves at the template's defaults (FIDELITY #3). The cloud fills in every
// parameter an install leaves out with the version's default, so the confirmation says which
// defaults stay as they are; the install itself sends only what the user chose.
import { isJsonObject, jsonEqual } from '../api/mergePatch';

export interface KeptDefault {
  /** Dotted path of the parameter, e.g. `custom.ndots`. */
  path: string;
  value: unknown;
}

/**
 * The leaves of `defaults` (objects are walked, arrays and scalars are leaves) that `chosen` leaves
 * out or sets to the same value. `chosen` undefined: every default is kept.
 */
export function keptDefaults(defaults: unknown, chosen: unknown, prefix = ''): KeptDefault[] {
  if (!isJsonObject(defaults)) return chosen === undefined || jsonEqual(defaults, chosen) ? [{ path: prefix, value: defaults }] : [];
  if (chosen !== undefined && !isJsonObject(chosen)) return [];
  const out: KeptDefault[] = [];
  for (const [key, value] of Object.entries(defaults)) {
    out.push(...keptDefaults(value, chosen?.[key], prefix ? `${prefix}.${key}` : key));
  }
  return out;
}

/** `path = value` lines, at most `max` of them (values cut at 60 characters), then how many more. */
export function describeKept(kept: readonly KeptDefault[], max = 8): { lines: string[]; more: number } {
  const lines = kept.slice(0, max).map((k) => {
    const text = JSON.stringify(k.value) ?? String(k.value);
    return `${k.path} = ${text.length > 60 ? `${text.slice(0, 59)}…` : text}`;
  });
  return { lines, more: Math.max(0, kept.length - max) };
}
