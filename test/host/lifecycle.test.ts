// The plug-in life cycle in the real extension host, against the emulator: Install Plug-in… (the
// wizard's steps with Back and Escape, JSON inputs, the modal, the POST, tracking to Running or
// Abnormal), Upgrade Plug-in… (tree node and the command-URI object argument), Edit Plug-in… →
// save (nothing sent) → Apply → diff → confirm, the concurrent-change handling both ways, and
// Compare with…. Quick picks are scripted (scriptQuickPicks), modals stubbed; requests are checked
// in the emulator's log.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { Row, api, control, requests, row, rows, scriptQuickPicks, stub, waitFor, type LoggedRequest } from './tools';

const CN4 = '0b5e7f3c2a1d4e6f8a9b0c1d2e3f4a5b';
const POOL_AUTO = 'auto-pool-os-86c13962597848eeb29c5861153a391f';
const POOL_TRAIN = 'pool-4cd084d36f8bd3346036';

const pool = async (label: string, project = 'cn-north-4'): Promise<Row> => row((await row(undefined, project)).node, label);
const writes = async (method: string): Promise<LoggedRequest[]> => (await requests()).filter((r) => r.method === method);
const modalCalls = (s: ReturnType<typeof stub>) => s.calls.filter((c) => (c[1] as vscode.MessageOptions)?.modal);
const diffTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputTextDiff);

async function emulatorPlugin(pool: string, name: string): Promise<{ spec: { template: { version?: string; inputs?: Record<string, any> } }; status?: { phase?: string } } | undefined> {
  const state = await control<{ projects: { project: { id: string }; pools: { pool: { metadata: { name: string } }; plugins: { plugin: any }[] }[] }[] }>('GET', 'state');
  const p = state.projects.find((x) => x.project.id === CN4)?.pools.find((x) => x.pool.metadata.name === pool);
  return p?.plugins.find((x) => x.plugin.spec.template.name === name)?.plugin;
}

