// The emulator, over loopback: routes and shapes, the plug-in lifecycles, signature checking with
// the real algorithm, fault injection, the control API, and the built command-line entry.
import * as assert from 'assert';
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import * as http from 'http';
import * as https from 'https';
import * as tls from 'tls';
import { tmpdir } from 'os';
import * as path from 'path';
import { createInterface } from 'readline';
import { gunzipSync } from 'zlib';
import { buildCanonicalRequest, formatSdkDate, signature, signRequest, stringToSign } from '../../src/api/signer';
import { DEMO_CREDENTIALS, POOL_IDS, PROJECT_AP_SOUTHEAST_1, PROJECT_BENCH, PROJECT_CN_NORTH_4, PROJECT_CN_SOUTH_1, PROJECT_ML_TEAM, PROJECT_MOS } from '../../src/emulator/seed';
import { loadScenarioFile } from '../../src/emulator/scenario';
import { MUTATION_KINDS } from '../../src/emulator/mutate';
import { startEmulator, type Emulator } from '../../src/emulator/server';
import { control, signedFetch, signedRequestInit, type SignedFetchOptions } from './helpers/signedFetch';
import { waitFor } from './helpers/waitFor';

const PID = PROJECT_CN_NORTH_4.id;

function httpsGet(url: string, options: https.RequestOptions = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    https.get(url, { ...options, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c) => (text += c)).on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    }).on('error', reject);
  });
}
const AUTO = POOL_IDS.autoPoolOs;
const HEX32 = /^[0-9a-f]{32}$/;
const TEMP = { accessKey: 'TEMPACCESSKEY0000000', secretKey: 'temp-secret-key-0000000000000000000000', securityToken: 'temp-token-abc.def' };

