// Real-network behaviour in the real extension host: plug-in documents that fetch themselves (a
// tab restored after a reload), clock skew corrected from the emulator's Date header.
// The harness's emulator is plain http on 127.0.0.1 (MODELARTS_EMULATOR_URL).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import * as tls from 'tls';
import { trustedCertificates } from '../../src/api/trust';
import { Emulator, startEmulator } from '../../src/emulator/server';
import { TestProxy, startConnectProxy } from './connectProxy';
import { EXTENSION_ID, testLog } from './ext';
import { POOL_IDS, PROJECT_CN_NORTH_4 } from '../../src/emulator/seed';
import { Node, api, control, requests, rows, stub, waitFor } from './tools';

const PROJECT = PROJECT_CN_NORTH_4.id;
const POOL = POOL_IDS.autoPoolOs;
const uriOf = (template: string): vscode.Uri =>
  vscode.Uri.from({ scheme: 'modelarts-plugin', path: `/${PROJECT}/${POOL}/${template} · auto-pool-os.json`, query: 'region=cn-north-4' });

suite('networks: plug-in documents restore themselves', () => {
  setup(async () => {
    await control('POST', 'reset');
    await control('DELETE', 'requests');
  });
  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test('the extension activates for the modelarts-plugin file system (so VS Code wakes it for a restored tab)', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { activationEvents: string[] };
    assert.ok(pkg.activationEvents.includes('onFileSystem:modelarts-plugin'), JSON.stringify(pkg.activationEvents));
  });

  test('a document never opened in this session fetches its plug-in when VS Code reads it', async () => {
    await api();
    const uri = uriOf('volcano');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const data = JSON.parse(doc.getText());
    assert.strictEqual(data.spec.template.name, 'volcano');
    assert.strictEqual(doc.languageId, 'json');
    const gets = (await requests()).filter((r) => r.method === 'GET' && r.path.endsWith('/plugins/volcano'));
    assert.strictEqual(gets.length, 1, 'fetched once, with details');
    assert.strictEqual(gets[0].query, 'detail=true');
  });

  test('the file system is read-only and says to use "Edit Plug-in…"', async () => {
    await api();
    assert.strictEqual(vscode.workspace.fs.isWritableFileSystem('modelarts-plugin'), false);
    await assert.rejects(
      Promise.resolve(vscode.workspace.fs.writeFile(uriOf('volcano'), new TextEncoder().encode('{}'))),
      (e: Error) => /read-only|Edit Plug-in|NoPermissions|readonly/i.test(`${(e as vscode.FileSystemError).code} ${e.message}`),
    );
  });

  test('a plug-in that is gone opens as a document that says why, and Refresh tries again', async () => {
    await api();
    const uri = uriOf('not-installed-here');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const shown = JSON.parse(doc.getText());
    assert.match(shown.error, /Could not load this plug-in: .*not installed.*ModelArts\.\d+/, shown.error);
    assert.match(shown.next, /Refresh Plug-in/);
    await control('POST', 'plugins', { projectId: PROJECT, pool: POOL, plugin: { apiVersion: 'v2', kind: 'Plugin', spec: { template: { name: 'not-installed-here', version: '1.0.0' } }, status: { phase: 'Running' } } });
    await vscode.commands.executeCommand('modelarts.refreshDocument');
    await waitFor('the plug-in in the document', () => doc.getText().includes('"version": "1.0.0"'));
  });
});