suite('life cycle', () => {
  let warning: ReturnType<typeof stub>;
  let error: ReturnType<typeof stub>;
  let info: ReturnType<typeof stub>;
  let modalAnswer: string | undefined;

  setup(async () => {
    await control('POST', 'reset');
    await control('POST', 'config', { installDelayMs: 300, updateDelayMs: 300 });
    await control('DELETE', 'requests');
    (await api()).services.tree.refresh();
    modalAnswer = undefined;
    warning = stub('showWarningMessage', (_m, options) => ((options as vscode.MessageOptions)?.modal ? modalAnswer : undefined));
    error = stub('showErrorMessage', () => undefined);
    info = stub('showInformationMessage', () => undefined);
  });
  teardown(async () => {
    warning.restore();
    error.restore();
    info.restore();
    // the emulator is reset between tests: a tracker left running would keep its plug-in busy
    await (await api()).services.changes.stopAll();
    // a dirty editor would make closing ask; the drafts of a test are not kept
    for (const d of vscode.workspace.textDocuments.filter((x) => x.isDirty)) {
      await vscode.window.showTextDocument(d);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await waitFor(`${d.uri.path} reverted`, () => !d.isDirty);
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  suite('Install Plug-in…', () => {
    test('template → Back → template → version → Back → version → preset, then the modal, the POST and the row until Running', async function () {
      this.timeout(40_000);
      modalAnswer = 'Install';
      const script: string[] = ['Log Agent', 'BACK', 'Log Agent', '1.5.7', 'BACK', '1.5.7', 'Light'];
      const qp = scriptQuickPicks((_s, i) => (script[i] === 'BACK' ? { back: true } : script[i]));
      const empty = await pool('empty-pool');
      try {
        await vscode.commands.executeCommand('modelarts.installPlugin', empty.node);
      } finally {
        qp.restore();
      }
      assert.deepStrictEqual(qp.shown.map((s) => s.step), [1, 2, 1, 2, 3, 2, 3]);
      assert.deepStrictEqual(qp.shown.map((s) => s.hasBack), [false, true, false, true, true, true, true]);
      const [templates, versions, , , inputs] = qp.shown;
      assert.ok(templates.labels.includes('NodeLocal DNSCache') && !templates.labels.includes('NVIDIA GPU Operator'), templates.labels.join());
      assert.ok(templates.descriptions.includes('node-local-dns'), 'description = template name');
      assert.deepStrictEqual(versions.labels, ['1.6.0', '1.5.7', '1.4.2']);
      assert.match(versions.descriptions[0], /^latest · 2025-01-15$/);
      assert.deepStrictEqual(inputs.labels, ['Template defaults', 'Standard', 'Light', 'Edit inputs as JSON…']);

      const [message, options] = modalCalls(warning)[0] as [string, vscode.MessageOptions];
      assert.strictEqual(message, 'Install Log Agent (log-agent) 1.5.7 into resource pool "empty-pool" in project "cn-north-4"?');
      assert.match(options.detail ?? '', /flavour preset Light/);
      const posts = await writes('POST');
      assert.strictEqual(posts.length, 1);
      const body = JSON.parse(posts[0].requestBody!);
      assert.deepStrictEqual([body.spec.template.name, body.spec.template.version, body.spec.template.inputs.flavor.name], ['log-agent', '1.5.7', 'Light']);

      const installing = await waitFor('the new row, installing', async () => (await rows(empty.node)).find((r) => r.label === 'log-agent' && /installing…/.test(r.description)));
      assert.doesNotMatch(installing.contextValue, /editable|deletable/);
      const editor = await waitFor('the result document', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'modelarts-plugin'));
      assert.deepStrictEqual(JSON.parse(editor.document.getText()), JSON.parse(posts[0].responseBody!));
      const running = await waitFor('the row Running', async () => (await rows(empty.node)).find((r) => r.label === 'log-agent' && r.description === '1.5.7 · Running'), 20_000);
      assert.strictEqual(running.contextValue, 'plugin+running+deletable+editable');
    });

    test('FIDELITY #3: the confirmation names the template defaults the install leaves as they are', async function () {
      this.timeout(20_000);
      modalAnswer = undefined; // cancelled: nothing is sent
      const qp = scriptQuickPicks((_s, i) => ['Log Agent', '1.5.7', 'Light'][i]);
      try {
        await vscode.commands.executeCommand('modelarts.installPlugin', (await pool('empty-pool')).node);
      } finally {
        qp.restore();
      }
      const [, options] = modalCalls(warning)[0] as [string, vscode.MessageOptions];
      // the preset sets the flavour; the custom parameters stay at the version's defaults, and say so
      assert.match(options.detail ?? '', /Left at the template defaults:\n• custom\.logLevel = "info"\n• custom\.collectStdout = true/);
      assert.doesNotMatch(options.detail ?? '', /• flavor\./);
      assert.strictEqual((await writes('POST')).length, 0);
    });

    test('Escape at any step sends nothing', async function () {
      this.timeout(20_000);
      const empty = await pool('empty-pool');
      for (let at = 0; at < 3; at++) {
        const script = ['NodeLocal DNSCache', '1.6.63', 'Template defaults'];
        const qp = scriptQuickPicks((_s, i) => (i === at ? { escape: true } : script[i]));
        try {
          await vscode.commands.executeCommand('modelarts.installPlugin', empty.node);
        } finally {
          qp.restore();
        }
        assert.strictEqual(qp.shown.length, at + 1);
      }
      assert.strictEqual(modalCalls(warning).length, 0);
      assert.deepStrictEqual(await writes('POST'), []);
    });

    test('an installed template is listed last as installed; choosing it offers Upgrade and sends nothing', async () => {
      const qp = scriptQuickPicks(() => '$(check) NodeLocal DNSCache');
      try {
        await vscode.commands.executeCommand('modelarts.installPlugin', (await pool('auto-pool-os')).node);
      } finally {
        qp.restore();
      }
      const step = qp.shown[0];
      assert.strictEqual(step.labels[step.labels.length - 1].startsWith('$(check) '), true);
      assert.match(step.descriptions[step.labels.indexOf('$(check) NodeLocal DNSCache')], /node-local-dns · installed 1\.6\.36/);
      assert.match(String(info.calls[0][0]), /already installed in auto-pool-os/);
      assert.ok(info.calls[0].includes('Upgrade…'));
      assert.deepStrictEqual(await writes('POST'), []);
    });

    test('Edit inputs as JSON…: invalid JSON is refused on save and nothing is sent; a valid save continues', async function () {
      this.timeout(40_000);
      modalAnswer = 'Install';
      const qp = scriptQuickPicks((_s, i) => ['NodeLocal DNSCache', '1.6.36', 'Edit inputs as JSON…'][i]);
      const running = vscode.commands.executeCommand('modelarts.installPlugin', (await pool('empty-pool')).node);
      try {
        const editor = await waitFor('the inputs document', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'modelarts-edit' && e.document.uri.path.startsWith('/inputs/')));
        const doc = editor.document;
        assert.strictEqual(JSON.parse(doc.getText()).flavor.name, 'HA', 'prefilled from the defaults');
        const all = new vscode.Range(0, 0, doc.lineCount, 0);
        await editor.edit((e) => e.replace(all, '{ "custom": { "ndots": "2" }, '));
        assert.strictEqual(await doc.save(), false, 'the save is refused');
        assert.deepStrictEqual(await writes('POST'), []);
        await editor.edit((e) => e.replace(new vscode.Range(0, 0, doc.lineCount, 0), '{ "custom": { "ndots": "2" } }'));
        assert.strictEqual(await doc.save(), true);
        await running;
      } finally {
        qp.restore();
      }
      const posts = await writes('POST');
      assert.strictEqual(posts.length, 1);
      assert.deepStrictEqual(JSON.parse(posts[0].requestBody!).spec.template.inputs, { custom: { ndots: '2' } });
    });

    test('an install that ends Abnormal warns with the reason and offers Show Plug-in', async function () {
      this.timeout(40_000);
      modalAnswer = 'Install';
      await control('POST', 'install-failures', { template: 'node-local-dns', reason: '0/2 nodes are available: 2 Insufficient cpu.' });
      const qp = scriptQuickPicks((_s, i) => ['NodeLocal DNSCache', '1.6.63', 'Template defaults'][i]);
      try {
        await vscode.commands.executeCommand('modelarts.installPlugin', (await pool('empty-pool')).node);
      } finally {
        qp.restore();
      }
      assert.strictEqual(JSON.parse((await writes('POST'))[0].requestBody!).spec.template.inputs, undefined, 'template defaults: no inputs sent');
      const w = await waitFor('the Abnormal warning', () => warning.calls.find((c) => /Abnormal/.test(String(c[0]))), 20_000);
      assert.match(String(w[0]), /The installation of node-local-dns in empty-pool failed: it is Abnormal: 0\/2 nodes are available: 2 Insufficient cpu\./);
      assert.ok(w.includes('Show Plug-in'));
    });

    test('the palette variant asks for project and pool first', async function () {
      this.timeout(20_000);
      const choose = ['cn-north-4', 'empty-pool'];
      const pick = stub('showQuickPick', async (items) => {
        const list = ((await (items as Promise<vscode.QuickPickItem[]>)) ?? []);
        return list.find((i) => choose.includes(i.label));
      });
      const qp = scriptQuickPicks(() => ({ escape: true }));
      try {
        await vscode.commands.executeCommand('modelarts.installPluginPick');
      } finally {
        pick.restore();
        qp.restore();
      }
      assert.strictEqual(pick.calls.length, 2);
      assert.match(String(qp.shown[0].title), /into empty-pool/);
    });
  });

  suite('Upgrade Plug-in…', () => {
    async function upgrade(arg: unknown, to: string, button = 'Upgrade'): Promise<string[]> {
      modalAnswer = button;
      let offered: string[] = [];
      const pick = stub('showQuickPick', async (items) => {
        const list = (await (items as Promise<vscode.QuickPickItem[]>)) ?? [];
        offered = list.map((i) => `${i.label} ${i.description}`);
        return list.find((i) => i.label === to);
      });
      try {
        await vscode.commands.executeCommand('modelarts.upgradePlugin', arg);
      } finally {
        pick.restore();
      }
      return offered;
    }

    for (const semantics of ['documented', 'merge']) {
      test(`FIDELITY #1 (${semantics}) from the tree: versions newest first with the current marked, from → to with the kept inputs, a PATCH of the version and the complete inputs, tracked to Running, inputs unchanged`, async function () {
        this.timeout(40_000);
        await control('POST', 'config', { patchSemantics: semantics });
        const before = (await emulatorPlugin(POOL_AUTO, 'node-local-dns'))!.spec.template.inputs!;
        assert.strictEqual(before.custom.nameserver, '135.0.0.1', 'the seed is not the template default');
        const auto = await pool('auto-pool-os');
        const offered = await upgrade((await row(auto.node, 'node-local-dns')).node, '1.6.63');
        assert.deepStrictEqual(offered.map((o) => o.split(' ')[0]), ['1.6.63', '1.6.36', '1.5.2']);
        assert.match(offered[1], /current/);
        assert.match(offered[0], /latest/);
        const [message, options] = modalCalls(warning)[0] as [string, vscode.MessageOptions];
        assert.match(message, /Upgrade node-local-dns in resource pool "auto-pool-os" \(project "cn-north-4"\) from 1\.6\.36 to 1\.6\.63\?/);
        assert.match(options.detail ?? '', /\d+ installation parameter\(s\) kept as they are; the complete inputs are sent\./);
        assert.doesNotMatch(options.detail ?? '', /inputs stay as they are/);
        const [patch] = await writes('PATCH');
        assert.deepStrictEqual(JSON.parse(patch.requestBody!), { spec: { template: { inputs: before, name: 'node-local-dns', version: '1.6.63' } } });
        assert.strictEqual(patch.contentType, 'application/merge-patch+json');
        const templateReads = (await requests()).filter((r) => r.method === 'GET' && r.path.endsWith('/plugintemplates'));
        assert.strictEqual(templateReads.length, 1, 'the template read for the version pick is the one the plan uses');
        await waitFor('the row upgrading', async () => /upgrading…/.test((await row(auto.node, 'node-local-dns')).description));
        await waitFor('the row Running at 1.6.63', async () => (await row(auto.node, 'node-local-dns')).description === '1.6.63 · Running', 20_000);
        assert.deepStrictEqual((await emulatorPlugin(POOL_AUTO, 'node-local-dns'))!.spec.template.inputs, before, 'the configuration survived the upgrade');
      });
    }

    test('FIDELITY #8: an upgrade that ends Abnormal is reported as failed, with the reason', async function () {
      this.timeout(40_000);
      await control('POST', 'config', { upgradeAbnormalReason: '0/2 nodes are available: 2 Insufficient memory.' });
      const auto = await pool('auto-pool-os');
      await upgrade((await row(auto.node, 'node-local-dns')).node, '1.6.63');
      const w = await waitFor('the failure warning', () => warning.calls.find((c) => /failed/.test(String(c[0]))), 20_000);
      assert.strictEqual(String(w[0]), 'The upgrade of node-local-dns in auto-pool-os failed: it is Abnormal: 0/2 nodes are available: 2 Insufficient memory.');
      assert.ok(w.includes('Show Plug-in'));
    });

    test('FIDELITY #1 with the command-URI argument { projectId, poolName, pluginName } (the drift report\'s link): the inputs are kept', async function () {
      this.timeout(40_000);
      const before = (await emulatorPlugin(POOL_AUTO, 'node-local-dns'))!.spec.template.inputs;
      await upgrade({ projectId: CN4, poolName: POOL_AUTO, pluginName: 'node-local-dns' }, '1.5.2', 'Downgrade');
      assert.match(String(modalCalls(warning)[0][0]), /Downgrade node-local-dns .* from 1\.6\.36 to 1\.5\.2\?/);
      assert.strictEqual((await writes('PATCH'))[0].path, `/v2/${CN4}/pools/${POOL_AUTO}/plugins/node-local-dns`);
      const auto = await pool('auto-pool-os');
      await waitFor('the row Running at 1.5.2', async () => (await row(auto.node, 'node-local-dns')).description === '1.5.2 · Running', 20_000);
      assert.deepStrictEqual((await emulatorPlugin(POOL_AUTO, 'node-local-dns'))!.spec.template.inputs, before);
      // the same argument through a command URI, as the drift report builds it
      const uri = vscode.Uri.parse(`command:modelarts.upgradePlugin?${encodeURIComponent(JSON.stringify([{ projectId: CN4, poolName: POOL_AUTO, pluginName: 'nope' }]))}`);
      assert.strictEqual(uri.scheme, 'command');
      await vscode.commands.executeCommand('modelarts.upgradePlugin', ...JSON.parse(decodeURIComponent(uri.query)));
      await waitFor('the not-found error', () => error.calls.length > 0);
      assert.match(String(error.calls[0][0]), /nope is not installed in auto-pool-os/);
    });

    test('a plug-in that changed in the cloud since the tree showed it is not upgraded; the message says what changed', async function () {
      this.timeout(30_000);
      const auto = await pool('auto-pool-os');
      const node = (await row(auto.node, 'node-local-dns')).node;
      const p = (await emulatorPlugin(POOL_AUTO, 'node-local-dns')) as any;
      p.status.version = '1.5.2';
      p.spec.template.version = '1.5.2';
      await control('POST', 'plugins', { projectId: CN4, pool: POOL_AUTO, plugin: p });
      await upgrade(node, '1.6.63');
      await waitFor('the refusal', () => error.calls.length > 0);
      assert.match(String(error.calls[0][0]), /node-local-dns in auto-pool-os-[0-9a-f]+ changed in the cloud since you looked at it: the version \(1\.6\.36 → 1\.5\.2\)\. Nothing was sent/);
      assert.strictEqual(modalCalls(warning).length, 0, 'no confirmation for a stale view');
      assert.deepStrictEqual(await writes('PATCH'), []);
    });

    test('an Updating plug-in is refused with the reason; nothing is sent', async () => {
      await vscode.commands.executeCommand('modelarts.upgradePlugin', { projectId: CN4, poolName: POOL_TRAIN, pluginName: 'node-local-dns' });
      await waitFor('the refusal', () => error.calls.length > 0);
      assert.match(String(error.calls[0][0]), /Cannot upgrade node-local-dns in train-gpu-a: it is being updated right now \(Updating\)/);
      assert.deepStrictEqual(await writes('PATCH'), []);
    });
  });

  suite('Edit Plug-in… and Apply', () => {
    async function openEdit(): Promise<vscode.TextEditor> {
      const auto = await pool('auto-pool-os');
      await vscode.commands.executeCommand('modelarts.editPlugin', (await row(auto.node, 'node-local-dns')).node);
      return waitFor('the edit document', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'modelarts-edit'));
    }
    async function change(editor: vscode.TextEditor, f: (t: any) => void): Promise<void> {
      const t = JSON.parse(editor.document.getText());
      f(t);
      await editor.edit((e) => e.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), JSON.stringify(t, null, 2) + '\n'));
    }
    async function cloudChange(f: (p: any) => void): Promise<void> {
      const p = await emulatorPlugin(POOL_AUTO, 'node-local-dns');
      f(p);
      await control('POST', 'plugins', { projectId: CN4, pool: POOL_AUTO, plugin: p });
    }

    test('the document is spec.template with a first-line CodeLens; saving keeps a draft and sends nothing', async function () {
      this.timeout(30_000);
      const editor = await openEdit();
      const doc = editor.document;
      assert.deepStrictEqual(Object.keys(JSON.parse(doc.getText())), ['inputs', 'name', 'version']);
      assert.match(doc.uri.path, /^\/plugin\/0b5e7f3c2a1d4e6f8a9b0c1d2e3f4a5b\/auto-pool-os-[0-9a-f]+\/node-local-dns\//);
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
      const lens = lenses.find((l) => l.command?.command === 'modelarts.applyPluginEdit');
      assert.ok(lens, JSON.stringify(lenses.map((l) => l.command?.title)));
      assert.strictEqual(lens.command!.title, 'Editing node-local-dns in auto-pool-os (cn-north-4) · Apply…');
      assert.strictEqual(lens.range.start.line, 0);
      await change(editor, (t) => (t.inputs.custom.ndots = '5'));
      assert.strictEqual(await doc.save(), true);
      assert.deepStrictEqual(await writes('PATCH'), []);
      assert.match(new TextDecoder().decode(await vscode.workspace.fs.readFile(doc.uri)), /"ndots": "5"/, 'the draft is kept');
    });

    test('Edit and Upgrade from a plug-in document\'s editor title act on that plug-in', async function () {
      this.timeout(30_000);
      await vscode.commands.executeCommand('modelarts.showPlugin', { projectId: CN4, poolName: POOL_AUTO, pluginName: 'log-agent' });
      const shown = await waitFor('the plug-in document', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'modelarts-plugin'));
      await vscode.commands.executeCommand('modelarts.editPlugin', shown.document.uri);
      const edit = await waitFor('the edit document', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'modelarts-edit'));
      assert.strictEqual(JSON.parse(edit.document.getText()).name, 'log-agent');
      assert.match(edit.document.uri.path, new RegExp(`/${POOL_AUTO}/log-agent/`));
      let title = '';
      const pick = stub('showQuickPick', (_items, options) => {
        title = String((options as vscode.QuickPickOptions).title);
        return undefined;
      });
      try {
        await vscode.commands.executeCommand('modelarts.upgradePlugin', shown.document.uri);
      } finally {
        pick.restore();
      }
      assert.strictEqual(title, 'Upgrade log-agent in auto-pool-os (now 1.5.7)');
    });

    test('the schema from the template flags a version the template does not have', async function () {
      this.timeout(40_000);
      const editor = await openEdit();
      await change(editor, (t) => (t.version = '9.9.9'));
      const diagnostics = await waitFor('a schema diagnostic', () => {
        const d = vscode.languages.getDiagnostics(editor.document.uri);
        return d.length > 0 && d;
      }, 30_000);
      assert.match(diagnostics.map((d) => d.message).join('\n'), /1\.6\.63/);
      // leave no dirty draft with a version the next test's Apply would pick up
      await vscode.window.showTextDocument(editor.document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await waitFor('the draft reverted', () => !editor.document.isDirty && JSON.parse(editor.document.getText()).version !== '9.9.9');
    });

    for (const semantics of ['documented', 'merge']) {
      test(`FIDELITY #1 #2 (${semantics}) Apply: diff cloud ↔ sent, a modal listing the keys with a warning per removed key, the complete inputs with null for the removed key, tracking, new baseline`, async function () {
        this.timeout(40_000);
        await control('POST', 'config', { patchSemantics: semantics });
        modalAnswer = 'Apply';
        const editor = await openEdit();
        await change(editor, (t) => {
          t.inputs.custom.ndots = '5';
          delete t.inputs.custom.search;
        });
        await vscode.commands.executeCommand('modelarts.applyPluginEdit', editor.document.uri);
        const [message, options] = modalCalls(warning)[0] as [string, vscode.MessageOptions];
        assert.strictEqual(message, 'Apply to auto-pool-os in cn-north-4?');
        assert.match(options.detail ?? '', /• inputs\.custom\.ndots/);
        assert.match(options.detail ?? '', /⚠ inputs\.custom\.search is removed/);
        assert.match(options.detail ?? '', /Back to the template default: custom\.search\./);
        assert.doesNotMatch(options.detail ?? '', /only they are sent/);
        assert.ok(diffTabs().some((t) => t.label === 'node-local-dns in auto-pool-os: cloud ↔ sent (the complete inputs)'), diffTabs().map((t) => t.label).join());
        const [patch] = await writes('PATCH');
        const sent = JSON.parse(patch.requestBody!).spec.template;
        assert.deepStrictEqual([sent.name, sent.version], ['node-local-dns', '1.6.36']);
        assert.deepStrictEqual(sent.inputs.custom, { enable_dnsconfig_admission: true, nameserver: '135.0.0.1', ndots: '5', search: null });
        assert.strictEqual(sent.inputs.flavor.name, 'HA', 'untouched inputs are sent too');
        assert.strictEqual(patch.contentType, 'application/merge-patch+json');
        const auto = await pool('auto-pool-os');
        await waitFor('the row Running again', async () => (await row(auto.node, 'node-local-dns')).description === '1.6.36 · Running', 20_000);
        const after = (await emulatorPlugin(POOL_AUTO, 'node-local-dns'))!.spec.template.inputs!;
        assert.deepStrictEqual([after.custom.nameserver, after.custom.ndots, after.flavor.name], ['135.0.0.1', '5', 'HA'], 'the configuration survived');
        const baseline = (await api()).services.editDocuments.baseline(editor.document.uri) as any;
        assert.deepStrictEqual(baseline.inputs.custom, { enable_dnsconfig_admission: true, nameserver: '135.0.0.1', ndots: '5' });
        assert.strictEqual(editor.document.isDirty, false);
      });
    }

    test('a cloud change to other keys: says so, shows baseline ↔ cloud, and sends the cloud\'s inputs with the user\'s change on top', async function () {
      this.timeout(40_000);
      modalAnswer = 'Apply';
      const editor = await openEdit();
      await cloudChange((p) => (p.spec.template.inputs.flavor.size = 'small'));
      await change(editor, (t) => (t.inputs.custom.ndots = '4'));
      await vscode.commands.executeCommand('modelarts.applyPluginEdit', editor.document.uri);
      assert.match((modalCalls(warning)[0][1] as vscode.MessageOptions).detail ?? '', /changed in the cloud since you opened it \(inputs\.flavor\.size\)/);
      assert.ok(diffTabs().some((t) => t.label === 'node-local-dns in auto-pool-os: baseline ↔ cloud'));
      const sent = JSON.parse((await writes('PATCH'))[0].requestBody!).spec.template.inputs;
      assert.deepStrictEqual([sent.custom.ndots, sent.custom.nameserver, sent.flavor.size], ['4', '135.0.0.1', 'small']);
      const p = await waitFor('the PATCH applied', async () => { const x = await emulatorPlugin(POOL_AUTO, 'node-local-dns'); return x?.spec.template.inputs?.custom.ndots === '4' && x; });
      assert.strictEqual(p.spec.template.inputs!.flavor.size, 'small', 'the cloud\'s change survives');
      assert.strictEqual(p.spec.template.inputs!.custom.nameserver, '135.0.0.1');
    });

    test('a cloud change to the same keys: refused, baseline ↔ cloud shown, nothing sent', async function () {
      this.timeout(30_000);
      modalAnswer = 'Apply';
      const editor = await openEdit();
      await cloudChange((p) => (p.spec.template.inputs.custom.ndots = '3'));
      await change(editor, (t) => (t.inputs.custom.ndots = '4'));
      await vscode.commands.executeCommand('modelarts.applyPluginEdit', editor.document.uri);
      const w = warning.calls.find((c) => /changed in the cloud/.test(String(c[0])));
      assert.ok(w, JSON.stringify(warning.calls.map((c) => c[0])));
      assert.match(String(w[0]), /you changed the same keys: inputs\.custom\.ndots\. Nothing was sent\./);
      assert.strictEqual(modalCalls(warning).length, 0);
      assert.ok(diffTabs().some((t) => t.label === 'node-local-dns in auto-pool-os: baseline ↔ cloud'));
      assert.deepStrictEqual(await writes('PATCH'), []);
    });

    test('a changed name and a plug-in that is Updating are refused with the reason', async function () {
      this.timeout(30_000);
      modalAnswer = 'Apply';
      const editor = await openEdit();
      await change(editor, (t) => (t.name = 'log-agent'));
      await vscode.commands.executeCommand('modelarts.applyPluginEdit', editor.document.uri);
      await waitFor('the name refusal', () => error.calls.length > 0);
      assert.match(String(error.calls[0][0]), /name cannot be changed/);
      await change(editor, (t) => {
        t.name = 'node-local-dns';
        t.inputs.custom.ndots = '4';
      });
      await cloudChange((p) => (p.status.phase = 'Updating'));
      await vscode.commands.executeCommand('modelarts.applyPluginEdit', editor.document.uri);
      await waitFor('the phase refusal', () => error.calls.length > 1);
      assert.match(String(error.calls[1][0]), /Cannot apply to node-local-dns in auto-pool-os: it is being updated right now \(Updating\)/);
      assert.deepStrictEqual(await writes('PATCH'), []);
      assert.strictEqual(modalCalls(warning).length, 0);
    });
  });

  suite('Compare with…', () => {
    test('the same plug-in in a pool of another project: a diff titled with both pools, spec.template only; the toggle shows the whole answer', async function () {
      this.timeout(30_000);
      let offered: vscode.QuickPickItem[] = [];
      const pick = stub('showQuickPick', async (items) => {
        offered = (await (items as Promise<vscode.QuickPickItem[]>)) ?? [];
        return offered.find((i) => i.label === 'sg-train');
      });
      try {
        await vscode.commands.executeCommand('modelarts.comparePlugin', (await row((await pool('auto-pool-os')).node, 'node-local-dns')).node);
      } finally {
        pick.restore();
      }
      const withIt = offered.filter((i) => !/no node-local-dns/.test(i.description ?? '') && !/Another plug-in/.test(i.label));
      assert.ok(withIt.some((i) => i.label === 'sg-train' && /ap-southeast-1/.test(i.description ?? '')));
      assert.ok(offered.indexOf(withIt[withIt.length - 1]) < offered.findIndex((i) => /no node-local-dns/.test(i.description ?? '')), 'pools with the plug-in first');
      const tab = await waitFor('the diff', () => diffTabs().find((t) => t.label === 'node-local-dns: auto-pool-os ↔ sg-train'));
      const input = tab.input as vscode.TabInputTextDiff;
      const { views } = (await api()).services;
      const left = JSON.parse(views.text(input.original)!);
      assert.deepStrictEqual(Object.keys(left), ['inputs', 'name', 'version']);
      await vscode.commands.executeCommand('modelarts.toggleCompareView');
      const whole = await waitFor('the whole-answer diff', () => diffTabs().find((t) => /whole answer/.test(t.label)));
      assert.ok(JSON.parse(views.text((whole.input as vscode.TabInputTextDiff).modified)!).status, 'the whole answer has status');
      assert.ok(!diffTabs().some((t) => t.label === 'node-local-dns: auto-pool-os ↔ sg-train'), 'the toggle replaces the tab');
    });

    test('a pool without the plug-in gives an empty side and says so', async function () {
      this.timeout(30_000);
      const pick = stub('showQuickPick', async (items) => ((await (items as Promise<vscode.QuickPickItem[]>)) ?? []).find((i) => i.label === 'empty-pool'));
      try {
        await vscode.commands.executeCommand('modelarts.comparePlugin', { projectId: CN4, poolName: POOL_AUTO, pluginName: 'node-local-dns' });
      } finally {
        pick.restore();
      }
      const tab = await waitFor('the diff', () => diffTabs().find((t) => t.label === 'node-local-dns: auto-pool-os ↔ empty-pool'));
      assert.strictEqual((await api()).services.views.text((tab.input as vscode.TabInputTextDiff).modified), '');
      await waitFor('the message', () => info.calls.some((c) => /empty-pool has no plug-in node-local-dns/.test(String(c[0]))));
      // Refresh loads both sides again: the plug-in now installed there shows up
      const plugin = await emulatorPlugin(POOL_AUTO, 'node-local-dns');
      await control('POST', 'plugins', { projectId: CN4, pool: 'pool-7b2c9d4e6f8a0b1c3d5e', plugin });
      await vscode.commands.executeCommand('modelarts.refreshDocument', (tab.input as vscode.TabInputTextDiff).modified);
      const right = JSON.parse((await api()).services.views.text((tab.input as vscode.TabInputTextDiff).modified) || '{}');
      assert.strictEqual(right.name, 'node-local-dns');
      assert.strictEqual(right.version, '1.6.36');
    });
  });
});
