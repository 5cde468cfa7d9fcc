// Client calls of the plug-in life cycle against the emulator: templates, install, PATCH with its
// content type and UNSIGNED-PAYLOAD signature; writes are never retried. Plus the template helpers.
import * as assert from 'assert';
import {
  compareVersions, defaultInputs, flavorPresets, ModelArtsClient, presetInputs, templateDisplayName, templateVersions, trackUntilSettled,
  type FetchInit, type PluginTemplate, type ProjectRef,
} from '../../src/api';
import nodeFetch from 'node-fetch';
import { POOL_IDS, PROJECT_CN_NORTH_4 } from '../../src/emulator/seed';
import { startEmulator, type Emulator } from '../../src/emulator/server';
import { emulatorClient, rejects } from './helpers/client';
import { waitFor } from './helpers/waitFor';

const P: ProjectRef = { id: PROJECT_CN_NORTH_4.id, region: 'cn-north-4' };
const POOL = POOL_IDS.autoPoolOs;

suite('client: plug-in life cycle', () => {
  let emu: Emulator;
  const sent: { method: string; url: string; headers: Record<string, string>; body?: string }[] = [];

  function client(): ModelArtsClient {
    return emulatorClient(emu, {
      fetch: (url: string, init: FetchInit) => {
        sent.push({ method: init.method, url, headers: init.headers, body: init.body });
        return nodeFetch(url, init);
      },
    });
  }

  suiteSetup(async () => {
    emu = await startEmulator({ installDelayMs: 50, updateDelayMs: 50 });
  });
  suiteTeardown(() => emu.close());
  setup(() => {
    emu.reset();
    emu.setConfig({ installDelayMs: 50, updateDelayMs: 50 });
    sent.length = 0;
  });

  test('listTemplates sends poolName and templateName and keeps the raw answer', async () => {
    const c = client();
    const all = await c.listTemplates(P);
    assert.ok(all.data.items.length >= 6);
    assert.deepStrictEqual(all.data, JSON.parse(all.text));
    const fit = await c.listTemplates(P, { pool: POOL_IDS.empty });
    assert.ok(fit.data.items.length < all.data.items.length, 'a CPU pool gets fewer templates');
    const one = await c.listTemplates(P, { pool: POOL_IDS.empty, template: 'node-local-dns' });
    assert.deepStrictEqual(one.data.items.map((t) => t.metadata.name), ['node-local-dns']);
    assert.strictEqual(new URL(sent[2].url).search, `?poolName=${POOL_IDS.empty}&templateName=node-local-dns`);
    assert.strictEqual(new URL(sent[2].url).pathname, `/v2/${P.id}/plugintemplates`);
  });

  test('listTemplates: an unknown template is the cloud\'s 404; a bad name is refused before sending', async () => {
    const err = await rejects(client().listTemplates(P, { template: 'nope' }));
    assert.deepStrictEqual([err.status, err.errorCode], [404, 'ModelArts.50005101']);
    const bad = await rejects(client().listTemplates(P, { pool: 'a/b' }));
    assert.strictEqual(bad.kind, 'validation');
    assert.strictEqual(sent.length, 1);
  });

  test('updatePlugin PATCHes a merge patch with its content type, signed with UNSIGNED-PAYLOAD', async () => {
    const r = await client().updatePlugin(P, POOL, 'node-local-dns', { version: '1.6.63' });
    assert.strictEqual(r.data.spec.template.version, '1.6.63');
    const req = sent[0];
    assert.strictEqual(req.method, 'PATCH');
    assert.strictEqual(new URL(req.url).pathname, `/v2/${P.id}/pools/${POOL}/plugins/node-local-dns`);
    assert.strictEqual(req.headers['Content-Type'], 'application/merge-patch+json');
    assert.strictEqual(req.headers['X-Sdk-Content-Sha256'], 'UNSIGNED-PAYLOAD');
    assert.match(req.headers.Authorization, /SignedHeaders=[^,]*x-sdk-content-sha256/);
    assert.strictEqual(req.body, '{"spec":{"template":{"version":"1.6.63"}}}');
    const running = await waitFor('node-local-dns Running', async () => {
      const p = (await client().showPlugin(P, POOL, 'node-local-dns')).data;
      return p.status?.phase === 'Running' && p;
    });
    assert.strictEqual(running.status?.version, '1.6.63');
  });

  test('FIDELITY #2 updatePlugin sends null as given; the documented cloud takes the default, the merge reading drops the key', async () => {
    await client().updatePlugin(P, POOL, 'node-local-dns', { inputs: { custom: { search: null } } });
    assert.strictEqual(sent[0].body, '{"spec":{"template":{"inputs":{"custom":{"search":null}}}}}');
    const documented = (await client().showPlugin(P, POOL, 'node-local-dns')).data;
    assert.strictEqual((documented.spec.template.inputs!.custom as Record<string, unknown>).search, '', 'the template default');
    emu.reset();
    emu.setConfig({ patchSemantics: 'merge' });
    await client().updatePlugin(P, POOL, 'node-local-dns', { inputs: { custom: { search: null } } });
    const merged = (await client().showPlugin(P, POOL, 'node-local-dns')).data;
    assert.ok(!('search' in (merged.spec.template.inputs!.custom as object)));
  });

  test('PATCH and POST are never retried', async () => {
    for (const [method, call] of [
      ['PATCH', () => client().updatePlugin(P, POOL, 'node-local-dns', { version: '1.6.63' })],
      ['POST', () => client().createPlugin(P, POOL_IDS.empty, { name: 'log-agent' })],
    ] as const) {
      for (const fault of [{ status: 503 }, { drop: true as const }, { status: 429, retryAfter: 0 }]) {
        emu.reset();
        emu.faults.add({ method, ...fault });
        const err = await rejects(call());
        assert.ok(err.retryable, 'retryable, but only by the user');
        assert.strictEqual(emu.requests.filter((r) => r.method === method).length, 1, `${method} ${JSON.stringify(fault)}`);
      }
    }
  });

  test('createPlugin with an unknown version gets the 400; a bad name is refused before sending', async () => {
    const err = await rejects(client().createPlugin(P, POOL_IDS.empty, { name: 'log-agent', version: '0.0.0' }));
    assert.deepStrictEqual([err.status, err.errorCode], [400, 'ModelArts.50004000']);
    const bad = await rejects(client().updatePlugin(P, POOL, '../x', { version: '1' }));
    assert.strictEqual(bad.kind, 'validation');
    assert.strictEqual(sent.length, 1);
  });

  test('trackUntilSettled waits for Running at the new version, and reports Abnormal with the plug-in', async () => {
    const c = client();
    await c.updatePlugin(P, POOL, 'node-local-dns', { version: '1.6.63' });
    const phases: (string | undefined)[] = [];
    const up = await trackUntilSettled(c, P, POOL, 'node-local-dns', { version: '1.6.63', firstDelayMs: 10, maxDelayMs: 20, onPoll: (s) => phases.push(s.phase) });
    assert.strictEqual(up.kind, 'settled');
    assert.strictEqual(up.kind === 'settled' && up.plugin.status?.version, '1.6.63');
    assert.strictEqual(phases[0], 'Updating');
    emu.state.failNextInstall({ reason: 'no nodes' });
    await c.createPlugin(P, POOL_IDS.empty, { name: 'log-agent' });
    const failed = await trackUntilSettled(c, P, POOL_IDS.empty, 'log-agent', { firstDelayMs: 10, maxDelayMs: 20 });
    assert.deepStrictEqual(failed.kind === 'settled' && [failed.plugin.status?.phase, failed.plugin.status?.reason], ['Abnormal', 'no nodes']);
    const timeout = await trackUntilSettled(c, P, POOL_IDS.trainGpu, 'log-agent', { firstDelayMs: 10, maxDelayMs: 20, timeoutMs: 100 });
    assert.deepStrictEqual([timeout.kind, 'phase' in timeout && timeout.phase], ['timeout', 'Deleting']);
    const gone = await trackUntilSettled(c, P, POOL, 'not-there', { firstDelayMs: 10, settleGraceMs: 50 });
    assert.strictEqual(gone.kind, 'gone');
  });

  test('trackUntilSettled does not take the state from before the write for the outcome', async () => {
    const c = client();
    const opts = { firstDelayMs: 10, maxDelayMs: 20, settleGraceMs: 300 };
    // the cloud has not flipped the phase yet: still Running from before an inputs-only PATCH
    const stale = await trackUntilSettled(c, P, POOL, 'node-local-dns', opts);
    assert.strictEqual(stale.kind, 'settled');
    assert.ok(stale.elapsedMs >= 300, `settled after ${stale.elapsedMs} ms, within the grace`);
    // not listed yet right after an install: not "gone" at the first poll
    const unlisted = await trackUntilSettled(c, P, POOL, 'not-there', opts);
    assert.ok(unlisted.kind === 'gone' && unlisted.elapsedMs >= 300, JSON.stringify(unlisted));
    // seen Updating: Running is the outcome at once, without waiting out the grace
    await c.updatePlugin(P, POOL, 'node-local-dns', { inputs: { custom: { ndots: '4' } } });
    const moved = await trackUntilSettled(c, P, POOL, 'node-local-dns', { ...opts, settleGraceMs: 60_000 });
    assert.strictEqual(moved.kind, 'settled');
  });

  suite('template helpers', () => {
    let dns: PluginTemplate;
    suiteSetup(async () => {
      dns = (await client().listTemplates(P, { template: 'node-local-dns' })).data.items[0];
    });

    test('display name, versions newest first, version order', () => {
      assert.strictEqual(templateDisplayName(dns), 'NodeLocal DNSCache');
      assert.strictEqual(templateDisplayName({ ...dns, metadata: { name: 'x' } }), 'x');
      const shuffled = { ...dns, spec: { ...dns.spec, versions: [...dns.spec.versions].reverse() } };
      assert.deepStrictEqual(templateVersions(shuffled).map((v) => v.version), ['1.6.63', '1.6.36', '1.5.2']);
      assert.ok(compareVersions('1.10.0', '1.9.2') > 0);
      assert.ok(compareVersions('6.8.0-20250219120620', '6.7.3-20241105093000') > 0);
      assert.strictEqual(compareVersions('1.2', '1.2'), 0);
    });

    test('flavour presets and inputs: the default preset without its mark, custom defaults', () => {
      const v = templateVersions(dns)[0];
      const presets = flavorPresets(v);
      assert.deepStrictEqual(presets.map((p) => [p.key, p.name, p.isDefault]), [['flavor1', 'HA', true], ['flavor2', 'Single', false]]);
      const d = defaultInputs(v);
      assert.deepStrictEqual(Object.keys(d), ['custom', 'flavor']);
      assert.strictEqual((d.flavor as { name: string }).name, 'HA');
      assert.ok(!('is_default' in (d.flavor as object)));
      assert.strictEqual((presetInputs(v, 'flavor2').flavor as { name: string }).name, 'Single');
      assert.deepStrictEqual(defaultInputs({ version: '1' }), {});
    });
  });
});
