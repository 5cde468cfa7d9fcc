// https, private CAs and proxies for the client and the CLI (dist/cli.js as a child process, so
// its real environment handling is what runs), against the emulator over TLS (`tls` option: a
// throw-away CA made by openssl) and a real local CONNECT proxy. All traffic stays on 127.0.0.0/8.
import * as assert from 'assert';
import { execFileSync, spawn } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import * as tls from 'tls';
import { ApiError } from '../../src/api';
import { trustedCertificates } from '../../src/api/trust';
import { DEMO_CREDENTIALS } from '../../src/emulator/seed';
import { Emulator, startEmulator } from '../../src/emulator/server';
import { emulatorClient } from './helpers/client';
import { TestProxy, startConnectProxy } from '../host/connectProxy';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/modelarts-plugins.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  const fullEnv: NodeJS.ProcessEnv = { ...process.env, HUAWEICLOUD_SDK_AK: DEMO_CREDENTIALS.accessKey, HUAWEICLOUD_SDK_SK: DEMO_CREDENTIALS.secretKey };
  // the developer's own proxy settings must not steer these tests
  for (const k of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy', 'NO_PROXY', 'no_proxy', 'HUAWEICLOUD_SDK_CA_FILE', 'HUAWEICLOUD_SDK_SECURITY_TOKEN', 'NODE_EXTRA_CA_CERTS']) delete fullEnv[k];
  Object.assign(fullEnv, env);
  for (const k of Object.keys(fullEnv)) if (fullEnv[k] === undefined) delete fullEnv[k];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

suite('networks: https and private CAs', () => {
  let emu: Emulator;
  suiteSetup(async function () {
    this.timeout(60_000);
    execFileSync(process.execPath, ['esbuild.js'], { cwd: ROOT, env: { ...process.env, ESBUILD_QUIET: '1' } });
    emu = await startEmulator({ tls: { caDir: mkdtempSync(path.join(tmpdir(), 'net-tls-')) } });
  });
  suiteTeardown(() => emu.close());
  const at = (): string[] => ['--cloud', 'custom', '--endpoint', emu.url, '--iam-endpoint', emu.url];
  const client = (ca?: string[]) => emulatorClient(emu, { ca, retries: 0, trustHint: 'add it to "modelarts.caCertificates"' }, 'product');

  test('the client refuses an untrusted certificate with a message that names the fix, and trusts it with `ca`', async () => {
    const err = await client().listProjects().then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof ApiError, String(err));
    assert.match(err.message, /certificate of 127\.0\.0\.1:\d+ is not trusted/);
    assert.match(err.message, /modelarts\.caCertificates/);
    assert.strictEqual(emu.requests.length, 0, 'nothing reached the server');
    const ca = trustedCertificates([emu.caFile!], 'the test');
    assert.ok((await client(ca).listProjects()).data.length > 0);
  });

  test('an explicit ca is Node\'s roots plus the files (never just the files); none without files', () => {
    assert.strictEqual(trustedCertificates([], 'x'), undefined);
    const ca = trustedCertificates([emu.caFile!], 'x')!;
    for (const root of tls.rootCertificates.slice(0, 5)) assert.ok(ca.includes(root));
    assert.ok(ca.length >= tls.rootCertificates.length + 1);
    assert.ok(ca.includes(emu.caPem!.trim()));
  });

  test('CLI: untrusted → exit 1 naming --ca-file; --ca-file or HUAWEICLOUD_SDK_CA_FILE → exit 0', async () => {
    const refused = await cli([...at(), 'projects']);
    assert.strictEqual(refused.code, 1, refused.stderr);
    assert.match(refused.stderr, /is not trusted.*--ca-file <pem> \(or HUAWEICLOUD_SDK_CA_FILE\)/s);
    const flag = await cli(['--ca-file', emu.caFile!, ...at(), 'projects']);
    assert.strictEqual(flag.code, 0, flag.stderr);
    assert.ok(JSON.parse(flag.stdout).projects.length > 0);
    const other = mkdtempSync(path.join(tmpdir(), 'net-ca-'));
    writeFileSync(path.join(other, 'unrelated.pem'), tls.rootCertificates[0]);
    const env = await cli([...at(), '--ca-file', path.join(other, 'unrelated.pem'), 'projects'], { HUAWEICLOUD_SDK_CA_FILE: emu.caFile });
    assert.strictEqual(env.code, 0, `repeatable and combined with the variable: ${env.stderr}`);
  });

  test('CLI: a CA file that is missing or holds no certificate is a usage error, nothing sent', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'net-ca-'));
    writeFileSync(path.join(dir, 'empty.pem'), 'not a certificate\n');
    emu.requests.length = 0;
    for (const [file, message] of [[path.join(dir, 'missing.pem'), /cannot be read \(ENOENT\)/], [path.join(dir, 'empty.pem'), /holds no PEM certificate/], ['relative.pem', /absolute path/]] as const) {
      const r = await cli(['--ca-file', file, ...at(), 'projects']);
      assert.strictEqual(r.code, 2, r.stderr);
      assert.match(r.stderr, message);
      assert.match(r.stderr, /--ca-file/);
    }
    assert.strictEqual(emu.requests.length, 0);
  });
});

