// The fleet logic of src/core (scan, inventory rows and their renderings, version drift) against the
// emulator over loopback, plus the emulator's accounts: each access key sees its own projects only.
import * as assert from 'assert';
import { parse } from 'csv-parse/sync';
import { ApiError, ModelArtsClient, Plugin, compareVersions } from '../../src/api';
import { computeDrift, driftMarkdown, fetchOfferedVersions, upgradeCommandUri } from '../../src/core/drift';
import { INVENTORY_COLUMNS, InventoryRow, inventoryRows, toCsv, toJson, toMarkdown } from '../../src/core/inventory';
import { FleetScan, ScanProgress, ScanProject, scanFleet } from '../../src/core/scan';
import { Emulator, startEmulator } from '../../src/emulator/server';
import {
  DEMO_CREDENTIALS, OPS_CREDENTIALS, OPS_DOMAIN_ID, POOL_IDS, PROJECT_AP_SOUTHEAST_1, PROJECT_CN_NORTH_4, PROJECT_CN_SOUTH_1, PROJECT_ML_TEAM, PROJECT_OPS_EU,
} from '../../src/emulator/seed';
import { emulatorClient } from './helpers/client';
import { signedFetch } from './helpers/signedFetch';

const PROJECTS: ScanProject[] = [PROJECT_CN_NORTH_4, PROJECT_AP_SOUTHEAST_1, PROJECT_ML_TEAM, PROJECT_CN_SOUTH_1].map((p) => ({ ...p, region: p.name.split('_')[0] }));
const NASTY_REASON = 'He said "no", then\r\nleft, twice;\nand a | pipe';

