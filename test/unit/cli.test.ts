import * as assert from 'assert';
import { execFileSync, spawn } from 'child_process';
import * as path from 'path';
import { Emulator, startEmulator } from '../../src/emulator/server';
import { DEMO_CREDENTIALS, POOL_IDS, PROJECT_CN_NORTH_4 } from '../../src/emulator/seed';
import { signedFetch } from './helpers/signedFetch';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/modelarts-plugins.js');
const PID = PROJECT_CN_NORTH_4.id;
const POOL = POOL_IDS.autoPoolOs;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

suite('CLI (dist/cli.js as a child process)', () => {
  let emu: Emulator;

  suiteSetup(async function () {
    this.timeout(60_000);
    execFileSync(process.execPath, ['esbuild.js'], { cwd: ROOT, env: { ...process.env, ESBUILD_QUIET: '1' } });
    emu = await startEmulator({ deleteDelayMs: 300 });
  });
  suiteTeardown(() => emu.close());
  setup(() => emu.reset());

  function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
    const fullEnv: NodeJS.ProcessEnv = {
      ...process.env,
      HUAWEICLOUD_SDK_AK: DEMO_CREDENTIALS.accessKey,
      HUAWEICLOUD_SDK_SK: DEMO_CREDENTIALS.secretKey,
      HUAWEICLOUD_SDK_SECURITY_TOKEN: undefined,
      ...env,
    };
    for (const k of Object.keys(fullEnv)) if (fullEnv[k] === undefined) delete fullEnv[k];
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [BIN, ...args], { env: fullEnv, stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.stdin.end();
      child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });
  }
  const at = (): string[] => ['--cloud', 'custom', '--endpoint', emu.url, '--iam-endpoint', emu.url];

  test('projects prints exactly what IAM returned', async () => {
    const r = await cli([...at(), 'projects']);
    assert.strictEqual(r.code, 0, r.stderr);
    const direct = await signedFetch(emu.url, '/v3/auth/projects', DEMO_CREDENTIALS);
    assert.strictEqual(r.stdout, direct.text.trimEnd() + '\n', 'json output is the body as sent');
    assert.match(r.stdout, /"MOS"/);
  });

  test('projects --output table drops MOS and shows regions', async () => {
    const r = await cli([...at(), '--output', 'table', 'projects']);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /^ID\s+NAME\s+REGION/m);
    assert.match(r.stdout, /cn-north-4_ml-team\s+cn-north-4/);
    assert.doesNotMatch(r.stdout, /\bMOS\b/);
  });

  test('pools and plugins, json and table', async () => {
    const pools = await cli([...at(), 'pools', '--project', PID]);
    assert.strictEqual(pools.code, 0, pools.stderr);
    assert.ok((JSON.parse(pools.stdout).items as { metadata: { name: string } }[]).some((p) => p.metadata.name === POOL));
    const table = await cli([...at(), '--output', 'table', 'plugins', '--project', PID, '--pool', POOL]);
    assert.strictEqual(table.code, 0, table.stderr);
    assert.match(table.stdout, /^PLUG-IN\s+VERSION\s+PHASE/m);
    assert.match(table.stdout, /node-local-dns\s+1\.6\.36\s+Running/);
  });

  test('show --detail', async () => {
    const r = await cli([...at(), 'show', '--project', PID, '--pool', POOL, '--plugin', 'node-local-dns', '--detail']);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.ok(JSON.parse(r.stdout).status.resources.length > 0);
  });

  test('delete without --yes refuses when stdin is not a terminal, and sends nothing', async () => {
    emu.requests.length = 0;
    const r = await cli([...at(), 'delete', '--project', PID, '--pool', POOL, '--plugin', 'node-local-dns']);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /--yes/);
    assert.strictEqual(emu.requests.length, 0);
  });

  test('delete --yes --wait prints the answer and waits until the plug-in is gone', async function () {
    this.timeout(30_000);
    const r = await cli([...at(), 'delete', '--project', PID, '--pool', POOL, '--plugin', 'node-local-dns', '--yes', '--wait']);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual(JSON.parse(r.stdout).spec.template.name, 'node-local-dns');
    assert.match(r.stderr, /was removed after/);
    const list = await cli([...at(), 'plugins', '--project', PID, '--pool', POOL]);
    assert.ok(!list.stdout.includes('"node-local-dns"'));
  });

  test('a refusal by the cloud exits 1 with status, code, message and request id', async () => {
    const r = await cli([...at(), 'delete', '--project', PID, '--pool', POOL, '--plugin', 'gpu-beta', '--yes']);
    assert.strictEqual(r.code, 1);
    assert.match(r.stderr, /HTTP status: 400/);
    assert.match(r.stderr, /error_code:\s+ModelArts\.50004000/);
    assert.match(r.stderr, /error_msg:\s+.*default/);
    assert.match(r.stderr, /request id:\s+[0-9a-f]{32}/);
  });

  test('a wrong secret exits 1 and never prints the secret', async () => {
    const secret = 'not-the-right-secret-000000000000';
    const r = await cli([...at(), 'pools', '--project', PID], { HUAWEICLOUD_SDK_SK: secret });
    assert.strictEqual(r.code, 1);
    assert.match(r.stderr, /APIGW\.0301/);
    assert.ok(!r.stderr.includes(secret) && !r.stdout.includes(secret));
  });

  test('network failure exits 1', async () => {
    const r = await cli(['--cloud', 'custom', '--endpoint', 'http://127.0.0.1:9', '--iam-endpoint', 'http://127.0.0.1:9', '--timeout', '2', 'projects']);
    assert.strictEqual(r.code, 1);
    assert.match(r.stderr, /failed before an answer arrived/);
  });

  test('usage and validation errors exit 2 and send nothing', async () => {
    emu.requests.length = 0;
    const cases: [string[], Record<string, string | undefined>, RegExp][] = [
      [[], {}, /a command is required/],
      [['frobnicate'], {}, /unknown command/],
      [['--bogus', 'projects'], {}, /Unknown option/],
      [[...at(), 'pools'], {}, /needs --project/],
      [[...at(), 'plugins', '--project', PID, '--pool', 'bad/pool'], {}, /not valid/],
      [[...at(), 'delete', '--project', PID, '--pool', POOL, '--plugin', '../etc', '--yes'], {}, /not valid/],
      [[...at(), '--output', 'xml', 'projects'], {}, /--output/],
      [[...at(), '--timeout', '-1', 'projects'], {}, /--timeout/],
      [['--cloud', 'custom', '--endpoint', 'http://example.com', 'pools', '--project', PID], {}, /https/],
      [['pools', '--project', PID], {}, /--region is required/],
      [[...at(), 'projects'], { HUAWEICLOUD_SDK_SK: undefined }, /HUAWEICLOUD_SDK_SK/],
    ];
    for (const [args, env, message] of cases) {
      const r = await cli(args, env);
      assert.strictEqual(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message, args.join(' '));
    }
    assert.strictEqual(emu.requests.length, 0);
  });

  test('a clock an hour behind costs one refused request, said once on stderr, then every call succeeds', async () => {
    emu.setConfig({ clockOffsetMs: 61 * 60_000 });
    const r = await cli([...at(), 'delete', '--project', PID, '--pool', POOL, '--plugin', 'node-local-dns', '--yes', '--wait']);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual(r.stderr.match(/clock is 61 minutes behind the cloud's/g)?.length, 1, r.stderr);
    const statuses = emu.requests.map((x) => `${x.method} ${x.status}`);
    assert.deepStrictEqual(statuses.slice(0, 2), ['DELETE 401', 'DELETE 200']);
    assert.ok(statuses.slice(2).every((x) => x === 'GET 200'), statuses.join(', '));
  });

  test('--help exits 0', async () => {
    const r = await cli(['--help']);
    assert.strictEqual(r.code, 0);
    assert.match(r.stdout, /Usage: modelarts-plugins/);
  });
});
