// npm run test:host — the mocha suites of test/host/ (bundled to dist/test/) inside the real VS Code
// node extension host, with this repo as the extension under development.
//
// code-server has no headless test mode: the extension host only starts when a workbench connects,
// and the workbench passes extensionDevelopmentPath/extensionTestsPath from its URL "payload", which
// a built VS Code honours only with --vscode-option enable-smoke-test-driver. So headless chromium
// opens that URL; the workbench calls window.codeAutomationExit(code) when run() settles, and
// test/host/index.ts writes { passes, failures } to $MODELARTS_HOST_RESULT_FILE.
//
// `--locale zh-cn` runs the suites of test/host-zh/ (dist/test/zh-cn/) instead, in a VS Code started
// with --locale zh-cn and a minimal language pack in its user data (languagePack() in lib.mjs): without
// an installed pack VS Code resolves the display language to English and loads no extension bundle.
//
// Env: MODELARTS_HOST_SELFTEST_FAIL=1 adds a deliberately failing test (harness self-check);
//      MODELARTS_HOST_TIMEOUT_MS (default 300000); VSCODE_HOST_VERBOSE=1 relays the whole console.
// Last line: "host: N passed, M failed"; exit code 0 only if all passed.
import path from 'node:path';
import {
  ROOT, languagePack, launchBrowser, log, prepareSuiteRun, relayConsole, requireFile, ensureHost, slimRun, startCodeServer,
  stopAll, suiteOutcome, runHarness,
} from './lib.mjs';

const TIMEOUT_MS = Number(process.env.MODELARTS_HOST_TIMEOUT_MS || 300_000);
const TESTS = path.join(ROOT, 'dist/test/index.js');
const LOCALE = process.argv.includes('--locale') ? process.argv[process.argv.indexOf('--locale') + 1] : undefined;

async function main() {
  ensureHost();
  requireFile(TESTS, 'build it with: node esbuild.js');
  // the extension host inherits code-server's environment (so does MODELARTS_HOST_SELFTEST_FAIL)
  const { run, resultFile, env } = await prepareSuiteRun(LOCALE ? `host-${LOCALE}` : 'host');
  const args = ['--vscode-option', 'enable-smoke-test-driver'];
  if (LOCALE) {
    const suites = path.join(ROOT, 'dist/test', LOCALE);
    requireFile(suites, `no suites for ${LOCALE}: build them with: node esbuild.js`);
    languagePack(run, LOCALE);
    env.MODELARTS_HOST_SUITES_DIR = suites;
    args.push('--locale', LOCALE);
  }
  const server = await startCodeServer(run, { env, args });
  log(`code-server at ${server.base}`);

  const { page } = await launchBrowser(run);
  let finish;
  const ended = new Promise((resolve) => (finish = resolve));
  await page.exposeFunction('codeAutomationExit', (code) => finish(code));
  page.on('crash', () => finish('browser page crashed'));
  relayConsole(page, { onTestLine: (l) => console.log(`  ${l}`) });

  const remote = (p) => `vscode-remote://${server.host}${p}`;
  const payload = [['extensionDevelopmentPath', remote(ROOT)], ['extensionTestsPath', remote(TESTS)]];
  log('opening the workbench');
  await page.goto(`${server.url}&payload=${encodeURIComponent(JSON.stringify(payload))}`, { timeout: 120_000 });
  log('workbench opened as extension development host; tests running');

  const timer = setTimeout(() => finish(`no result within ${TIMEOUT_MS / 1000} s`), TIMEOUT_MS);
  const code = await ended;
  clearTimeout(timer);
  log(typeof code === 'number' ? `test run ended (exit code ${code})` : `test run failed: ${code}`);

  const outcome = suiteOutcome(code, resultFile);
  if (!outcome.result) console.log(`  harness: the test runner wrote no result (see ${path.relative(ROOT, run.dir)}/)`);
  await stopAll();
  if (outcome.ok) slimRun(run);
  return outcome;
}

runHarness(LOCALE ? `test:host (${LOCALE})` : 'test:host', main);
