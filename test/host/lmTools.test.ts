// The language-model tools in the real extension host, against the emulator: VS Code lists ours
// (with the table's schemas) once signed in; vscode.lm.invokeTool runs a read tool; a write asks
// through prepareInvocation, naming plug-in, pool, project and effect, and its invoke sends exactly
// what was confirmed, once. VS Code 1.139 runs vscode.lm.invokeTool without a chat model: it calls
// prepareInvocation, shows no confirmation outside a chat, then invoke.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, control, requests, waitFor } from './tools';

type LmTool = vscode.LanguageModelTool<Record<string, unknown>>;
const NAMES = ['list_projects', 'list_pools', 'list_plugins', 'show_plugin', 'list_templates', 'fleet_inventory', 'version_drift', 'install_plugin', 'upgrade_plugin', 'delete_plugin'].map((n) => `modelarts_${n}`);
const AUTO = 'auto-pool-os-86c13962597848eeb29c5861153a391f';
const CN_NORTH_4 = '0b5e7f3c2a1d4e6f8a9b0c1d2e3f4a5b';

async function registered(name: string): Promise<LmTool> {
  const tools = ((await api()) as unknown as { languageModelTools: ReadonlyMap<string, LmTool> }).languageModelTools;
  const t = tools.get(name);
  assert.ok(t, `no registered tool object ${name}`);
  return t;
}

const token = (): vscode.CancellationToken => new vscode.CancellationTokenSource().token;
const json = (r: vscode.LanguageModelToolResult): Record<string, unknown> => JSON.parse((r.content[0] as vscode.LanguageModelTextPart).value);

