// The one condition wait of the test suites (unit, host, benches): poll `check` until it returns a
// truthy value, or fail naming what was awaited and the last error `check` threw. Wait for a
// condition, never a fixed time.
import * as assert from 'assert';

export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last}` : ''}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
