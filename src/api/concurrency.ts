// Bounds how many requests are in flight, so expanding fifty pools at once neither floods the
// gateway (and its throttling) nor waits for each pool in turn.

/** A counting semaphore that also records the peak of concurrent holders. */
export class Semaphore {
  private waiting: (() => void)[] = [];
  active = 0;
  peak = 0;

  constructor(private readonly limit: number) {
    if (!(limit >= 1)) throw new RangeError('limit must be at least 1');
  }

  /** Runs `task` once a slot is free, and frees the slot when it settles. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    // a finishing task hands its slot straight to the next waiter, so no newcomer can slip in between
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    this.peak = Math.max(this.peak, this.active);
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
