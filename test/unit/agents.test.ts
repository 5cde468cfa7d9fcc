// The one table of agent tools (src/agents/tools.ts), every handler against the emulator over
// loopback with real signing: names resolved from IDs, names and display names, a cloud error as a
// tool error, bad arguments refused before anything is sent, one request per write, tracking with
// progress and cancellation, and upgrade_plugin keeping the inputs under both PATCH readings.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Plugin } from '../../src/api';
import { findTemplateVersion, presetInputs } from '../../src/api/templates';
import { AGENT_TOOLS, ROW_CAP, annotations, findTool, prepareCall, toolError, type ToolContext, type ToolOutput } from '../../src/agents/tools';
import { inventoryRows } from '../../src/core/inventory';
import { scanFleet } from '../../src/core/scan';
import { POOL_IDS, PROJECT_CN_NORTH_4, makePlugin } from '../../src/emulator/seed';
import { startEmulator, type Emulator } from '../../src/emulator/server';
import type { PatchSemantics } from '../../src/emulator/state';
import { getTemplate } from '../../src/emulator/templates';
import { emulatorClient, rejects } from './helpers/client';
import { control } from './helpers/signedFetch';

const CN = PROJECT_CN_NORTH_4;
const AUTO = POOL_IDS.autoPoolOs;
const FAST = { firstDelayMs: 20, maxDelayMs: 60, settleGraceMs: 300, timeoutMs: 10_000 };

function tool(name: string) {
  const t = findTool(name);
  assert.ok(t, `no tool ${name}`);
  return t;
}

async function call(ctx: ToolContext, name: string, args: unknown): Promise<ToolOutput> {
  return (await prepareCall(tool(name), ctx, args)).run();
}

suite('agent tools: the table', () => {
  test('ten tools, unique names, read tools first; only writes are non-read-only, delete and upgrade destructive', () => {
    assert.deepStrictEqual(AGENT_TOOLS.map((t) => t.name), [
      'list_projects', 'list_pools', 'list_plugins', 'show_plugin', 'list_templates', 'fleet_inventory', 'version_drift', 'install_plugin', 'upgrade_plugin', 'delete_plugin',
    ]);
    for (const t of AGENT_TOOLS) {
      const a = annotations(t);
      assert.strictEqual(a.readOnlyHint, !t.write, t.name);
      assert.strictEqual(a.idempotentHint, !t.write, t.name);
      assert.strictEqual(a.destructiveHint, t.name === 'delete_plugin' || t.name === 'upgrade_plugin', t.name);
      assert.strictEqual(t.inputSchema.additionalProperties, false, t.name);
      for (const r of t.inputSchema.required ?? []) assert.ok(r in t.inputSchema.properties, `${t.name} requires an unknown ${r}`);
      assert.match(t.description, t.write ? /Writes to the cloud/ : /Read-only\.$/, t.name);
    }
  });

  test('package.json contributes exactly these tools to VS Code, with the same descriptions and input schemas', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8'));
    const contributed = pkg.contributes.languageModelTools as { name: string; modelDescription: string; inputSchema: unknown; displayName: string; userDescription: string; when?: string }[];
    assert.deepStrictEqual(contributed.map((c) => c.name), AGENT_TOOLS.map((t) => `modelarts_${t.name}`));
    for (const t of AGENT_TOOLS) {
      const c = contributed.find((x) => x.name === `modelarts_${t.name}`)!;
      assert.strictEqual(c.modelDescription, t.description, t.name);
      assert.deepStrictEqual(c.inputSchema, t.inputSchema, t.name);
      assert.match(c.displayName, /^%languageModelTools\.\w+\.displayName%$/);
      assert.strictEqual(c.when, 'modelarts.signedIn');
    }
  });
});

