// The fleet in the real extension host, against the emulator: the Abnormal badge and pool counts,
// Scan All Pools (with a failing project), Export Inventory in each format, Version Drift with its
// Upgrade links, auto-refresh only while the view is visible, and profiles that never mix keys.
import * as assert from 'assert';
import { parse } from 'csv-parse/sync';
import * as vscode from 'vscode';
import type { Plugin } from '../../src/api/models';
import { planPatch } from '../../src/core/patchPlan';
import { DEMO_DOMAIN_ID, OPS_CREDENTIALS, POOL_IDS, PROJECT_AP_SOUTHEAST_1, PROJECT_CN_NORTH_4, PROJECT_MOS, PROJECT_OPS_EU } from '../../src/emulator/seed';
import { Node, api, control, pluginRef, poolRef, type DocRef, requests, row, rows, stub, waitFor } from './tools';

const DEMO = { accessKey: 'DEMOACCESSKEY00000000', secretKey: 'demo-secret-key-not-a-real-one-0000000000' };
const OPS = OPS_CREDENTIALS;
const CN_NORTH_4 = PROJECT_CN_NORTH_4.id;
const AP_SOUTHEAST_1 = PROJECT_AP_SOUTHEAST_1.id;
const OPS_PROJECT = PROJECT_OPS_EU.id;
const POOL_SG = POOL_IDS.sgTrain;
const COLUMNS = 'project_id,project,pool,pool_display_name,plugin,version,phase,reason';

interface StateSnapshot {
  projects: { project: { id: string; domain_id: string }; pools: { pool: { metadata: { name: string } }; plugins: { plugin: { status?: { phase?: string } } }[] }[] }[];
}
interface FleetServices {
  treeView: vscode.TreeView<Node>;
  session: { profile: string; signedIn: boolean; profiles(): string[] };
  drift: { markdown: string; html?: string };
  autoRefresh: { periodMs: number; tick(): Promise<boolean> };
  viewStatus: { profileItem: vscode.StatusBarItem };
  deletions: { stopAll(): Promise<void> };
  changes: {
    install(ref: DocRef, template: { name: string }): Promise<unknown>;
    update(ref: DocRef, prepared: unknown, verb: 'upgrading'): Promise<unknown>;
  };
  tree: { refresh(): void; refreshNode(n: Node): void; getChildren(n?: Node): Promise<Node[]> };
}
const services = async (): Promise<FleetServices> => (await api()).services as unknown as FleetServices;

/** Abnormal plug-ins (and pools with one) of the demo account, from the emulator's own state. */
async function expectedHealth(): Promise<{ plugins: number; pools: number }> {
  const state = await control<StateSnapshot>('GET', 'state');
  let plugins = 0;
  let pools = 0;
  for (const p of state.projects.filter((x) => x.project.domain_id === DEMO_DOMAIN_ID && x.project.id !== PROJECT_MOS.id)) {
    for (const pool of p.pools) {
      const n = pool.plugins.filter((x) => x.plugin.status?.phase === 'Abnormal').length;
      plugins += n;
      if (n) pools++;
    }
  }
  return { plugins, pools };
}

async function fresh(): Promise<void> {
  await control('POST', 'reset');
  await control('DELETE', 'requests');
  (await services()).tree.refresh();
}

