// npm run test:ui — the packaged extension (dist/modelarts-plugins.vsix) installed into a fresh
// code-server profile and driven in headless chromium the way a person would use it.
//
// Adding a check: append check('what the user sees', async (wb) => { ... }) below. Checks run in
// order on one shared page (so a check may build on the state the previous one left); `wb` is a
// Workbench (workbench.mjs: openView, runCommand, treeRow, contextMenu, inputBox, notifications).
// A failing check is screenshotted (.e2e/ui-*/NN-name.png), Escape closes what it left open and the
// next check runs. A final screenshot is kept as final.png.
//
// The extension host gets the emulator in its settings but no credentials: the UI signs in itself.
// Env: VSCODE_HOST_VERBOSE=1 relays the whole browser console; MODELARTS_UI_SELFTEST_FAIL=1 adds a
// deliberately failing check (harness self-check).
// Last line: "ui: N passed, M failed"; exit code 0 only if all passed.
import path from 'node:path';
import {
  ROOT, VSIX, createRun, emulatorSettings, installVsix, launchBrowser, log, pruneRuns, relayConsole, reportError,
  requireFile, requireHost, slimRun, startCodeServer, startEmulator, stopAll, stopOnSignals, writeUserSettings,
} from './lib.mjs';
import { Workbench } from './workbench.mjs';

const checks = [];
const check = (name, fn) => checks.push({ name, fn });

// ---------------------------------------------------------------------------------------------
// the checks

check('the ModelArts activity-bar container shows the Resource Pools view', async (wb) => {
  const pane = await wb.openView('ModelArts', 'Resource Pools');
  const title = await wb.viewTitle(pane);
  if (!title.includes('Resource Pools')) throw new Error(`the side bar shows ${JSON.stringify(title)}`);
});

check('"ModelArts: Refresh" runs from the command palette', async (wb) => {
  await wb.runCommand('ModelArts: Refresh'); // resolves once the palette has closed
  // an unregistered or throwing command shows an error toast shortly after
  await wb.expectNoNotification(/not found|failed|error/i);
});

// harness self-check: MODELARTS_UI_SELFTEST_FAIL=1 npm run test:ui must report one failure (with a
// screenshot), still run the other checks, and exit non-zero
if (process.env.MODELARTS_UI_SELFTEST_FAIL === '1') {
  check('deliberately fails (MODELARTS_UI_SELFTEST_FAIL=1)', async (wb) => {
    await wb.runCommand('ModelArts: No Such Command');
  });
}

// ---------------------------------------------------------------------------------------------
// the runner

const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);

async function main() {
  requireHost();
  requireFile(VSIX, 'build it with: npm run package');
  pruneRuns('ui');
  const run = createRun('ui');
  const rel = (f) => path.relative(ROOT, f);

  const emulator = await startEmulator(run, { deleteDelayMs: 1500, installDelayMs: 500 });
  log(`emulator at ${emulator.url}`);
  writeUserSettings(run, emulatorSettings(emulator.url));
  log(`installed ${installVsix(run)}`);
  const server = await startCodeServer(run, { env: { ...run.env, MODELARTS_EMULATOR_URL: emulator.url } });
  log(`code-server at ${server.base}`);

  const { page } = await launchBrowser(run);
  relayConsole(page);
  const wb = new Workbench(page);
  let passed = 0;
  let failed = 0;
  try {
    await wb.open(server.url);
    log('workbench ready');
    for (const [i, { name, fn }] of checks.entries()) {
      const started = Date.now();
      try {
        await fn(wb);
        passed++;
        console.log(`  ok    ${name} (${Date.now() - started} ms)`);
      } catch (e) {
        failed++;
        const shot = path.join(run.dir, `${String(i + 1).padStart(2, '0')}-${slug(name)}.png`);
        await page.screenshot({ path: shot }).catch(() => {});
        console.log(`  FAIL  ${name}\n        ${String(e.message ?? e).split('\n')[0]}\n        screenshot: ${rel(shot)}`);
        for (let k = 0; k < 2; k++) await page.keyboard.press('Escape').catch(() => {}); // close menus / quick input
      }
    }
  } catch (e) {
    // the workbench itself did not come up: every check counts as failed
    failed = checks.length - passed;
    const shot = path.join(run.dir, '00-workbench.png');
    await page.screenshot({ path: shot }).catch(() => {});
    console.log(`  FAIL  workbench did not load: ${String(e.message ?? e).split('\n')[0]}\n        screenshot: ${rel(shot)}`);
  }
  const final = path.join(run.dir, 'final.png');
  await page.screenshot({ path: final }).catch(() => {});
  log(`final screenshot: ${rel(final)}`);
  await stopAll();
  const ok = failed === 0 && passed === checks.length;
  if (ok) slimRun(run);
  return { ok, passed, failed };
}

stopOnSignals('test:ui interrupted; stopping');
const started = Date.now();
main()
  .catch(async (e) => {
    reportError(e);
    await stopAll();
    return { ok: false, passed: 0, failed: checks.length || 1 };
  })
  .then(({ ok, passed, failed }) => {
    log(`test:ui took ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.log(`ui: ${passed} passed, ${failed} failed`);
    process.exit(ok ? 0 : 1);
  });