suite('agent tools against the emulator', () => {
  let emu: Emulator;
  let ctx: ToolContext;
  const sent = (method: string) => emu.requests.filter((r) => r.method === method);

  suiteSetup(async () => {
    emu = await startEmulator({ deleteDelayMs: 150, installDelayMs: 150, updateDelayMs: 150 });
  });
  suiteTeardown(() => emu.close());
  setup(() => {
    emu.reset();
    ctx = { client: emulatorClient(emu), tracking: FAST };
  });

  test('list_projects: the account\'s projects with their regions, without MOS', async () => {
    const r = await call(ctx, 'list_projects', {});
    const projects = r.data.projects as { id: string; name: string; region: string }[];
    assert.ok(projects.some((p) => p.id === CN.id && p.name === 'cn-north-4' && p.region === 'cn-north-4'));
    assert.ok(projects.some((p) => p.name === 'cn-north-4_ml-team' && p.region === 'cn-north-4'));
    assert.ok(!projects.some((p) => p.name === 'MOS'));
    assert.match(r.summary, new RegExp(`^${projects.length} project\\(s\\)`));
  });

  test('list_pools by project name: phase and plug-in health counts per pool', async () => {
    const r = await call(ctx, 'list_pools', { project: 'cn-north-4' });
    const pools = r.data.pools as { name: string; display_name: string; phase: string; plugins: number; plugin_phases: Record<string, number> }[];
    const auto = pools.find((p) => p.name === AUTO)!;
    assert.strictEqual(auto.display_name, 'auto-pool-os');
    assert.strictEqual(auto.plugins, 6);
    assert.deepStrictEqual(auto.plugin_phases, { Running: 4, Abnormal: 1, Pending: 1 });
    assert.strictEqual(pools.find((p) => p.name === POOL_IDS.empty)!.plugins, 0);
    assert.match(r.summary, /with an Abnormal plug-in/);
  });

  test('list_plugins by the pool\'s display name gives what its name gives; the reason of an Abnormal one', async () => {
    const byDisplay = await call(ctx, 'list_plugins', { project: CN.id, pool: 'auto-pool-os' });
    const byName = await call(ctx, 'list_plugins', { project: 'cn-north-4', pool: AUTO });
    assert.deepStrictEqual(byDisplay.data, byName.data);
    const log = (byName.data.plugins as { plugin: string; phase: string; reason: string }[]).find((p) => p.plugin === 'log-agent')!;
    assert.strictEqual(log.phase, 'Abnormal');
    assert.match(log.reason, /cpu/i);
  });

  test('show_plugin returns the cloud\'s answer', async () => {
    const r = await call(ctx, 'show_plugin', { project: CN.id, pool: AUTO, plugin: 'node-local-dns' });
    const direct = await ctx.client.showPlugin(CN, AUTO, 'node-local-dns');
    assert.deepStrictEqual(r.data.plugin, direct.data);
    assert.match(r.summary, /^node-local-dns .* is Running/);
  });

  test('list_templates of one template: versions newest first, and the default inputs of the newest', async () => {
    const r = await call(ctx, 'list_templates', { project: 'cn-north-4', template: 'node-local-dns' });
    const [t] = r.data.templates as { name: string; latest: string; versions: string[]; default_inputs_of_latest: Record<string, unknown> }[];
    assert.strictEqual(t.name, 'node-local-dns');
    assert.strictEqual(t.latest, t.versions[0]);
    assert.ok(t.versions.includes('1.6.36') && t.versions.includes('1.6.63'));
    assert.ok(t.default_inputs_of_latest && typeof t.default_inputs_of_latest === 'object');
  });

  test('fleet_inventory: the rows of a scan of every project, and the failures', async () => {
    const r = await call(ctx, 'fleet_inventory', {});
    const projects = (await ctx.client.listProjects()).data.map((p) => ({ id: p.id, name: p.name, region: p.name.split('_')[0] }));
    const expected = inventoryRows(await scanFleet(ctx.client, projects));
    assert.deepStrictEqual(r.data.rows, expected);
    assert.strictEqual(r.data.total_rows, expected.length);
    assert.strictEqual(r.data.cut, undefined);
    const only = await call(ctx, 'fleet_inventory', { projects: ['cn-north-4'] });
    assert.ok((only.data.rows as { project: string }[]).every((x) => x.project === 'cn-north-4'));
  });

  test('version_drift of one template: the newest offered version and the pools behind it', async () => {
    const r = await call(ctx, 'version_drift', { template: 'node-local-dns' });
    const [t] = r.data.templates as { template: string; newest: string; pools: number; behind: number }[];
    assert.strictEqual(t.template, 'node-local-dns');
    const offered = (await ctx.client.listTemplates(CN, { template: 'node-local-dns' })).data.items[0];
    assert.ok(findTemplateVersion(offered, t.newest), 'newest is an offered version');
    const pools = r.data.pools as { template: string; version: string; behind: boolean }[];
    assert.ok(pools.length >= 4 && pools.every((p) => p.template === 'node-local-dns'));
    assert.strictEqual(pools.filter((p) => p.behind).length, t.behind);
    assert.ok(pools.every((p) => p.behind === (p.version !== t.newest)));
  });

  test('an unknown project name is refused with the projects there are; only IAM was asked', async () => {
    const e = await rejects(call(ctx, 'list_pools', { project: 'cn-nowhere-9' }));
    assert.strictEqual(e.kind, 'validation');
    assert.match(e.message, /No project "cn-nowhere-9".*cn-north-4: 0b5e7f3c/);
    assert.deepStrictEqual(emu.requests.map((x) => `${x.method} ${x.path}`), ['GET /v3/auth/projects']);
  });

  test('an unknown pool is refused with the pools there are', async () => {
    const e = await rejects(call(ctx, 'list_plugins', { project: 'cn-north-4', pool: 'no-such-pool' }));
    assert.strictEqual(e.kind, 'validation');
    assert.match(e.message, /No pool "no-such-pool" in project cn-north-4\. Pools: .*auto-pool-os/);
  });

  test('bad arguments are refused before anything is read or sent', async () => {
    for (const [name, args, why] of [
      ['list_pools', {}, /"project" is required/],
      ['list_pools', { project: 42 }, /"project" must be a non-empty string/],
      ['list_pools', { project: '  ' }, /"project" must be a non-empty string/],
      ['list_plugins', { project: 'cn-north-4', pool: AUTO, extra: 1 }, /unknown argument "extra"/],
      ['delete_plugin', { project: 'cn-north-4', pool: AUTO, plugin: 'log-agent', wait: 'yes' }, /"wait" must be true or false/],
      ['upgrade_plugin', { project: 'cn-north-4', pool: AUTO, plugin: 'node-local-dns', inputs: [1] }, /"inputs" must be a JSON object/],
      ['fleet_inventory', { projects: 'cn-north-4' }, /"projects" must be an array/],
      ['list_projects', 'nonsense', /must be a JSON object/],
    ] as [string, unknown, RegExp][]) {
      const e = await rejects(prepareCall(tool(name), ctx, args));
      assert.strictEqual(e.kind, 'validation', name);
      assert.match(e.message, why);
    }
    assert.deepStrictEqual(emu.requests, [], 'nothing was sent');
  });

  test('a cloud error becomes a tool error with error_code, message and advice, and no stack', async () => {
    const e = await rejects(call(ctx, 'show_plugin', { project: 'cn-north-4', pool: AUTO, plugin: 'not-installed' }));
    const info = toolError(e);
    assert.strictEqual(info.kind, 'http');
    assert.ok(e.status !== undefined && e.status >= 400);
    assert.strictEqual(info.http_status, e.status);
    assert.ok(info.error_code, 'the cloud\'s error_code');
    assert.ok(info.request_id);
    assert.ok(info.message.length > 10);
    assert.ok(!JSON.stringify(info).includes('    at '), 'no stack');
    assert.deepStrictEqual(toolError(new TypeError('boom')), { kind: 'response', message: 'boom' });
  });

  test('install_plugin: preparing only reads and asks naming the template, pool and project; running sends one POST; wait tracks to Running with progress', async () => {
    const prepared = await prepareCall(tool('install_plugin'), ctx, { project: 'cn-north-4', pool: 'empty-pool', template: 'node-local-dns', version: '1.6.36', wait: true });
    assert.deepStrictEqual(sent('POST'), []);
    assert.match(prepared.confirmation!.message, /Install .*\(node-local-dns\) 1\.6\.36 into resource pool "empty-pool" in project "cn-north-4"\?/);
    assert.match(prepared.confirmation!.detail, /the template defaults.*every node of the pool/);
    const progress: string[] = [];
    ctx.onProgress = (n, m) => progress.push(`${n} ${m}`);
    const r = await prepared.run();
    assert.strictEqual(sent('POST').length, 1);
    assert.deepStrictEqual(r.data.tracking && (r.data.tracking as { outcome: string; phase: string; version: string }).outcome, 'settled');
    assert.match(r.summary, /Running at 1\.6\.36/);
    assert.ok(progress.length >= 1 && progress[0].startsWith('1 node-local-dns: '), progress.join('; '));
  });

  test('install_plugin refuses a version the template does not have; nothing is sent', async () => {
    const e = await rejects(prepareCall(tool('install_plugin'), ctx, { project: 'cn-north-4', pool: 'empty-pool', template: 'node-local-dns', version: '9.9.9' }));
    assert.match(e.message, /no version 9\.9\.9; it has .*1\.6\.36/);
    assert.deepStrictEqual(sent('POST'), []);
  });

  test('delete_plugin: preparing sends no DELETE and names plug-in, pool, project and effect; one call sends exactly one DELETE and wait tracks until gone', async () => {
    const prepared = await prepareCall(tool('delete_plugin'), ctx, { project: CN.id, pool: 'auto-pool-os', plugin: 'log-agent', wait: true });
    assert.deepStrictEqual(sent('DELETE'), []);
    assert.strictEqual(prepared.confirmation!.message, 'Delete plug-in "log-agent" from resource pool "auto-pool-os" in project "cn-north-4"?');
    assert.match(prepared.confirmation!.detail, /uninstalls the plug-in from every node/);
    const r = await prepared.run();
    assert.strictEqual(sent('DELETE').length, 1);
    assert.strictEqual((r.data.tracking as { outcome: string }).outcome, 'removed');
    const left = (await ctx.client.listPlugins(CN, AUTO)).data.items.map((p) => p.spec.template.name);
    assert.ok(!left.includes('log-agent'));
  });

  test('delete_plugin refuses a plug-in already Deleting, and cancellation stops tracking but not the sent DELETE', async () => {
    const e = await rejects(prepareCall(tool('delete_plugin'), ctx, { project: CN.id, pool: POOL_IDS.trainGpu, plugin: 'log-agent' }));
    assert.match(e.message, /already being deleted; nothing was sent/);
    emu.setConfig({ deleteDelayMs: 60_000 });
    const controller = new AbortController();
    ctx.signal = controller.signal;
    ctx.onProgress = () => controller.abort();
    const r = await call(ctx, 'delete_plugin', { project: CN.id, pool: AUTO, plugin: 'log-agent', wait: true });
    assert.strictEqual((r.data.tracking as { outcome: string }).outcome, 'cancelled');
    assert.match(r.summary, /Tracking was cancelled; the write itself was sent/);
    assert.strictEqual(sent('DELETE').length, 1);
  });

  test('upgrade_plugin refuses a busy plug-in, a call without version or inputs, and a no-op; nothing is sent', async () => {
    const busy = await rejects(prepareCall(tool('upgrade_plugin'), ctx, { project: CN.id, pool: POOL_IDS.trainGpu, plugin: 'node-local-dns', version: 'latest' }));
    assert.match(busy.message, /Updating: the cloud is still working/);
    const none = await rejects(prepareCall(tool('upgrade_plugin'), ctx, { project: CN.id, pool: AUTO, plugin: 'node-local-dns' }));
    assert.match(none.message, /needs version or inputs/);
    const current = (await ctx.client.showPlugin(CN, AUTO, 'node-local-dns')).data;
    const same = await rejects(prepareCall(tool('upgrade_plugin'), ctx, { project: CN.id, pool: AUTO, plugin: 'node-local-dns', version: current.status?.version ?? current.spec.template.version }));
    assert.match(same.message, /already at .* with these inputs; nothing was sent/);
    assert.deepStrictEqual(sent('PATCH'), []);
  });
});