suite('fleet: badge, counts and Scan All Pools', () => {
  let warning: ReturnType<typeof stub>;
  setup(async () => {
    await fresh();
    warning = stub('showWarningMessage', () => undefined);
  });
  teardown(async () => {
    warning.restore();
    await control('DELETE', 'faults');
  });

  test('a pool\'s description counts its plug-ins once loaded; the badge counts Abnormal ones', async () => {
    const { treeView } = await services();
    const cn = await row(undefined, 'cn-north-4');
    assert.strictEqual((await row(cn.node, 'auto-pool-os')).description, 'Running', 'no counts before the plug-ins are loaded');
    assert.strictEqual(treeView.badge, undefined, 'no badge while nothing Abnormal is loaded');
    await rows((await row(cn.node, 'auto-pool-os')).node);
    await waitFor('the counts', async () => (await row(cn.node, 'auto-pool-os')).description === 'Running · 6 plug-ins, 1 Abnormal');
    assert.deepStrictEqual(treeView.badge, { value: 1, tooltip: '1 plug-in Abnormal in 1 pool' });
    await rows((await row(cn.node, 'empty-pool')).node);
    assert.strictEqual((await row(cn.node, 'empty-pool')).description, 'Running · no plug-ins');
    await rows((await row(cn.node, 'train-gpu-a')).node);
    assert.strictEqual((await row(cn.node, 'train-gpu-a')).description, 'Running · 4 plug-ins');
  });

  test('Scan All Pools loads every pool, fills the tree (expanding sends nothing) and updates the badge', async () => {
    await vscode.commands.executeCommand('modelarts.scanAllPools');
    const want = await expectedHealth();
    const { treeView } = await services();
    assert.ok(want.plugins >= 3, 'the seed has several Abnormal plug-ins');
    assert.deepStrictEqual(treeView.badge, { value: want.plugins, tooltip: `${want.plugins} plug-ins Abnormal in ${want.pools} pools` });
    const listed = (await requests()).filter((r) => /\/plugins$/.test(r.path)).length;
    assert.strictEqual(listed, 11, 'one plug-in list per pool of the demo account');
    await control('DELETE', 'requests');
    for (const project of await rows()) for (const pool of await rows(project.node)) await rows(pool.node);
    assert.deepStrictEqual(await requests(), [], 'after the scan, expanding everything sends no request');
    assert.strictEqual((await row((await row(undefined, 'ap-southeast-1')).node, 'sg-broken')).description, 'Error · 1 plug-in, 1 Abnormal');
    assert.deepStrictEqual(warning.calls, [], 'nothing failed, nothing to warn about');
  });

  test('a project whose pools cannot be read is listed as failed and does not stop the rest', async () => {
    await control('POST', 'faults', { method: 'GET', path: `^/v2/${AP_SOUTHEAST_1}/pools$`, status: 403, body: JSON.stringify({ error_code: 'ModelArts.0108', error_msg: 'not authorized' }) });
    await vscode.commands.executeCommand('modelarts.scanAllPools');
    await waitFor('the warning', () => warning.calls.length > 0);
    const text = String(warning.calls[0][0]);
    assert.match(text, /1 part\(s\) could not be read: ap-southeast-1: .*ModelArts\.0108/);
    assert.ok(warning.calls[0].includes('Show Logs'));
    const team = (await requests()).filter((r) => r.path.includes('/pools/') && r.path.endsWith('/plugins'));
    assert.ok(team.length >= 7, 'the other projects\' pools were scanned');
  });
});

