// Where `status.phase` sits in a plug-in document. The text is always our own 2-space
// pretty-printing, so `status` is a top-level key and `phase` is one of its direct members.

export interface PhaseLocation {
  line: number;
  /** Column range of the phase value, quotes excluded. */
  start: number;
  end: number;
  phase: string;
}

export function findPhase(text: string): PhaseLocation | undefined {
  const lines = text.split('\n');
  const status = lines.findIndex((l) => /^ {2}"status": \{$/.test(l));
  if (status < 0) return undefined;
  for (let i = status + 1; i < lines.length && !/^ {2}\}/.test(lines[i]); i++) {
    const m = /^( {4}"phase": ")((?:[^"\\]|\\.)*)"/.exec(lines[i]);
    if (m) return { line: i, start: m[1].length, end: m[1].length + m[2].length, phase: JSON.parse(`"${m[2]}"`) as string };
  }
  return undefined;
}

/** The line of `status.values` in the same pretty-printing, or -1. */
export function findStatusValuesLine(text: string): number {
  const lines = text.split('\n');
  const status = lines.findIndex((l) => /^ {2}"status": \{$/.test(l));
  if (status < 0) return -1;
  for (let i = status + 1; i < lines.length && !/^ {2}\}/.test(lines[i]); i++) {
    if (/^ {4}"values": /.test(lines[i])) return i;
  }
  return -1;
}
