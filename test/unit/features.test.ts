// Features no other test touched (issue 18, item 15), each against the emulator over loopback: the
// CLI's update --wait, lower-case no_proxy, the shape check of the template listing, and the CLI's
// --version read from package.json. (Sign Out All Profiles, per-profile settings and Compare with
// any other plug-in need VS Code: test/host/features.test.ts.)
import * as assert from 'assert';
import { execFileSync, spawn } from 'child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { POOL_IDS, PROJECT_CN_NORTH_4, DEMO_CREDENTIALS } from '../../src/emulator/seed';
import { Emulator, startEmulator } from '../../src/emulator/server';
import { emulatorClient } from './helpers/client';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const P = { id: PROJECT_CN_NORTH_4.id, region: 'cn-north-4' };
const POOL = POOL_IDS.autoPoolOs;

/** Runs a CLI bundle as a child process with the demo keys and exactly `env` for proxies. */
function cli(args: string[], env: Record<string, string> = {}, bundle = CLI): Promise<{ code: number; stdout: string; stderr: string }> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(https?|all|no)_proxy$/i.test(k)));
  const child = spawn(process.execPath, [bundle, ...args], {
    env: { ...base, HUAWEICLOUD_SDK_AK: DEMO_CREDENTIALS.accessKey, HUAWEICLOUD_SDK_SK: DEMO_CREDENTIALS.secretKey, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr })));
}

suite('REVIEW #15 features no test touched', () => {
  let emu: Emulator;
  const at = (e: Emulator = emu): string[] => ['--cloud', 'custom', '--endpoint', e.url, '--iam-endpoint', e.url];

  suiteSetup(async function () {
    this.timeout(60_000);
    execFileSync(process.execPath, ['esbuild.js'], { cwd: ROOT, env: { ...process.env, ESBUILD_QUIET: '1' } });
    emu = await startEmulator({ updateDelayMs: 300 });
  });
  suiteTeardown(() => emu.close());
  setup(() => emu.reset());

  test('REVIEW #15 update --wait: the PATCH, then polls until Running at the new version (exit 0), and says so', async function () {
    this.timeout(30_000);
    const r = await cli([...at(), 'update', '--project', P.id, '--pool', POOL, '--plugin', 'node-local-dns', '--version', '1.6.63', '--yes', '--wait']);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stderr, /node-local-dns is Running at 1\.6\.63/);
    const log = emu.requests.map((x) => `${x.method} ${x.path.replace(/.*\/pools\//, '')}`);
    const patch = log.indexOf(`PATCH ${POOL}/plugins/node-local-dns`);
    assert.ok(patch >= 0, log.join('\n'));
    assert.ok(log.slice(patch + 1).some((l) => l === `GET ${POOL}/plugins`), `it polled after the PATCH:\n${log.join('\n')}`);
    const now = emu.state.snapshot().projects.find((x) => x.project.id === P.id)!.pools.find((x) => x.pool.metadata.name === POOL)!
      .plugins.find((x) => x.plugin.spec.template.name === 'node-local-dns')!.plugin;
    assert.deepStrictEqual([now.status?.phase, now.status?.version], ['Running', '1.6.63'], 'it returned only once the emulator had finished');
  });

  test('REVIEW #15 lower-case no_proxy: a listed host goes direct, others through https_proxy / http_proxy', async function () {
    this.timeout(30_000);
    // on 127.0.0.3: only localhost, 127.0.0.1 and ::1 are never proxied, so the proxy settings decide
    const far = await startEmulator({ host: '127.0.0.3' });
    try {
      const deadProxy = { http_proxy: 'http://127.0.0.1:9', https_proxy: 'http://127.0.0.1:9' };
      const through = await cli([...at(far), '--timeout', '5', 'projects'], deadProxy);
      assert.strictEqual(through.code, 1, 'without no_proxy the request goes to the (dead) proxy');
      assert.match(through.stderr, /proxy/i);
      assert.strictEqual(far.requests.length, 0);
      const direct = await cli([...at(far), 'projects'], { ...deadProxy, no_proxy: 'example.internal,127.0.0.3' });
      assert.strictEqual(direct.code, 0, direct.stderr);
      assert.strictEqual(far.requests.length, 1, 'no_proxy (lower case) sent it straight to the emulator');
    } finally {
      await far.close();
    }
  });

  test('REVIEW #15 the template listing is shape-checked like the others: a broken item is left out and said', async () => {
    const good = (await emulatorClient(emu).listTemplates(P)).data.items[0];
    assert.ok(good, 'the emulator lists templates');
    const broken = [
      { metadata: {}, spec: good.spec }, // no name
      { metadata: { name: 'no-versions' }, spec: {} },
      { metadata: { name: 'numeric-version' }, spec: { versions: [{ version: 1 }] } },
    ];
    emu.faults.add({ method: 'GET', path: '/plugintemplates$', status: 200, body: JSON.stringify({ items: [good, ...broken] }), times: 1 });
    const r = await emulatorClient(emu).listTemplates(P);
    assert.deepStrictEqual(r.data.items.map((t) => t.metadata.name), [good.metadata.name]);
    assert.deepStrictEqual(r.problems, [
      'items.1 metadata.name is missing',
      'items.2 spec.versions is missing',
      'items.3 spec.versions is a list, not a list of versions',
    ]);
  });

  test('REVIEW #15 --version is the version in package.json, not a copy in the code', async () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
    assert.strictEqual((await cli(['--version'])).stdout, `${pkg.version}\n`);
    // the same bundle next to a package.json of another version says that version
    const dir = mkdtempSync(path.join(tmpdir(), 'cli-version-'));
    mkdirSync(path.join(dir, 'dist'));
    copyFileSync(CLI, path.join(dir, 'dist/cli.js'));
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: pkg.name, version: '9.8.7-review' }));
    assert.strictEqual((await cli(['--version'], {}, path.join(dir, 'dist/cli.js'))).stdout, '9.8.7-review\n');
  });
});