suite('fleet: scan, inventory and drift (src/core)', () => {
  let emu: Emulator;
  let client: ModelArtsClient;

  suiteSetup(async () => {
    emu = await startEmulator({});
  });
  suiteTeardown(() => emu.close());
  setup(() => {
    emu.reset();
    client = emulatorClient(emu, { retries: 0, maxConcurrent: 4 }, 'product');
  });

  test('scans every project and pool; counts match the emulator state', async () => {
    const progress: ScanProgress[] = [];
    const poolsSeen: string[] = [];
    const scan = await scanFleet(client, PROJECTS, { onProgress: (p) => progress.push(p), onPools: (pr, pools) => poolsSeen.push(`${pr.name}:${pools.length}`) });
    assert.deepStrictEqual(scan.failures, []);
    const state = emu.state.snapshot();
    for (const ps of scan.projects) {
      const expected = state.projects.find((p) => p.project.id === ps.project.id)!;
      assert.strictEqual(ps.pools?.length, expected.pools.length, ps.project.name);
      for (const pool of ps.pools!) {
        const want = expected.pools.find((p) => p.pool.metadata.name === pool.pool.metadata.name)!;
        assert.deepStrictEqual(pool.plugins!.map((p) => p.spec.template.name).sort(), want.plugins.map((p) => p.plugin.spec.template.name).sort());
      }
    }
    assert.deepStrictEqual(poolsSeen.sort(), ['ap-southeast-1:4', 'cn-north-4:5', 'cn-north-4_ml-team:2', 'cn-south-1:0']);
    const last = progress[progress.length - 1];
    assert.deepStrictEqual(last, { projectsDone: 4, projectsTotal: 4, poolsDone: 11, poolsTotal: 11 });
    for (let i = 1; i < progress.length; i++) assert.ok(progress[i].poolsDone >= progress[i - 1].poolsDone, 'progress never goes back');
  });

  test('requests run in parallel, but never more than the client allows', async () => {
    emu.setConfig({ latencyMs: 40 });
    await scanFleet(client, PROJECTS);
    assert.strictEqual(client.concurrency.peak, 4, 'the scan fills the client\'s 4 slots, and no more');
  });

  test('a project whose pools cannot be read is listed as failed; the rest is scanned', async () => {
    emu.faults.add({ method: 'GET', path: `^/v2/${PROJECT_AP_SOUTHEAST_1.id}/pools$`, status: 403, body: JSON.stringify({ error_code: 'ModelArts.0108', error_msg: 'not authorized' }) });
    emu.faults.add({ method: 'GET', path: `/pools/${POOL_IDS.trainGpu}/plugins$`, status: 500 });
    const scan = await scanFleet(client, PROJECTS);
    assert.deepStrictEqual(scan.failures.map((f) => [f.project.name, f.pool, f.error.status]).sort(), [
      ['ap-southeast-1', undefined, 403],
      ['cn-north-4', POOL_IDS.trainGpu, 500],
    ]);
    assert.strictEqual(scan.projects.find((p) => p.project.name === 'ap-southeast-1')!.error!.errorCode, 'ModelArts.0108');
    const rows = inventoryRows(scan);
    assert.ok(rows.some((r) => r.project === 'cn-north-4_ml-team'), 'the other projects are there');
    assert.ok(!rows.some((r) => r.pool === POOL_IDS.trainGpu), 'a pool whose plug-ins failed has no made-up rows');
  });

  test('cancelling stops the scan with a cancelled error', async () => {
    emu.setConfig({ latencyMs: 200 });
    const controller = new AbortController();
    const started = Date.now();
    const scan = scanFleet(client, PROJECTS, { signal: controller.signal, onPools: () => controller.abort() });
    await assert.rejects(scan, (e: unknown) => e instanceof ApiError && e.kind === 'cancelled');
    assert.ok(Date.now() - started < 2000, 'it did not wait for the rest');
  });

  test('inventory: one row per plug-in, one empty row per pool without plug-ins, columns in order', async () => {
    const scan = await scanFleet(client, PROJECTS);
    const rows = inventoryRows(scan);
    const state = emu.state.snapshot().projects.filter((p) => PROJECTS.some((x) => x.id === p.project.id));
    const expected = state.flatMap((p) => p.pools.flatMap((pool) => (pool.plugins.length ? pool.plugins : [undefined])));
    assert.strictEqual(rows.length, expected.length);
    const empty = rows.filter((r) => r.pool === POOL_IDS.empty);
    assert.deepStrictEqual(empty, [{
      project_id: PROJECT_CN_NORTH_4.id, project: 'cn-north-4', pool: POOL_IDS.empty, pool_display_name: 'empty-pool', plugin: '', version: '', phase: '', reason: '',
    }]);
    const dns = rows.find((r) => r.pool === POOL_IDS.autoPoolOs && r.plugin === 'node-local-dns')!;
    assert.deepStrictEqual(Object.keys(dns), [...INVENTORY_COLUMNS]);
    assert.deepStrictEqual([dns.version, dns.phase, dns.pool_display_name], ['1.6.36', 'Running', 'auto-pool-os']);
    const json = JSON.parse(toJson(rows)) as Record<string, string>[];
    assert.ok(json.every((o) => JSON.stringify(Object.keys(o)) === JSON.stringify(INVENTORY_COLUMNS)), 'JSON objects have exactly the columns, in order');
    assert.deepStrictEqual(json, rows);
  });

  test('CSV is RFC 4180: quotes, commas and line breaks in a reason survive a round trip through an independent parser', async () => {
    const plugin: Plugin = {
      apiVersion: 'v2', kind: 'Plugin', metadata: { name: 'x' },
      spec: { template: { name: 'log-agent', version: '1.5.7' } }, status: { phase: 'Abnormal', version: '1.5.7', reason: NASTY_REASON },
    };
    emu.state.upsertPlugin(PROJECT_CN_NORTH_4.id, POOL_IDS.autoPoolOs, plugin);
    const rows = inventoryRows(await scanFleet(client, PROJECTS));
    const csv = toCsv(rows);
    assert.ok(csv.endsWith('\r\n') && csv.startsWith(INVENTORY_COLUMNS.join(',') + '\r\n'));
    const parsed = parse(csv, { columns: true, relax_column_count: false }) as InventoryRow[];
    assert.deepStrictEqual(parsed, rows);
    assert.strictEqual(parsed.find((r) => r.reason === NASTY_REASON)?.plugin, 'log-agent');
    assert.ok(csv.includes('"He said ""no"", then\r\nleft, twice;\nand a | pipe"'), 'quoted, quotes doubled');
  });

  test('Markdown keeps one table row per plug-in whatever the reason holds', async () => {
    const rows: InventoryRow[] = [{ project_id: 'p', project: 'p', pool: 'a', pool_display_name: 'a|b', plugin: 'x', version: '1', phase: 'Abnormal', reason: NASTY_REASON }];
    const md = toMarkdown(rows).trimEnd().split('\n');
    assert.strictEqual(md.length, 5, md.join('\n'));
    assert.match(md[4], /a\\\|b/);
    assert.match(md[4], /then<br>left/);
  });

  test('drift: newest offered version, pools behind it, from the templates or else from what is installed', async () => {
    emu.state.upsertPlugin(PROJECT_CN_NORTH_4.id, POOL_IDS.autoPoolOs, { spec: { template: { name: 'node-local-dns' } }, status: { phase: 'Running', version: '1.6.9' } });
    const drift = computeDrift(await scanFleet(client, PROJECTS), new Map([['node-local-dns', ['1.6.9', '1.6.36', '1.10.2']], ['log-agent', []]]));
    const dns = drift.find((d) => d.template === 'node-local-dns')!;
    assert.strictEqual(dns.newest, '1.10.2');
    assert.strictEqual(dns.newestFrom, 'templates');
    assert.strictEqual(dns.behind.length, dns.pools.length, 'every pool runs an older node-local-dns');
    assert.ok(dns.pools.some((p) => p.version === '1.6.9'));
    const volcano = drift.find((d) => d.template === 'volcano')!;
    assert.strictEqual(volcano.newestFrom, 'installed');
    assert.deepStrictEqual(volcano.behind, [], 'one version everywhere: nothing behind');
    assert.deepStrictEqual(drift.map((d) => d.template), [...drift.map((d) => d.template)].sort());
  });

  test('drift Markdown: each pool behind has an Upgrade link carrying {projectId, poolName, pluginName}', async () => {
    const scan: FleetScan = {
      failures: [],
      projects: [{
        project: { id: PROJECT_CN_NORTH_4.id, name: 'cn-north-4', region: 'cn-north-4' },
        pools: [
          { pool: { metadata: { name: 'pool-a', labels: { 'os.modelarts/name': 'alpha' } } }, plugins: [{ spec: { template: { name: 'log-agent' } }, status: { version: '1.4.2', phase: 'Running' } }] },
          { pool: { metadata: { name: 'pool-b' } }, plugins: [{ spec: { template: { name: 'log-agent' } }, status: { version: '1.5.7', phase: 'Running' } }] },
        ],
      }],
    };
    const md = driftMarkdown(computeDrift(scan, new Map([['log-agent', ['1.4.2', '1.5.7']]])), { links: true });
    const links = [...md.matchAll(/\[Upgrade\]\((command:[^ )]+)/g)].map((m) => m[1]);
    assert.strictEqual(links.length, 1, md);
    const [cmd, query] = links[0].split('?');
    assert.strictEqual(cmd, 'command:modelarts.upgradePlugin');
    assert.deepStrictEqual(JSON.parse(decodeURIComponent(query)), [{ projectId: PROJECT_CN_NORTH_4.id, poolName: 'pool-a', pluginName: 'log-agent' }]);
    assert.strictEqual(links[0], upgradeCommandUri({ projectId: PROJECT_CN_NORTH_4.id, poolName: 'pool-a', pluginName: 'log-agent' }));
    assert.match(md, /\| alpha \| 1\.4\.2 \| Running \| behind \[Upgrade\]/);
    assert.match(md, /\| pool-b \| 1\.5\.7 \| Running \| up to date \|/);
    assert.doesNotMatch(driftMarkdown(computeDrift(scan, new Map())), /command:/, 'no links unless asked');
  });

  test('the templates of every project give the newest version offered; a failing project adds nothing', async () => {
    emu.faults.add({ method: 'GET', path: `^/v2/${PROJECT_AP_SOUTHEAST_1.id}/plugintemplates$`, status: 500 });
    const { offered, failed } = await fetchOfferedVersions(client, PROJECTS);
    assert.deepStrictEqual(failed.map((f) => f.project.name), ['ap-southeast-1']);
    assert.ok(offered.get('node-local-dns')?.includes('1.6.63'), JSON.stringify([...offered]));
    const drift = computeDrift(await scanFleet(client, PROJECTS), offered);
    const dns = drift.find((d) => d.template === 'node-local-dns')!;
    assert.strictEqual(dns.newest, '1.6.63');
    assert.strictEqual(dns.newestFrom, 'templates');
    const agent = drift.find((d) => d.template === 'os-node-agent')!;
    assert.strictEqual(agent.newest, '6.8.0-20250219120620');
    assert.deepStrictEqual(agent.behind, [], 'the seed runs the newest os-node-agent everywhere');
  });

  test('compareVersions orders numeric parts as numbers and build stamps after the plain version', () => {
    const sorted = ['1.10.0', '1.6.36', '1.6.9', '6.8.0-20250219120620', '6.8.0', '1.6.36-1'].sort(compareVersions);
    assert.deepStrictEqual(sorted, ['1.6.9', '1.6.36', '1.6.36-1', '1.10.0', '6.8.0', '6.8.0-20250219120620']);
    assert.strictEqual(compareVersions('2.0', '2.0'), 0);
  });
});

