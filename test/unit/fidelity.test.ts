// FIDELITY.md rows 3–11 (../shared/FIDELITY.md): for each, the emulator answers as the vendor's
// documents say (its default, "documented" mode), and the product is right against it; where the
// emulator has a second reading (row 6), under both. Rows 1 and 2 live with the PATCH planner.
import * as assert from 'assert';
import nodeFetch from 'node-fetch';
import {
  defaultInputs, presetInputs, templateVersions, trackDeletion, trackUntilSettled, type FetchInit, type ModelArtsClient, type ProjectRef,
} from '../../src/api';
import { installedByDefault } from '../../src/core/defaultPlugin';
import { keptDefaults, describeKept } from '../../src/core/installInputs';
import { formatStatusValues, statusValues } from '../../src/core/statusValues';
import { DEMO_CREDENTIALS, POOL_IDS, PROJECT_AP_SOUTHEAST_1, PROJECT_CN_NORTH_4 } from '../../src/emulator/seed';
import { parseArgs } from '../../src/emulator/main';
import { parseScenario } from '../../src/emulator/scenario';
import { startEmulator, type Emulator, type EmulatorConfig } from '../../src/emulator/server';
import { emulatorClient, rejects } from './helpers/client';
import { control, signedFetch } from './helpers/signedFetch';

const P: ProjectRef = { id: PROJECT_CN_NORTH_4.id, region: 'cn-north-4' };
const AUTO = POOL_IDS.autoPoolOs;
const EMPTY = POOL_IDS.empty;
const FAST = { firstDelayMs: 10, maxDelayMs: 30 };
const MERGE = { 'Content-Type': 'application/merge-patch+json' };

