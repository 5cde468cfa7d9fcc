// What the client's transport (node-fetch 3, src/api/agents.ts) must keep true, each shown against
// the emulator over loopback: cut-off bodies, abort and time-out closing the socket, no redirect
// followed, content codings, Retry-After and x-request-id, keep-alive reuse (the emulator counts
// the connections that carried requests and numbers them in its request log).
import * as assert from 'assert';
import type { ClientOptions, ModelArtsClient, ProjectRef } from '../../src/api';
import { Emulator, startEmulator } from '../../src/emulator/server';
import { POOL_IDS, PROJECT_CN_NORTH_4 } from '../../src/emulator/seed';
import { emulatorClient, rejects } from './helpers/client';
import { waitFor } from './helpers/waitFor';

const P: ProjectRef = { id: PROJECT_CN_NORTH_4.id, region: 'cn-north-4' };
const POOL = POOL_IDS.autoPoolOs;

suite('transport (node-fetch) against the emulator', () => {
  let emu: Emulator;

  const client = (overrides: Partial<ClientOptions> = {}): ModelArtsClient => emulatorClient(emu, overrides);

  suiteSetup(async () => {
    emu = await startEmulator();
  });
  suiteTeardown(() => emu.close());
  setup(() => emu.reset());

  test('a body cut off mid-way is an error, never a short document', async () => {
    const full = (await client().listPlugins(P, POOL)).text;
    emu.faults.add({ method: 'GET', path: '/plugins$', cutBodyAtBytes: Math.floor(full.length / 2), times: 1 });
    const err = await rejects(client({ retries: 0 }).listPlugins(P, POOL));
    assert.strictEqual(err.kind, 'network');
    assert.strictEqual(err.status, 200, 'the status line had arrived');
    assert.match(err.message, new RegExp(`GET /v2/${P.id}/pools/${POOL}/plugins answered HTTP 200, but the answer could not be read whole`));
    assert.ok(err.retryable);
    // a read retries it and then gets the whole document
    emu.faults.add({ method: 'GET', path: '/plugins$', cutBodyAtBytes: 10, times: 1 });
    assert.strictEqual((await client().listPlugins(P, POOL)).text, full);
  });

  test('a cut-off DELETE answer is an error and is not sent again', async () => {
    emu.faults.add({ method: 'DELETE', cutBodyAtBytes: 5 });
    const err = await rejects(client().deletePlugin(P, POOL, 'node-local-dns'));
    assert.strictEqual(err.kind, 'network');
    assert.strictEqual(emu.requests.filter((r) => r.method === 'DELETE').length, 1);
  });

  for (const phase of ['before the headers', 'while reading the body'] as const) {
    const fault = phase === 'before the headers' ? { latencyMs: 5000 } : { slowBodyMs: 5000 };

    test(`cancelling ${phase} closes the connection`, async () => {
      emu.faults.add({ method: 'GET', path: '/pools$', ...fault, times: 1 });
      const ac = new AbortController();
      const call = rejects(client().listPools(P, { signal: ac.signal }));
      await waitFor('the request to arrive', () => emu.connections().busy === 1, 2000);
      const openBefore = emu.connections().open;
      ac.abort();
      assert.strictEqual((await call).kind, 'cancelled');
      await waitFor('the connection to close', () => emu.connections().busy === 0, 1000);
      assert.strictEqual(emu.connections().open, openBefore - 1, 'the socket is closed, not returned to the pool');
    });

    test(`a time-out ${phase} closes the connection`, async () => {
      emu.faults.add({ method: 'GET', path: '/pools$', ...fault, times: 1 });
      const call = rejects(client({ retries: 0, timeoutMs: 300 }).listPools(P));
      await waitFor('the request to arrive', () => emu.connections().busy === 1, 2000);
      const openBefore = emu.connections().open;
      const err = await call;
      assert.strictEqual(err.kind, 'timeout');
      assert.match(err.message, /timed out after 0\.3 s/);
      await waitFor('the connection to close', () => emu.connections().busy === 0, 1000);
      assert.strictEqual(emu.connections().open, openBefore - 1);
    });
  }

  test('no redirect is followed: a 3xx is an error that names the location', async () => {
    const elsewhere = 'http://127.0.0.2:9/v2/elsewhere';
    for (const status of [301, 302, 303, 307, 308]) {
      emu.reset();
      emu.faults.add({ status, headers: { Location: elsewhere }, times: 1 });
      const err = await rejects(client().listPools(P));
      assert.strictEqual(err.kind, 'http');
      assert.strictEqual(err.status, status);
      assert.ok(!err.retryable, `${status} is not retried`);
      assert.ok(err.message.includes(`was redirected (HTTP ${status}) to ${elsewhere}`), err.message);
      assert.strictEqual(emu.requests.length, 1, 'one request, nothing sent after it');
    }
    emu.reset();
    emu.faults.add({ method: 'DELETE', status: 307, headers: { Location: `${emu.url}/v2/other` } });
    const err = await rejects(client().deletePlugin(P, POOL, 'node-local-dns'));
    assert.match(err.message, /redirected \(HTTP 307\)/);
    assert.deepStrictEqual(emu.requests.map((r) => r.method), ['DELETE']);
  });

  test('a gzip, deflate or br answer is decoded to the same text', async () => {
    const plain = (await client().listPlugins(P, POOL)).text;
    for (const coding of ['gzip', 'deflate', 'br']) {
      emu.faults.add({ method: 'GET', path: '/plugins$', contentEncoding: coding, times: 1 });
      const r = await client().listPlugins(P, POOL);
      assert.strictEqual(r.text, plain, coding);
      assert.ok(r.data.items.length > 0);
    }
    assert.ok(emu.requests.every((r) => r.status === 200) && emu.requests.filter((r) => r.fault).length === 3);
  });

  test('an answer in a content coding not asked for is refused clearly', async () => {
    emu.faults.add({ method: 'GET', path: '/pools$', contentEncoding: 'zstd' });
    const err = await rejects(client().listPools(P));
    assert.strictEqual(err.kind, 'response');
    assert.match(err.message, /content coding "zstd", which was not asked for \(gzip, deflate, br\)/);
  });

  test('Retry-After and x-request-id are read, on errors and on success', async () => {
    emu.faults.add({ method: 'DELETE', status: 429, retryAfter: 7 });
    const err = await rejects(client().deletePlugin(P, POOL, 'node-local-dns'));
    assert.strictEqual(err.retryAfterSeconds, 7);
    assert.strictEqual(err.requestId, emu.requests[0].requestId);
    const ok = await client().listPools(P);
    assert.strictEqual(ok.requestId, emu.requests[1].requestId);
    assert.match(ok.requestId ?? '', /^[0-9a-f]{32}$/);
  });

  test('connections are kept alive and reused', async () => {
    const c = client();
    for (let i = 0; i < 20; i++) await c.listPools(P);
    const ids = new Set(emu.requests.map((r) => r.connection));
    assert.strictEqual(ids.size, 1, `20 requests in a row used ${ids.size} connections`);
    assert.ok(emu.connections().opened <= 1, JSON.stringify(emu.connections()));

    emu.reset();
    emu.setConfig({ latencyMs: 20 });
    const bounded = client({ maxConcurrent: 4 });
    await Promise.all(Array.from({ length: 40 }, () => bounded.listPools(P)));
    const used = new Set(emu.requests.map((r) => r.connection));
    assert.strictEqual(emu.requests.length, 40);
    assert.ok(used.size <= 4, `40 requests, 4 at a time, used ${used.size} connections`);
    assert.ok(emu.connections().opened <= 4, JSON.stringify(emu.connections()));
  });
});