suite('emulator', () => {
  let emu: Emulator;
  const call = (p: string, o?: SignedFetchOptions) => signedFetch(emu.url, p, DEMO_CREDENTIALS, o);
  const plugins = (pool: string = AUTO, pid: string = PID) => `/v2/${pid}/pools/${pool}/plugins`;

  suiteSetup(async () => {
    emu = await startEmulator({ deleteDelayMs: 100, installDelayMs: 100, credentials: [TEMP] });
  });
  suiteTeardown(() => emu.close());
  setup(() => emu.reset());

  suite('IAM projects', () => {
    test('lists the projects, MOS included, in the keystone shape', async () => {
      const res = await call('/v3/auth/projects');
      assert.strictEqual(res.status, 200);
      assert.strictEqual(res.headers.get('content-type'), 'application/json;charset=UTF-8');
      assert.match(res.headers.get('x-request-id') ?? '', HEX32);
      const body = res.json();
      assert.deepStrictEqual(body.links, { self: `${emu.url}/v3/auth/projects`, previous: null, next: null });
      const names = body.projects.map((p: { name: string }) => p.name);
      for (const p of [PROJECT_CN_NORTH_4, PROJECT_AP_SOUTHEAST_1, PROJECT_ML_TEAM, PROJECT_CN_SOUTH_1, PROJECT_MOS]) assert.ok(names.includes(p.name), p.name);
      assert.ok(!names.includes(PROJECT_BENCH.name), 'bench only when generated');
      const team = body.projects.find((p: { id: string }) => p.id === PROJECT_ML_TEAM.id);
      assert.deepStrictEqual(Object.keys(team).sort(), ['description', 'domain_id', 'enabled', 'id', 'is_domain', 'links', 'name', 'parent_id']);
      assert.strictEqual(team.parent_id, PID);
      assert.strictEqual(team.enabled, true);
      assert.strictEqual(team.links.self, `${emu.url}/v3/projects/${PROJECT_ML_TEAM.id}`);
      for (const p of body.projects) assert.match(p.id, HEX32);
    });

    test('filters /v3/projects by name, as the SDKs resolve a region', async () => {
      const body = (await call('/v3/projects', { query: { name: 'ap-southeast-1' } })).json();
      assert.deepStrictEqual(body.projects.map((p: { id: string }) => p.id), [PROJECT_AP_SOUTHEAST_1.id]);
    });
  });

  suite('pools', () => {
    test('lists pools as a PoolList with ids, display names and phases', async () => {
      const res = await call(`/v2/${PID}/pools`);
      assert.strictEqual(res.status, 200);
      const body = res.json();
      assert.strictEqual(body.kind, 'PoolList');
      assert.strictEqual(body.apiVersion, 'v2');
      const auto = body.items.find((p: { metadata: { name: string } }) => p.metadata.name === AUTO);
      assert.strictEqual(auto.kind, 'Pool');
      assert.strictEqual(auto.metadata.labels['os.modelarts/name'], 'auto-pool-os');
      assert.strictEqual(auto.spec.type, 'Dedicate');
      assert.strictEqual(auto.status.phase, 'Running');
    });

    test('has pools in every pool phase across the projects', async () => {
      const phases = new Set<string>();
      for (const p of [PROJECT_CN_NORTH_4, PROJECT_AP_SOUTHEAST_1, PROJECT_ML_TEAM]) {
        for (const pool of (await call(`/v2/${p.id}/pools`)).json().items) phases.add(pool.status.phase);
      }
      assert.deepStrictEqual([...phases].sort(), ['Abnormal', 'Creating', 'CreationFailed', 'Deleting', 'Error', 'Running', 'ScalingFailed', 'Waiting']);
    });

    test('answers an empty list for a project without pools (and for MOS)', async () => {
      assert.deepStrictEqual((await call(`/v2/${PROJECT_CN_SOUTH_1.id}/pools`)).json().items, []);
      assert.deepStrictEqual((await call(`/v2/${PROJECT_MOS.id}/pools`)).json().items, []);
    });

    test('shows one pool, and 404 ModelArts.50015001 for an unknown one', async () => {
      const res = await call(`/v2/${PID}/pools/${AUTO}`);
      assert.strictEqual(res.status, 200);
      assert.strictEqual(res.json().metadata.name, AUTO);
      const missing = await call(`/v2/${PID}/pools/pool-doesnotexist`);
      assert.strictEqual(missing.status, 404);
      assert.deepStrictEqual(missing.json(), { error_code: 'ModelArts.50015001', error_msg: 'pool not found' });
    });

    test('refuses an unknown project, or an X-Project-Id that differs from the path, with 403 ModelArts.0210', async () => {
      const expected = { error_code: 'ModelArts.0210', error_msg: 'The project id in the URL does not match the credentials.' };
      const unknown = await call('/v2/ffffffffffffffffffffffffffffffff/pools');
      assert.strictEqual(unknown.status, 403);
      assert.deepStrictEqual(unknown.json(), expected);
      const mismatch = await call(`/v2/${PID}/pools`, { projectId: PROJECT_AP_SOUTHEAST_1.id });
      assert.strictEqual(mismatch.status, 403);
      assert.strictEqual((await call(`/v2/${PID}/pools`, { projectId: PID })).status, 200);
    });
  });

  suite('plug-ins', () => {
    test('lists plug-ins as a PluginList without status.resources', async () => {
      const body = (await call(plugins())).json();
      assert.strictEqual(body.kind, 'PluginList');
      assert.strictEqual(body.apiVersion, 'v2');
      const names = body.items.map((p: { spec: { template: { name: string } } }) => p.spec.template.name);
      assert.deepStrictEqual(names, ['node-local-dns', 'gpu-beta', 'os-node-agent', 'volcano', 'log-agent', 'gpu-operator']);
      for (const p of body.items) {
        assert.strictEqual(p.kind, 'Plugin');
        assert.strictEqual(p.status.resources, undefined);
      }
      const dns = body.items[0];
      assert.strictEqual(dns.metadata.name, `${AUTO}-node-local-dns`);
      assert.strictEqual(dns.spec.template.inputs.flavor.name, 'HA');
      assert.deepStrictEqual(body.items[1].spec.template, { name: 'gpu-beta' });
      const logAgent = body.items[4];
      assert.deepStrictEqual([logAgent.status.phase, logAgent.status.reason], ['Abnormal', 'Insufficient CPU: 0/3 nodes are available']);
    });

    test('has plug-ins in every plug-in phase', async () => {
      const phases = new Set<string>();
      for (const pool of [AUTO, POOL_IDS.trainGpu]) for (const p of (await call(plugins(pool))).json().items) phases.add(p.status.phase);
      assert.deepStrictEqual([...phases].sort(), ['Abnormal', 'Deleting', 'Pending', 'Running', 'Updating']);
    });

    test('answers an empty list for the pool without plug-ins', async () => {
      assert.deepStrictEqual((await call(plugins(POOL_IDS.empty))).json().items, []);
    });

    test('answers 404 pool not found for the plug-ins of an unknown pool', async () => {
      const res = await call(plugins('pool-nope'));
      assert.strictEqual(res.status, 404);
      assert.strictEqual(res.json().error_code, 'ModelArts.50015001');
    });

    test('shows one plug-in; ?detail=true adds status.resources', async () => {
      const plain = (await call(`${plugins()}/node-local-dns`)).json();
      assert.strictEqual(plain.spec.template.version, '1.6.36');
      assert.strictEqual(plain.status.resources, undefined);
      const detail = (await call(`${plugins()}/node-local-dns`, { query: { detail: true } })).json();
      const kinds = detail.status.resources.map((r: { involvedObject: { kind: string } }) => r.involvedObject.kind);
      assert.deepStrictEqual(kinds, ['DaemonSet', 'Deployment']);
      assert.strictEqual(detail.status.resources[1].replicas, 2);
      assert.deepStrictEqual({ ...detail, status: { ...detail.status, resources: undefined } }, { ...plain, status: { ...plain.status, resources: undefined } });
    });

    test('answers 400 ModelArts.50004000 for a plug-in that is not installed', async () => {
      const res = await call(`${plugins()}/not-there`);
      assert.strictEqual(res.status, 400);
      assert.deepStrictEqual(res.json(), {
        error_code: 'ModelArts.50004000',
        error_msg: `Bad request. Plug-in not-there is not installed in pool ${AUTO}.`,
      });
    });
  });

  suite('install (POST …/plugins)', () => {
    const body = (name: string, extra: object = {}) => ({ apiVersion: 'v2', kind: 'Plugin', spec: { template: { name, ...extra } } });

    test('answers apiVersion, kind and spec only; the plug-in is Pending, then Running after installDelayMs', async () => {
      const res = await call(plugins(POOL_IDS.empty), { method: 'POST', body: body('node-local-dns', { version: '1.6.63' }) });
      assert.strictEqual(res.status, 200);
      const p = res.json();
      assert.deepStrictEqual(Object.keys(p), ['apiVersion', 'kind', 'spec']);
      assert.deepStrictEqual([p.kind, p.spec.template.version], ['Plugin', '1.6.63']);
      assert.strictEqual(p.spec.template.inputs.flavor.name, 'HA', 'inputs default to the template');
      assert.strictEqual((await call(`${plugins(POOL_IDS.empty)}/node-local-dns`)).json().status.phase, 'Pending');
      const running = await waitFor('node-local-dns Running', async () => {
        const s = (await call(`${plugins(POOL_IDS.empty)}/node-local-dns`)).json();
        return s.status.phase === 'Running' && s;
      });
      assert.strictEqual(running.status.reason, 'Install complete');
    });

    test('refuses an installed plug-in, a bad body and an unknown template', async () => {
      const again = await call(plugins(), { method: 'POST', body: body('node-local-dns') });
      assert.strictEqual(again.status, 400);
      assert.strictEqual(again.json().error_code, 'ModelArts.50004000');
      for (const bad of ['{not json', { kind: 'Plugin', spec: { template: { name: 'x' } } }, body('bad name!'), body('volcano', { inputs: 3 })]) {
        const res = await call(plugins(POOL_IDS.empty), { method: 'POST', body: bad });
        assert.strictEqual(res.status, 400, JSON.stringify(bad));
        assert.deepStrictEqual(res.json(), { error_code: 'ModelArts.50004000', error_msg: 'Bad request.' });
      }
      const unknown = await call(plugins(POOL_IDS.empty), { method: 'POST', body: body('no-such-template') });
      assert.strictEqual(unknown.status, 404);
      assert.deepStrictEqual(unknown.json(), { error_code: 'ModelArts.50005101', error_msg: 'Plugintemplate no-such-template not found.' });
    });
  });

  suite('delete (DELETE …/plugins/{template_name})', () => {
    test('answers the plug-in as it was, then shows it Deleting, then removes it after deleteDelayMs', async () => {
      const before = (await call(`${plugins()}/node-local-dns`)).json();
      assert.strictEqual(before.status.phase, 'Running');
      const res = await call(`${plugins()}/node-local-dns`, { method: 'DELETE' });
      assert.strictEqual(res.status, 200);
      assert.deepStrictEqual(res.json(), before);

      const listed = (await call(plugins())).json().items.find((p: { spec: { template: { name: string } } }) => p.spec.template.name === 'node-local-dns');
      assert.deepStrictEqual([listed.status.phase, listed.status.reason], ['Deleting', 'Uninstalling']);
      const shown = (await call(`${plugins()}/node-local-dns`)).json();
      assert.strictEqual(shown.status.phase, 'Deleting');

      const second = await call(`${plugins()}/node-local-dns`, { method: 'DELETE' });
      assert.strictEqual(second.status, 400);
      assert.strictEqual(second.json().error_msg, 'Bad request. Plug-in node-local-dns is already being deleted.');

      await waitFor('node-local-dns to disappear', async () => {
        const items = (await call(plugins())).json().items as { spec: { template: { name: string } } }[];
        return !items.some((p) => p.spec.template.name === 'node-local-dns');
      }, 3000);
      assert.strictEqual((await call(`${plugins()}/node-local-dns`)).status, 400);
    });

    test('refuses to uninstall a default plug-in with the plain 400', async () => {
      const res = await call(`${plugins()}/gpu-beta`, { method: 'DELETE' });
      assert.strictEqual(res.status, 400);
      assert.deepStrictEqual(res.json(), { error_code: 'ModelArts.50004000', error_msg: 'Bad request.' });
      assert.strictEqual((await call(`${plugins()}/gpu-beta`)).json().status.phase, 'Running');
    });

    test('answers the not-installed 400 for an unknown plug-in and 404 for an unknown pool', async () => {
      const res = await call(`${plugins()}/nothing-here`, { method: 'DELETE' });
      assert.strictEqual(res.status, 400);
      assert.match(res.json().error_msg, /is not installed in pool/);
      assert.strictEqual((await call(`${plugins('pool-nope')}/log-agent`, { method: 'DELETE' })).status, 404);
    });

    test('keeps a seeded Deleting plug-in Deleting (a stuck delete)', async () => {
      const res = await call(`${plugins(POOL_IDS.trainGpu)}/log-agent`, { method: 'DELETE' });
      assert.strictEqual(res.status, 400);
      const state = emu.state.getPlugin(PID, POOL_IDS.trainGpu, 'log-agent');
      assert.ok(state.ok && state.value.status?.phase === 'Deleting');
    });
  });

  suite('routing', () => {
    test('answers the gateway 404 APIGW.0101 for an unknown path or a wrong method, before checking auth', async () => {
      for (const [method, p] of [
        ['GET', '/v2/nothing'],
        ['PUT', `${plugins()}/node-local-dns`],
        ['PATCH', plugins()],
        ['GET', '/'],
      ]) {
        const res = await fetch(`${emu.url}${p}`, { method });
        const body = (await res.json()) as Record<string, string>;
        assert.strictEqual(res.status, 404, `${method} ${p}`);
        assert.strictEqual(body.error_code, 'APIGW.0101');
        assert.strictEqual(body.error_msg, 'The API does not exist or has not been published in the environment.');
        assert.strictEqual(body.request_id, res.headers.get('x-request-id'));
      }
    });

    test('accepts a trailing slash, as signers canonicalise with one', async () => {
      assert.strictEqual((await call(`/v2/${PID}/pools/`)).status, 200);
    });
  });

  suite('signature checking', () => {
    const expect401 = async (res: { status: number; json(): any; headers: Headers }, code: string, msg: string | RegExp) => {
      assert.strictEqual(res.status, 401);
      const body = res.json();
      assert.strictEqual(body.error_code, code);
      if (typeof msg === 'string') assert.strictEqual(body.error_msg, `Incorrect IAM authentication information: ${msg}`);
      else assert.match(body.error_msg, msg);
      assert.strictEqual(body.request_id, res.headers.get('x-request-id'));
    };

    test('refuses a request without Authorization', async () => {
      const res = await fetch(`${emu.url}/v2/${PID}/pools`);
      const text = await res.text();
      await expect401({ status: res.status, headers: res.headers, json: () => JSON.parse(text) }, 'APIGW.0301', 'Authorization not found');
    });

    test('refuses a wrong secret key, an unknown access key and a changed signed header', async () => {
      await expect401(await call(`/v2/${PID}/pools`, { secretKey: 'wrong' }), 'APIGW.0301', 'verify aksk signature fail');
      await expect401(await call(`/v2/${PID}/pools`, { accessKey: 'UNKNOWNACCESSKEY0000' }), 'APIGW.0301', 'Get secretKey failed');
      const tampered = await call(`/v2/${PID}/pools`, { projectId: PID, afterSigning: (h) => (h['X-Project-Id'] = PROJECT_AP_SOUTHEAST_1.id) });
      await expect401(tampered, 'APIGW.0301', 'verify aksk signature fail');
    });

    test('checks the query and the exact body bytes', async () => {
      const url = new URL(emu.url);
      const signed = signRequest({ method: 'GET', host: url.host, path: `${plugins()}/node-local-dns`, query: { detail: true }, headers: {} }, DEMO_CREDENTIALS.accessKey, DEMO_CREDENTIALS.secretKey);
      const { Host: _h, ...headers } = signed.headers;
      const other = await fetch(`${emu.url}${plugins()}/node-local-dns?detail=false`, { headers });
      assert.strictEqual(other.status, 401);
      const same = await fetch(`${emu.url}${plugins()}/node-local-dns?detail=true`, { headers });
      assert.strictEqual(same.status, 200);

      const body = JSON.stringify({ apiVersion: 'v2', kind: 'Plugin', spec: { template: { name: 'log-agent' } } });
      const post = signRequest({ method: 'POST', host: url.host, path: plugins(POOL_IDS.empty), headers: { 'Content-Type': 'application/json' }, body }, DEMO_CREDENTIALS.accessKey, DEMO_CREDENTIALS.secretKey);
      const { Host: _h2, ...postHeaders } = post.headers;
      const changed = await fetch(`${emu.url}${plugins(POOL_IDS.empty)}`, { method: 'POST', headers: postHeaders, body: body + ' ' });
      assert.strictEqual(changed.status, 401);
      const exact = await fetch(`${emu.url}${plugins(POOL_IDS.empty)}`, { method: 'POST', headers: postHeaders, body });
      assert.strictEqual(exact.status, 200);
    });

    test('accepts X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD when it is signed', async () => {
      const res = await call(plugins(POOL_IDS.empty), {
        method: 'POST',
        headers: { 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' },
        body: { apiVersion: 'v2', kind: 'Plugin', spec: { template: { name: 'volcano' } } },
      });
      assert.strictEqual(res.status, 200);
    });

    test('refuses a signature whose SignedHeaders leave out host', async () => {
      const url = new URL(emu.url);
      const date = formatSdkDate(new Date());
      const { canonicalRequest } = buildCanonicalRequest({ method: 'GET', path: `/v2/${PID}/pools`, headers: { 'X-Sdk-Date': date } });
      const sig = signature(DEMO_CREDENTIALS.secretKey, stringToSign(canonicalRequest, date));
      const res = await fetch(`${url.origin}/v2/${PID}/pools`, {
        headers: { 'X-Sdk-Date': date, Authorization: `SDK-HMAC-SHA256 Access=${DEMO_CREDENTIALS.accessKey}, SignedHeaders=x-sdk-date, Signature=${sig}` },
      });
      assert.strictEqual(res.status, 401);
      assert.strictEqual(((await res.json()) as { error_code: string }).error_code, 'APIGW.0301');
    });

    test('refuses an X-Sdk-Date more than 15 minutes off with APIGW.0303, and accepts 10 minutes', async () => {
      const old = new Date(Date.now() - 20 * 60_000);
      await expect401(await call(`/v2/${PID}/pools`, { date: old }), 'APIGW.0303', new RegExp(`time:${formatSdkDate(old)} expired$`));
      await expect401(await call(`/v2/${PID}/pools`, { date: new Date(Date.now() + 16 * 60_000) }), 'APIGW.0303', /expired/);
      assert.strictEqual((await call(`/v2/${PID}/pools`, { date: new Date(Date.now() - 10 * 60_000) })).status, 200);
      const noDate = await call(`/v2/${PID}/pools`, { afterSigning: (h) => (h['X-Sdk-Date'] = 'yesterday') });
      await expect401(noDate, 'APIGW.0303', /time:yesterday expired/);
    });

    test('requires the signed, matching security token of a temporary pair', async () => {
      assert.strictEqual((await signedFetch(emu.url, `/v2/${PID}/pools`, TEMP)).status, 200);
      const { securityToken: _t, ...noToken } = TEMP;
      await expect401(await signedFetch(emu.url, `/v2/${PID}/pools`, noToken), 'APIGW.0301', 'security token invalid');
      await expect401(await signedFetch(emu.url, `/v2/${PID}/pools`, { ...TEMP, securityToken: 'other-token' }), 'APIGW.0301', 'security token invalid');
      const unsigned = await signedFetch(emu.url, `/v2/${PID}/pools`, noToken, { afterSigning: (h) => (h['X-Security-Token'] = TEMP.securityToken) });
      await expect401(unsigned, 'APIGW.0301', 'security token invalid');
    });

    test('verifies API.md §3.8 vector B (official SDK signature) against its own clock', async () => {
      const vectorEmu = await startEmulator({
        credentials: [{ accessKey: 'AKEXAMPLE0000000000', secretKey: 'SKEXAMPLE0000000000000000000000000000000' }],
        now: () => Date.UTC(2025, 2, 17, 12, 29, 18),
      });
      try {
        const status = await new Promise<{ status: number; body: string }>((resolve, reject) => {
          const req = http.request(
            `${vectorEmu.url}/v2/0123456789abcdef0123456789abcdef/pools/pool-a1b2c3/plugins/node-local-dns`,
            {
              method: 'DELETE',
              headers: {
                Host: 'modelarts.eu-de.otc.t-systems.com',
                'Content-Type': 'application/json',
                'X-Project-Id': '0123456789abcdef0123456789abcdef',
                'X-Sdk-Date': '20250317T122918Z',
                Authorization:
                  'SDK-HMAC-SHA256 Access=AKEXAMPLE0000000000, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=118dc6a7d910f5d228307a3ea5a7c0d5e7d7d5359077f170ede2e14261fc01b5',
              },
            },
            (res) => {
              let body = '';
              res.on('data', (c) => (body += c));
              res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
            },
          );
          req.on('error', reject);
          req.end();
        });
        // the signature passed; the project is simply not one of the emulator's
        assert.strictEqual(status.status, 403, status.body);
        assert.strictEqual(JSON.parse(status.body).error_code, 'ModelArts.0210');
        // and the demo pair, signed at the real time, is 20 months off this clock
        assert.strictEqual((await signedFetch(vectorEmu.url, `/v2/${PID}/pools`, DEMO_CREDENTIALS)).status, 401);
      } finally {
        await vectorEmu.close();
      }
    });
  });

  suite('fault injection', () => {
    test('adds latency', async () => {
      emu.faults.add({ path: '/pools$', latencyMs: 200 });
      const t = Date.now();
      assert.strictEqual((await call(`/v2/${PID}/pools`)).status, 200);
      assert.ok(Date.now() - t >= 190, `took ${Date.now() - t} ms`);
    });

    test('answers 429 with Retry-After and the gateway throttling body', async () => {
      emu.faults.add({ status: 429, retryAfter: 3 });
      const res = await call(`/v2/${PID}/pools`);
      assert.strictEqual(res.status, 429);
      assert.strictEqual(res.headers.get('retry-after'), '3');
      assert.strictEqual(res.json().error_code, 'APIGW.0308');
      assert.strictEqual(res.json().request_id, res.headers.get('x-request-id'));
    });

    test('answers 500 and 503, counting `times` down, then the real answer', async () => {
      emu.faults.add([
        { method: 'GET', path: '/plugins$', status: 503, times: 2 },
        { method: 'GET', path: '/pools$', status: 500, times: 1 },
      ]);
      assert.deepStrictEqual(emu.faults.list().map((f) => f.times), [2, 1]);
      const a = await call(plugins());
      assert.strictEqual(a.status, 503);
      assert.strictEqual(a.json().error_code, 'APIGW.0201');
      assert.strictEqual((await call(plugins())).status, 503);
      assert.strictEqual((await call(plugins())).status, 200);
      const b = await call(`/v2/${PID}/pools`);
      assert.deepStrictEqual([b.status, b.json().error_code], [500, 'ModelArts.50005000']);
      assert.strictEqual((await call(`/v2/${PID}/pools`)).status, 200);
      assert.deepStrictEqual(emu.faults.list(), []);
    });

    test('matches the method: a DELETE rule leaves GETs alone', async () => {
      emu.faults.add({ method: 'delete', status: 500, body: '{"error_code":"X.1","error_msg":"custom"}' });
      assert.strictEqual((await call(`${plugins()}/log-agent`)).status, 200);
      const res = await call(`${plugins()}/log-agent`, { method: 'DELETE' });
      assert.deepStrictEqual([res.status, res.text], [500, '{"error_code":"X.1","error_msg":"custom"}']);
      assert.strictEqual(emu.state.getPlugin(PID, AUTO, 'log-agent').ok, true, 'the faulted delete did nothing');
    });

    test('drops the connection without an answer', async () => {
      emu.faults.add({ drop: true, times: 1 });
      await assert.rejects(call(`/v2/${PID}/pools`));
      await waitFor('a logged request', () => emu.requests.length > 0);
      assert.strictEqual(emu.requests[0].status, 0);
      assert.strictEqual((await call(`/v2/${PID}/pools`)).status, 200);
    });

    test('sends the headers first and the body after slowBodyMs', async () => {
      emu.faults.add({ slowBodyMs: 600 });
      const { url, init } = signedRequestInit(emu.url, `/v2/${PID}/pools`, DEMO_CREDENTIALS);
      const t0 = Date.now();
      const res = await fetch(url, init);
      const headersAt = Date.now();
      assert.strictEqual(res.status, 200);
      const text = await res.text();
      const bodyAt = Date.now();
      assert.ok(bodyAt - t0 >= 590, `body after ${bodyAt - t0} ms`);
      // generous: the headers come at once, so only a very busy machine could shrink this gap
      assert.ok(bodyAt - headersAt >= 300, `headers only ${bodyAt - headersAt} ms before the body`);
      assert.strictEqual(JSON.parse(text).kind, 'PoolList');
    });

    test('answers a non-JSON body', async () => {
      emu.faults.add([{ path: 'plugins', nonJson: '<html>Bad Gateway</html>', times: 1 }, { path: 'plugins', status: 502, nonJson: 'upstream error', contentType: 'text/plain' }]);
      const a = await call(plugins());
      assert.deepStrictEqual([a.status, a.text], [200, '<html>Bad Gateway</html>']);
      assert.throws(() => a.json());
      const b = await call(plugins());
      assert.deepStrictEqual([b.status, b.text, b.headers.get('content-type')], [502, 'upstream error', 'text/plain']);
    });

    // node:http rather than fetch: these look at the bytes on the wire (fetch would decode, or fail)
    function rawGet(p: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer; complete: boolean }> {
      const { url, init } = signedRequestInit(emu.url, p, DEMO_CREDENTIALS);
      return new Promise((resolve, reject) => {
        const req = http.get(url, { headers: init.headers as Record<string, string>, agent: false }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          const done = () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), complete: res.complete });
          res.on('end', done);
          res.on('error', done); // a cut-off body ends in 'aborted'
        });
        req.on('error', reject);
      });
    }

    test('cuts the body after cutBodyAtBytes, announcing the whole length, and drops the connection', async () => {
      const whole = await rawGet(`/v2/${PID}/pools`);
      emu.faults.add({ cutBodyAtBytes: 40, times: 1 });
      const cut = await rawGet(`/v2/${PID}/pools`);
      assert.strictEqual(cut.status, 200);
      assert.strictEqual(Number(cut.headers['content-length']), whole.body.length);
      assert.deepStrictEqual([cut.complete, cut.body.length], [false, 40]);
      assert.deepStrictEqual(cut.body, whole.body.subarray(0, 40));
    });

    test('sends extra headers (a redirect) and compresses the body for a content coding', async () => {
      emu.faults.add([
        { status: 302, headers: { Location: 'http://127.0.0.2:9/x' }, times: 1 },
        { contentEncoding: 'gzip', times: 1 },
        { contentEncoding: 'zstd', times: 1 },
      ]);
      const moved = await rawGet(`/v2/${PID}/pools`);
      assert.deepStrictEqual([moved.status, moved.headers.location], [302, 'http://127.0.0.2:9/x']);
      const gz = await rawGet(`/v2/${PID}/pools`);
      assert.strictEqual(gz.headers['content-encoding'], 'gzip');
      assert.strictEqual(JSON.parse(gunzipSync(gz.body).toString()).kind, 'PoolList');
      const other = await rawGet(`/v2/${PID}/pools`);
      assert.strictEqual(other.headers['content-encoding'], 'zstd');
      assert.strictEqual(JSON.parse(other.body.toString()).kind, 'PoolList', 'an unknown coding is only the header');
      assert.throws(() => emu.faults.add({ headers: { 'Bad Name': 'x' } }), /header/);
      assert.throws(() => emu.faults.add({ headers: { Location: 'a\r\nX: y' } }), /one-line/);
      assert.throws(() => emu.faults.add({ cutBodyAtBytes: -1 }), /cutBodyAtBytes/);
    });

    test('applies the global latency of the config to signed requests', async () => {
      emu.setConfig({ latencyMs: 150 });
      const t = Date.now();
      await call(`/v2/${PID}/pools`);
      assert.ok(Date.now() - t >= 140);
    });

    test('takes rules from the start options and refuses invalid ones', async () => {
      const e2 = await startEmulator({ faults: [{ status: 503, times: 1 }] });
      try {
        assert.strictEqual((await signedFetch(e2.url, `/v2/${PID}/pools`, DEMO_CREDENTIALS)).status, 503);
        assert.strictEqual((await signedFetch(e2.url, `/v2/${PID}/pools`, DEMO_CREDENTIALS)).status, 200);
      } finally {
        await e2.close();
      }
      assert.throws(() => emu.faults.add({ path: '(' }), /regular expression/);
      assert.throws(() => emu.faults.add({ status: 99 }), /status/);
      assert.throws(() => emu.faults.add({ bogus: 1 } as never), /unknown fault rule field/);
    });
  });

  suite('control API', () => {
    test('adds, lists and clears faults', async () => {
      const added = await control(emu.url, 'POST', 'faults', { status: 429, retryAfter: 1, times: 1 });
      assert.strictEqual(added.status, 200);
      assert.strictEqual((await call(`/v2/${PID}/pools`)).status, 429);
      await control(emu.url, 'POST', 'faults', [{ status: 500 }, { status: 503 }]);
      assert.strictEqual((await control(emu.url, 'GET', 'faults')).body.length, 2);
      assert.strictEqual((await control(emu.url, 'DELETE', 'faults')).status, 200);
      assert.strictEqual((await call(`/v2/${PID}/pools`)).status, 200);
      const bad = await control(emu.url, 'POST', 'faults', { status: 'x' });
      assert.strictEqual(bad.status, 400);
    });

    test('REVIEW #13 a request still in flight at reset is not logged after it', async () => {
      emu.setConfig({ latencyMs: 1000 });
      const inFlight = call(`/v2/${PID}/pools`);
      // the emulator's own count says it has arrived (and waits out its latency): no guessed sleep
      await waitFor('the request to arrive', () => emu.connections().busy === 1, 2000);
      emu.reset();
      assert.strictEqual((await inFlight).status, 200, 'it is still answered');
      assert.deepStrictEqual(emu.requests, [], 'but belongs to the state before reset()');
      await call(`/v2/${PID}/pools`);
      assert.strictEqual(emu.requests.length, 1, 'requests after reset() are logged');
    });

    test('logs signed requests without secrets, and clears the log', async () => {
      await call(`${plugins()}/node-local-dns`, { query: { detail: true } });
      await call(`/v2/${PID}/pools`, { secretKey: 'wrong' });
      const log = await control(emu.url, 'GET', 'requests');
      assert.strictEqual(log.body.length, 2, 'control calls are not logged');
      const [first, second] = log.body;
      assert.deepStrictEqual(
        { method: first.method, path: first.path, query: first.query, status: first.status, accessKey: first.accessKey },
        { method: 'GET', path: `${plugins()}/node-local-dns`, query: 'detail=true', status: 200, accessKey: DEMO_CREDENTIALS.accessKey },
      );
      assert.match(first.requestId, HEX32);
      assert.ok(!Number.isNaN(Date.parse(first.time)));
      assert.strictEqual(second.status, 401);
      const raw = JSON.stringify(log.body);
      assert.ok(!raw.includes(DEMO_CREDENTIALS.secretKey) && !raw.includes('Signature') && !raw.includes('SDK-HMAC'));
      await control(emu.url, 'DELETE', 'requests');
      assert.deepStrictEqual((await control(emu.url, 'GET', 'requests')).body, []);
    });

    test('shows the state, adds a plug-in, changes the config and resets', async () => {
      const state = (await control(emu.url, 'GET', 'state')).body;
      assert.strictEqual(state.config.deleteDelayMs, 100);
      const cn = state.projects.find((p: { project: { id: string } }) => p.project.id === PID);
      assert.ok(cn.pools.some((p: { pool: { metadata: { name: string } } }) => p.pool.metadata.name === POOL_IDS.empty));

      const plugin = { kind: 'Plugin', apiVersion: 'v2', metadata: { name: 'x' }, spec: { template: { name: 'custom-agent' } }, status: { phase: 'Abnormal', reason: 'test' } };
      assert.strictEqual((await control(emu.url, 'POST', 'plugins', { projectId: PID, pool: POOL_IDS.empty, plugin, isDefault: true })).status, 200);
      assert.strictEqual((await call(`${plugins(POOL_IDS.empty)}/custom-agent`)).json().status.reason, 'test');
      assert.strictEqual((await call(`${plugins(POOL_IDS.empty)}/custom-agent`, { method: 'DELETE' })).status, 400, 'added as a default plug-in');
      assert.strictEqual((await control(emu.url, 'POST', 'plugins', { projectId: PID, pool: 'pool-nope', plugin })).status, 404);

      const cfg = await control(emu.url, 'POST', 'config', { deleteDelayMs: 5000, latencyMs: 0 });
      assert.strictEqual(cfg.body.deleteDelayMs, 5000);
      assert.strictEqual((await control(emu.url, 'POST', 'config', { deleteDelayMs: -1 })).status, 400);
      assert.strictEqual((await control(emu.url, 'POST', 'config', { nope: 1 })).status, 400);

      assert.strictEqual((await call(`${plugins()}/node-local-dns`, { method: 'DELETE' })).status, 200);
      await control(emu.url, 'POST', 'faults', { status: 500 });
      assert.strictEqual((await control(emu.url, 'POST', 'reset')).status, 200);
      assert.strictEqual((await call(`${plugins()}/node-local-dns`)).json().status.phase, 'Running');
      assert.strictEqual((await call(`${plugins(POOL_IDS.empty)}/custom-agent`)).status, 400);
      assert.strictEqual(emu.config().deleteDelayMs, 100);
      assert.deepStrictEqual(emu.requests.map((r) => r.status), [200, 400]);
    });

    test('counts and numbers the connections that carried requests, since the last reset', async () => {
      const a = new http.Agent({ keepAlive: true });
      const b = new http.Agent({ keepAlive: true });
      const get = (agent: http.Agent): Promise<void> => {
        const { url, init } = signedRequestInit(emu.url, `/v2/${PID}/pools`, DEMO_CREDENTIALS);
        return new Promise((resolve, reject) => {
          http.get(url, { headers: init.headers as Record<string, string>, agent }, (res) => res.resume().on('end', resolve)).on('error', reject);
        });
      };
      const before = emu.connections().open; // idle keep-alive connections of earlier tests
      try {
        for (let i = 0; i < 3; i++) await get(a);
        await get(b);
        assert.deepStrictEqual((await control(emu.url, 'GET', 'connections')).body, { opened: 2, open: before + 2, busy: 0 }, 'control traffic is not counted');
        const ids = emu.requests.map((r) => r.connection);
        assert.ok(ids[0] > 0 && ids[0] === ids[1] && ids[1] === ids[2] && ids[3] !== ids[0], JSON.stringify(ids));
        emu.reset();
        await get(a);
        assert.deepStrictEqual(emu.connections(), { opened: 0, open: before + 2, busy: 0 }, 'a reused connection is not opened again');
      } finally {
        a.destroy();
        b.destroy();
      }
      await waitFor('the closed connections to be forgotten', () => emu.connections().open === before, 2000);
    });

    test('is refused to browser pages (an Origin header) and unknown actions', async () => {
      const res = await fetch(`${emu.url}/__emulator/state`, { headers: { Origin: 'http://evil.example' } });
      assert.strictEqual(res.status, 404);
      assert.strictEqual((await control(emu.url, 'GET', 'nothing')).status, 404);
    });
  });

  suite('generated data', () => {
    test('adds the bench project with N pools × M plug-ins', async () => {
      const e2 = await startEmulator({ generate: { pools: 3, pluginsPerPool: 25 } });
      try {
        const projects = (await signedFetch(e2.url, '/v3/auth/projects', DEMO_CREDENTIALS)).json().projects;
        assert.ok(projects.some((p: { id: string; name: string }) => p.id === PROJECT_BENCH.id && p.name === 'bench'));
        const pools = (await signedFetch(e2.url, `/v2/${PROJECT_BENCH.id}/pools`, DEMO_CREDENTIALS)).json().items;
        assert.strictEqual(pools.length, 3);
        const names = new Set<string>();
        for (const pool of pools) {
          const items = (await signedFetch(e2.url, `/v2/${PROJECT_BENCH.id}/pools/${pool.metadata.name}/plugins`, DEMO_CREDENTIALS)).json().items;
          assert.strictEqual(items.length, 25);
          for (const i of items) names.add(i.spec.template.name);
        }
        assert.strictEqual(names.size, 25);
      } finally {
        await e2.close();
      }
    });

    test('is deterministic', async () => {
      const e2 = await startEmulator();
      try {
        assert.deepStrictEqual(e2.state.snapshot(), emu.state.snapshot());
      } finally {
        await e2.close();
      }
    });
  });

  suite('scenario files', () => {
    test('loads faults, delays and generation from JSON and rejects typos', () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'emu-scenario-'));
      const good = path.join(dir, 'good.json');
      writeFileSync(good, JSON.stringify({ faults: [{ status: 429, times: 1 }], deleteDelayMs: 50, pools: 2, pluginsPerPool: 4 }));
      const opts = loadScenarioFile(good);
      assert.deepStrictEqual(opts, { deleteDelayMs: 50, faults: [{ status: 429, times: 1 }], generate: { pools: 2, pluginsPerPool: 4 } });
      const bad = path.join(dir, 'bad.json');
      writeFileSync(bad, JSON.stringify({ deleteDelay: 5 }));
      assert.throws(() => loadScenarioFile(bad), /unknown config field "deleteDelay"/);
    });
  });
});

