// npm run test:electron — the same extension-host suites (dist/test/) under desktop VS Code, through
// @vscode/test-electron, for machines with internet access.
//
// NEEDS INTERNET: test-electron downloads VS Code from update.code.visualstudio.com on first use
// (cached in $VSCODE_HOST_DIR/electron). It cannot work offline; use `npm run test:host` there.
// On a Linux machine without a display run it under a virtual one: xvfb-run -a npm run test:electron
// Env: VSCODE_VERSION (default "stable"; keep it >= engines.vscode).
// Last line: "electron: N passed, M failed"; exit code 0 only if all passed.
import path from 'node:path';
import {
  ROOT, HOST_DIR, cleanEnv, prepareSuiteRun, requireFile, stopAll, suiteOutcome, runHarness,
} from './lib.mjs';

const TESTS = path.join(ROOT, 'dist/test/index.js');

async function main() {
  const { runTests } = await import('@vscode/test-electron');
  requireFile(TESTS, 'build it with: node esbuild.js');
  const { run, resultFile, env } = await prepareSuiteRun('electron');
  // test-electron starts VS Code with process.env plus extensionTestsEnv: drop what must not leak
  // (VSCODE_IPC_HOOK_CLI & co., real credentials); env adds the run's private dirs and the test inputs
  const keep = cleanEnv();
  for (const k of Object.keys(process.env)) if (!(k in keep)) delete process.env[k];

  let code;
  try {
    code = await runTests({
      version: process.env.VSCODE_VERSION || 'stable',
      cachePath: path.join(HOST_DIR, 'electron'),
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: TESTS,
      extensionTestsEnv: env,
      launchArgs: [
        run.workspace,
        `--user-data-dir=${run.userData}`,
        `--extensions-dir=${run.extensions}`,
        '--disable-extensions', // other extensions; the one under development still loads
        '--disable-telemetry',
      ],
    });
  } catch (e) {
    const msg = String(e?.message ?? e);
    if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|fetch failed|update\.code\.visualstudio\.com/.test(msg)) {
      console.error(`error: downloading VS Code failed (${msg.split('\n')[0]}).\n` +
        'test:electron needs internet access; offline, use npm run test:host (same suites, code-server).');
    } else {
      console.error(`error: VS Code test run failed: ${msg.split('\n')[0]}`);
    }
    code = 1;
  }
  await stopAll();
  return suiteOutcome(code, resultFile);
}

runHarness('test:electron', main);
