// npm run test:electron — the same extension-host suites (dist/test/) under desktop VS Code, through
// @vscode/test-electron, for machines with internet access.
//
// NEEDS INTERNET: test-electron downloads VS Code from update.code.visualstudio.com on first use
// (cached in $VSCODE_HOST_DIR/electron). It cannot work offline; use `npm run test:host` there.
// On a Linux machine without a display run it under a virtual one: xvfb-run -a npm run test:electron
// Env: VSCODE_VERSION (default "stable"; keep it >= engines.vscode).
// Last line: "electron: N passed, M failed"; exit code 0 only if all passed.
import fs from 'node:fs';
import path from 'node:path';
import {
  ROOT, HOST_DIR, DEMO_CREDENTIALS, cleanEnv, createRun, emulatorSettings, log, pruneRuns, reportError, requireFile,
  startEmulator, stopAll, stopOnSignals, writeUserSettings,
} from './lib.mjs';

const TESTS = path.join(ROOT, 'dist/test/index.js');

async function main() {
  const { runTests } = await import('@vscode/test-electron');
  requireFile(TESTS, 'build it with: node esbuild.js');
  pruneRuns('electron');
  const run = createRun('electron');
  const resultFile = path.join(run.dir, 'result.json');

  const emulator = await startEmulator(run, { deleteDelayMs: 1500, installDelayMs: 500 });
  log(`emulator at ${emulator.url}`);
  writeUserSettings(run, emulatorSettings(emulator.url));

  // test-electron starts VS Code with process.env plus extensionTestsEnv: drop what must not leak
  // (VSCODE_IPC_HOOK_CLI & co., real credentials), then add the run's private dirs and the test inputs
  const keep = cleanEnv();
  for (const k of Object.keys(process.env)) if (!(k in keep)) delete process.env[k];
  const env = {
    ...run.env,
    ...DEMO_CREDENTIALS,
    MODELARTS_EMULATOR_URL: emulator.url,
    MODELARTS_HOST_RESULT_FILE: resultFile,
  };

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
  const result = fs.existsSync(resultFile) ? JSON.parse(fs.readFileSync(resultFile, 'utf8')) : undefined;
  await stopAll();
  const passes = result?.passes ?? 0;
  const ok = code === 0 && result !== undefined && result.failures === 0 && passes > 0;
  return { ok, passes, failures: ok ? 0 : Math.max(result?.failures ?? 1, 1) };
}

stopOnSignals('test:electron interrupted; stopping');
main()
  .catch(async (e) => {
    reportError(e);
    await stopAll();
    return { ok: false, passes: 0, failures: 1 };
  })
  .then(({ ok, passes, failures }) => {
    console.log(`electron: ${passes} passed, ${failures} failed`);
    process.exit(ok ? 0 : 1);
  });
