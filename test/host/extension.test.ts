// The extension's behaviour in the real extension host, against the emulator the harness started
// (settings point at it; HUAWEICLOUD_SDK_AK/SK carry the demo keys). Seed: src/emulator/seed.ts.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { POOL_IDS, PROJECT_AP_SOUTHEAST_1, PROJECT_CN_NORTH_4 } from '../../src/emulator/seed';
import { Node, Row, api, control, requests, row, rows, stub, waitFor } from './tools';

const DEMO = { accessKey: 'DEMOACCESSKEY00000000', secretKey: 'demo-secret-key-not-a-real-one-0000000000' };
const POOL_AUTO = POOL_IDS.autoPoolOs;

async function autoPool(): Promise<Row> {
  return row((await row(undefined, 'cn-north-4')).node, 'auto-pool-os');
}

suite('extension: tree', () => {
  suiteSetup(async () => {
    await control('POST', 'reset');
    (await api()).services.tree.refresh();
  });

  test('projects come from IAM, without MOS, sorted, with region or id', async () => {
    const r = await rows();
    assert.deepStrictEqual(r.map((x) => x.label), ['ap-southeast-1', 'cn-north-4', 'cn-north-4_ml-team', 'cn-south-1']);
    const team = r.find((x) => x.label === 'cn-north-4_ml-team')!;
    assert.strictEqual(team.description, 'cn-north-4');
    assert.match(r.find((x) => x.label === 'cn-north-4')!.description, /^[0-9a-f]{32}$/);
    assert.ok(r.every((x) => x.contextValue === 'project'));
  });

  test('pools show their display name and phase', async () => {
    const pools = await rows((await row(undefined, 'cn-north-4')).node);
    const auto = pools.find((p) => p.label === 'auto-pool-os');
    assert.ok(auto, pools.map((p) => p.label).join());
    assert.strictEqual(auto.description, 'Running');
    assert.strictEqual(auto.contextValue, 'pool+running');
    assert.match(auto.tooltip, new RegExp(POOL_AUTO));
    assert.ok(pools.some((p) => p.description === 'Creating') && pools.some((p) => p.description === 'Abnormal'));
  });

  test('plug-ins show version and phase, deletable unless Deleting', async () => {
    const plugins = await rows((await autoPool()).node);
    const dns = plugins.find((p) => p.label === 'node-local-dns')!;
    assert.strictEqual(dns.description, '1.6.36 · Running');
    assert.strictEqual(dns.contextValue, 'plugin+running+deletable+editable');
    const abnormal = plugins.find((p) => p.label === 'log-agent')!;
    assert.match(abnormal.description, /Abnormal$/);
    assert.match(abnormal.tooltip, /Insufficient CPU/);
    const train = await rows((await row((await row(undefined, 'cn-north-4')).node, 'train-gpu-a')).node);
    const deleting = train.find((p) => /Deleting$/.test(p.description));
    assert.ok(deleting, train.map((p) => p.description).join());
    assert.strictEqual(deleting.contextValue, 'plugin+deleting', 'a Deleting plug-in offers no Delete');
    assert.ok(train.some((p) => p.contextValue === 'plugin+updating+deletable+editable'));
  });

  test('an empty pool and a project without pools show placeholders', async () => {
    const project = (await row(undefined, 'cn-north-4')).node;
    const pools = await rows(project);
    const empties = [];
    for (const p of pools.filter((x) => x.description === 'Running')) {
      const children = await rows(p.node);
      if (children.length === 1 && children[0].contextValue === 'message+placeholder') empties.push(children[0].label);
    }
    assert.deepStrictEqual(empties, ['No plug-ins installed']);
    const south = await rows((await row(undefined, 'cn-south-1')).node);
    assert.deepStrictEqual(south.map((r) => [r.label, r.contextValue]), [['No resource pools in this project', 'message+placeholder']]);
  });

  test('the filter keeps matching pools and plug-ins', async () => {
    const { tree } = (await api()).services;
    try {
      tree.setFilter('abnormal');
      const plugins = await rows((await autoPool()).node);
      assert.deepStrictEqual(plugins.map((p) => p.label), ['log-agent']);
      tree.setFilter('dns');
      assert.deepStrictEqual((await rows((await autoPool()).node)).map((p) => p.label), ['node-local-dns']);
    } finally {
      tree.setFilter('');
    }
  });

  suite('error nodes', () => {
    teardown(() => control('DELETE', 'faults'));
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['403 not permitted', { status: 403, body: JSON.stringify({ error_code: 'ModelArts.0108', error_msg: 'not authorized to perform' }) }, /ModelArts\.0108/],
      ['404 pool not found', { status: 404, body: JSON.stringify({ error_code: 'ModelArts.50015001', error_msg: 'pool not found' }) }, /ModelArts\.50015001/],
      ['5xx after retries', { status: 503 }, /503|unavailable|internal/i],
      ['a non-JSON body', { status: 502, nonJson: '<html>Bad Gateway</html>', contentType: 'text/html' }, /Bad Gateway/],
      ['a dropped connection', { drop: true }, /network|failed before an answer/i],
    ];
    for (const [name, fault, expected] of cases) {
      test(`${name}: an error node with the code, Retry and Show Logs`, async function () {
        this.timeout(30_000);
        const pool = await autoPool();
        await control('POST', 'faults', { method: 'GET', path: '/plugins$', ...fault });
        (await api()).services.tree.refreshNode(pool.node);
        const children = await rows(pool.node);
        assert.strictEqual(children.length, 1, children.map((c) => c.label).join());
        const [err] = children;
        assert.strictEqual(err.contextValue, 'message+error');
        assert.match(`${err.label} ${err.description} ${err.tooltip}`, expected);
        assert.match(err.label, /^Could not load plug-ins: /);
        await control('DELETE', 'faults');
        await vscode.commands.executeCommand('modelarts.retry', err.node);
        await waitFor('the plug-ins after Retry', async () => (await rows(pool.node)).some((r) => r.label === 'node-local-dns'));
      });
    }
  });
});