suite('FIDELITY (emulator in its documented mode, product against it)', () => {
  let emu: Emulator;
  const sent: { method: string; url: string; headers: Record<string, string> }[] = [];
  const client = (): ModelArtsClient => emulatorClient(emu, {
    fetch: (url: string, init: FetchInit) => {
      sent.push({ method: init.method, url, headers: init.headers });
      return nodeFetch(url, init);
    },
  });
  const call = (p: string, o?: Parameters<typeof signedFetch>[3]) => signedFetch(emu.url, p, DEMO_CREDENTIALS, o);
  const plugins = (pool: string) => `/v2/${P.id}/pools/${pool}/plugins`;

  suiteSetup(async () => {
    emu = await startEmulator({ installDelayMs: 100, updateDelayMs: 100, deleteDelayMs: 100 });
  });
  suiteTeardown(() => emu.close());
  setup(() => {
    emu.reset();
    sent.length = 0;
  });

  test('FIDELITY #3: an install sends what the user chose; the cloud fills in the rest, and the defaults left as they are can be named', async () => {
    const c = client();
    const version = templateVersions((await c.listTemplates(P, { template: 'node-local-dns' })).data.items[0])[0];
    const defaults = defaultInputs(version) as { custom: Record<string, unknown>; flavor: Record<string, unknown> };
    // a preset: the flavour changes, every custom parameter stays at its default
    const chosen = presetInputs(version, 'flavor2');
    const kept = keptDefaults(defaults, chosen).map((k) => k.path);
    assert.deepStrictEqual(kept.filter((k) => k.startsWith('custom.')).sort(), Object.keys(defaults.custom).map((k) => `custom.${k}`).sort());
    assert.ok(!kept.includes('flavor.name'), 'the chosen flavour is not a kept default');
    // JSON inputs that change one parameter and leave one out
    const custom: Record<string, unknown> = { ...defaults.custom, ndots: '3' };
    delete custom.nameserver;
    const edited = { custom, flavor: defaults.flavor };
    const keptEdited = keptDefaults(defaults, edited).map((k) => k.path);
    assert.ok(!keptEdited.includes('custom.ndots') && keptEdited.includes('custom.nameserver') && keptEdited.includes('flavor.name'), keptEdited.join());
    assert.strictEqual(keptDefaults(defaults, undefined).length, keptDefaults(defaults, defaults).length, 'no inputs: every default kept');
    const { lines, more } = describeKept(keptDefaults(defaults, undefined), 2);
    assert.deepStrictEqual([lines.length, more], [2, keptDefaults(defaults, undefined).length - 2]);
    assert.match(lines[0], /^custom\.\w+ = /);

    await c.createPlugin(P, EMPTY, { name: 'node-local-dns', version: version.version, inputs: edited });
    const body = JSON.parse(emu.requests.find((r) => r.method === 'POST')!.requestBody!);
    assert.deepStrictEqual(body.spec.template.inputs, edited, 'sent as chosen');
    const stored = (await c.showPlugin(P, EMPTY, 'node-local-dns')).data.spec.template.inputs as typeof defaults;
    assert.deepStrictEqual(stored.custom, { ...defaults.custom, ndots: '3' }, 'the left-out parameter took its default');
  });

  test('FIDELITY #4: Create answers apiVersion, kind and spec only; tracking after an install needs no phase, and "not listed yet" is pending', async () => {
    const c = client();
    const r = await c.createPlugin(P, EMPTY, { name: 'log-agent' });
    assert.deepStrictEqual(Object.keys(JSON.parse(r.text)), ['apiVersion', 'kind', 'spec']);
    assert.strictEqual(r.data.status, undefined);
    // settles at once when Running: no busy answer, no grace to wait out
    const settled = await trackUntilSettled(c, P, EMPTY, 'log-agent', { ...FAST, version: r.data.spec.template.version, afterInstall: true, settleGraceMs: 60_000 });
    assert.deepStrictEqual(settled.kind === 'settled' && [settled.plugin.status?.phase, settled.plugin.status?.version], ['Running', '1.6.0']);
    // not listed for longer than the grace: still pending (a timeout here), never "gone"
    const unlisted = await trackUntilSettled(c, P, EMPTY, 'node-local-dns', { ...FAST, afterInstall: true, settleGraceMs: 50, timeoutMs: 400 });
    assert.deepStrictEqual([unlisted.kind, 'phase' in unlisted ? unlisted.phase : 'x'], ['timeout', undefined]);
    // listed only after a while (a cloud slow to list it): tracked to Running
    const late = trackUntilSettled(c, P, EMPTY, 'node-local-dns', { ...FAST, afterInstall: true, settleGraceMs: 50, timeoutMs: 5000 });
    await new Promise((res) => setTimeout(res, 300));
    await c.createPlugin(P, EMPTY, { name: 'node-local-dns' });
    const outcome = await late;
    assert.deepStrictEqual(outcome.kind === 'settled' && outcome.plugin.status?.phase, 'Running');
    assert.ok(outcome.elapsedMs >= 300, 'it was not listed for 300 ms and tracking went on');
  });

  suite('FIDELITY #5: ListPools', () => {
    const names = (items: { metadata: { name: string } }[]) => items.map((p) => p.metadata.name);

    test('FIDELITY #5: the emulator honours the documented status query', async () => {
      const all = (await call(`/v2/${P.id}/pools`)).json().items;
      const phaseOf = new Map(all.map((p: { metadata: { name: string }; status: { phase: string } }) => [p.metadata.name, p.status.phase]));
      const creating = names((await call(`/v2/${P.id}/pools`, { query: { status: 'creating' } })).json().items);
      const created = names((await call(`/v2/${P.id}/pools`, { query: { status: 'created' } })).json().items);
      assert.deepStrictEqual(creating, [POOL_IDS.creating]);
      assert.ok(created.includes(AUTO) && created.includes(POOL_IDS.abnormal) && !created.includes(POOL_IDS.creating), created.join());
      assert.ok(created.every((n: string) => ['Running', 'Abnormal', 'Error', 'ScalingFailed', 'Deleting'].includes(phaseOf.get(n) as string)));
      const failed = await call(`/v2/${PROJECT_AP_SOUTHEAST_1.id}/pools`, { query: { status: 'failed' } });
      assert.deepStrictEqual(names(failed.json().items), [POOL_IDS.sgCreationFailed]);
      assert.strictEqual((await call(`/v2/${P.id}/pools`, { query: { status: 'sideways' } })).status, 400);
    });

    test('FIDELITY #5: pages with metadata.continue are walked to the end, and the result is the unpaged list', async () => {
      const whole = await client().listPools(P);
      emu.setConfig({ poolPageSize: 2 });
      const first = (await call(`/v2/${P.id}/pools`)).json();
      assert.strictEqual(first.items.length, 2);
      assert.ok(first.metadata.continue, 'a continue token');
      sent.length = 0;
      const paged = await client().listPools(P);
      assert.deepStrictEqual(names(paged.data.items), names(whole.data.items));
      assert.strictEqual(sent.length, Math.ceil(whole.data.items.length / 2));
      assert.strictEqual(paged.data.metadata?.continue, '');
    });

    for (const mode of ['repeat-token', 'repeat-page'] as const) {
      test(`FIDELITY #5: a cloud that ignores ?continue= (${mode}) ends the walk after one repeat, pools de-duplicated`, async () => {
        emu.setConfig({ poolPageSize: 2, poolContinue: mode });
        const a = (await call(`/v2/${P.id}/pools`)).json();
        const b = (await call(`/v2/${P.id}/pools`, { query: { continue: a.metadata.continue } })).json();
        assert.deepStrictEqual(names(b.items), names(a.items), 'the emulator repeats the first page');
        assert.strictEqual(a.metadata.continue === b.metadata.continue, mode === 'repeat-token');
        sent.length = 0;
        const r = await client().listPools(P);
        assert.strictEqual(sent.length, 2, 'the first page, one repeat, no more');
        assert.deepStrictEqual(names(r.data.items), names(a.items));
        assert.strictEqual(new Set(names(r.data.items)).size, r.data.items.length, 'no pool twice');
      });
    }
  });

  for (const missing of [404, 400] as const) {
    suite(`FIDELITY #6: a missing pool on the plug-in paths answered ${missing}`, () => {
      setup(() => emu.setConfig({ missingPoolOnPluginPaths: missing }));

      test(`FIDELITY #6 (${missing}): the emulator's answer`, async () => {
        for (const [method, path] of [['GET', plugins('pool-nope')], ['GET', `${plugins('pool-nope')}/log-agent`], ['DELETE', `${plugins('pool-nope')}/log-agent`]]) {
          const res = await call(path, { method });
          assert.deepStrictEqual([res.status, res.json()], missing === 404
            ? [404, { error_code: 'ModelArts.50015001', error_msg: 'pool not found' }]
            : [400, { error_code: 'ModelArts.50004000', error_msg: 'Bad request. invalid nodepool name' }], `${method} ${path}`);
        }
        const post = await call(plugins('pool-nope'), { method: 'POST', body: { apiVersion: 'v2', kind: 'Plugin', spec: { template: { name: 'log-agent' } } } });
        const patch = await call(`${plugins('pool-nope')}/log-agent`, { method: 'PATCH', headers: MERGE, body: { spec: { template: { version: '1.6.0' } } } });
        assert.deepStrictEqual([post.status, patch.status], [missing, missing]);
        // the pool API itself keeps its documented 404
        assert.strictEqual((await call(`/v2/${P.id}/pools/pool-nope`)).status, 404);
      });

      test(`FIDELITY #6 (${missing}): tracking says "gone" only once the pool list confirms it`, async () => {
        const c = client();
        const removed = await trackDeletion(c, P, 'pool-nope', 'log-agent', FAST);
        assert.strictEqual(removed.kind, 'removed');
        assert.ok(sent.some((s) => new URL(s.url).pathname === `/v2/${P.id}/pools`), 'the pools were listed to confirm');
        const gone = await trackUntilSettled(c, P, 'pool-nope', 'log-agent', { ...FAST, afterInstall: true });
        assert.strictEqual(gone.kind, 'gone');
        // the same codes for a pool that is there: an error, never "removed"
        for (const fault of [{ status: 404, body: JSON.stringify({ error_code: 'ModelArts.50015001', error_msg: 'pool not found' }) }, { status: 400, body: JSON.stringify({ error_code: 'ModelArts.50004000', error_msg: 'Bad request. invalid nodepool name' }) }]) {
          emu.faults.add({ method: 'GET', path: `${plugins(AUTO)}$`, times: 1, ...fault });
          const tracked = await trackDeletion(c, P, AUTO, 'node-local-dns', FAST);
          assert.deepStrictEqual([tracked.kind, tracked.kind === 'error' && tracked.error.status], ['error', fault.status]);
        }
      });
    });
  }

  test('FIDELITY #7: "installed by default" only from the template\'s optional: false; the cloud\'s refusal is a plain 400', async () => {
    const c = client();
    const err = await rejects(c.deletePlugin(P, AUTO, 'gpu-beta'));
    assert.deepStrictEqual([err.status, err.errorCode, err.errorMsg], [400, 'ModelArts.50004000', 'Bad request.']);
    assert.strictEqual(await installedByDefault(c, P, 'gpu-beta'), true);
    assert.strictEqual(await installedByDefault(c, P, 'volcano'), true);
    assert.strictEqual(await installedByDefault(c, P, 'node-local-dns'), false);
    // a name that looks built in says nothing without a template
    assert.strictEqual(await installedByDefault(c, P, 'metric-collector'), undefined);
    emu.faults.add({ method: 'GET', path: `/v2/${P.id}/plugintemplates`, status: 503, times: 10 });
    assert.strictEqual(await installedByDefault(c, P, 'gpu-beta'), undefined, 'unreadable template: no claim');
  });

  suite('FIDELITY #8', () => {
    test('FIDELITY #8: with upgradeAbnormalReason an upgrade ends Abnormal and tracking reports it with the reason', async () => {
      const reason = '0/2 nodes are available: 2 Insufficient memory.';
      emu.setConfig({ upgradeAbnormalReason: reason });
      const c = client();
      const before = (await c.showPlugin(P, AUTO, 'node-local-dns')).data.status?.version;
      await call(`${plugins(AUTO)}/node-local-dns`, { method: 'PATCH', headers: MERGE, body: { spec: { template: { name: 'node-local-dns', version: '1.6.63' } } } });
      const outcome = await trackUntilSettled(c, P, AUTO, 'node-local-dns', { ...FAST, version: '1.6.63' });
      assert.deepStrictEqual(outcome.kind === 'settled' && [outcome.plugin.status?.phase, outcome.plugin.status?.reason, outcome.plugin.status?.version], ['Abnormal', reason, before]);
      // an inputs-only update is not an upgrade: it still ends Running
      await call(`${plugins(AUTO)}/log-agent`, { method: 'PATCH', headers: MERGE, body: { spec: { template: { inputs: { custom: { logLevel: 'warn' } } } } } });
      const update = await trackUntilSettled(c, P, AUTO, 'log-agent', { ...FAST, settleGraceMs: 200 });
      assert.strictEqual(update.kind === 'settled' && update.plugin.status?.phase, 'Running');
    });

    test('FIDELITY #8: with stuckDeleting a Deleting never ends; tracking stops at its limit with the phase', async () => {
      emu.setConfig({ stuckDeleting: true, deleteDelayMs: 10 });
      const c = client();
      await c.deletePlugin(P, AUTO, 'node-local-dns');
      const outcome = await trackDeletion(c, P, AUTO, 'node-local-dns', { ...FAST, timeoutMs: 400 });
      assert.deepStrictEqual([outcome.kind, 'phase' in outcome && outcome.phase], ['timeout', 'Deleting']);
      assert.strictEqual((await c.showPlugin(P, AUTO, 'node-local-dns')).data.status?.phase, 'Deleting');
    });

    test('FIDELITY #5 #6 #8: every switch is an emulator flag and a scenario field, checked', () => {
      const flags = parseArgs(['--pool-page-size', '2', '--pool-continue', 'repeat-token', '--missing-pool-on-plugin-paths=400', '--upgrade-abnormal', 'no nodes', '--stuck-deleting']);
      assert.ok(flags !== 'help');
      assert.deepStrictEqual(
        [flags.poolPageSize, flags.poolContinue, flags.missingPoolOnPluginPaths, flags.upgradeAbnormalReason, flags.stuckDeleting],
        [2, 'repeat-token', 400, 'no nodes', true]);
      for (const bad of [['--pool-continue', 'skip'], ['--missing-pool-on-plugin-paths', '500'], ['--stuck-deleting=no'], ['--upgrade-abnormal']]) {
        assert.throws(() => parseArgs(bad), /^Error: (--pool-continue must be one of|--missing-pool-on-plugin-paths must be one of 404, 400|unknown argument|--upgrade-abnormal needs a value)/, bad.join(' '));
      }
      const scenario = parseScenario({ poolPageSize: 5, poolContinue: 'repeat-page', missingPoolOnPluginPaths: 400, upgradeAbnormalReason: 'r', stuckDeleting: true });
      assert.deepStrictEqual(scenario, { poolPageSize: 5, poolContinue: 'repeat-page', missingPoolOnPluginPaths: 400, upgradeAbnormalReason: 'r', stuckDeleting: true });
      assert.throws(() => parseScenario({ stuckDeleting: 1 }), /"stuckDeleting" must be one of true, false/);
    });

    test('FIDELITY #8: the switches are in the scenario file\'s config and the control API, checked', async () => {
      const ok = await control(emu.url, 'POST', 'config', { upgradeAbnormalReason: 'x', stuckDeleting: true, poolPageSize: 3, poolContinue: 'repeat-page', missingPoolOnPluginPaths: 400 });
      assert.strictEqual(ok.status, 200);
      const cfg: EmulatorConfig = ok.body;
      assert.deepStrictEqual([cfg.upgradeAbnormalReason, cfg.stuckDeleting, cfg.poolPageSize, cfg.poolContinue, cfg.missingPoolOnPluginPaths], ['x', true, 3, 'repeat-page', 400]);
      for (const bad of [{ stuckDeleting: 'yes' }, { poolContinue: 'skip' }, { missingPoolOnPluginPaths: 500 }, { upgradeAbnormalReason: 3 }, { poolPageSize: -1 }]) {
        assert.strictEqual((await control(emu.url, 'POST', 'config', bad)).status, 400, JSON.stringify(bad));
      }
      emu.reset();
      assert.strictEqual(emu.config().stuckDeleting, false, 'reset restores the start configuration');
    });
  });

  test('FIDELITY #9: status.values is the inputs\' JSON text; the product parses it where it parses and never assumes an object', async () => {
    const c = client();
    const shown = (await c.showPlugin(P, AUTO, 'node-local-dns')).data;
    assert.strictEqual(typeof shown.status?.values, 'string');
    const parsed = statusValues(shown);
    assert.deepStrictEqual(parsed, { kind: 'json', value: shown.spec.template.inputs });
    const listed = (await c.listPlugins(P, AUTO)).data.items.find((p) => p.spec.template.name === 'node-local-dns')!;
    assert.strictEqual(listed.status?.values, shown.status?.values);
    // whatever a cloud writes there
    const odd = { kind: 'Plugin', apiVersion: 'v2', spec: { template: { name: 'odd-agent', inputs: { a: 1 } } }, status: { phase: 'Running', values: 'replicas=2, ndots=5' } };
    await control(emu.url, 'POST', 'plugins', { projectId: P.id, pool: EMPTY, plugin: odd });
    const oddShown = (await c.showPlugin(P, EMPTY, 'odd-agent')).data;
    assert.deepStrictEqual(statusValues(oddShown), { kind: 'text', text: 'replicas=2, ndots=5' });
    assert.strictEqual(formatStatusValues(statusValues(oddShown)), 'replicas=2, ndots=5');
    assert.deepStrictEqual(statusValues({ status: { values: '[1,2]' } }), { kind: 'json', value: [1, 2] });
    assert.deepStrictEqual(statusValues({ status: { values: '"x"' } }), { kind: 'json', value: 'x' });
    assert.deepStrictEqual(statusValues({ status: { values: { a: 1 } } }), { kind: 'json', value: { a: 1 } });
    for (const none of [undefined, null, 'text', {}, { status: null }, { status: 'x' }, { status: {} }]) assert.deepStrictEqual(statusValues(none), { kind: 'absent' });
    assert.strictEqual(formatStatusValues(statusValues({ status: { values: '{"a":{"b":1}}' } })), '{\n  "a": {\n    "b": 1\n  }\n}');
  });

  test('FIDELITY #10: PATCH is accepted with and without spec.template.name (not with another one)', async () => {
    const patch = (template: object) => call(`${plugins(AUTO)}/node-local-dns`, { method: 'PATCH', headers: MERGE, body: { spec: { template } } });
    assert.strictEqual((await patch({ name: 'node-local-dns', version: '1.6.63' })).status, 200);
    emu.reset();
    assert.strictEqual((await patch({ version: '1.6.63' })).status, 200);
    emu.reset();
    assert.strictEqual((await patch({ name: 'log-agent', version: '1.6.63' })).status, 400);
  });

  test('FIDELITY #11: IAM projects are asked for with Content-Type application/json;charset=utf8', async () => {
    const r = await client().listProjects();
    assert.ok(r.data.some((p) => p.id === P.id));
    const req = sent.find((s) => new URL(s.url).pathname === '/v3/auth/projects')!;
    assert.strictEqual(req.headers['Content-Type'], 'application/json;charset=utf8');
    assert.match(req.headers.Authorization, /SignedHeaders=[^,]*content-type/, 'and it is signed');
    // the ModelArts calls keep theirs
    await client().listPools(P);
    assert.strictEqual(sent.find((s) => new URL(s.url).pathname === `/v2/${P.id}/pools`)!.headers['Content-Type'], 'application/json');
  });
});
