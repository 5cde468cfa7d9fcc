// The extension in Simplified Chinese: run by test/harness/host.mjs in a second code-server started
// with --locale zh-cn and a minimal language pack (without one VS Code falls back to English and
// ignores every extension bundle). Checks the contributed strings VS Code loaded from
// package.nls.zh-cn.json, the code bundle (l10n/bundle.l10n.zh-cn.json) in a real confirmation
// dialog, tree row and error advice, and that src/api's @vscode/l10n strings follow the bundle.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../host/ext';
import { api, control, requests, row, rows, stub } from '../host/tools';

/**
 * The English sentences left in a message shown in Chinese: runs of three or more English words,
 * once what is data has been taken out (quoted names and values, URLs, paths, setting names, command
 * line flags, the request id label). One English word among Chinese (ModelArts, Running, PEM,
 * VS Code) is a name; three in a row are an untranslated sentence.
 */
export function englishSentences(text: string): string[] {
  const data = text
    .replace(/“[^”]*”|"[^"]*"|`[^`]*`/g, ' ') // quoted names and values
    .replace(/\b\w+:\/\/\S+/g, ' ') // URLs
    .replace(/(?:^|\s)\/\S*/g, ' ') // paths
    .replace(/\(request id [^)]*\)/g, ' ') // a label kept in every language, like error_code
    .replace(/--?[\w-]+|\b[\w-]+(?:\.[\w-]+)+\b|\b[A-Z0-9_]{3,}\b/g, ' '); // flags, dotted ids and codes, CONSTANTS
  // words joined by spaces: a comma-separated list of names (gzip, deflate, br) is data
  return data.match(/\b[A-Za-z][A-Za-z'-]*(?: [A-Za-z][A-Za-z'-]*){2,}/g) ?? [];
}

/** Fails unless `message` is Chinese with no English sentence left in it. */
function assertChinese(what: string, message: string): void {
  assert.match(message, /[\u4e00-\u9fff]/, `${what} is not Chinese: ${message}`);
  assert.deepStrictEqual(englishSentences(message), [], `${what} has English left in it: ${message}`);
}