suite('extension: Delete Plug-in', () => {
  let warning: ReturnType<typeof stub>;
  let error: ReturnType<typeof stub>;

  setup(async () => {
    await control('POST', 'reset');
    await control('POST', 'config', { deleteDelayMs: 1500 });
    await control('DELETE', 'requests');
    (await api()).services.tree.refresh();
    warning = stub('showWarningMessage', (_m, options) => ((options as vscode.MessageOptions)?.modal ? 'Delete' : undefined));
    error = stub('showErrorMessage', () => undefined);
  });
  teardown(async () => {
    warning.restore();
    error.restore();
    // the emulator is reset between tests: a tracker left running would keep its plug-in busy
    (await api()).services.deletions.stopAll();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('confirms, deletes, opens the exact response, tracks the row until it disappears', async function () {
    this.timeout(30_000);
    const pool = await autoPool();
    const dns = await row(pool.node, 'node-local-dns');
    await vscode.commands.executeCommand('modelarts.deletePlugin', dns.node);

    const [message, options] = warning.calls[0] as [string, vscode.MessageOptions];
    assert.match(message, /node-local-dns/);
    assert.match(message, /auto-pool-os/);
    assert.match(message, /cn-north-4/);
    assert.strictEqual(options.modal, true);
    assert.match(options.detail ?? '', /every node of the pool/);

    const editor = await waitFor('the plug-in document', () => vscode.window.activeTextEditor?.document.uri.scheme === 'modelarts-plugin' && vscode.window.activeTextEditor);
    const doc = editor.document;
    assert.strictEqual(doc.languageId, 'json');
    assert.match(doc.uri.path, /node-local-dns · auto-pool-os\.json$/);
    const deletes = (await requests()).filter((r) => r.method === 'DELETE');
    assert.strictEqual(deletes.length, 1);
    assert.deepStrictEqual(JSON.parse(doc.getText()), JSON.parse(deletes[0].responseBody!), 'the document is the response');
    assert.strictEqual(doc.getText(), JSON.stringify(JSON.parse(deletes[0].responseBody!), null, 2) + '\n');

    const tracking = await waitFor('the row to show Deleting', async () => (await rows(pool.node)).find((r) => r.label === 'node-local-dns' && /Deleting/.test(r.description)));
    assert.match(tracking.contextValue, /^plugin\+deleting\b/);
    assert.doesNotMatch(tracking.contextValue, /deletable/);
    await waitFor('the row to disappear', async () => !(await rows(pool.node)).some((r) => r.label === 'node-local-dns'), 20_000);
    const { documents } = (await api()).services;
    await waitFor('the document to say removed', () => /^removed at \d\d:\d\d:\d\d$/.test(documents.entry(doc.uri)?.status ?? ''));
    assert.strictEqual(doc.getText(), JSON.stringify(JSON.parse(deletes[0].responseBody!), null, 2) + '\n', 'tracking never edits the JSON');
  });

  test('the palette flow picks project, pool and plug-in, then confirms and deletes', async function () {
    this.timeout(30_000);
    const offered: string[][] = [];
    const choose = ['cn-north-4', 'auto-pool-os', 'log-agent'];
    const pick = stub('showQuickPick', async (items) => {
      const list = (await (items as Promise<vscode.QuickPickItem[]>)) ?? [];
      offered.push(list.map((i) => i.label));
      const wanted = choose.find((c) => list.some((i) => i.label === c));
      return list.find((i) => i.label === wanted);
    });
    try {
      await vscode.commands.executeCommand('modelarts.deletePluginPick');
    } finally {
      pick.restore();
    }
    assert.strictEqual(offered.length, 3, JSON.stringify(offered));
    assert.ok(offered[0].includes('cn-north-4') && !offered[0].includes('MOS'));
    assert.ok(offered[1].includes('auto-pool-os'));
    assert.ok(offered[2].includes('log-agent') && offered[2].includes('node-local-dns'));
    assert.match(String(warning.calls[0]?.[0]), /"log-agent" from resource pool "auto-pool-os" in project "cn-north-4"/);
    const deletes = (await requests()).filter((r) => r.method === 'DELETE');
    assert.deepStrictEqual(deletes.map((r) => r.path), [`/v2/0b5e7f3c2a1d4e6f8a9b0c1d2e3f4a5b/pools/${POOL_AUTO}/plugins/log-agent`]);
  });

  test('multi-select deletes several plug-ins after one confirmation', async function () {
    this.timeout(30_000);
    const pool = await autoPool();
    const nodes = [(await row(pool.node, 'node-local-dns')).node, (await row(pool.node, 'log-agent')).node];
    await vscode.commands.executeCommand('modelarts.deletePlugin', nodes[0], nodes);
    const modal = warning.calls.filter((c) => (c[1] as vscode.MessageOptions)?.modal);
    assert.strictEqual(modal.length, 1);
    assert.match(String(modal[0][0]), /Delete 2 plug-ins\?/);
    assert.match(String((modal[0][1] as vscode.MessageOptions).detail), /node-local-dns[\s\S]*log-agent/);
    const deleted = (await requests()).filter((r) => r.method === 'DELETE').map((r) => r.path.split('/').pop()).sort();
    assert.deepStrictEqual(deleted, ['log-agent', 'node-local-dns']);
  });

  test('Cancel in the confirmation sends nothing', async () => {
    warning.restore();
    warning = stub('showWarningMessage', () => undefined);
    const pool = await autoPool();
    await vscode.commands.executeCommand('modelarts.deletePlugin', (await row(pool.node, 'node-local-dns')).node);
    assert.strictEqual(warning.calls.length, 1);
    assert.deepStrictEqual((await requests()).filter((r) => r.method === 'DELETE'), []);
  });

  test('a second Delete while the first runs sends no second request', async function () {
    this.timeout(30_000);
    await control('POST', 'faults', { method: 'DELETE', latencyMs: 800, times: 1 });
    const dns = await row((await autoPool()).node, 'node-local-dns');
    const first = vscode.commands.executeCommand('modelarts.deletePlugin', dns.node);
    await waitFor('the first DELETE to be in flight', async () => /Deleting/.test((await row((await autoPool()).node, 'node-local-dns')).description));
    await vscode.commands.executeCommand('modelarts.deletePlugin', dns.node);
    await first;
    assert.strictEqual((await requests()).filter((r) => r.method === 'DELETE').length, 1);
    assert.strictEqual(warning.calls.filter((c) => (c[1] as vscode.MessageOptions)?.modal).length, 1, 'one confirmation');
  });

  test('a refused delete (default plug-in) changes nothing and shows error_code', async () => {
    const pool = await autoPool();
    const before = (await rows(pool.node)).map((r) => [r.label, r.description, r.contextValue]);
    await vscode.commands.executeCommand('modelarts.deletePlugin', await row(pool.node, 'gpu-beta').then((r) => r.node));
    await waitFor('the error message', () => error.calls.length > 0);
    const text = String(error.calls[0][0]);
    assert.match(text, /ModelArts\.50004000/);
    assert.match(text, /default/);
    assert.match(text, /request id [0-9a-f]{32}/);
    assert.ok(error.calls[0].includes('Show Logs'));
    assert.ok(!error.calls[0].includes('Retry'), 'no Retry for a 400');
    await waitFor('the row to settle', async () => (await rows(pool.node)).every((r) => !/Deleting…/.test(r.description)));
    assert.deepStrictEqual((await rows(pool.node)).map((r) => [r.label, r.description, r.contextValue]), before);
    assert.ok(!vscode.window.visibleTextEditors.some((e) => e.document.uri.scheme === 'modelarts-plugin'), 'no document opened');
  });

  test('FIDELITY #7: a 400 for a plug-in whose template is optional never says "installed by default"', async () => {
    await control('POST', 'faults', { method: 'DELETE', status: 400, times: 1 });
    const pool = await autoPool();
    await vscode.commands.executeCommand('modelarts.deletePlugin', (await row(pool.node, 'node-local-dns')).node);
    await waitFor('the error message', () => error.calls.length > 0);
    assert.match(String(error.calls[0][0]), /^Could not delete node-local-dns from auto-pool-os: /);
    assert.doesNotMatch(String(error.calls[0][0]), /default/);
  });

  test('FIDELITY #8: a Deleting past the tracking limit is reported as stuck, with advice', async function () {
    this.timeout(30_000);
    await control('POST', 'config', { stuckDeleting: true });
    const tracking = (await api()).services.deletions.tracking;
    Object.assign(tracking, { firstDelayMs: 100, maxDelayMs: 200, timeoutMs: 1500 });
    try {
      const pool = await autoPool();
      await vscode.commands.executeCommand('modelarts.deletePlugin', (await row(pool.node, 'node-local-dns')).node);
      const w = await waitFor('the stuck warning', () => warning.calls.find((c) => /stuck/.test(String(c[0]))), 15_000);
      assert.match(String(w[0]), /^Deleting node-local-dns from auto-pool-os is stuck: still Deleting after \d s\. A long Deleting means something is wrong in the pool: check its nodes/);
    } finally {
      for (const k of ['firstDelayMs', 'maxDelayMs', 'timeoutMs']) delete tracking[k];
    }
  });

  test('a 503 on DELETE is not retried silently; Retry is offered', async () => {
    await control('POST', 'faults', { method: 'DELETE', status: 503, times: 1 });
    const pool = await autoPool();
    await vscode.commands.executeCommand('modelarts.deletePlugin', (await row(pool.node, 'node-local-dns')).node);
    await waitFor('the error message', () => error.calls.length > 0);
    assert.ok(error.calls[0].includes('Retry'));
    assert.strictEqual((await requests()).filter((r) => r.method === 'DELETE').length, 1);
    assert.strictEqual((await row(pool.node, 'node-local-dns')).description, '1.6.36 · Running');
  });

  test('a name outside [A-Za-z0-9._~-] is refused before any request', async () => {
    const pool = await autoPool();
    await control('POST', 'plugins', {
      projectId: PROJECT_CN_NORTH_4.id, pool: POOL_AUTO,
      plugin: { apiVersion: 'v2', kind: 'Plugin', metadata: { name: 'x' }, spec: { template: { name: 'bad name' } }, status: { phase: 'Running' } },
    });
    (await api()).services.tree.refreshNode(pool.node);
    const bad = await row(pool.node, 'bad name');
    await control('DELETE', 'requests');
    await vscode.commands.executeCommand('modelarts.deletePlugin', bad.node);
    await waitFor('the error message', () => error.calls.length > 0);
    assert.match(String(error.calls[0][0]), /not valid/);
    assert.deepStrictEqual((await requests()).filter((r) => r.method === 'DELETE'), []);
  });
});

suite('extension: plug-in document', () => {
  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test('Show Plug-in opens the detailed JSON, read-only, with a phase hover', async () => {
    await control('POST', 'reset');
    const pool = await autoPool();
    await vscode.commands.executeCommand('modelarts.showPlugin', (await row(pool.node, 'log-agent')).node);
    const editor = await waitFor('the document', () => vscode.window.activeTextEditor?.document.uri.scheme === 'modelarts-plugin' && vscode.window.activeTextEditor);
    const data = JSON.parse(editor.document.getText());
    assert.strictEqual(data.spec.template.name, 'log-agent');
    assert.strictEqual(data.status.phase, 'Abnormal');
    const line = editor.document.getText().split('\n').findIndex((l) => l.startsWith('    "phase": '));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(line, 15));
    const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n').replace(/&nbsp;/g, ' ');
    assert.match(hoverText, /Abnormal/);
    assert.match(hoverText, /Unusable/);
    assert.match(hoverText, /Insufficient CPU/);
    const before = editor.document.getText();
    // typing as a user would: the editor of a content-provider document refuses edits
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('type', { text: 'x' });
    assert.strictEqual(editor.document.getText(), before, 'the document is read-only');
  });

  test('FIDELITY #9: hovering status.values shows the installation parameters parsed, or as sent when not JSON', async () => {
    await control('POST', 'reset');
    const odd = { kind: 'Plugin', apiVersion: 'v2', spec: { template: { name: 'odd-agent', inputs: { a: 1 } } }, status: { phase: 'Running', values: 'replicas=2, ndots=5' } };
    await control('POST', 'plugins', { projectId: '0b5e7f3c2a1d4e6f8a9b0c1d2e3f4a5b', pool: POOL_AUTO, plugin: odd });
    (await api()).services.tree.refresh();
    const hoverAt = async (name: string): Promise<{ text: string; doc: string }> => {
      await vscode.commands.executeCommand('modelarts.showPlugin', (await row((await autoPool()).node, name)).node);
      const editor = await waitFor(`the document of ${name}`, () => vscode.window.activeTextEditor?.document.uri.path.includes(name) && vscode.window.activeTextEditor);
      const doc = editor.document.getText();
      const line = doc.split('\n').findIndex((l) => l.startsWith('    "values": '));
      assert.ok(line > 0, 'status.values is in the document');
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(line, 8));
      return { text: hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n'), doc };
    };
    const dns = await hoverAt('node-local-dns');
    assert.match(dns.text, /Installation parameters/);
    const pretty = JSON.stringify(JSON.parse(JSON.parse(dns.doc).status.values), null, 2);
    assert.ok(dns.text.includes(pretty), `the parsed values, pretty-printed:\n${dns.text}`);
    const oddHover = await hoverAt('odd-agent');
    assert.match(oddHover.text, /Not JSON/);
    assert.ok(oddHover.text.includes('replicas=2, ndots=5'));
  });

  test('Show Plug-in from the palette walks through quick picks', async () => {
    const choose = ['cn-north-4', 'auto-pool-os', 'gpu-operator'];
    const pick = stub('showQuickPick', async (items) => {
      const list = (await (items as Promise<vscode.QuickPickItem[]>)) ?? [];
      return list.find((i) => choose.includes(i.label));
    });
    try {
      await vscode.commands.executeCommand('modelarts.showPlugin');
    } finally {
      pick.restore();
    }
    assert.strictEqual(pick.calls.length, 3);
    const editor = await waitFor('the document', () => vscode.window.activeTextEditor?.document.uri.scheme === 'modelarts-plugin' && vscode.window.activeTextEditor);
    assert.strictEqual(JSON.parse(editor.document.getText()).spec.template.name, 'gpu-operator');
  });

  test('reopening a plug-in shows the same tab (stable URI)', async () => {
    const pool = await autoPool();
    const node = (await row(pool.node, 'node-local-dns')).node;
    await vscode.commands.executeCommand('modelarts.showPlugin', node);
    const first = vscode.window.activeTextEditor!.document.uri.toString();
    await vscode.commands.executeCommand('modelarts.showPlugin', node);
    assert.strictEqual(vscode.window.activeTextEditor!.document.uri.toString(), first);
    assert.strictEqual(vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => (t.input as { uri?: vscode.Uri })?.uri?.toString() === first).length, 1);
  });
});