suite('fleet: Export Inventory and Version Drift', () => {
  setup(fresh);
  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  async function exportAs(label: string): Promise<vscode.TextDocument> {
    const pick = stub('showQuickPick', async (items) => ((await items) as vscode.QuickPickItem[]).find((i) => i.label === label));
    const before = new Set(vscode.workspace.textDocuments);
    try {
      await vscode.commands.executeCommand('modelarts.exportInventory');
    } finally {
      pick.restore();
    }
    // a new untitled document: the one of the previous export may still be closing
    const doc = (await waitFor('the inventory document', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.isUntitled && !before.has(e.document) && e;
    })).document;
    const copy = { getText: () => text, languageId: doc.languageId } as vscode.TextDocument;
    const text = doc.getText();
    // an untitled document with text would ask to be saved when closed
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    return copy;
  }

  test('CSV: an untitled document, RFC 4180, one row per plug-in with the exact columns', async () => {
    const doc = await exportAs('CSV');
    const text = doc.getText();
    assert.strictEqual(text.split(/\r?\n/)[0], COLUMNS);
    const records = parse(text, { columns: true }) as Record<string, string>[];
    const state = await control<StateSnapshot>('GET', 'state');
    const demo = state.projects.filter((p) => p.project.domain_id === DEMO_DOMAIN_ID);
    assert.strictEqual(records.length, demo.flatMap((p) => p.pools.map((pool) => Math.max(1, pool.plugins.length))).reduce((a, b) => a + b, 0));
    assert.ok(records.some((r) => r.plugin === 'log-agent' && r.phase === 'Abnormal' && /Insufficient CPU/.test(r.reason)));
  });

  test('JSON: an array of objects with exactly the columns; Markdown: a table', async () => {
    const json = JSON.parse((await exportAs('JSON')).getText()) as Record<string, string>[];
    assert.ok(json.length > 10 && json.every((r) => Object.keys(r).join() === COLUMNS));
    const md = await exportAs('Markdown');
    assert.strictEqual(md.languageId, 'markdown');
    assert.match(md.getText(), /^\| project_id \| project \| pool \| pool_display_name \| plugin \| version \| phase \| reason \|$/m);
  });

  test('Version Drift: pools behind the newest version, each with an Upgrade link carrying {projectId, poolName, pluginName}', async () => {
    // one pool runs an older node-local-dns
    await control('POST', 'plugins', {
      projectId: AP_SOUTHEAST_1, pool: POOL_SG,
      plugin: { apiVersion: 'v2', kind: 'Plugin', metadata: { name: 'dns' }, spec: { template: { name: 'node-local-dns', version: '1.6.9' } }, status: { phase: 'Running', version: '1.6.9' } },
    });
    await vscode.commands.executeCommand('modelarts.showVersionDrift');
    const { drift } = await services();
    const md = drift.markdown;
    assert.match(md, /## node-local-dns/);
    // the emulator's templates offer node-local-dns 1.6.63: every pool that runs it is behind
    assert.match(md, /newest offered: \*\*1\.6\.63\*\*/);
    const links = [...md.matchAll(/\[Upgrade\]\((command:modelarts\.upgradePlugin\?[^ )]+)/g)].map((m) => JSON.parse(decodeURIComponent(m[1].split('?')[1])));
    assert.strictEqual(links.length, (md.match(/\| behind /g) ?? []).length, 'one link per pool behind');
    assert.ok(links.every((l) => Array.isArray(l) && l.length === 1 && Object.keys(l[0]).join() === 'projectId,poolName,pluginName'));
    const sg = [{ projectId: AP_SOUTHEAST_1, poolName: POOL_SG, pluginName: 'node-local-dns' }];
    assert.ok(links.some((l) => JSON.stringify(l) === JSON.stringify(sg)), JSON.stringify(links));
    assert.match(md, /\| ap-southeast-1 \| sg-train \| 1\.6\.9 \| Running \| behind \[Upgrade\]/);
    const html = await waitFor('the preview', () => drift.html);
    const hrefs = [...html.matchAll(/\shref="(command:modelarts\.upgradePlugin\?[^"]+)"/g)].map((m) => JSON.parse(decodeURIComponent(m[1].replace(/&amp;/g, '&').split('?')[1])));
    assert.deepStrictEqual(hrefs, links, `the preview has the same links: ${html.slice(0, 300)}`);
    assert.ok(vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.label === 'ModelArts: Version Drift'));
  });
});

suite('fleet: auto-refresh', () => {
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('modelarts');
  setup(fresh);
  teardown(() => config().update('autoRefreshSeconds', undefined, vscode.ConfigurationTarget.Global));

  test('off by default; a setting below 15 s means 15 s', async () => {
    const { autoRefresh } = await services();
    assert.strictEqual(autoRefresh.periodMs, 0);
    await config().update('autoRefreshSeconds', 5, vscode.ConfigurationTarget.Global);
    await waitFor('the timer', () => autoRefresh.periodMs === 15_000);
  });

  test('ticks reload expanded nodes in place only while the view is visible; a failure keeps the rows with a warning', async () => {
    const { autoRefresh, treeView } = await services();
    await vscode.commands.executeCommand('workbench.view.extension.modelarts');
    await waitFor('the view', () => treeView.visible);
    const cn = await row(undefined, 'cn-north-4');
    await treeView.reveal(cn.node, { expand: true });
    const pool = await row(cn.node, 'auto-pool-os');
    await treeView.reveal(pool.node, { expand: true, select: true });
    await waitFor('the plug-ins', async () => (await rows(pool.node)).length === 6);
    // the cloud changes a phase; a tick shows it in place
    await control('POST', 'plugins', {
      projectId: CN_NORTH_4, pool: pool.node.id.split('/')[2],
      plugin: { apiVersion: 'v2', kind: 'Plugin', metadata: { name: 'x' }, spec: { template: { name: 'log-agent', version: '1.5.7' } }, status: { phase: 'Running', version: '1.5.7', reason: 'recovered' } },
    });
    await control('DELETE', 'requests');
    assert.strictEqual(await autoRefresh.tick(), true);
    const paths = (await requests()).map((r) => r.path);
    assert.ok(paths.some((p) => p.endsWith(`/${POOL_IDS.autoPoolOs}/plugins`)) && paths.some((p) => p === `/v2/${CN_NORTH_4}/pools`), paths.join());
    assert.strictEqual((await row(pool.node, 'log-agent')).description, '1.5.7 · Running');
    assert.strictEqual(treeView.selection[0]?.id, pool.node.id, 'selection survives');
    // a tick while the last one still runs does nothing: one request per node at a time
    await control('POST', 'faults', { method: 'GET', path: '/plugins$', latencyMs: 600, times: 1 });
    await control('DELETE', 'requests');
    const first = autoRefresh.tick();
    assert.strictEqual(await autoRefresh.tick(), false);
    assert.strictEqual(await first, true);
    assert.strictEqual((await requests()).filter((r) => r.path.endsWith('/plugins')).length, 1);
    // a transient error: the rows stay, the pool warns
    await control('POST', 'faults', { method: 'GET', path: '/plugins$', status: 503, times: 10 });
    await autoRefresh.tick();
    await control('DELETE', 'faults');
    const kids = await rows(pool.node);
    assert.strictEqual(kids.length, 6, 'no error node replaced the rows');
    const warned = await row(cn.node, 'auto-pool-os');
    assert.match(warned.tooltip, /automatic refresh failed/);
    // hidden view: nothing is sent
    await vscode.commands.executeCommand('workbench.view.explorer');
    await waitFor('the view to hide', () => !treeView.visible);
    await control('DELETE', 'requests');
    assert.strictEqual(await autoRefresh.tick(), false);
    assert.deepStrictEqual(await requests(), []);
  });
});

