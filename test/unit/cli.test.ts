import * as assert from 'assert';
import { execFileSync, spawn } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { Emulator, startEmulator } from '../../src/emulator/server';
import { parse } from 'csv-parse/sync';
import { DEMO_CREDENTIALS, DEMO_DOMAIN_ID, POOL_IDS, PROJECT_CN_NORTH_4, PROJECT_ML_TEAM } from '../../src/emulator/seed';
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
    emu = await startEmulator({ deleteDelayMs: 300, installDelayMs: 100, updateDelayMs: 100 });
  });
  suiteTeardown(() => emu.close());
  setup(() => emu.reset());

  function cli(args: string[], env: Record<string, string | undefined> = {}, input?: string): Promise<Run> {
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
      child.stdin.end(input);
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

  test('FIDELITY #9: show --output table adds status.values, parsed and pretty where it is JSON', async () => {
    const r = await cli([...at(), '--output', 'table', 'show', '--project', PID, '--pool', POOL, '--plugin', 'node-local-dns']);
    assert.strictEqual(r.code, 0, r.stderr);
    const [, values] = r.stdout.split('Installation parameters (status.values):\n');
    const shown = (await signedFetch(emu.url, `/v2/${PID}/pools/${POOL}/plugins/node-local-dns`, DEMO_CREDENTIALS)).json();
    assert.deepStrictEqual(JSON.parse(values), JSON.parse(shown.status.values));
    assert.match(values, /^\{\n  "/, 'pretty-printed');
  });

  test('inventory --output csv: every plug-in of every project, RFC 4180, the exact columns', async () => {
    const r = await cli([...at(), '--output', 'csv', 'inventory']);
    assert.strictEqual(r.code, 0, r.stderr);
    const rows = parse(r.stdout, { columns: true }) as Record<string, string>[];
    assert.strictEqual(r.stdout.split('\r\n')[0], 'project_id,project,pool,pool_display_name,plugin,version,phase,reason');
    const state = emu.state.snapshot().projects.filter((p) => p.project.domain_id === DEMO_DOMAIN_ID);
    const expected = state.flatMap((p) => p.pools.flatMap((pool) => (pool.plugins.length ? pool.plugins : [undefined])));
    assert.strictEqual(rows.length, expected.length);
    assert.deepStrictEqual(rows.find((x) => x.pool === POOL && x.plugin === 'log-agent'), {
      project_id: PID, project: 'cn-north-4', pool: POOL, pool_display_name: 'auto-pool-os', plugin: 'log-agent', version: '1.5.7', phase: 'Abnormal',
      reason: 'Insufficient CPU: 0/3 nodes are available',
    });
  });

  test('inventory --project twice, json: an array of objects with exactly the columns', async () => {
    const r = await cli([...at(), 'inventory', '--project', PID, '--project', PROJECT_ML_TEAM.id]);
    assert.strictEqual(r.code, 0, r.stderr);
    const rows = JSON.parse(r.stdout) as Record<string, string>[];
    assert.deepStrictEqual([...new Set(rows.map((x) => x.project))].sort(), ['cn-north-4', 'cn-north-4_ml-team']);
    assert.ok(rows.every((x) => Object.keys(x).join() === 'project_id,project,pool,pool_display_name,plugin,version,phase,reason'));
    const table = await cli([...at(), '--output', 'table', 'inventory', '--project', PID]);
    assert.match(table.stdout, /^PROJECT_ID\s+PROJECT\s+POOL\s+POOL_DISPLAY_NAME\s+PLUGIN\s+VERSION\s+PHASE\s+REASON/);
  });

  test('inventory exits 1 when a part failed, after printing the rest and naming what failed', async () => {
    emu.faults.add({ method: 'GET', path: `/pools/${POOL}/plugins$`, status: 403, body: JSON.stringify({ error_code: 'ModelArts.0108', error_msg: 'not allowed' }) });
    const r = await cli([...at(), '--output', 'csv', 'inventory', '--project', PID]);
    assert.strictEqual(r.code, 1);
    assert.match(r.stderr, new RegExp(`cn-north-4 / ${POOL}: .*ModelArts\\.0108`));
    assert.match(r.stderr, /incomplete/);
    const rows = parse(r.stdout, { columns: true }) as Record<string, string>[];
    assert.ok(rows.length > 0 && !rows.some((x) => x.pool === POOL));
  });

  test('--output csv is for inventory only; a bad project id sends nothing', async () => {
    assert.strictEqual((await cli([...at(), '--output', 'csv', 'projects'])).code, 2);
    emu.requests.length = 0;
    const bad = await cli([...at(), 'inventory', '--project', 'a/b']);
    assert.strictEqual(bad.code, 2, bad.stderr);
    assert.strictEqual(emu.requests.length, 0);
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

  test('FIDELITY #7: a refusal by the cloud exits 1 with status, code, message and request id; "installed by default" from the template', async () => {
    const r = await cli([...at(), 'delete', '--project', PID, '--pool', POOL, '--plugin', 'gpu-beta', '--yes']);
    assert.strictEqual(r.code, 1);
    assert.match(r.stderr, /HTTP status: 400/);
    assert.match(r.stderr, /error_code:\s+ModelArts\.50004000/);
    assert.match(r.stderr, /error_msg:\s+Bad request\./);
    assert.match(r.stderr, /gpu-beta is installed by default \(its template says optional: false\)/);
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

  suite('life cycle: templates, install, update', () => {
    const EMPTY = POOL_IDS.empty;
    const write = (cmd: string, ...rest: string[]): string[] => [...at(), cmd, '--project', PID, '--pool', ...rest];
    const logged = (method: string) => emu.requests.filter((r) => r.method === method);

    test('--version alone is the program\'s; after update it is the plug-in\'s version', async () => {
      for (const args of [['--version'], ['--version', '--output', 'json']]) {
        const r = await cli(args);
        assert.deepStrictEqual([r.code, r.stdout], [0, '0.1.0\n'], args.join(' '));
      }
      const r = await cli(write('update', POOL, '--plugin', 'node-local-dns', '--version', '1.6.63', '--yes'));
      assert.strictEqual(r.code, 0, r.stderr);
      assert.strictEqual(JSON.parse(r.stdout).spec.template.version, '1.6.63');
      assert.strictEqual(logged('PATCH').length, 1);
      const bare = await cli(write('update', POOL, '--plugin', 'node-local-dns', '--yes', '--version'));
      assert.strictEqual(bare.code, 2);
      assert.match(bare.stderr, /needs a value/);
      const other = await cli([...at(), 'projects', '--version', '1.0']);
      assert.strictEqual(other.code, 2);
      assert.match(other.stderr, /takes no --version/);
    });

    test('templates prints what the cloud returned; --output table lists versions', async () => {
      const r = await cli([...at(), 'templates', '--project', PID, '--pool', EMPTY]);
      assert.strictEqual(r.code, 0, r.stderr);
      const direct = await signedFetch(emu.url, `/v2/${PID}/plugintemplates`, DEMO_CREDENTIALS, { query: { poolName: EMPTY } });
      assert.strictEqual(r.stdout, direct.text + '\n');
      const table = await cli([...at(), '--output', 'table', 'templates', '--project', PID, '--template', 'node-local-dns']);
      assert.match(table.stdout, /^TEMPLATE\s+NAME\s+LATEST\s+VERSIONS/m);
      assert.match(table.stdout, /node-local-dns\s+NodeLocal DNSCache\s+1\.6\.63\s+1\.6\.63, 1\.6\.36, 1\.5\.2/);
    });

    test('install --inputs - --wait: the whole inputs object, then Running (exit 0)', async function () {
      this.timeout(30_000);
      const inputs = { custom: { logLevel: 'debug' } };
      const r = await cli([...write('install', EMPTY, '--template', 'log-agent', '--version', '1.5.7', '--inputs', '-', '--yes', '--wait')], {}, JSON.stringify(inputs));
      assert.strictEqual(r.code, 0, r.stderr);
      const answered = JSON.parse(r.stdout);
      // what the user chose is sent as it is; the cloud fills in the defaults around it (FIDELITY #3)
      assert.deepStrictEqual(JSON.parse(emu.requests.find((q) => q.method === 'POST')!.requestBody!).spec.template.inputs, inputs);
      assert.deepStrictEqual([answered.spec.template.version, answered.spec.template.inputs.custom.logLevel], ['1.5.7', 'debug']);
      assert.ok(answered.spec.template.inputs.flavor, 'the default flavour was filled in');
      assert.match(r.stderr, /log-agent is Running at 1\.5\.7/);
    });

    test('install --wait that ends Abnormal exits 1 with the reason on stderr', async function () {
      this.timeout(30_000);
      emu.state.failNextInstall({ template: 'node-local-dns', reason: '0/2 nodes are available: 2 Insufficient cpu.' });
      const r = await cli(write('install', EMPTY, '--template', 'node-local-dns', '--yes', '--wait'));
      assert.strictEqual(r.code, 1);
      assert.match(r.stderr, /Failed: node-local-dns is Abnormal in .*: 0\/2 nodes are available: 2 Insufficient cpu\./);
    });

    test('FIDELITY #8: update --version --wait of an upgrade that ends Abnormal exits 1: failed, with the reason', async function () {
      this.timeout(30_000);
      emu.setConfig({ upgradeAbnormalReason: '0/2 nodes are available: 2 Insufficient memory.' });
      const r = await cli(write('update', POOL, '--plugin', 'node-local-dns', '--version', '1.6.63', '--yes', '--wait'));
      assert.strictEqual(r.code, 1, r.stderr);
      assert.match(r.stderr, /Failed: node-local-dns is Abnormal in .*: 0\/2 nodes are available: 2 Insufficient memory\./);
    });

    for (const semantics of ['documented', 'merge'] as const) {
      test(`FIDELITY #1 (${semantics}) install a configured node-local-dns, then update --version: every input is kept and the summary says so`, async function () {
        this.timeout(30_000);
        emu.setConfig({ patchSemantics: semantics });
        const inputs = { custom: { enable_dnsconfig_admission: false, nameserver: '10.0.0.10', ndots: '3', search: '' }, flavor: { name: 'Single', size: 'small', replicas: 1 } };
        const installed = await cli(write('install', EMPTY, '--template', 'node-local-dns', '--version', '1.6.36', '--inputs', '-', '--yes', '--wait'), {}, JSON.stringify(inputs));
        assert.strictEqual(installed.code, 0, installed.stderr);
        const r = await cli(write('update', EMPTY, '--plugin', 'node-local-dns', '--version', '1.6.63', '--yes'));
        assert.strictEqual(r.code, 0, r.stderr);
        assert.match(r.stderr, /Version: 1\.6\.36 → 1\.6\.63\./);
        assert.match(r.stderr, /installation parameter\(s\) kept as they are; the complete inputs are sent/);
        const p = JSON.parse((await signedFetch(emu.url, `/v2/${PID}/pools/${EMPTY}/plugins/node-local-dns`, DEMO_CREDENTIALS)).text);
        assert.strictEqual(p.spec.template.version, '1.6.63');
        assert.deepStrictEqual([p.spec.template.inputs.custom.nameserver, p.spec.template.inputs.custom.ndots, p.spec.template.inputs.flavor.name], ['10.0.0.10', '3', 'Single']);
        const body = JSON.parse(logged('PATCH')[0].requestBody ?? '{}');
        assert.strictEqual(body.spec.template.inputs.custom.nameserver, '10.0.0.10', 'the complete inputs were sent');
      });

      test(`FIDELITY #2 (${semantics}) update --inputs is a merge patch applied here; the full result is sent, null falls back to the default`, async () => {
        emu.setConfig({ patchSemantics: semantics });
        const dir = mkdtempSync(path.join(tmpdir(), 'cli-inputs-'));
        const file = path.join(dir, 'patch.json');
        writeFileSync(file, JSON.stringify({ custom: { ndots: '3', search: null } }));
        const r = await cli(write('update', POOL, '--plugin', 'node-local-dns', '--inputs', file, '--yes'));
        assert.strictEqual(r.code, 0, r.stderr);
        assert.match(r.stderr, /Changed: custom\.ndots\./);
        assert.match(r.stderr, /Back to the template default: custom\.search\./);
        const body = JSON.parse(logged('PATCH')[0].requestBody ?? '{}');
        assert.deepStrictEqual(body.spec.template.inputs.custom, { enable_dnsconfig_admission: true, nameserver: '135.0.0.1', ndots: '3', search: null });
        assert.strictEqual(body.spec.template.inputs.flavor.name, 'HA');
        const p = JSON.parse((await signedFetch(emu.url, `/v2/${PID}/pools/${POOL}/plugins/node-local-dns`, DEMO_CREDENTIALS)).text);
        const { search, ...rest } = p.spec.template.inputs.custom;
        assert.deepStrictEqual(rest, { enable_dnsconfig_admission: true, nameserver: '135.0.0.1', ndots: '3' });
        assert.ok(search === undefined || search === '', `search falls back to the default (absent or ""), got ${JSON.stringify(search)}`);
        assert.strictEqual(p.spec.template.inputs.flavor.name, 'HA', 'untouched keys stay');
      });
    }

    test('--dry-run on install, update and delete prints the exact request without credentials and sends nothing (exit 0)', async () => {
      const runs = [
        [write('install', EMPTY, '--template', 'log-agent', '--version', '1.5.7', '--dry-run'), new RegExp(`^POST ${emu.url}/v2/${PID}/pools/${EMPTY}/plugins\n`)],
        [write('update', POOL, '--plugin', 'node-local-dns', '--version', '1.6.63', '--dry-run'), new RegExp(`^PATCH ${emu.url}/v2/${PID}/pools/${POOL}/plugins/node-local-dns\nContent-Type: application/merge-patch\\+json\n`)],
        [write('delete', POOL, '--plugin', 'node-local-dns', '--dry-run'), new RegExp(`^DELETE ${emu.url}/v2/${PID}/pools/${POOL}/plugins/node-local-dns\n`)],
      ] as const;
      for (const [args, first] of runs) {
        const r = await cli([...args]);
        assert.strictEqual(r.code, 0, r.stderr);
        assert.match(r.stdout, first);
        assert.match(r.stderr, /Dry run: nothing was sent/);
        assert.ok(!r.stdout.includes(DEMO_CREDENTIALS.secretKey) && !r.stdout.includes(DEMO_CREDENTIALS.accessKey) && !/Authorization/i.test(r.stdout), 'no credentials');
      }
      const update = await cli(runs[1][0].slice());
      const body = JSON.parse(update.stdout.slice(update.stdout.indexOf('\n{') + 1));
      assert.deepStrictEqual(Object.keys(body.spec.template).sort(), ['inputs', 'name', 'version']);
      assert.strictEqual(body.spec.template.inputs.custom.nameserver, '135.0.0.1');
      assert.deepStrictEqual([logged('POST').length, logged('PATCH').length, logged('DELETE').length], [0, 0, 0]);
    });

    test('update --if-version refuses a plug-in at another version (exit 2, nothing sent) and goes ahead at the right one', async () => {
      const wrong = await cli(write('update', POOL, '--plugin', 'node-local-dns', '--version', '1.6.63', '--if-version', '1.5.2', '--yes'));
      assert.strictEqual(wrong.code, 2, wrong.stderr);
      assert.match(wrong.stderr, /is at 1\.6\.36, not 1\.5\.2\. Nothing was sent/);
      assert.strictEqual(logged('PATCH').length, 0);
      const right = await cli(write('update', POOL, '--plugin', 'node-local-dns', '--version', '1.6.63', '--if-version', '1.6.36', '--yes'));
      assert.strictEqual(right.code, 0, right.stderr);
      assert.strictEqual(logged('PATCH').length, 1);
    });

    test('writes without --yes, bad inputs and unknown versions exit 2 and change nothing', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'cli-inputs-'));
      const bad = path.join(dir, 'bad.json');
      writeFileSync(bad, '{"custom": ');
      const cases: [string[], RegExp][] = [
        [write('install', EMPTY, '--template', 'log-agent'), /--yes/],
        [write('update', POOL, '--plugin', 'node-local-dns', '--version', '1.6.63'), /--yes/],
        [write('install', EMPTY, '--template', 'log-agent', '--inputs', bad, '--yes'), /not valid JSON/],
        [write('install', EMPTY, '--template', 'log-agent', '--inputs', path.join(dir, 'missing.json'), '--yes'), /cannot read/],
        [write('update', POOL, '--plugin', 'node-local-dns', '--yes'), /--version or --inputs/],
        [write('update', POOL, '--plugin', 'node-local-dns', '--version', '9.9.9', '--yes'), /has no version 9\.9\.9/],
        [write('install', EMPTY), /needs --template/],
      ];
      for (const [args, message] of cases) {
        const r = await cli(args);
        assert.strictEqual(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
        assert.match(r.stderr, message, args.join(' '));
      }
      assert.deepStrictEqual([logged('POST').length, logged('PATCH').length], [0, 0]);
    });

    test('a refused install exits 1 with the cloud\'s code', async () => {
      const r = await cli(write('install', EMPTY, '--template', 'no-such-template', '--yes'));
      assert.strictEqual(r.code, 1);
      assert.match(r.stderr, /error_code:\s+ModelArts\.50005101/);
    });
  });
});
