// The one abortable sleep (src/api/sleep.ts), alone and where the client waits with it: the back-off
// between retries ends as soon as the caller cancels.
import * as assert from 'assert';
import { ProjectRef } from '../../src/api';
import { sleep } from '../../src/api/sleep';
import { Emulator, startEmulator } from '../../src/emulator/server';
import { emulatorClient, rejects } from './helpers/client';
import { PROJECT_CN_NORTH_4 } from '../../src/emulator/seed';

suite('abortable sleep', () => {
  test('resolves true once the time has run out', async () => {
    const started = Date.now();
    assert.strictEqual(await sleep(50), true);
    assert.ok(Date.now() - started >= 45, `woke after ${Date.now() - started} ms`);
  });

  test('resolves false as soon as the signal aborts', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 20);
    const started = Date.now();
    assert.strictEqual(await sleep(5000, ac.signal), false);
    assert.ok(Date.now() - started < 1000, `woke after ${Date.now() - started} ms`);
  });

  test('resolves false at once when the signal has already aborted', async () => {
    const ac = new AbortController();
    ac.abort();
    const started = Date.now();
    assert.strictEqual(await sleep(5000, ac.signal), false);
    assert.ok(Date.now() - started < 1000, `woke after ${Date.now() - started} ms`);
  });

  suite('in the client', () => {
    let emu: Emulator;
    suiteSetup(async () => {
      emu = await startEmulator();
    });
    suiteTeardown(() => emu.close());

    test('cancelling during the back-off between retries ends the call at once, as cancelled, with nothing more sent', async () => {
      const P: ProjectRef = { id: PROJECT_CN_NORTH_4.id, region: 'cn-north-4' };
      emu.faults.add({ method: 'GET', path: '/pools$', status: 503 });
      const attempts: number[] = [];
      const ac = new AbortController();
      const client = emulatorClient(emu, {
        backoffBaseMs: 10_000, backoffMaxMs: 10_000,
        onRequest: (e) => {
          attempts.push(e.attempt);
          setTimeout(() => ac.abort(), 20); // the first attempt has ended: the client now backs off
        },
      });
      const started = Date.now();
      const err = await rejects(client.listPools(P, { signal: ac.signal }));
      assert.strictEqual(err.kind, 'cancelled');
      assert.ok(Date.now() - started < 3000, `ended after ${Date.now() - started} ms, not at once`);
      assert.deepStrictEqual(attempts, [1, 2], 'the attempt after the back-off sends nothing and is cancelled');
      assert.strictEqual(emu.requests.filter((r) => r.path.endsWith('/pools')).length, 1, 'one request reached the emulator');
    });
  });
});