suite('emulator command line (dist/emulator.js)', function () {
  this.timeout(30_000);
  const root = path.resolve(__dirname, '../..');
  const bundle = path.join(root, 'dist', 'emulator.js');
  let child: ChildProcess | undefined;

  suiteSetup(() => {
    const build = spawnSync(process.execPath, ['esbuild.js'], { cwd: root, env: { ...process.env, ESBUILD_QUIET: '1' }, encoding: 'utf8' });
    assert.strictEqual(build.status, 0, build.stderr);
  });
  teardown(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    child = undefined;
  });

  function start(args: string[]): Promise<{ url: string; lines: string[]; exit: Promise<number | null> }> {
    const proc = spawn(process.execPath, [bundle, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    const exit = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
    const lines: string[] = [];
    return new Promise((resolve, reject) => {
      createInterface({ input: proc.stdout! }).on('line', (line) => {
        lines.push(line);
        if (lines.length === 1) {
          const m = /^MODELARTS_EMULATOR_URL=(https?:\/\/127\.0\.0\.1:\d+)$/.exec(line);
          if (m) resolve({ url: m[1], lines, exit });
          else reject(new Error(`unexpected first line: ${line}`));
        }
      });
      exit.then((code) => reject(new Error(`exited ${code} before printing the URL`)));
    });
  }

  test('prints the URL line first, serves signed requests, and exits 0 on SIGTERM', async () => {
    const { url, lines, exit } = await start(['--delete-delay-ms', '50', '--pools=2', '--plugins-per-pool', '3']);
    const pools = await signedFetch(url, `/v2/${PROJECT_BENCH.id}/pools`, DEMO_CREDENTIALS);
    assert.strictEqual(pools.json().items.length, 2);
    const state = (await control(url, 'GET', 'state')).body;
    assert.deepStrictEqual([state.config.deleteDelayMs, state.config.installDelayMs], [50, 5000]);
    await waitFor('the secret key line', () => lines.some((l) => l.includes(`HUAWEICLOUD_SDK_SK=${DEMO_CREDENTIALS.secretKey}`)));
    assert.ok(lines.some((l) => l.includes(`HUAWEICLOUD_SDK_AK=${DEMO_CREDENTIALS.accessKey}`)));
    // an open keep-alive connection must not hold the shutdown
    const agent = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve) => http.get(`${url}/__emulator/config`, { agent }, (res) => res.resume().on('end', resolve)));
    child!.kill('SIGTERM');
    assert.strictEqual(await exit, 0);
    agent.destroy();
  });

  test('exits 0 on SIGINT and reads a scenario file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'emu-cli-'));
    const file = path.join(dir, 's.json');
    writeFileSync(file, JSON.stringify({ faults: [{ status: 503, times: 1 }], latencyMs: 5, patchSemantics: 'documented' }));
    // flags win over the scenario file
    const { url, exit } = await start(['--scenario', file, '--install-delay-ms', '10', '--patch-semantics', 'merge']);
    assert.strictEqual((await signedFetch(url, `/v2/${PID}/pools`, DEMO_CREDENTIALS)).status, 503);
    assert.strictEqual((await signedFetch(url, `/v2/${PID}/pools`, DEMO_CREDENTIALS)).status, 200);
    assert.deepStrictEqual((await control(url, 'GET', 'config')).body, {
      deleteDelayMs: 8000, installDelayMs: 10, updateDelayMs: 5000, latencyMs: 5, maxClockSkewMs: 900000, clockOffsetMs: 0, patchSemantics: 'merge',
      poolPageSize: 0, poolContinue: 'honoured', missingPoolOnPluginPaths: 404, upgradeAbnormalReason: '', stuckDeleting: false,
    });
    child!.kill('SIGINT');
    assert.strictEqual(await exit, 0);
  });

  test('--tls serves https with a throw-away CA whose PEM it writes and names; --clock-offset moves its Date', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'emu-tls-'));
    const { url, lines, exit } = await start(['--tls', '--tls-dir', dir, '--tls-name', 'modelarts.emulator.test', '--clock-offset', '3600']);
    assert.match(url, /^https:/);
    await waitFor('two lines', () => lines.length >= 2);
    assert.strictEqual(lines[1], `MODELARTS_EMULATOR_CA=${path.join(dir, 'emulator-ca.pem')}`);
    const ca = readFileSync(path.join(dir, 'emulator-ca.pem'), 'utf8');
    const res = await httpsGet(`${url}/__emulator/config`, { ca });
    assert.strictEqual(res.status, 200);
    assert.strictEqual(JSON.parse(res.text).clockOffsetMs, 3_600_000);
    const ahead = Date.parse(res.headers.date as string) - Date.now();
    assert.ok(Math.abs(ahead - 3_600_000) < 5000, `Date is ${ahead} ms ahead`);
    assert.deepStrictEqual(readdirSync(dir), ['emulator-ca.pem'], 'no private key is left on disk');
    child!.kill('SIGTERM');
    assert.strictEqual(await exit, 0);
  });

  test('exits 2 with a message on bad arguments', () => {
    for (const args of [['--port', 'abc'], ['--frobnicate'], ['--scenario', '/nonexistent/s.json'], ['--port'],
      ['--clock-offset', '1.5'], ['--clock-offset', 'soon'], ['--tls-dir', '/tmp'], ['--tls', '--tls-name', 'not a name!']]) {
      const r = spawnSync(process.execPath, [bundle, ...args], { encoding: 'utf8', timeout: 10_000 });
      assert.strictEqual(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /^emulator: /);
      assert.strictEqual(r.stdout, '');
    }
  });
});

