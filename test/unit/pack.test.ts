// `npm pack` makes an installable modelarts-plugins: the tarball (prepack builds dist/cli.js for
// production) holds the command line only, installs into an empty prefix offline with no
// dependency at all (everything it needs is inside the bundle), prints its version, and the
// installed command answers an MCP initialize against the emulator.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { startEmulator, type Emulator } from '../../src/emulator/server';

const ROOT = path.resolve(__dirname, '../..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

suite('npm pack: an installable modelarts-plugins command', function () {
  this.timeout(240_000);
  let tmp: string;
  let tarball: string;
  let prefix: string;
  let emu: Emulator;
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const bin = (): string => path.join(prefix, process.platform === 'win32' ? 'modelarts-plugins.cmd' : 'bin/modelarts-plugins');

  suiteSetup(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'modelarts-pack-'));
    const out = execFileSync(NPM, ['pack', '--json', '--pack-destination', tmp], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    tarball = path.join(tmp, (JSON.parse(out.slice(out.indexOf('['))) as { filename: string }[])[0].filename);
    prefix = path.join(tmp, 'prefix');
    execFileSync(NPM, ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball], { cwd: tmp, stdio: 'ignore' });
    emu = await startEmulator();
  });
  suiteTeardown(async () => {
    await emu?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
    // prepack left production bundles in dist/: back to the development build the other suites use
    execFileSync(process.execPath, ['esbuild.js'], { cwd: ROOT, env: { ...process.env, ESBUILD_QUIET: '1' } });
  });

  test('the tarball holds the command line only: bin shim, one bundle, README, LICENSE, package.json', () => {
    const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n').sort();
    assert.deepStrictEqual(files, ['package/LICENSE', 'package/README.md', 'package/bin/modelarts-plugins.js', 'package/dist/cli.js', 'package/package.json']);
  });

  test('installed with no dependencies at all, `modelarts-plugins --version` prints the version', () => {
    const installed = path.join(prefix, 'lib/node_modules/modelarts-plugins');
    assert.ok(fs.existsSync(path.join(installed, 'dist/cli.js')));
    assert.ok(!fs.existsSync(path.join(installed, 'node_modules')), 'nothing else was installed');
    assert.strictEqual(execFileSync(bin(), ['--version'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } }).trim(), pkg.version);
  });

  test('the installed command answers an MCP initialize and lists the read tools', async () => {
    const client = new Client({ name: 'pack-test', version: '1.0.0' });
    await client.connect(new StdioClientTransport({
      command: bin(),
      args: ['mcp', '--cloud', 'custom', '--endpoint', emu.url, '--iam-endpoint', emu.url],
      env: { PATH: process.env.PATH ?? '', HUAWEICLOUD_SDK_AK: emu.credentials.accessKey, HUAWEICLOUD_SDK_SK: emu.credentials.secretKey },
      stderr: 'ignore',
    }));
    try {
      assert.deepStrictEqual(client.getServerVersion(), { name: 'modelarts-plugins', title: 'ModelArts Plug-ins', version: pkg.version });
      const { tools } = await client.listTools();
      assert.strictEqual(tools.length, 7);
      const r = await client.callTool({ name: 'list_projects', arguments: {} });
      assert.ok(!r.isError);
    } finally {
      await client.close();
    }
  });
});
