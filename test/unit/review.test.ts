// The vscode-free part of the defects a maintainer's review found (issue 18): what an error keeps of
// the cloud's answer (it is logged), and the agents kept per certificate-authority list.
import * as assert from 'assert';
import { ProjectRef, type ApiError, type RequestLogEntry } from '../../src/api';
import { MAX_CA_AGENTS, agentFor } from '../../src/api/agents';
import { Emulator, startEmulator } from '../../src/emulator/server';
import { POOL_IDS, PROJECT_CN_NORTH_4 } from '../../src/emulator/seed';
import { emulatorClient, rejects } from './helpers/client';

const P: ProjectRef = { id: PROJECT_CN_NORTH_4.id, region: 'cn-north-4' };
/** What a gateway or proxy echoes of the request: the signature, a temporary token, a cookie. */
const SIGNATURE = '7be2e1e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1';
const TOKEN = 'gQpzZWN1cml0eS10b2tlbi1ub3QtYS1yZWFsLW9uZQ';
const COOKIE = 'session-cookie-value-0001';

suite('review (issue 18): what errors keep', () => {
  let emu: Emulator;
  suiteSetup(async () => {
    emu = await startEmulator();
  });
  suiteTeardown(() => emu.close());
  setup(() => emu.reset());

  /** The error of one failing listPools, and what the client handed to its request log (what the extension's log writes). */
  async function failing(): Promise<{ err: ApiError; logged: ApiError }> {
    const entries: RequestLogEntry[] = [];
    const err = await rejects(emulatorClient(emu, { retries: 0, onRequest: (e) => entries.push(e) }).listPools(P));
    const logged = entries.find((e) => e.error)?.error;
    assert.ok(logged, 'the failure was handed to the request log');
    return { err, logged };
  }

  function assertKeepsNoCredential(e: ApiError): void {
    const text = [e.message, e.errorMsg, e.body, e.describe()].join('\n');
    for (const secret of [SIGNATURE, TOKEN, COOKIE]) assert.ok(!text.includes(secret), `a credential reached the error: ${text.slice(0, 300)}`);
  }

  test('REVIEW #7 a JSON error body is cut to 500 characters and keeps no credential a gateway echoed', async () => {
    const echo = {
      error_code: 'APIGW.0101',
      error_msg: `The API does not exist or has not been published. Request headers: Authorization: SDK-HMAC-SHA256 Access=DEMOACCESSKEY00000000, SignedHeaders=host;x-sdk-date, Signature=${SIGNATURE}`,
      request: { headers: { Authorization: `SDK-HMAC-SHA256 Access=DEMOACCESSKEY00000000, SignedHeaders=host;x-sdk-date, Signature=${SIGNATURE}`, 'X-Security-Token': TOKEN, Cookie: COOKIE } },
      padding: 'x'.repeat(200_000),
    };
    emu.faults.add({ method: 'GET', path: '/pools$', status: 404, body: JSON.stringify(echo) });
    const { err, logged } = await failing();
    for (const e of [err, logged]) {
      assert.strictEqual(e.errorCode, 'APIGW.0101', 'the code is still read from the whole body');
      assert.ok((e.body ?? '').length <= 500, `body of ${e.body?.length} characters`);
      assert.ok(e.message.length <= 1000, `message of ${e.message.length} characters`);
      assert.match(e.message, /does not exist or has not been published/);
      assertKeepsNoCredential(e);
    }
  });

  test('REVIEW #7 a non-JSON error body that echoes the request headers keeps none of their credentials', async () => {
    const page = `<html><body><h1>400 Bad Request</h1><pre>GET /v2/${P.id}/pools HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: SDK-HMAC-SHA256 Access=DEMOACCESSKEY00000000, SignedHeaders=host;x-sdk-date, Signature=${SIGNATURE}\r\nX-Security-Token: ${TOKEN}\r\nCookie: ${COOKIE}\r\n</pre></body></html>`;
    emu.faults.add({ method: 'GET', path: '/pools$', status: 400, nonJson: page, contentType: 'text/html' });
    const { err, logged } = await failing();
    for (const e of [err, logged]) {
      assert.match(e.message, /400 Bad Request/);
      assert.ok((e.body ?? '').length <= 500);
      assertKeepsNoCredential(e);
    }
  });

  test('REVIEW #7 a plain refusal keeps its message whole', async () => {
    emu.faults.add({ method: 'GET', path: '/pools$', status: 404, body: JSON.stringify({ error_code: 'ModelArts.50015001', error_msg: `pool ${POOL_IDS.autoPoolOs} not found` }) });
    const { err } = await failing();
    assert.strictEqual(err.errorMsg, `pool ${POOL_IDS.autoPoolOs} not found`);
    assert.strictEqual(err.body, JSON.stringify({ error_code: 'ModelArts.50015001', error_msg: `pool ${POOL_IDS.autoPoolOs} not found` }));
  });
});

suite('review (issue 18): agents', () => {
  test('REVIEW #8 agents per certificate-authority list are bounded: the least recently asked for is let go of', () => {
    const ca = (i: number): string[] => [`-----BEGIN CERTIFICATE-----\nreview-${i}-${process.pid}\n-----END CERTIFICATE-----`];
    const first = agentFor(true, ca(0));
    const kept = agentFor(true, ca(1));
    assert.strictEqual(agentFor(true, ca(0)), first, 'the same list gets the same agent');
    for (let i = 2; i < 200; i++) {
      agentFor(true, ca(i));
      if (i % 4 === 0) assert.strictEqual(agentFor(true, ca(1)), kept, `a list in use keeps its agent (after ${i} others)`);
    }
    assert.notStrictEqual(agentFor(true, ca(0)), first, `after 200 other lists the first one's agent is gone (at most ${MAX_CA_AGENTS} are kept)`);
  });
});