suite('networks: the CLI behind a proxy (HTTPS_PROXY, NO_PROXY)', () => {
  let emu: Emulator;
  let direct: Emulator;
  let proxy: TestProxy;
  suiteSetup(async function () {
    this.timeout(60_000);
    // 127.0.0.2: loopback, but not one of the hosts that always go direct
    emu = await startEmulator({ host: '127.0.0.2', tls: { caDir: mkdtempSync(path.join(tmpdir(), 'net-proxy-')), names: ['127.0.0.2'] } });
    direct = await startEmulator();
    proxy = await startConnectProxy();
  });
  suiteTeardown(async () => {
    await Promise.all([emu.close(), direct.close(), proxy.close()]);
  });
  setup(() => {
    proxy.mode = 'tunnel';
    proxy.tunnels.length = 0;
    emu.requests.length = 0;
  });
  const at = (e: Emulator = emu): string[] => ['--ca-file', emu.caFile!, '--cloud', 'custom', '--endpoint', e.url, '--iam-endpoint', e.url];
  const target = () => new URL(emu.url).host;

  test('HTTPS_PROXY (either case) carries the request through a CONNECT tunnel to 127.0.0.2', async () => {
    for (const name of ['HTTPS_PROXY', 'https_proxy']) {
      proxy.tunnels.length = 0;
      const r = await cli([...at(), 'projects'], { [name]: proxy.url });
      assert.strictEqual(r.code, 0, r.stderr);
      assert.ok(JSON.parse(r.stdout).projects.length > 0);
      assert.deepStrictEqual([...new Set(proxy.tunnels)], [target()], name);
    }
  });

  test('NO_PROXY naming the host goes direct; localhost and 127.0.0.1 always go direct', async () => {
    const bypassed = await cli([...at(), 'projects'], { HTTPS_PROXY: proxy.url, NO_PROXY: 'example.invalid,127.0.0.2' });
    assert.strictEqual(bypassed.code, 0, bypassed.stderr);
    const loopback = await cli(['--cloud', 'custom', '--endpoint', direct.url, '--iam-endpoint', direct.url, 'projects'], { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, ALL_PROXY: proxy.url });
    assert.strictEqual(loopback.code, 0, loopback.stderr);
    assert.deepStrictEqual(proxy.tunnels, []);
  });

  test('a proxy that answers 407 is named, with what to do', async () => {
    proxy.mode = 'auth-required';
    const r = await cli([...at(), 'projects'], { HTTPS_PROXY: proxy.url.replace('//', '//someone:secret@') });
    assert.strictEqual(r.code, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`The proxy ${proxy.url.replace(/[.:/]/g, '\\$&')} refused GET /v3/auth/projects: it wants a user name and password \\(HTTP 407\\)`));
    assert.doesNotMatch(r.stderr, /secret/, 'the proxy password is never printed');
    assert.strictEqual(emu.requests.length, 0);
  });

  test('a proxy that drops the tunnel is named', async () => {
    proxy.mode = 'drop';
    const r = await cli([...at(), '--timeout', '5', 'projects'], { HTTPS_PROXY: proxy.url });
    assert.strictEqual(r.code, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`the proxy ${proxy.url.replace(/[.:/]/g, '\\$&')} refused or dropped the connection to ${target().replace(/[.:]/g, '\\$&')}`));
    assert.ok(proxy.tunnels.length >= 1);
  });
});

suite('networks: certificate checks are never switched off', () => {
  test('no source, test or script turns TLS verification off', () => {
    // spelled in pieces so this file does not match itself
    const forbidden = [['reject', 'Unauthorized'].join(''), ['NODE_TLS', 'REJECT', 'UNAUTHORIZED'].join('_')];
    const hits: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(ts|js|mjs|cjs|json|sh)$/.test(e.name) || e.name === 'run') {
          const text = readFileSync(p, 'utf8');
          for (const f of forbidden) if (text.includes(f)) hits.push(`${path.relative(ROOT, p)}: ${f}`);
        }
      }
    };
    for (const d of ['src', 'test', 'bench', 'scripts', '.ci']) if (existsSync(path.join(ROOT, d))) walk(path.join(ROOT, d));
    for (const f of ['package.json', 'esbuild.js']) if (readFileSync(path.join(ROOT, f), 'utf8').includes(forbidden[1])) hits.push(f);
    assert.deepStrictEqual(hits, []);
  });
});
