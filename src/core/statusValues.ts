// `status.values` (FIDELITY #9): the documents type it as a String holding the installation
// parameters, without saying how they are written. It is shown parsed where it is JSON and as sent
// otherwise; nothing assumes it is an object.

export type StatusValues =
  | { kind: 'absent' }
  /** Parsed from the JSON text, or already structured when a cloud sent it so. */
  | { kind: 'json'; value: unknown }
  /** A string that is not JSON, as sent. */
  | { kind: 'text'; text: string };

/** Reads `status.values` of any answer, well-formed or not. */
export function statusValues(plugin: unknown): StatusValues {
  const status = (plugin as { status?: unknown } | null | undefined)?.status;
  const values = status && typeof status === 'object' ? (status as { values?: unknown }).values : undefined;
  if (values === undefined || values === null) return { kind: 'absent' };
  if (typeof values !== 'string') return { kind: 'json', value: values };
  try {
    return { kind: 'json', value: JSON.parse(values) };
  } catch {
    return { kind: 'text', text: values };
  }
}

/** The values as text to show: pretty JSON where they parse, else the string as sent; undefined when absent. */
export function formatStatusValues(v: StatusValues): string | undefined {
  if (v.kind === 'absent') return undefined;
  return v.kind === 'json' ? JSON.stringify(v.value, null, 2) ?? String(v.value) : v.text;
}
