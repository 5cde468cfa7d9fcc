// The language-model tools in Simplified Chinese: the question a write asks (prepareInvocation) is
// the modal dialog's, from the zh-cn bundle, and the tools' display names come from
// package.nls.zh-cn.json.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../host/ext';
import { api, control, requests, waitFor } from '../host/tools';

type LmTool = vscode.LanguageModelTool<Record<string, unknown>>;

suite('zh-cn: language-model tools', () => {
  test('the delete confirmation is in Chinese and names plug-in, pool and project; nothing is sent', async () => {
    assert.strictEqual(vscode.env.language, 'zh-cn');
    await control('POST', 'reset');
    await control('DELETE', 'requests');
    const a = await api();
    await waitFor('signed in', () => a.services.session.signedIn);
    const del = (a as unknown as { languageModelTools: ReadonlyMap<string, LmTool> }).languageModelTools.get('modelarts_delete_plugin')!;
    const c = (await del.prepareInvocation!({ input: { project: 'cn-north-4', pool: 'auto-pool-os', plugin: 'log-agent' } }, new vscode.CancellationTokenSource().token))!.confirmationMessages!;
    assert.strictEqual(c.title, '删除插件');
    assert.match(String(c.message), /^要删除项目“cn-north-4”中资源池“auto-pool-os”上的“log-agent”插件吗？/);
    assert.match(String(c.message), /卸载该插件/);
    assert.deepStrictEqual((await requests()).filter((x) => x.method === 'DELETE'), []);
  });

  test('the tools\' display names are Chinese (package.nls.zh-cn.json)', () => {
    const tools = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { languageModelTools: { name: string; displayName: string }[] } }).contributes.languageModelTools;
    assert.strictEqual(tools.find((t) => t.name === 'modelarts_delete_plugin')?.displayName, '删除插件');
    assert.strictEqual(tools.find((t) => t.name === 'modelarts_fleet_inventory')?.displayName, '所有插件清单');
  });
});