suite('language-model tools', () => {
  setup(async () => {
    await control('POST', 'reset');
    await control('DELETE', 'requests');
    const { services } = await api();
    await waitFor('signed in', () => services.session.signedIn);
  });

  test('vscode.lm.tools lists our ten tools when signed in, with the input schemas of the table', async () => {
    const ours = await waitFor('our tools', () => {
      const found = vscode.lm.tools.filter((t) => t.name.startsWith('modelarts_'));
      return found.length === NAMES.length && found;
    });
    assert.deepStrictEqual(ours.map((t) => t.name).sort(), [...NAMES].sort());
    const plugins = ours.find((t) => t.name === 'modelarts_list_plugins')!;
    assert.deepStrictEqual((plugins.inputSchema as { required: string[] }).required, ['project', 'pool']);
    assert.match(plugins.description, /Read-only\.$/);
    assert.ok(ours.find((t) => t.name === 'modelarts_delete_plugin')!.tags.includes('write'));
  });

  test('vscode.lm.invokeTool of a read tool answers from the emulator, signed with the session', async () => {
    const r = await vscode.lm.invokeTool('modelarts_list_plugins', { input: { project: 'cn-north-4', pool: 'auto-pool-os' }, toolInvocationToken: undefined });
    const data = json(r);
    const log = (data.plugins as { plugin: string; phase: string }[]).find((p) => p.plugin === 'log-agent');
    assert.strictEqual(log?.phase, 'Abnormal');
    assert.ok((await requests()).some((x) => x.method === 'GET' && x.path === `/v2/${CN_NORTH_4}/pools/${AUTO}/plugins`));
  });

  test('a read tool needs no confirmation; a cloud error comes back as a tool error with its error_code', async () => {
    const show = await registered('modelarts_show_plugin');
    assert.strictEqual(await show.prepareInvocation!({ input: { project: 'cn-north-4', pool: AUTO, plugin: 'none' } }, token()), undefined);
    const r = json(await show.invoke({ input: { project: 'cn-north-4', pool: AUTO, plugin: 'none' }, toolInvocationToken: undefined }, token()) as vscode.LanguageModelToolResult);
    const error = r.error as { kind: string; error_code?: string };
    assert.strictEqual(error.kind, 'http');
    assert.ok(error.error_code);
  });

  test('delete_plugin: prepareInvocation asks naming plug-in, pool, project and effect and sends nothing; invoke sends one DELETE', async () => {
    const del = await registered('modelarts_delete_plugin');
    const input = { project: CN_NORTH_4, pool: 'auto-pool-os', plugin: 'log-agent' };
    const prepared = await del.prepareInvocation!({ input }, token());
    const c = prepared!.confirmationMessages!;
    assert.strictEqual(c.title, 'Delete Plug-in');
    assert.match(String(c.message), /^Delete plug-in "log-agent" from resource pool "auto-pool-os" in project "cn-north-4"\?/);
    assert.match(String(c.message), /uninstalls the plug-in from every node of the pool/);
    assert.deepStrictEqual((await requests()).filter((x) => x.method === 'DELETE'), []);
    const r = json(await del.invoke({ input, toolInvocationToken: undefined }, token()) as vscode.LanguageModelToolResult);
    assert.match(String(r.summary), /Deletion of log-agent from auto-pool-os \(cn-north-4\) accepted/);
    assert.strictEqual((await requests()).filter((x) => x.method === 'DELETE').length, 1);
    // the confirmed preparation is used once: a second invoke without a new confirmation sends nothing
    const again = json(await del.invoke({ input, toolInvocationToken: undefined }, token()) as vscode.LanguageModelToolResult);
    assert.match((again.error as { message: string }).message, /not confirmed/);
    assert.strictEqual((await requests()).filter((x) => x.method === 'DELETE').length, 1);
  });

  test('vscode.lm.invokeTool of delete_plugin: VS Code prepares (our reads) and invokes; exactly one DELETE', async () => {
    // outside a chat request VS Code shows no confirmation (that is the chat view's part), so the
    // question itself is checked on the registered object above
    const r = await vscode.lm.invokeTool('modelarts_delete_plugin', { input: { project: 'cn-north-4', pool: 'auto-pool-os', plugin: 'log-agent' }, toolInvocationToken: undefined });
    assert.match(String(json(r).summary), /Deletion of log-agent from auto-pool-os \(cn-north-4\) accepted/);
    const sent = await requests();
    assert.strictEqual(sent.filter((x) => x.method === 'DELETE').length, 1);
    assert.ok(sent.some((x) => x.method === 'GET' && x.path === `/v2/${CN_NORTH_4}/pools/${AUTO}/plugins/log-agent`), 'prepareInvocation read the plug-in first');
  });

  test('a refused write is a validation error (one ApiError across dist/extension.js and dist/agents.js); nothing is sent', async () => {
    const up = await registered('modelarts_upgrade_plugin');
    // train-gpu-a's node-local-dns is Updating: the planner refuses it while preparing
    const input = { project: 'cn-north-4', pool: 'train-gpu-a', plugin: 'node-local-dns', version: 'latest' };
    assert.strictEqual(await up.prepareInvocation!({ input }, token()), undefined, 'no question for a write that cannot be made');
    const r = json(await up.invoke({ input, toolInvocationToken: undefined }, token()) as vscode.LanguageModelToolResult);
    const error = r.error as { kind: string; message: string };
    assert.strictEqual(error.kind, 'validation');
    assert.match(error.message, /Updating: the cloud is still working on an earlier change\. Nothing was sent/);
    assert.deepStrictEqual((await requests()).filter((x) => x.method !== 'GET'), []);
  });

  test('upgrade_plugin: the confirmation names the versions and the kept inputs; one PATCH with the complete inputs', async () => {
    const up = await registered('modelarts_upgrade_plugin');
    const input = { project: 'cn-north-4', pool: AUTO, plugin: 'node-local-dns', inputs: { custom: { ndots: '5' } } };
    const c = (await up.prepareInvocation!({ input }, token()))!.confirmationMessages!;
    assert.match(String(c.message), /^Change the inputs of node-local-dns in resource pool "auto-pool-os" \(project "cn-north-4"\)\?/);
    assert.match(String(c.message), /kept as they are; the complete inputs are sent/);
    assert.match(String(c.message), /Changed: custom\.ndots/);
    const r = json(await up.invoke({ input, toolInvocationToken: undefined }, token()) as vscode.LanguageModelToolResult);
    assert.ok(!r.error, JSON.stringify(r.error));
    const patches = (await requests()).filter((x) => x.method === 'PATCH');
    assert.strictEqual(patches.length, 1);
    const sentInputs = JSON.parse(patches[0].requestBody!).spec.template.inputs as { custom: Record<string, unknown>; flavor?: unknown };
    assert.strictEqual(sentInputs.custom.ndots, '5');
    assert.ok(Object.keys(sentInputs.custom).length > 1 && sentInputs.flavor, 'the complete inputs, not only the change');
  });
});