suite('extension: settings and editor actions', () => {
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('modelarts');
  let warning: ReturnType<typeof stub> | undefined;
  let input: ReturnType<typeof stub> | undefined;
  setup(async () => {
    await control('POST', 'reset');
    await control('DELETE', 'requests');
    (await api()).services.tree.refresh();
  });
  teardown(async () => {
    warning?.restore();
    input?.restore();
    warning = input = undefined;
    for (const key of ['region', 'projects', 'deleteConfirmation']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    (await api()).services.deletions.stopAll();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('changing modelarts.region reloads the tree with that region only', async () => {
    await config().update('region', 'cn-north-4', vscode.ConfigurationTarget.Global);
    await waitFor('the filtered projects', async () => {
      const labels = (await rows()).map((r) => r.label).join();
      return labels === 'cn-north-4,cn-north-4_ml-team';
    });
  });

  test('projects from modelarts.projects replace IAM and offer "Add project…"', async () => {
    await config().update('projects', [{ ...PROJECT_AP_SOUTHEAST_1 }], vscode.ConfigurationTarget.Global);
    const r = await waitFor('the projects from settings', async () => {
      const all = await rows();
      return all.length === 2 && all;
    });
    assert.deepStrictEqual(r.map((x) => [x.label, x.contextValue]), [['ap-southeast-1', 'project'], ['Add project…', 'message+action']]);
    // a load that raced the settings change may have asked IAM: refresh once more, with the setting in place
    await control('DELETE', 'requests');
    (await api()).services.tree.refresh();
    assert.strictEqual((await rows()).length, 2);
    assert.ok(!(await requests()).some((q) => q.path === '/v3/auth/projects'), 'IAM was not asked');
    assert.ok((await rows(r[0].node)).some((p) => p.label === 'sg-train'));
  });

  test('with deleteConfirmation "typeName" the user types the template name', async () => {
    await config().update('deleteConfirmation', 'typeName', vscode.ConfigurationTarget.Global);
    input = stub('showInputBox', (options) => {
      const validate = (options as vscode.InputBoxOptions).validateInput!;
      assert.ok(validate('node-local-dn'), 'a wrong name is refused');
      return 'node-local-dns';
    });
    warning = stub('showWarningMessage', () => assert.fail('no modal in typeName mode'));
    await vscode.commands.executeCommand('modelarts.deletePlugin', (await row((await autoPool()).node, 'node-local-dns')).node);
    assert.strictEqual(input.calls.length, 1);
    assert.match(String((input.calls[0][0] as vscode.InputBoxOptions).prompt), /Type "node-local-dns" to confirm/);
    assert.strictEqual((await requests()).filter((r) => r.method === 'DELETE').length, 1);
  });

  test('editor-title Refresh fetches the plug-in again; Copy JSON copies the document', async () => {
    await vscode.commands.executeCommand('modelarts.showPlugin', (await row((await autoPool()).node, 'node-local-dns')).node);
    const doc = (await waitFor('the document', () => vscode.window.activeTextEditor?.document.uri.scheme === 'modelarts-plugin' && vscode.window.activeTextEditor)).document;
    const plugin = JSON.parse(doc.getText());
    plugin.status.reason = 'Changed behind our back';
    await control('POST', 'plugins', { projectId: PROJECT_CN_NORTH_4.id, pool: POOL_AUTO, plugin });
    await vscode.commands.executeCommand('modelarts.refreshDocument');
    await waitFor('the refreshed text', () => doc.getText().includes('Changed behind our back'));
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('modelarts.copyJson');
    assert.strictEqual(await vscode.env.clipboard.readText(), doc.getText());
  });

  test('a 401 offers Sign In once, not once per failing node', async () => {
    warning = stub('showWarningMessage', () => undefined);
    await control('POST', 'faults', { method: 'GET', path: '/pools$', status: 401, body: JSON.stringify({ error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information: verify aksk signature fail' }) });
    try {
      const projects = await rows();
      for (const p of projects) await rows(p.node);
      const offers = warning.calls.filter((c) => c.includes('Sign In'));
      assert.strictEqual(offers.length, 1, JSON.stringify(warning.calls));
      assert.match(String(offers[0][0]), /Signature rejected/);
    } finally {
      await control('DELETE', 'faults');
    }
  });
});

suite('extension: credentials', () => {
  let input: ReturnType<typeof stub>;
  let error: ReturnType<typeof stub>;
  let info: ReturnType<typeof stub>;
  teardown(() => {
    input?.restore();
    error?.restore();
    info?.restore();
  });

  function answers(...values: (string | undefined)[]): void {
    const queue = [...values];
    input = stub('showInputBox', () => queue.shift());
  }

  test('with no stored secret, the environment credentials are used', async () => {
    const { session } = (await api()).services;
    assert.strictEqual(session.signedIn, true);
    assert.strictEqual(session.credentialSource, 'environment');
    const { treeView } = (await api()).services;
    assert.strictEqual(treeView.description, 'default · DEMO…0000 from environment · custom', 'the view names the account and the cloud');
  });

  test('Sign In with a wrong secret key stores nothing and says why', async () => {
    const { context } = await api();
    answers('default', DEMO.accessKey, 'definitely-the-wrong-secret-000000', '');
    error = stub('showErrorMessage', () => undefined);
    await vscode.commands.executeCommand('modelarts.signIn');
    assert.strictEqual(await context.secrets.get('modelarts.credentials'), undefined);
    assert.match(String(error.calls[0]?.[0]), /Signature rejected/);
    assert.match(String(error.calls[0]?.[0]), /APIGW\.0301/);
    assert.ok(!String(error.calls[0]?.[0]).includes('definitely-the-wrong-secret'));
  });

  test('Sign In with the right keys stores them; Sign Out deletes them', async () => {
    const { context, services } = await api();
    answers('default', DEMO.accessKey, DEMO.secretKey, '');
    info = stub('showInformationMessage', () => undefined);
    await vscode.commands.executeCommand('modelarts.signIn');
    const stored = JSON.parse((await context.secrets.get('modelarts.credentials')) ?? '{}');
    assert.strictEqual(stored.accessKey, DEMO.accessKey);
    assert.strictEqual(services.session.credentialSource, 'secretStorage');
    // the secret-change event our own store fires must not reload (and refresh the tree) a second time
    let changes = 0;
    const listener = services.session.onDidChange(() => changes++);
    try {
      await services.session.load({ onlyIfChanged: true });
      assert.strictEqual(changes, 0);
    } finally {
      listener.dispose();
    }
    await vscode.commands.executeCommand('modelarts.signOut');
    assert.strictEqual(await context.secrets.get('modelarts.credentials'), undefined);
    assert.strictEqual(services.session.signedIn, false, 'signed out: environment keys are not used either');
    assert.deepStrictEqual(await services.tree.getChildren(undefined), []);
    // back to a signed-in state for the suites that follow
    answers('default', DEMO.accessKey, DEMO.secretKey, '');
    await vscode.commands.executeCommand('modelarts.signIn');
    assert.strictEqual(services.session.signedIn, true);
  });
});

suite('extension: no secret anywhere', () => {
  test('the log channel and every open document are free of the secret key', async () => {
    const { context } = await api();
    const logDir = path.dirname(context.logUri.fsPath);
    const files: string[] = [];
    const walk = (d: string): void => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.log')) files.push(p);
      }
    };
    walk(path.dirname(logDir));
    const ours = files.filter((f) => /ModelArts/i.test(path.basename(f)) || f.includes('modelarts-plugins'));
    const logText = ours.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    assert.match(logText, /GET \/v2\/[0-9a-f]{32}\/pools 200/, `the request log was not found among ${files.length} log files`);
    assert.match(logText, /DELETE \/v2\/.*\/plugins\/node-local-dns 200 \d+ ms request-id=[0-9a-f]{32}/);
    assert.ok(!logText.includes(DEMO.secretKey), 'the secret key is in the log');
    assert.ok(!logText.includes('definitely-the-wrong-secret'), 'a typed secret is in the log');
    assert.ok(!/Authorization|Signature=/.test(logText), 'headers are in the log');
    for (const doc of vscode.workspace.textDocuments) {
      assert.ok(!doc.getText().includes(DEMO.secretKey), `the secret key is in ${doc.uri.toString()}`);
    }
    const config = JSON.stringify(vscode.workspace.getConfiguration('modelarts'));
    assert.ok(!config.includes(DEMO.secretKey), 'the secret key is in the settings');
  });
});

export type { Node };