suite('networks: clock skew', () => {
  teardown(async () => {
    await control('POST', 'config', { clockOffsetMs: 0 });
  });

  test('a cloud clock 61 minutes ahead costs one refused request and one line in the log', async () => {
    const { services, context } = await api();
    await control('POST', 'reset');
    services.tree.refresh();
    await rows(); // the client has talked to the emulator with both clocks agreeing
    await control('POST', 'config', { clockOffsetMs: 61 * 60_000 });
    await control('DELETE', 'requests');
    services.tree.refresh();
    const projects = await rows();
    assert.ok(projects.length > 0 && projects.every((p) => p.node.kind === 'project'), projects.map((p) => p.label).join());
    for (const p of projects) await rows(p.node);
    const first = await requests();
    const statuses = first.map((r) => r.status);
    // refused only while the offset is unknown: the first request, and any other already in flight
    // then (the view may load the root too); their retries and everything after go through
    const refused = first.filter((r) => r.status === 401).map((r) => `${r.method} ${r.path}`);
    assert.ok(refused.length >= 1, `a refusal first: ${statuses.join(',')}`);
    const answered = new Set(first.filter((r) => r.status === 200).map((r) => `${r.method} ${r.path}`));
    assert.deepStrictEqual(refused.filter((r) => !answered.has(r)), [], `refused and never answered: ${statuses.join(',')}`);
    assert.ok(statuses.filter((s) => s === 200).length >= projects.length + 1, statuses.join(','));
    await control('DELETE', 'requests');
    services.tree.refresh();
    for (const p of await rows()) await rows(p.node);
    const again = (await requests()).map((r) => r.status);
    assert.ok(again.length > 0 && again.every((s) => s === 200), `after the correction: ${again.join(',')}`);
    const logDir = path.dirname(context.logUri.fsPath);
    const logText = await waitFor('the clock line in the log', () => {
      const text = readLogs(path.dirname(logDir));
      return /clock is 61 minutes behind the cloud's/.test(text) && text;
    });
    assert.strictEqual(logText.match(/clock is 61 minutes behind/g)!.length, 1, 'said once');
  });
});

suite('networks: bad answers (fuzz)', () => {
  const KINDS = ['wrongType', 'missingField', 'nullField', 'hugeString', 'deepNesting', 'bigBody', 'invalidUtf8', 'truncated', 'notAnObject'];
  teardown(async () => {
    await control('DELETE', 'faults');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the tree shows rows, placeholders or error rows for every broken answer, never throws or hangs', async function () {
    this.timeout(120_000);
    const { services } = await api();
    await control('POST', 'reset');
    const seen = new Set<string>();
    for (let seed = 1; seed <= 27; seed++) {
      await control('DELETE', 'faults');
      await control('POST', 'faults', { method: 'GET', mutate: seed, mutation: KINDS[seed % KINDS.length], times: 1 });
      services.tree.refresh();
      // root, then the first project and pool that are still there: each level may be the broken one
      let level: Node | undefined;
      for (let depth = 0; depth < 3; depth++) {
        const r = await rows(level);
        assert.ok(r.length > 0, `seed ${seed}: an empty list at depth ${depth}`);
        for (const x of r) {
          assert.ok(x.label.length > 0 && x.label.length < 2000, `seed ${seed}: label of ${x.label.length} characters`);
          seen.add(x.contextValue.split('+').slice(0, 2).join('+'));
        }
        const next = r.find((x) => x.node.kind === 'project' || x.node.kind === 'pool');
        if (!next) break;
        level = next.node;
      }
    }
    assert.ok(seen.has('message+error'), `no error row in ${[...seen].join(', ')}`);
    assert.ok(seen.has('project') && [...seen].some((v) => v.startsWith('plugin+')), [...seen].join(', '));
  });

  test('Show Plug-in on a broken answer opens what it can or says what was wrong', async function () {
    this.timeout(60_000);
    await control('POST', 'reset');
    const pool = (await rows((await rows()).find((r) => r.label === 'cn-north-4')!.node)).find((r) => r.label === 'auto-pool-os')!;
    const plugin = (await rows(pool.node)).find((r) => r.label === 'volcano')!;
    const error = stub('showErrorMessage', () => undefined);
    try {
      for (const mutation of KINDS) {
        await control('DELETE', 'faults');
        await control('POST', 'faults', { method: 'GET', path: '/plugins/volcano$', mutate: 3, mutation, times: 4 });
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        const before = error.calls.length;
        await vscode.commands.executeCommand('modelarts.showPlugin', plugin.node);
        const editor = vscode.window.activeTextEditor;
        const opened = editor?.document.uri.scheme === 'modelarts-plugin';
        const said = error.calls.length > before;
        assert.ok(opened || said, `${mutation}: neither a document nor a message`);
        if (said) assert.doesNotMatch(String(error.calls.at(-1)![0]), /Unexpected error/, `${mutation}: ${error.calls.at(-1)![0]}`);
      }
    } finally {
      error.restore();
    }
  });
});