suite('emulator over https (--tls)', () => {
  let emu: Emulator;
  let dir: string;
  suiteSetup(async function () {
    this.timeout(30_000);
    dir = mkdtempSync(path.join(tmpdir(), 'emu-tls-'));
    emu = await startEmulator({ tls: { caDir: dir, names: ['127.0.0.2'] } });
  });
  suiteTeardown(() => emu.close());

  test('a client that trusts the CA gets answers, for 127.0.0.1, localhost and the extra name', async () => {
    assert.match(emu.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.strictEqual(emu.caFile, path.join(dir, 'emulator-ca.pem'));
    assert.strictEqual(readFileSync(emu.caFile, 'utf8'), emu.caPem);
    const ok = await httpsGet(`${emu.url}/__emulator/config`, { ca: emu.caPem });
    assert.strictEqual(ok.status, 200);
    const viaLocalhost = await httpsGet(`${emu.url}/__emulator/config`, { ca: emu.caPem, servername: 'localhost' });
    assert.strictEqual(viaLocalhost.status, 200);
    const peer = await new Promise<tls.PeerCertificate>((resolve, reject) => {
      const s = tls.connect({ host: '127.0.0.1', port: emu.port, ca: emu.caPem, servername: '' }, () => { resolve(s.getPeerCertificate()); s.end(); });
      s.on('error', reject);
    });
    assert.match(peer.subjectaltname ?? '', /IP Address:127\.0\.0\.1.*DNS:localhost.*IP Address:127\.0\.0\.2/s);
  });

  test('a client that does not trust the CA is refused by its own TLS check', async () => {
    await assert.rejects(httpsGet(`${emu.url}/__emulator/config`), (e: NodeJS.ErrnoException) => /UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED|unable to (get|verify)/i.test(`${e.code} ${e.message}`));
  });
});

suite('emulator: mutated answers (fuzzing)', () => {
  let emu: Emulator;
  suiteSetup(async () => {
    emu = await startEmulator();
  });
  suiteTeardown(() => emu.close());
  setup(() => emu.reset());
  const get = () => signedFetch(emu.url, `/v2/${PID}/pools/${AUTO}/plugins`, DEMO_CREDENTIALS);

  test('the same seed breaks the real answer the same way; another seed differently', async () => {
    const real = (await get()).text;
    emu.faults.add([{ path: '/plugins$', mutate: 7, times: 2 }, { path: '/plugins$', mutate: 8, times: 1 }]);
    const [a, b, c] = [await get(), await get(), await get()];
    assert.notStrictEqual(a.text, real);
    assert.strictEqual(a.text, b.text);
    assert.notStrictEqual(a.text, c.text);
    assert.strictEqual(a.status, 200);
  });

  test('each kind of mutation, including bytes that are not UTF-8 and a 10 MB body', async () => {
    const real = (await get()).text;
    for (const mutation of MUTATION_KINDS) {
      emu.faults.add({ path: '/plugins$', mutate: 1, mutation, times: 1 });
      const res = await fetch(signedRequestInit(emu.url, `/v2/${PID}/pools/${AUTO}/plugins`, DEMO_CREDENTIALS).url, signedRequestInit(emu.url, `/v2/${PID}/pools/${AUTO}/plugins`, DEMO_CREDENTIALS).init);
      const bytes = Buffer.from(await res.arrayBuffer());
      assert.notStrictEqual(bytes.toString('utf8'), real, mutation);
      if (mutation === 'invalidUtf8') assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes));
      if (mutation === 'bigBody') assert.ok(bytes.length >= 10 << 20, String(bytes.length));
    }
  });

  test('a mutate rule with an unknown kind is refused', () => {
    assert.throws(() => emu.faults.add({ mutate: 1, mutation: 'explode' as never }), /mutation/);
  });
});