suite('fleet: profiles', () => {
  let input: ReturnType<typeof stub> | undefined;
  let info: ReturnType<typeof stub> | undefined;
  setup(fresh);
  teardown(async () => {
    input?.restore();
    info?.restore();
    const s = await services();
    if (s.session.profile !== 'default') await vscode.commands.executeCommand('modelarts.switchProfile', 'default');
  });

  function answers(...values: string[]): void {
    input?.restore();
    const queue = [...values];
    input = stub('showInputBox', () => queue.shift());
  }

  test('two accounts: each profile sees its own projects, and no request is ever signed with the other\'s keys', async function () {
    this.timeout(40_000);
    const s = await services();
    info = stub('showInformationMessage', () => undefined);
    const demoPool = (await row((await row(undefined, 'cn-north-4')).node, 'auto-pool-os')).node;
    const demoPlugin = (await row(demoPool, 'node-local-dns')).node;
    answers('ops', OPS.accessKey, OPS.secretKey, '');
    await vscode.commands.executeCommand('modelarts.signIn');
    assert.strictEqual(s.session.profile, 'ops');
    assert.match(String(s.treeView.description), /^ops · OPSA…0001 · custom/);
    assert.deepStrictEqual((await rows()).map((r) => r.label), ['eu-west-101']);
    const opsPools = await rows((await row(undefined, 'eu-west-101')).node);
    assert.deepStrictEqual(opsPools.map((p) => p.label).sort(), ['ops-infer', 'ops-train']);
    // a node of the other profile, expanded now (a stale row, a race): refused before any request
    await control('DELETE', 'requests');
    const stale = await s.tree.getChildren(demoPool);
    assert.deepStrictEqual(await requests(), [], 'nothing was sent for the other profile\'s pool');
    assert.strictEqual(stale.length, 1);
    const [refusal] = await rows(demoPool);
    assert.match(refusal.label, /belongs to profile "default"/);
    // and writes through it (an old row, an old document's Edit/Upgrade): refused before any request
    const shown = stub('showErrorMessage', () => undefined);
    try {
      assert.strictEqual(await s.changes.install(poolRef(demoPool, 'log-agent'), { name: 'log-agent' }), undefined);
      const seen = (demoPlugin as unknown as { plugin: Plugin }).plugin;
      const prepared = { project: { id: PROJECT_CN_NORTH_4.id }, pool: POOL_IDS.autoPoolOs, seen, plan: planPatch(seen, { version: '1.6.63' }) };
      assert.strictEqual(await s.changes.update(pluginRef(demoPlugin), prepared, 'upgrading'), undefined);
    } finally {
      shown.restore();
    }
    assert.deepStrictEqual(await requests(), [], 'no write was signed with the other profile\'s keys');
    // switch back without typing keys
    await vscode.commands.executeCommand('modelarts.switchProfile', 'default');
    assert.strictEqual(s.session.profile, 'default');
    assert.ok(s.session.profiles().includes('ops'));
    assert.ok((await rows()).some((r) => r.label === 'cn-north-4'));
    await rows((await row(undefined, 'cn-north-4')).node);
    await vscode.commands.executeCommand('modelarts.switchProfile', 'ops');
    await rows((await row(undefined, 'eu-west-101')).node);
    // every request went to its own account's projects with its own keys
    const log = await requests();
    assert.ok(log.some((r) => r.path.startsWith(`/v2/${OPS_PROJECT}/`)) && log.some((r) => r.path.startsWith(`/v2/${CN_NORTH_4}/`)));
    for (const r of log as (typeof log[number] & { accessKey?: string })[]) {
      if (r.path.startsWith(`/v2/${OPS_PROJECT}`)) assert.strictEqual(r.accessKey, OPS.accessKey, r.path);
      else if (r.path.startsWith('/v2/')) assert.strictEqual(r.accessKey, DEMO.accessKey, r.path);
      assert.notStrictEqual(r.status, 403, `refused: ${r.path}`);
    }
  });

  test('switching stops the old profile\'s deletion tracking; Sign Out removes the current profile\'s keys only', async function () {
    this.timeout(40_000);
    const s = await services();
    const { context } = await api();
    info = stub('showInformationMessage', () => undefined);
    const warning = stub('showWarningMessage', (_m, o) => ((o as vscode.MessageOptions)?.modal ? 'Delete' : undefined));
    try {
      await control('POST', 'config', { deleteDelayMs: 60_000 });
      await vscode.commands.executeCommand('modelarts.switchProfile', 'ops');
      const pool = (await row((await row(undefined, 'eu-west-101')).node, 'ops-train')).node;
      await vscode.commands.executeCommand('modelarts.deletePlugin', (await row(pool, 'log-agent')).node);
      const doc = await waitFor('the document', () => vscode.window.activeTextEditor?.document.uri.scheme === 'modelarts-plugin' && vscode.window.activeTextEditor!.document);
      assert.match(doc.uri.query, /profile=ops/);
      await vscode.commands.executeCommand('modelarts.switchProfile', 'default');
      const documents = (await api()).services.documents;
      await waitFor('tracking to stop', () => /^tracking stopped at/.test(documents.entry(doc.uri)?.status ?? ''));
      await control('DELETE', 'requests');
      await new Promise((r) => setTimeout(r, 2500)); // longer than the first poll's 2 s
      assert.ok(!(await requests()).some((r) => r.path.startsWith(`/v2/${OPS_PROJECT}`)), 'the old profile polls no more');
      // Refresh on the old profile's document is refused, sending nothing
      const error = stub('showErrorMessage', () => undefined);
      try {
        await vscode.commands.executeCommand('modelarts.refreshDocument', doc.uri);
        await waitFor('the refusal', () => error.calls.length > 0);
        assert.match(String(error.calls[0][0]), /profile "ops"/);
      } finally {
        error.restore();
      }
      assert.deepStrictEqual(await requests(), []);
      await vscode.commands.executeCommand('modelarts.switchProfile', 'ops');
      await vscode.commands.executeCommand('modelarts.signOut');
      assert.strictEqual(await context.secrets.get('modelarts.credentials.ops'), undefined);
      assert.ok(await context.secrets.get('modelarts.credentials'), 'the default profile keeps its keys');
      assert.strictEqual(s.session.signedIn, false);
      await vscode.commands.executeCommand('modelarts.switchProfile', 'default');
      assert.strictEqual(s.session.signedIn, true);
      assert.ok(!s.session.profiles().includes('ops'), 'a profile without keys or settings is gone once left');
    } finally {
      warning.restore();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  test('the status bar item shows the profile while the view is visible and switches on click', async () => {
    const s = await services();
    await vscode.commands.executeCommand('workbench.view.extension.modelarts');
    await waitFor('the view', () => s.treeView.visible);
    const item = s.viewStatus.profileItem;
    assert.strictEqual(item.text, '$(account) default');
    assert.strictEqual(item.command, 'modelarts.switchProfile');
  });
});