suite('networks: https, a private CA and VS Code\'s proxy support', () => {
  // 127.0.0.2: loopback, yet not one of the hosts VS Code never proxies (localhost, 127.0.0.1, ::1)
  let emu: Emulator;
  let proxy: TestProxy;
  const G = vscode.ConfigurationTarget.Global;
  const modelarts = () => vscode.workspace.getConfiguration('modelarts');
  const http = () => vscode.workspace.getConfiguration('http');
  const target = () => new URL(emu.url).host;

  async function rootRows() {
    const { services } = await api();
    services.tree.refresh();
    return rows();
  }

  suiteSetup(async function () {
    this.timeout(30_000);
    emu = await startEmulator({ host: '127.0.0.2', tls: { caDir: mkdtempSync(path.join(tmpdir(), 'host-tls-')), names: ['127.0.0.2'] } });
    proxy = await startConnectProxy();
    await modelarts().update('endpoint', emu.url, G);
    await modelarts().update('iamEndpoint', emu.url, G);
  });
  suiteTeardown(async () => {
    const harness = process.env.MODELARTS_EMULATOR_URL;
    await modelarts().update('endpoint', harness, G);
    await modelarts().update('iamEndpoint', harness, G);
    await modelarts().update('caCertificates', undefined, G);
    await http().update('proxy', undefined, G);
    await http().update('proxySupport', undefined, G);
    await Promise.all([emu?.close(), proxy?.close()]);
  });
  setup(() => {
    proxy.tunnels.length = 0;
    proxy.mode = 'tunnel';
    emu.requests.length = 0;
  });

  test('an untrusted certificate: the tree says so and names modelarts.caCertificates; nothing reaches the server', async () => {
    const r = await rootRows();
    const error = r.find((x) => x.contextValue === 'message+error');
    assert.ok(error, r.map((x) => x.label).join(' | '));
    assert.match(error.label, /certificate of 127\.0\.0\.2:\d+ is not trusted/);
    assert.match(error.label, /modelarts\.caCertificates/);
    assert.strictEqual(emu.requests.length, 0);
  });

  test('a CA file that cannot be read: the tree names it and the setting; nothing is sent', async () => {
    await modelarts().update('caCertificates', ['/nonexistent/private-ca.pem'], G);
    try {
      const r = await rootRows();
      const error = r.find((x) => x.contextValue === 'message+error');
      assert.ok(error, r.map((x) => x.label).join(' | '));
      assert.match(error.label, /CA file "\/nonexistent\/private-ca\.pem" in the setting "modelarts\.caCertificates" cannot be read \(ENOENT\)/);
      assert.strictEqual(emu.requests.length, 0);
    } finally {
      await modelarts().update('caCertificates', undefined, G);
    }
  });

  test('the trusted list is Node\'s roots, the system\'s (this runtime offers them) and the file', () => {
    const ca = trustedCertificates([emu.caFile!], 'x')!;
    const get = (tls as { getCACertificates?: (t: 'system') => string[] }).getCACertificates;
    testLog(`Node ${process.version}: ${tls.rootCertificates.length} bundled roots, ${get ? get('system').length : 'no'} system certificates`);
    for (const c of [...tls.rootCertificates, ...(get ? get('system') : [])]) assert.ok(ca.includes(c));
    assert.ok(ca.includes(emu.caPem!.trim()));
  });

  test('http.proxy with proxySupport "override" (the default): the https request goes through the CONNECT proxy, trusting modelarts.caCertificates', async () => {
    await modelarts().update('caCertificates', [emu.caFile], G);
    await http().update('proxy', proxy.url, G);
    const r = await waitFor('projects through the proxy', async () => {
      const x = await rootRows();
      return x.some((y) => y.node.kind === 'project') && x;
    });
    assert.ok(r.some((x) => x.label === 'cn-north-4'), r.map((x) => x.label).join());
    assert.ok(proxy.tunnels.includes(target()), `tunnels: ${proxy.tunnels.join(', ')}`);
    assert.ok(emu.requests.some((q) => q.path === '/v3/auth/projects' && q.status === 200));
  });

  test('a proxy that answers 407: the tree shows an error, and nothing reaches the server', async () => {
    await modelarts().update('caCertificates', [emu.caFile], G);
    await http().update('proxy', proxy.url, G);
    proxy.mode = 'auth-required';
    const r = await rootRows();
    const error = r.find((x) => x.contextValue === 'message+error');
    assert.ok(error, r.map((x) => x.label).join(' | '));
    testLog(`407 through VS Code's proxy support shows: ${error.label}`);
    assert.match(error.label, new RegExp(`proxy ${proxy.url.replace(/[.:/]/g, '\\$&')} refused .*HTTP 407`));
    assert.strictEqual(emu.requests.length, 0);
  });

  // with a CA the client must bring an agent (to carry `ca`): "on" then leaves the request alone
  for (const [mode, proxied] of [['fallback', true], ['on', false], ['off', false]] as const) {
    test(`with a CA, proxySupport "${mode}": ${proxied ? 'through the proxy too' : 'VS Code leaves the request alone and it goes direct'}`, async () => {
      await modelarts().update('caCertificates', [emu.caFile], G);
      await http().update('proxy', proxy.url, G);
      await http().update('proxySupport', mode, G);
      const r = await waitFor(`projects with proxySupport ${mode}`, async () => {
        const x = await rootRows();
        return x.some((y) => y.node.kind === 'project') && x;
      });
      assert.ok(r.length > 0);
      testLog(`proxySupport ${mode}: ${proxy.tunnels.length} tunnel(s) to ${[...new Set(proxy.tunnels)].join(', ') || '-'}`);
      if (proxied) assert.ok(proxy.tunnels.includes(target()), `tunnels: ${proxy.tunnels.join(', ')}`);
      else assert.deepStrictEqual(proxy.tunnels, []);
    });
  }
});