/** The message an action failed with (it must fail). */
async function failure(what: string, action: () => unknown): Promise<string> {
  try {
    await action();
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  assert.fail(`${what} did not fail`);
}

interface Manifest {
  contributes: {
    // VS Code's scanner turns a translated title into { value, original } (the palette shows both)
    commands: { command: string; title: string | { value: string; original: string } }[];
    viewsWelcome: { view: string; contents: string }[];
    views: Record<string, { id: string; name: string }[]>;
  };
}

suite('zh-cn: the extension in Simplified Chinese', () => {
  let manifest: Manifest;

  suiteSetup(async () => {
    // everything below means nothing unless VS Code really runs in zh-cn
    assert.strictEqual(vscode.env.language, 'zh-cn', 'the harness must start VS Code with --locale zh-cn and a language pack');
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    await ext.activate();
    manifest = ext.packageJSON as Manifest;
    await control('POST', 'reset');
    await control('DELETE', 'requests');
    (await api()).services.tree.refresh();
  });

  test('the view\'s welcome text is Chinese (package.nls.zh-cn.json)', () => {
    const welcome = manifest.contributes.viewsWelcome.find((w) => w.view === 'modelarts.pools');
    assert.ok(welcome);
    assert.match(welcome.contents, /^使用华为云访问密钥（AK）和秘密访问密钥（SK）登录/);
    assert.match(welcome.contents, /\[登录\]\(command:modelarts\.signIn\)/, 'the Sign In link keeps its command');
    assert.strictEqual(manifest.contributes.views.modelarts[0].name, '资源池');
  });

  test('command titles are Chinese', async () => {
    const title = (id: string): string | undefined => {
      const t = manifest.contributes.commands.find((c) => c.command === id)?.title;
      return typeof t === 'object' ? t.value : t;
    };
    assert.strictEqual(title('modelarts.deletePlugin'), '删除插件');
    assert.deepStrictEqual(manifest.contributes.commands.find((c) => c.command === 'modelarts.deletePlugin')?.title, { value: '删除插件', original: 'Delete Plug-in' });
    assert.strictEqual(title('modelarts.signIn'), '登录');
    assert.strictEqual(title('modelarts.scanAllPools'), '扫描所有资源池');
  });

  test('the delete confirmation is Chinese, its button is 删除, and cancelling sends nothing', async () => {
    const pool = (await row((await row(undefined, 'cn-north-4')).node, 'auto-pool-os')).node;
    const dns = (await row(pool, 'node-local-dns')).node;
    const warning = stub('showWarningMessage', () => undefined);
    try {
      await vscode.commands.executeCommand('modelarts.deletePlugin', dns);
    } finally {
      warning.restore();
    }
    const modal = warning.calls.find((c) => (c[1] as vscode.MessageOptions)?.modal);
    assert.ok(modal, 'a modal confirmation was shown');
    assert.strictEqual(modal[0], '要删除项目“cn-north-4”中资源池“auto-pool-os”上的“node-local-dns”插件吗？');
    assert.match(String((modal[1] as vscode.MessageOptions).detail), /这会从资源池的所有节点上卸载该插件/);
    assert.deepStrictEqual(modal.slice(2), ['删除']);
    assert.deepStrictEqual((await requests()).filter((r) => r.method === 'DELETE'), []);
  });

  test('tree rows: accessibility labels, counts and phase meanings are Chinese; phase names stay as the cloud sends them', async () => {
    const project = (await row(undefined, 'cn-north-4')).node;
    const pool = (await row(project, 'auto-pool-os')).node;
    const dns = await row(pool, 'node-local-dns');
    assert.strictEqual(dns.accessibility, 'node-local-dns，版本 1.6.36，Running，位于资源池 auto-pool-os');
    assert.strictEqual(dns.description, '1.6.36 · Running');
    // the meaning comes from src/api (@vscode/l10n, configured with the extension's bundle)
    assert.match(dns.tooltip, /已安装：所有实例均在运行。/);
    const loaded = await row(project, 'auto-pool-os');
    assert.match(loaded.description, /^Running · \d+ 个插件，1 个 Abnormal$/);
  });

  test('the cloud\'s error advice (src/api) is Chinese, its error code unchanged', async () => {
    await control('POST', 'faults', { method: 'GET', path: '/pools$', status: 403, times: 1 });
    try {
      const { tree } = (await api()).services;
      const project = (await row(undefined, 'cn-south-1')).node;
      tree.refreshNode(project);
      const error = (await rows(project)).find((r) => r.contextValue === 'message+error');
      assert.ok(error, 'an error row');
      assert.match(error.label, /^无法加载资源池：/);
      assert.match(error.tooltip, /无权限：当前凭证没有执行 GET \/v2\/\S+ .*的权限。请联系管理员/);
      assert.match(error.accessibility ?? '', /^错误：.*，错误码 [\w.]+；按 Enter 重试$/);
    } finally {
      await control('DELETE', 'faults');
    }
  });

  test('Upgrade Plug-in… shows the template\'s own Chinese description (translate.zh_CN) and Chinese titles', async () => {
    const pool = (await row((await row(undefined, 'cn-north-4')).node, 'auto-pool-os')).node;
    const dns = (await row(pool, 'node-local-dns')).node;
    let offered: vscode.QuickPickItem[] = [];
    let options: vscode.QuickPickOptions | undefined;
    const pick = stub('showQuickPick', async (items, o) => {
      offered = (await (items as Promise<vscode.QuickPickItem[]>)) ?? [];
      options = o as vscode.QuickPickOptions;
      return undefined; // Escape: nothing is sent
    });
    try {
      await vscode.commands.executeCommand('modelarts.upgradePlugin', dns);
    } finally {
      pick.restore();
    }
    assert.ok(offered.length > 1, 'versions offered');
    assert.match(String(options?.title), /^升级 auto-pool-os 中的 node-local-dns（当前 1\.6\.36）$/);
    assert.ok(offered.every((i) => /[\u4e00-\u9fff]/.test(i.detail ?? '')), `Chinese descriptions: ${offered.map((i) => i.detail).join(' | ')}`);
    assert.ok(offered.some((i) => /当前/.test(i.description ?? '')), 'the current version is marked 当前');
    assert.deepStrictEqual((await requests()).filter((r) => r.method === 'PATCH'), []);
  });

  test('Show Version Drift: the report and its tab are Chinese; template names, versions and phases stay as they are', async function () {
    this.timeout(60_000);
    await vscode.commands.executeCommand('modelarts.showVersionDrift');
    const { drift } = (await api()).services as unknown as { drift: { markdown: string } };
    const md = drift.markdown;
    assert.match(md, /^# ModelArts 插件版本差异/);
    assert.match(md, /## node-local-dns/);
    assert.match(md, /可用的最新版本: \*\*1\.6\.63\*\*/);
    assert.match(md, /\| 项目 \| 资源池 \| 版本 \| 状态 \|/);
    assert.match(md, /\| Running \| (落后 \[升级\]\(command:modelarts\.upgradePlugin\?|已是最新)/);
    assert.ok(vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.label === 'ModelArts: 版本差异'));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  suite('REVIEW #9 messages of src/api, the session and the plug-in documents are Chinese', () => {
    interface Client {
      listProjects(): Promise<unknown>;
      showPlugin(p: { id: string; region: string }, pool: string, template: string): Promise<unknown>;
    }
    interface Session {
      switchProfile(p: string): Promise<void>;
      settingsChanged(): void;
      signIn(ak: string, sk: string, token?: string, profile?: string): Promise<void>;
      client(): Client;
    }
    const session = async (): Promise<Session> => (await api()).services.session as unknown as Session;
    const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('modelarts');

    test('the detector sees an English sentence and lets names, values and codes through', () => {
      assert.deepStrictEqual(englishSentences('The access key is empty.'), ['The access key is empty']);
      assert.deepStrictEqual(englishSentences('请求的是 gzip, deflate, br。Try again, or check the network.'), ['or check the network']);
      assert.deepStrictEqual(englishSentences('配置文件“bad name”无效：请使用 ModelArts、Running、PEM、VS Code，https://x.example/a b c，modelarts.caCertificates，--ca-file / HUAWEICLOUD_SDK_CA_FILE'), []);
    });

    test('profile names and keys (session.ts, credentials.ts)', async () => {
      const s = await session();
      assertChinese('an invalid profile name', await failure('switchProfile', () => s.switchProfile('bad name!')));
      assertChinese('an empty access key', await failure('signIn', () => s.signIn(' ', 'secret', undefined, 'zh-check')));
      assertChinese('an empty secret key', await failure('signIn', () => s.signIn('AK', ' ', undefined, 'zh-check')));
      assertChinese('a bad access key', await failure('signIn', () => s.signIn('A K', 'secret', undefined, 'zh-check')));
    });

    test('names in paths (validate.ts) and answers that are not what was asked (client.ts)', async () => {
      const s = await session();
      const before = (await requests()).length;
      assertChinese('an invalid project id', await failure('showPlugin', () => s.client().showPlugin({ id: 'bad id!', region: 'cn-north-4' }, 'pool', 'dns')));
      assertChinese('a missing pool name', await failure('showPlugin', () => s.client().showPlugin({ id: 'p1', region: 'cn-north-4' }, '', 'dns')));
      assertChinese('a too long template name', await failure('showPlugin', () => s.client().showPlugin({ id: 'p1', region: 'cn-north-4' }, 'pool', 'x'.repeat(200))));
      assert.strictEqual((await requests()).length, before, 'invalid names send nothing');
      try {
        await control('POST', 'faults', { method: 'GET', path: '/v3/auth/projects$', status: 200, body: '{}', times: 1 });
        assertChinese('an answer without a projects list', await failure('listProjects', () => s.client().listProjects()));
        await control('POST', 'faults', { method: 'GET', path: '/v3/auth/projects$', nonJson: '<html>', times: 1 });
        assertChinese('an answer that is not JSON', await failure('listProjects', () => s.client().listProjects()));
        await control('POST', 'faults', { method: 'GET', path: '/v3/auth/projects$', contentEncoding: 'compress', times: 1 });
        assertChinese('an answer in a coding not asked for', await failure('listProjects', () => s.client().listProjects()));
      } finally {
        await control('DELETE', 'faults');
      }
    });

    test('connection settings (endpoints.ts, trust.ts), named in the user\'s language', async () => {
      const s = await session();
      const keys = ['endpoint', 'iamEndpoint', 'caCertificates'] as const;
      const saved = keys.map((k) => config().inspect(k)?.globalValue);
      const set = async (k: typeof keys[number], v: unknown): Promise<void> => {
        await config().update(k, v, vscode.ConfigurationTarget.Global);
        s.settingsChanged(); // as the extension's configuration listener does: the cached client goes
      };
      try {
        await set('endpoint', 'http://example.com');
        const insecure = await failure('client', () => s.client());
        assertChinese('an http endpoint', insecure);
        assert.match(insecure, /终端节点“http:\/\/example\.com”/, 'the noun is translated too');
        await set('endpoint', 'https://user:pw@example.com');
        assertChinese('an endpoint with a password', await failure('client', () => s.client()));
        await set('endpoint', saved[0]);
        await set('iamEndpoint', 'not a url');
        assertChinese('an IAM endpoint that is not a URL', await failure('client', () => s.client()));
        await set('iamEndpoint', saved[1]);
        await set('caCertificates', ['relative/ca.pem']);
        const ca = await failure('client', () => s.client());
        assertChinese('a relative CA file', ca);
        assert.match(ca, /设置“modelarts\.caCertificates”/, 'where the file came from is translated too');
      } finally {
        for (const [i, k] of keys.entries()) await config().update(k, saved[i], vscode.ConfigurationTarget.Global);
        s.settingsChanged();
      }
      await s.client().listProjects(); // the settings are back: the client works again
    });

    test('plug-in documents (pluginDocuments.ts) and the edit schema', async () => {
      const dir = await failure('readDirectory', () => vscode.workspace.fs.readDirectory(vscode.Uri.parse('modelarts-plugin:/nothing')));
      assert.match(dir, /插件文档是单个文件。/, 'listing a plug-in document as a folder');
      const shown = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.parse('modelarts-plugin:/not-a-plugin')))) as { error: string; next: string };
      assertChinese('a document that is not a plug-in', shown.error);
      assert.match(shown.error, /不是插件文档/);
      const schema = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.parse('modelarts-edit://schema/plugin-edit.json')))) as { title: string; properties: Record<string, { description: string }> };
      assertChinese('the edit schema\'s title', schema.title);
      assertChinese('the edit schema\'s name description', schema.properties.name.description);
    });
  });
});
