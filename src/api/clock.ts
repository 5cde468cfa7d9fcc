// Clock skew: the gateway refuses a signature whose X-Sdk-Date is more than 15 minutes off its own
// clock, and laptops and VMs drift. Every answer's `Date` header tells how far off we are; past 5
// minutes we sign with the corrected time, per endpoint (each gateway has its own clock). The
// client re-signs and retries once a request refused for skew (writes too: the gateway refused it
// before anything happened).

/** Offsets smaller than this are left alone (the `Date` header only has whole seconds, and 5 minutes is far from the gateway's 15). */
export const SKEW_TOLERANCE_MS = 5 * 60 * 1000;

/** Per-endpoint clock offsets learnt from `Date` headers. */
export class ClockOffsets {
  private readonly offsets = new Map<string, number>();
  private readonly reported = new Set<string>();

  constructor(private readonly onNotice?: (message: string) => void) {}

  /** Milliseconds to add to this machine's clock for `host`. */
  offset(host: string): number {
    return this.offsets.get(host) ?? 0;
  }

  /**
   * Updates the offset of `host` from a `Date` header seen at `localMs`; true when the offset changed.
   * Within the tolerance the offset goes back to 0 (the clock is fine, or was corrected).
   */
  observe(host: string, dateHeader: string | null, localMs: number): boolean {
    if (!dateHeader) return false;
    const server = Date.parse(dateHeader);
    if (Number.isNaN(server)) return false;
    const diff = server - localMs;
    const next = Math.abs(diff) > SKEW_TOLERANCE_MS ? diff : 0;
    const previous = this.offset(host);
    if (next === previous) return false;
    // a 1-second wobble of the header must not count as a new offset
    if (next !== 0 && previous !== 0 && Math.abs(next - previous) < 2000) return false;
    if (next === 0) this.offsets.delete(host);
    else this.offsets.set(host, next);
    if (next !== 0 && !this.reported.has(host)) {
      this.reported.add(host);
      this.onNotice?.(describeOffset(host, next));
    }
    return true;
  }
}

/** "this computer's clock is 61 minutes behind the cloud's (host); correcting". */
export function describeOffset(host: string, offsetMs: number): string {
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  const amount = minutes >= 1 ? `${minutes} minute${minutes === 1 ? '' : 's'}` : `${Math.round(Math.abs(offsetMs) / 1000)} seconds`;
  return `This computer's clock is ${amount} ${offsetMs > 0 ? 'behind' : 'ahead of'} the cloud's (${host}); correcting the signing time.`;
}