suite('networks: VS Code\'s proxy modes without a CA of our own (plain http on 127.0.0.3)', () => {
  let emu: Emulator;
  let proxy: TestProxy;
  const G = vscode.ConfigurationTarget.Global;
  const modelarts = () => vscode.workspace.getConfiguration('modelarts');
  const http = () => vscode.workspace.getConfiguration('http');

  suiteSetup(async () => {
    emu = await startEmulator({ host: '127.0.0.3' });
    proxy = await startConnectProxy();
    await modelarts().update('endpoint', emu.url, G);
    await modelarts().update('iamEndpoint', emu.url, G);
    await http().update('proxy', proxy.url, G);
  });
  suiteTeardown(async () => {
    const harness = process.env.MODELARTS_EMULATOR_URL;
    await modelarts().update('endpoint', harness, G);
    await modelarts().update('iamEndpoint', harness, G);
    await http().update('proxy', undefined, G);
    await http().update('proxySupport', undefined, G);
    await Promise.all([emu?.close(), proxy?.close()]);
  });

  for (const [mode, proxied] of [['override', true], ['on', true], ['fallback', true], ['off', false]] as const) {
    test(`proxySupport "${mode}": ${proxied ? 'through http.proxy' : 'direct'}`, async function () {
      this.timeout(60_000);
      await http().update('proxySupport', mode, G);
      proxy.forwarded.length = 0;
      const { services } = await api();
      let last = '';
      const r = await waitFor(`projects with proxySupport ${mode}`, async () => {
        services.tree.refresh();
        const x = await rows();
        last = x.map((y) => y.label).join(' | ');
        return x.some((y) => y.node.kind === 'project') && x;
      }, 30_000).catch((e) => assert.fail(`${e}; last: ${last}; forwarded: ${proxy.forwarded.join(', ')}`));
      assert.ok(r.length > 0);
      testLog(`proxySupport ${mode}: ${proxy.forwarded.length} request(s) through the proxy`);
      if (proxied) assert.ok(proxy.forwarded.includes(new URL(emu.url).host), `forwarded: ${proxy.forwarded.join(', ')}`);
      else assert.deepStrictEqual(proxy.forwarded, []);
    });
  }
});

function readLogs(dir: string): string {
  let out = '';
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out += readLogs(p);
    else if (e.name.endsWith('.log') && (/ModelArts/i.test(e.name) || p.includes('modelarts-plugins'))) out += fs.readFileSync(p, 'utf8');
  }
  return out;
}
