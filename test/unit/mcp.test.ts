// `modelarts-plugins mcp` (dist/cli.js as a child process) driven by the MCP SDK's own client over
// stdio, against the emulator: initialize, the tools listed read-only and with --allow-writes, each
// tool called, a cloud error and a bad argument as tool errors with the server still answering,
// one DELETE per call, progress while waiting, cancellation, and consent asked and honoured.
import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as path from 'path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ElicitRequestSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { POOL_IDS, PROJECT_CN_NORTH_4 } from '../../src/emulator/seed';
import { startEmulator, type Emulator } from '../../src/emulator/server';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'dist/cli.js');
const CN = PROJECT_CN_NORTH_4;
const AUTO = POOL_IDS.autoPoolOs;
const READ_TOOLS = ['list_projects', 'list_pools', 'list_plugins', 'show_plugin', 'list_templates', 'fleet_inventory', 'version_drift'];

interface Session {
  client: Client;
  stderr: () => string;
  /** The messages elicitation requests carried (when the client supports it). */
  asked: string[];
  close(): Promise<void>;
}

suite('MCP server (modelarts-plugins mcp over stdio, the SDK\'s client)', function () {
  this.timeout(30_000);
  let emu: Emulator;
  const open: Session[] = [];

  suiteSetup(async () => {
    execFileSync(process.execPath, ['esbuild.js'], { cwd: ROOT, env: { ...process.env, ESBUILD_QUIET: '1' } });
    emu = await startEmulator({ deleteDelayMs: 300, installDelayMs: 300, updateDelayMs: 300 });
  });
  suiteTeardown(async () => {
    await emu.close();
  });
  setup(() => emu.reset());
  teardown(async () => {
    for (const s of open.splice(0)) await s.close();
  });

  async function connect(flags: string[] = [], elicitation?: 'accept' | 'decline'): Promise<Session> {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [BIN, 'mcp', '--cloud', 'custom', '--endpoint', emu.url, '--iam-endpoint', emu.url, ...flags],
      env: { PATH: process.env.PATH ?? '', HUAWEICLOUD_SDK_AK: emu.credentials.accessKey, HUAWEICLOUD_SDK_SK: emu.credentials.secretKey },
      stderr: 'pipe',
    });
    let err = '';
    transport.stderr?.on('data', (c: Buffer) => (err += c.toString()));
    const client = new Client({ name: 'test', version: '1.0.0' }, { capabilities: elicitation ? { elicitation: {} } : {} });
    const asked: string[] = [];
    if (elicitation) {
      client.setRequestHandler(ElicitRequestSchema, (req) => {
        asked.push(String(req.params.message));
        return elicitation === 'accept' ? { action: 'accept', content: {} } : { action: 'decline' };
      });
    }
    await client.connect(transport);
    const s: Session = { client, stderr: () => err, asked, close: () => client.close() };
    open.push(s);
    return s;
  }

  const call = (s: Session, name: string, args: Record<string, unknown> = {}) => s.client.callTool({ name, arguments: args }) as Promise<CallToolResult>;
  const structured = (r: CallToolResult) => r.structuredContent as Record<string, unknown>;
  const sent = (method: string) => emu.requests.filter((r) => r.method === method);

  test('the extension bundle carries neither the MCP SDK, the agent tools nor the PATCH planner (dist/agents.js and dist/patchPlan.js, loaded on first use, do)', () => {
    const inputs = (file: string) => Object.keys((require(path.join(ROOT, 'dist/extension.meta.json')) as { outputs: Record<string, { inputs: Record<string, unknown> }> }).outputs[file]?.inputs ?? {});
    const ext = inputs('dist/extension.js');
    assert.ok(ext.some((f) => f.endsWith('src/extension.ts')), 'the metafile is read');
    assert.deepStrictEqual(ext.filter((f) => /modelcontextprotocol|node_modules\/zod|src\/agents\/|src\/core\/patchPlan/.test(f)), []);
  });

  test('usage: mcp takes no per-command options, and --allow-writes belongs to mcp only (exit 2, nothing sent)', () => {
    const env = { PATH: process.env.PATH ?? '', HUAWEICLOUD_SDK_AK: emu.credentials.accessKey, HUAWEICLOUD_SDK_SK: emu.credentials.secretKey };
    const run = (args: string[]) => spawnSync(process.execPath, [BIN, '--cloud', 'custom', '--endpoint', emu.url, '--iam-endpoint', emu.url, ...args], { env, encoding: 'utf8', input: '' });
    const a = run(['mcp', '--pool', 'x']);
    assert.strictEqual(a.status, 2);
    assert.match(a.stderr, /mcp takes only the global options/);
    const b = run(['projects', '--allow-writes']);
    assert.strictEqual(b.status, 2);
    assert.match(b.stderr, /options of mcp only/);
    assert.deepStrictEqual(emu.requests, []);
  });

  test('initialize names the server; read-only by default: only the read tools, each readOnlyHint and idempotent', async () => {
    const s = await connect();
    assert.strictEqual(s.client.getServerVersion()?.name, 'modelarts-plugins');
    assert.ok(s.client.getServerCapabilities()?.tools);
    const { tools } = await s.client.listTools();
    assert.deepStrictEqual(tools.map((t) => t.name), READ_TOOLS);
    for (const t of tools) {
      assert.strictEqual(t.annotations?.readOnlyHint, true, t.name);
      assert.strictEqual(t.annotations?.idempotentHint, true, t.name);
      assert.ok(t.description && t.description.length > 60, t.name);
    }
  });

  test('--allow-writes lists the write tools too: readOnlyHint false; delete and upgrade destructive, install not', async () => {
    const s = await connect(['--allow-writes']);
    const { tools } = await s.client.listTools();
    assert.deepStrictEqual(tools.map((t) => t.name), [...READ_TOOLS, 'install_plugin', 'upgrade_plugin', 'delete_plugin']);
    const by = (n: string) => tools.find((t) => t.name === n)!.annotations!;
    for (const n of ['install_plugin', 'upgrade_plugin', 'delete_plugin']) assert.strictEqual(by(n).readOnlyHint, false, n);
    assert.strictEqual(by('delete_plugin').destructiveHint, true);
    assert.strictEqual(by('upgrade_plugin').destructiveHint, true);
    assert.strictEqual(by('install_plugin').destructiveHint, false);
  });

  test('every read tool answers with a summary and the structured answer (text mirrors it)', async () => {
    const s = await connect();
    const args: Record<string, Record<string, unknown>> = {
      list_projects: {}, list_pools: { project: 'cn-north-4' }, list_plugins: { project: CN.id, pool: 'auto-pool-os' },
      show_plugin: { project: 'cn-north-4', pool: AUTO, plugin: 'node-local-dns' }, list_templates: { project: 'cn-north-4', pool: AUTO },
      fleet_inventory: { projects: ['cn-north-4'] }, version_drift: { template: 'log-agent' },
    };
    for (const name of READ_TOOLS) {
      const r = await call(s, name, args[name]);
      assert.ok(!r.isError, `${name}: ${JSON.stringify(r.content)}`);
      assert.strictEqual(typeof structured(r).summary, 'string', name);
      assert.deepStrictEqual(JSON.parse((r.content[0] as { text: string }).text), structured(r), name);
    }
    const plugins = structured(await call(s, 'list_plugins', args.list_plugins)).plugins as { plugin: string }[];
    assert.deepStrictEqual(plugins.map((p) => p.plugin).sort(), ['gpu-beta', 'gpu-operator', 'log-agent', 'node-local-dns', 'os-node-agent', 'volcano']);
    assert.deepStrictEqual(sent('DELETE').concat(sent('POST'), sent('PATCH')), [], 'reads only');
  });

  test('a cloud error is a tool error (error_code, advice, no stack), a bad argument is refused, and the server still answers', async () => {
    const s = await connect();
    const r = await call(s, 'show_plugin', { project: 'cn-north-4', pool: AUTO, plugin: 'not-installed' });
    assert.strictEqual(r.isError, true);
    const error = structured(r).error as { kind: string; error_code?: string; message: string; http_status: number };
    assert.strictEqual(error.kind, 'http');
    assert.ok(error.error_code);
    assert.ok(!/\n\s+at /.test(JSON.stringify(r)), 'no stack');
    const bad = await call(s, 'list_plugins', { project: 'cn-north-4', pool: 7 });
    assert.strictEqual(bad.isError, true);
    assert.match((structured(bad).error as { message: string }).message, /"pool" must be a non-empty string/);
    const unknown = await call(s, 'list_pools', { project: 'nowhere' });
    assert.match((structured(unknown).error as { message: string }).message, /No project "nowhere"/);
    const after = await call(s, 'list_projects');
    assert.ok(!after.isError, 'the server still answers');
    assert.match(s.stderr(), /call show_plugin: http/);
  });

  test('read-only: a write tool is refused and nothing is sent', async () => {
    const s = await connect();
    const r = await call(s, 'delete_plugin', { project: CN.id, pool: AUTO, plugin: 'log-agent' });
    assert.strictEqual(r.isError, true);
    assert.match((structured(r).error as { message: string }).message, /--allow-writes/);
    assert.deepStrictEqual(sent('DELETE'), []);
  });

  test('consent accepted: the person is asked naming plug-in, pool, project and effect; one call sends exactly one DELETE', async () => {
    const s = await connect(['--allow-writes'], 'accept');
    const r = await call(s, 'delete_plugin', { project: 'cn-north-4', pool: 'auto-pool-os', plugin: 'log-agent' });
    assert.ok(!r.isError, JSON.stringify(r.content));
    assert.strictEqual(s.asked.length, 1);
    assert.match(s.asked[0], /Delete plug-in "log-agent" from resource pool "auto-pool-os" in project "cn-north-4"\?/);
    assert.match(s.asked[0], /uninstalls the plug-in from every node of the pool/);
    assert.strictEqual(sent('DELETE').length, 1);
  });

  test('consent declined: nothing is sent, and the answer says so', async () => {
    const s = await connect(['--allow-writes'], 'decline');
    const del = await call(s, 'delete_plugin', { project: CN.id, pool: AUTO, plugin: 'log-agent' });
    const up = await call(s, 'upgrade_plugin', { project: CN.id, pool: AUTO, plugin: 'node-local-dns', version: 'latest' });
    assert.strictEqual(s.asked.length, 2);
    assert.match(s.asked[1], /Upgrade node-local-dns in resource pool "auto-pool-os" \(project "cn-north-4"\)/);
    for (const r of [del, up]) {
      assert.match(String(structured(r).summary), /declined.*Nothing was sent/);
      assert.strictEqual(structured(r).sent, false);
    }
    assert.deepStrictEqual(sent('DELETE').concat(sent('PATCH')), []);
    assert.match(s.stderr(), /declined by the person; nothing sent/);
  });

  test('--no-confirm asks nothing; a client without elicitation is not asked either (the annotations are its cue)', async () => {
    const quiet = await connect(['--allow-writes', '--no-confirm'], 'decline');
    assert.ok(!(await call(quiet, 'delete_plugin', { project: CN.id, pool: AUTO, plugin: 'log-agent' })).isError);
    assert.deepStrictEqual(quiet.asked, []);
    const plain = await connect(['--allow-writes']);
    const up = await call(plain, 'upgrade_plugin', { project: CN.id, pool: AUTO, plugin: 'node-local-dns', inputs: { custom: { ndots: '4' } } });
    assert.ok(!up.isError, JSON.stringify(up.content));
    assert.deepStrictEqual((structured(up).plan as { changed: string[] }).changed, ['custom.ndots']);
    assert.strictEqual(sent('DELETE').length, 1);
    assert.strictEqual(sent('PATCH').length, 1);
  });

  test('install with wait reports progress while tracking, then Running; the secret key is in neither stream', async () => {
    // long enough that a poll sees Pending well before the answer: the SDK's client handles a
    // notification a microtask later than a response, so a progress that arrives in the same read
    // as the answer is dropped as "unknown token" (seen under load when the first poll was already Running)
    emu.setConfig({ installDelayMs: 4000 });
    const s = await connect(['--allow-writes']);
    const progress: string[] = [];
    const r = await s.client.callTool({ name: 'install_plugin', arguments: { project: 'cn-north-4', pool: 'empty-pool', template: 'node-local-dns', wait: true } }, undefined, {
      onprogress: (p) => progress.push(`${p.progress} ${p.message}`), resetTimeoutOnProgress: true,
    }) as CallToolResult;
    assert.ok(!r.isError, JSON.stringify(r.content));
    assert.strictEqual((structured(r).tracking as { phase: string }).phase, 'Running');
    assert.ok(progress.length >= 1, 'at least one progress notification');
    assert.match(progress[0], /^1 node-local-dns: Pending after \d+ s$/);
    assert.strictEqual(sent('POST').length, 1);
    assert.ok(!s.stderr().includes(emu.credentials.secretKey));
    assert.ok(!JSON.stringify(r).includes(emu.credentials.secretKey));
  });

  test('cancelling a call that waits stops the tracking; the DELETE was sent once and the server goes on', async () => {
    emu.setConfig({ deleteDelayMs: 60_000 });
    const s = await connect(['--allow-writes', '--no-confirm']);
    const controller = new AbortController();
    const pending = s.client.callTool({ name: 'delete_plugin', arguments: { project: CN.id, pool: AUTO, plugin: 'log-agent', wait: true } }, undefined, {
      signal: controller.signal, onprogress: () => controller.abort(),
    });
    await assert.rejects(pending);
    const polls = () => emu.requests.filter((x) => x.method === 'GET' && x.path.endsWith('/plugins')).length;
    const before = polls();
    await new Promise((r) => setTimeout(r, 4000));
    assert.strictEqual(polls(), before, 'no polling after the cancellation');
    assert.strictEqual(sent('DELETE').length, 1);
    assert.ok(!(await call(s, 'list_projects')).isError);
  });
});
