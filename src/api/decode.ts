// Percent-decoding that never throws: what arrives on the wire (a path segment, a query name or
// value) may carry a `%` that starts no valid escape, and the gateway then works with the text as
// sent. The signature check (the path and query it rebuilds) and the emulator's router decode alike
// through this one function.

/** `decodeURIComponent(s)`, or `s` unchanged when it is not valid percent-encoding. */
export function decodeOrKeep(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