suite('emulator: several accounts', () => {
  let emu: Emulator;
  suiteSetup(async () => {
    emu = await startEmulator({});
  });
  suiteTeardown(() => emu.close());

  test('each access key lists its own account\'s projects only', async () => {
    const demo = (await signedFetch(emu.url, '/v3/auth/projects', DEMO_CREDENTIALS)).json<{ projects: { id: string }[] }>().projects.map((p) => p.id);
    const ops = (await signedFetch(emu.url, '/v3/auth/projects', OPS_CREDENTIALS)).json<{ projects: { id: string }[] }>().projects.map((p) => p.id);
    assert.deepStrictEqual(ops, [PROJECT_OPS_EU.id]);
    assert.ok(demo.includes(PROJECT_CN_NORTH_4.id) && !demo.includes(PROJECT_OPS_EU.id));
  });

  test('a key is refused on another account\'s project, in both directions', async () => {
    const opsOnDemo = await signedFetch(emu.url, `/v2/${PROJECT_CN_NORTH_4.id}/pools`, OPS_CREDENTIALS, { projectId: PROJECT_CN_NORTH_4.id });
    assert.strictEqual(opsOnDemo.status, 403);
    assert.strictEqual(opsOnDemo.json().error_code, 'ModelArts.0210');
    const demoOnOps = await signedFetch(emu.url, `/v2/${PROJECT_OPS_EU.id}/pools`, DEMO_CREDENTIALS, { projectId: PROJECT_OPS_EU.id });
    assert.strictEqual(demoOnOps.status, 403);
    const own = await signedFetch(emu.url, `/v2/${PROJECT_OPS_EU.id}/pools`, OPS_CREDENTIALS, { projectId: PROJECT_OPS_EU.id });
    assert.strictEqual(own.status, 200);
    assert.deepStrictEqual(own.json().items.map((p: { metadata: { labels: Record<string, string> } }) => p.metadata.labels['os.modelarts/name']).sort(), ['ops-infer', 'ops-train']);
    assert.deepStrictEqual(emu.requests.slice(-3).map((r) => r.accessKey), [OPS_CREDENTIALS.accessKey, DEMO_CREDENTIALS.accessKey, OPS_CREDENTIALS.accessKey]);
  });

  test('a scenario credential may name its account', async () => {
    const other = await startEmulator({ credentials: [{ accessKey: 'EXTRAKEY0000000000001', secretKey: 'extra-secret', domainId: OPS_DOMAIN_ID }] });
    try {
      const r = await signedFetch(other.url, '/v3/auth/projects', { accessKey: 'EXTRAKEY0000000000001', secretKey: 'extra-secret' });
      assert.deepStrictEqual(r.json().projects.map((p: { name: string }) => p.name), ['eu-west-101']);
    } finally {
      await other.close();
    }
  });
});
