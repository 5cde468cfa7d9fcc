// The emulator's life-cycle endpoints over loopback: templates (API.md §1.10), install (§1.7) with
// versions and the Abnormal fault hook, and PATCH (§1.8) with its content type and merge patch.
import * as assert from 'assert';
import { defaultInputs } from '../../src/api/templates';
import { DEMO_CREDENTIALS, POOL_IDS, PROJECT_AP_SOUTHEAST_1, PROJECT_CN_NORTH_4 } from '../../src/emulator/seed';
import { startEmulator, type Emulator } from '../../src/emulator/server';
import { control, signedFetch, type SignedFetchOptions } from './helpers/signedFetch';
import { waitFor } from './helpers/waitFor';

const PID = PROJECT_CN_NORTH_4.id;
const AUTO = POOL_IDS.autoPoolOs;
const MERGE = { 'Content-Type': 'application/merge-patch+json' };

suite('emulator: plug-in life cycle', () => {
  let emu: Emulator;
  const call = (p: string, o?: SignedFetchOptions) => signedFetch(emu.url, p, DEMO_CREDENTIALS, o);
  const plugins = (pool: string = AUTO, pid: string = PID) => `/v2/${pid}/pools/${pool}/plugins`;
  const show = async (pool: string, name: string) => (await call(`${plugins(pool)}/${name}`)).json();

  suiteSetup(async () => {
    emu = await startEmulator({ deleteDelayMs: 100, installDelayMs: 100, updateDelayMs: 100 });
  });
  suiteTeardown(() => emu.close());
  setup(() => emu.reset());

  suite('templates (GET /v2/{project_id}/plugintemplates)', () => {
    test('lists every template in the real shape, versions newest first, one default flavour each', async () => {
      const res = await call(`/v2/${PID}/plugintemplates`);
      assert.strictEqual(res.status, 200);
      const list = res.json();
      assert.deepStrictEqual([list.kind, list.apiVersion], ['PluginTemplateList', 'v2']);
      const dns = list.items.find((t: { metadata: { name: string } }) => t.metadata.name === 'node-local-dns');
      assert.deepStrictEqual([dns.kind, dns.apiVersion, dns.metadata.annotations['os.modelarts.plugin/release.name']], ['PluginTemplate', 'v2', 'NodeLocal DNSCache']);
      assert.deepStrictEqual(dns.spec.versions.map((v: { version: string }) => v.version), ['1.6.63', '1.6.36', '1.5.2']);
      for (const t of list.items) {
        const created = t.spec.versions.map((v: { creationTimestamp: string }) => v.creationTimestamp);
        assert.deepStrictEqual(created, [...created].sort().reverse(), `${t.metadata.name} newest first`);
        for (const v of t.spec.versions) {
          assert.ok(v.translate.zh_CN.plugintemplate.description, `${t.metadata.name} ${v.version} zh_CN`);
          const flavors = Object.entries(v.inputs.parameters).filter(([k]) => /^flavor\d+$/.test(k));
          if (flavors.length) assert.strictEqual(flavors.filter(([, f]) => (f as { is_default?: boolean }).is_default).length, 1, `${t.metadata.name} ${v.version}`);
        }
      }
      assert.ok(dns.spec.versions[0].inputs.parameters.custom, 'custom defaults');
      assert.ok(list.items.length >= 6);
    });

    test('filters by pool (only what fits it) and by template name', async () => {
      const names = async (pool: string, pid: string = PID) => (await call(`/v2/${pid}/plugintemplates`, { query: { poolName: pool } })).json().items.map((t: { metadata: { name: string } }) => t.metadata.name);
      const cpu = await names(POOL_IDS.empty);
      const gpu = await names(POOL_IDS.sgTrain, PROJECT_AP_SOUTHEAST_1.id);
      const npu = await names(POOL_IDS.abnormal);
      assert.ok(cpu.includes('node-local-dns') && !cpu.includes('gpu-operator') && !cpu.includes('npu-exporter'), cpu.join());
      assert.ok(gpu.includes('gpu-operator') && gpu.includes('dcgm-exporter') && !gpu.includes('npu-exporter'), gpu.join());
      assert.ok(npu.includes('npu-exporter') && !npu.includes('gpu-operator'), npu.join());
      const one = (await call(`/v2/${PID}/plugintemplates`, { query: { templateName: 'log-agent' } })).json();
      assert.deepStrictEqual(one.items.map((t: { metadata: { name: string } }) => t.metadata.name), ['log-agent']);
    });

    test('answers 404 ModelArts.50005101 for an unknown template and 404 for an unknown pool', async () => {
      const res = await call(`/v2/${PID}/plugintemplates`, { query: { templateName: 'nope' } });
      assert.strictEqual(res.status, 404);
      assert.deepStrictEqual(res.json(), { error_code: 'ModelArts.50005101', error_msg: 'Plugintemplate nope not found.' });
      const pool = await call(`/v2/${PID}/plugintemplates`, { query: { poolName: 'pool-nope' } });
      assert.deepStrictEqual([pool.status, pool.json().error_code], [404, 'ModelArts.50015001']);
    });
  });

  suite('install (POST)', () => {
    const body = (name: string, extra: object = {}) => ({ apiVersion: 'v2', kind: 'Plugin', spec: { template: { name, ...extra } } });

    test('without a version installs the newest, with the default flavour and custom defaults', async () => {
      const res = await call(plugins(POOL_IDS.empty), { method: 'POST', body: body('log-agent') });
      assert.strictEqual(res.status, 200);
      const p = res.json();
      assert.strictEqual(p.spec.template.version, '1.6.0');
      const shown = await show(POOL_IDS.empty, 'log-agent');
      assert.deepStrictEqual([shown.status.phase, shown.status.version], ['Pending', '1.6.0']);
      assert.deepStrictEqual(p.spec.template.inputs.custom, { logLevel: 'info', collectStdout: true });
      assert.strictEqual(p.spec.template.inputs.flavor.name, 'Standard');
      assert.ok(!('is_default' in p.spec.template.inputs.flavor));
    });

    test('FIDELITY #3: merges partial inputs over the version\'s defaults', async () => {
      const inputs = { custom: { logLevel: 'debug' } };
      const p = (await call(plugins(POOL_IDS.empty), { method: 'POST', body: body('log-agent', { version: '1.4.2', inputs }) })).json();
      const version = (await call(`/v2/${PID}/plugintemplates`, { query: { templateName: 'log-agent' } })).json().items[0].spec.versions
        .find((v: { version: string }) => v.version === '1.4.2');
      const defaults = defaultInputs(version) as { custom: Record<string, unknown>; flavor: unknown };
      assert.deepStrictEqual(p.spec.template.inputs.custom, { ...defaults.custom, logLevel: 'debug' });
      assert.ok(Object.keys(defaults.custom).length > 1 && defaults.custom.logLevel !== 'debug', 'the given value wins over a default');
      assert.deepStrictEqual(p.spec.template.inputs.flavor, defaults.flavor, 'the default flavour, as no flavor was given');
      assert.deepStrictEqual((await show(POOL_IDS.empty, 'log-agent')).spec.template.inputs, p.spec.template.inputs);
    });

    test('refuses an unknown version with 400, and nothing is installed', async () => {
      const res = await call(plugins(POOL_IDS.empty), { method: 'POST', body: body('log-agent', { version: '9.9.9' }) });
      assert.strictEqual(res.status, 400);
      assert.strictEqual(res.json().error_code, 'ModelArts.50004000');
      assert.deepStrictEqual((await call(plugins(POOL_IDS.empty))).json().items, []);
    });

    test('the fault hook makes the next matching install end Abnormal with the reason', async () => {
      const hook = await control(emu.url, 'POST', 'install-failures', { template: 'log-agent', reason: '0/2 nodes are available: 2 Insufficient cpu.' });
      assert.strictEqual(hook.status, 200);
      assert.strictEqual((await control(emu.url, 'POST', 'install-failures', { template: 'x' })).status, 400);
      await call(plugins(POOL_IDS.empty), { method: 'POST', body: body('node-local-dns') });
      await call(plugins(POOL_IDS.empty), { method: 'POST', body: body('log-agent') });
      const failed = await waitFor('log-agent settled', async () => {
        const p = await show(POOL_IDS.empty, 'log-agent');
        return p.status.phase !== 'Pending' && p;
      });
      assert.deepStrictEqual([failed.status.phase, failed.status.reason], ['Abnormal', '0/2 nodes are available: 2 Insufficient cpu.']);
      assert.strictEqual((await waitFor('node-local-dns settled', async () => { const p = await show(POOL_IDS.empty, 'node-local-dns'); return p.status.phase !== 'Pending' && p; })).status.phase, 'Running');
    });
  });

  suite('update (PATCH)', () => {
    test('refuses any content type but merge-patch with 400 ModelArts.50004100, changing nothing', async () => {
      const before = await show(AUTO, 'node-local-dns');
      const res = await call(`${plugins()}/node-local-dns`, { method: 'PATCH', body: { spec: { template: { version: '1.6.63' } } } });
      assert.strictEqual(res.status, 400);
      assert.deepStrictEqual(res.json(), { error_code: 'ModelArts.50004100', error_msg: 'Content type not supported' });
      assert.deepStrictEqual(await show(AUTO, 'node-local-dns'), before);
    });

    test('an upgrade answers the spec only, shows Updating, then Running at the new version', async () => {
      const res = await call(`${plugins()}/node-local-dns`, { method: 'PATCH', headers: MERGE, body: { spec: { template: { version: '1.6.63' } } } });
      assert.strictEqual(res.status, 200);
      const echo = res.json();
      assert.deepStrictEqual(Object.keys(echo), ['spec']);
      assert.strictEqual(echo.spec.template.version, '1.6.63');
      const during = await show(AUTO, 'node-local-dns');
      assert.deepStrictEqual([during.status.phase, during.status.version], ['Updating', '1.6.36']);
      const after = await waitFor('node-local-dns Running', async () => { const p = await show(AUTO, 'node-local-dns'); return p.status.phase === 'Running' && p; });
      assert.deepStrictEqual([after.status.version, after.spec.template.version, after.status.reason], ['1.6.63', '1.6.63', 'Upgrade complete']);
    });

    // FIDELITY #1: "If the parameters are not specified, the default values in the plug-in template are used."
    test('FIDELITY #1 documented (the default): inputs a PATCH leaves out take the target version\'s template defaults', async () => {
      assert.strictEqual(emu.config().patchSemantics, 'documented');
      const before = await show(AUTO, 'node-local-dns');
      assert.deepStrictEqual([before.spec.template.inputs.custom.nameserver, before.spec.template.inputs.custom.ndots], ['135.0.0.1', '8']);
      await call(`${plugins()}/node-local-dns`, { method: 'PATCH', headers: MERGE, body: { spec: { template: { version: '1.6.63' } } } });
      const p = await show(AUTO, 'node-local-dns');
      assert.deepStrictEqual(p.spec.template.inputs.custom, { enable_dnsconfig_admission: false, nameserver: '', ndots: '5', search: '' }, 'every custom input reset');
      assert.strictEqual(p.spec.template.inputs.flavor.name, 'HA');
      assert.strictEqual(p.spec.template.inputs.flavor.size, 'large');
    });

    test('FIDELITY #1 documented: the PATCH\'s inputs are merged over the defaults; a partial object keeps the other defaults', async () => {
      const patch = { spec: { template: { inputs: { custom: { ndots: '3' }, flavor: { resources: [{ name: 'only' }] } } } } };
      const res = await call(`${plugins()}/node-local-dns`, { method: 'PATCH', headers: MERGE, body: patch });
      assert.strictEqual(res.status, 200);
      const p = await show(AUTO, 'node-local-dns');
      assert.deepStrictEqual(p.spec.template.inputs.custom, { enable_dnsconfig_admission: false, nameserver: '', ndots: '3', search: '' });
      assert.deepStrictEqual(p.spec.template.inputs.flavor.resources, [{ name: 'only' }]);
      assert.strictEqual(p.spec.template.version, '1.6.36');
    });

    test('FIDELITY #2 documented: a null takes the template default (and a key the template lacks is left out)', async () => {
      const inputs = { custom: { enable_dnsconfig_admission: true, nameserver: '10.0.0.10', ndots: null, search: 'a', extra: null }, flavor: { name: 'Single' } };
      await call(`${plugins()}/node-local-dns`, { method: 'PATCH', headers: MERGE, body: { spec: { template: { name: 'node-local-dns', version: '1.6.36', inputs } } } });
      const p = await show(AUTO, 'node-local-dns');
      assert.deepStrictEqual(p.spec.template.inputs.custom, { enable_dnsconfig_admission: true, nameserver: '10.0.0.10', ndots: '5', search: 'a' });
    });

    test('merge semantics (--patch-semantics merge): RFC 7386 over the current inputs: null removes, objects merge, arrays replace', async () => {
      emu.setConfig({ patchSemantics: 'merge' });
      const patch = { spec: { template: { inputs: { custom: { ndots: '3', search: null }, flavor: { resources: [{ name: 'only' }] } } } } };
      const res = await call(`${plugins()}/node-local-dns`, { method: 'PATCH', headers: { 'Content-Type': 'application/merge-patch+json;charset=UTF-8' }, body: patch });
      assert.strictEqual(res.status, 200);
      const p = await show(AUTO, 'node-local-dns');
      assert.deepStrictEqual(p.spec.template.inputs.custom, { enable_dnsconfig_admission: true, nameserver: '135.0.0.1', ndots: '3' });
      assert.deepStrictEqual(p.spec.template.inputs.flavor.resources, [{ name: 'only' }]);
      assert.strictEqual(p.spec.template.inputs.flavor.name, 'HA');
      assert.strictEqual(p.spec.template.version, '1.6.36');
    });

    test('merge semantics: a version-only PATCH keeps the inputs', async () => {
      emu.setConfig({ patchSemantics: 'merge' });
      await call(`${plugins()}/node-local-dns`, { method: 'PATCH', headers: MERGE, body: { spec: { template: { version: '1.6.63' } } } });
      assert.strictEqual((await show(AUTO, 'node-local-dns')).spec.template.inputs.custom.nameserver, '135.0.0.1');
    });

    test('the PATCH semantics are set by the control API, validated, and reset to documented', async () => {
      assert.strictEqual((await control(emu.url, 'POST', 'config', { patchSemantics: 'merge' })).status, 200);
      assert.strictEqual(emu.config().patchSemantics, 'merge');
      assert.strictEqual((await control(emu.url, 'POST', 'config', { patchSemantics: 'rfc' })).status, 400);
      emu.reset();
      assert.strictEqual(emu.config().patchSemantics, 'documented');
    });

    test('refuses an unknown version, a name change, a bad body, a plug-in being deleted and one not installed', async () => {
      const patch = (name: string, template: unknown, pool: string = AUTO) => call(`${plugins(pool)}/${name}`, { method: 'PATCH', headers: MERGE, body: { spec: { template } } });
      const before = await show(AUTO, 'node-local-dns');
      for (const bad of [{ version: '0.0.1' }, { name: 'log-agent' }, { inputs: 3 }, { version: 5 }]) {
        const res = await patch('node-local-dns', bad);
        assert.deepStrictEqual([res.status, res.json().error_code], [400, 'ModelArts.50004000'], JSON.stringify(bad));
      }
      const notJson = await call(`${plugins()}/node-local-dns`, { method: 'PATCH', headers: MERGE, body: '{nope' });
      assert.strictEqual(notJson.status, 400);
      assert.deepStrictEqual(await show(AUTO, 'node-local-dns'), before, 'nothing changed');
      const deleting = await patch('log-agent', { version: '1.6.0' }, POOL_IDS.trainGpu);
      assert.strictEqual(deleting.status, 400);
      assert.match(deleting.json().error_msg, /being deleted/);
      const missing = await patch('not-there', { version: '1' });
      assert.match(missing.json().error_msg, /is not installed/);
    });
  });
});