for (const semantics of ['documented', 'merge'] as PatchSemantics[]) {
  suite(`agent tools: upgrade_plugin keeps the inputs (${semantics} PATCH semantics)`, () => {
    let emu: Emulator;
    let ctx: ToolContext;
    const DNS = getTemplate('node-local-dns')!;
    const configured = (): Plugin => makePlugin(AUTO, 'node-local-dns', {
      phase: 'Running',
      version: '1.6.36',
      inputs: {
        custom: { enable_dnsconfig_admission: true, nameserver: '10.0.0.10', ndots: '3', search: 'corp' },
        flavor: presetInputs(findTemplateVersion(DNS, '1.6.36')!, 'flavor2').flavor,
      },
    }).plugin;

    suiteSetup(async () => {
      emu = await startEmulator({ deleteDelayMs: 100, installDelayMs: 100, updateDelayMs: 100, patchSemantics: semantics });
    });
    suiteTeardown(() => emu.close());
    setup(async () => {
      emu.reset();
      emu.setConfig({ patchSemantics: semantics });
      await control(emu.url, 'POST', 'plugins', { projectId: CN.id, pool: AUTO, plugin: configured() });
      ctx = { client: emulatorClient(emu), tracking: FAST };
    });

    test('"latest" with wait: one PATCH with the complete inputs; the plug-in runs the new version with every input kept; the summary says kept', async () => {
      const prepared = await prepareCall(tool('upgrade_plugin'), ctx, { project: 'cn-north-4', pool: 'auto-pool-os', plugin: 'node-local-dns', version: 'latest', wait: true });
      assert.match(prepared.confirmation!.message, /^Upgrade node-local-dns in resource pool "auto-pool-os" \(project "cn-north-4"\) from 1\.6\.36 to /);
      assert.match(prepared.confirmation!.detail, /installation parameter\(s\) kept as they are/);
      assert.strictEqual(emu.requests.filter((r) => r.method === 'PATCH').length, 0);
      const r = await prepared.run();
      const patches = emu.requests.filter((x) => x.method === 'PATCH');
      assert.strictEqual(patches.length, 1);
      assert.deepStrictEqual(JSON.parse(patches[0].requestBody!).spec.template.inputs, configured().spec.template.inputs, 'the complete inputs were sent');
      assert.strictEqual((r.data.tracking as { outcome: string; phase: string }).phase, 'Running');
      const after = (await ctx.client.showPlugin(CN, AUTO, 'node-local-dns')).data;
      const plan = r.data.plan as { to: string; kept: string[]; changed: string[] };
      assert.strictEqual(after.status?.version, plan.to);
      assert.deepStrictEqual(after.spec.template.inputs?.custom, configured().spec.template.inputs?.custom);
      assert.deepStrictEqual(plan.changed, []);
      assert.ok(plan.kept.includes('custom.nameserver'));
      assert.ok((r.data.plan_summary as string[]).some((l) => /kept as they are/.test(l)));
    });

    test('an inputs merge patch changes one key and keeps the others; null puts one back to its default', async () => {
      const r = await call(ctx, 'upgrade_plugin', { project: CN.id, pool: AUTO, plugin: 'node-local-dns', inputs: { custom: { nameserver: '10.0.0.53', search: null } }, wait: true });
      const plan = r.data.plan as { changed: string[]; defaulted: string[] };
      assert.deepStrictEqual(plan.changed, ['custom.nameserver']);
      assert.deepStrictEqual(plan.defaulted, ['custom.search']);
      const after = (await ctx.client.showPlugin(CN, AUTO, 'node-local-dns')).data.spec.template.inputs?.custom as Record<string, unknown>;
      assert.strictEqual(after.nameserver, '10.0.0.53');
      assert.strictEqual(after.ndots, '3');
      assert.strictEqual(after.enable_dnsconfig_admission, true);
      assert.notStrictEqual(after.search, 'corp');
    });
  });
}

suite('agent tools: a large fleet is capped and says so', () => {
  let emu: Emulator;
  suiteSetup(async () => {
    emu = await startEmulator({ generate: { pools: 30, pluginsPerPool: 20 } });
  });
  suiteTeardown(() => emu.close());

  test(`fleet_inventory returns at most ${ROW_CAP} rows and names how many were left out`, async () => {
    const r = await call({ client: emulatorClient(emu) }, 'fleet_inventory', { projects: ['bench'] });
    assert.strictEqual((r.data.rows as unknown[]).length, ROW_CAP);
    assert.strictEqual(r.data.total_rows, 600);
    assert.strictEqual(r.data.cut, `100 of 600 rows left out; narrow the request.`);
    assert.match(r.summary, /100 of 600 rows left out/);
  });
});
