// npm start — a ready-to-use demo: the ModelArts emulator plus a real VS Code (code-server) with the
// freshly packaged extension installed and pointed at the emulator, signed in with the demo keys.
// Prints the URL to open (binds 127.0.0.1 only; port $PORT or 8080, else a free one). Opens nothing.
// Ctrl-C stops everything it started.
//
// Profile: .e2e/start/ is recreated on every start. The emulator keeps its data in memory and starts
// empty each time, so a persistent profile would only carry stale state (an old emulator port in
// the settings, secrets encrypted with another server's key). The extension is installed from the
// built .vsix, i.e. exactly what users get, and no smoke-test-driver flag is needed. Its own HOME,
// XDG and TMPDIR dirs keep code-server away from your home folder and your VS Code; note that the
// demo's integrated terminal therefore has HOME=.e2e/start/home.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  ROOT, E2E_DIR, HOST_DIR, DEMO_CREDENTIALS, HarnessError, createRun, emulatorSettings, ensureHost, freePort,
  installVsix, isStopping, log, reportError, startCodeServer, startEmulator, stopAll, stopOnSignals, writeUserSettings,
} from '../test/harness/lib.mjs';

const DIR = path.join(E2E_DIR, 'start');
const PID_FILE = path.join(E2E_DIR, 'start.pid');

function sh(cmd, args, what) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new HarnessError(`${what} failed (${r.signal ?? `exit code ${r.status}`})`);
}

function refuseSecondInstance() {
  try {
    const pid = Number(fs.readFileSync(PID_FILE, 'utf8'));
    process.kill(pid, 0);
    throw new HarnessError(`npm start is already running (pid ${pid}); stop it with Ctrl-C first`);
  } catch (e) {
    if (e instanceof HarnessError) throw e; // no pid file, or that process is gone
  }
  fs.mkdirSync(E2E_DIR, { recursive: true });
  fs.writeFileSync(PID_FILE, String(process.pid));
  process.on('exit', () => fs.rmSync(PID_FILE, { force: true }));
}

async function main() {
  refuseSecondInstance();
  log('building the extension and its .vsix');
  sh('npm', ['run', '-s', 'package'], 'npm run package');
  ensureHost();

  const run = createRun('start', { dir: DIR });
  const emulator = await startEmulator(run, { deleteDelayMs: 8000 });
  log(`emulator at ${emulator.url} (log: ${path.relative(ROOT, emulator.logFile)})`);
  writeUserSettings(run, emulatorSettings(emulator.url));
  log(`installed ${installVsix(run)}`);

  const wanted = Number(process.env.PORT || 8080);
  const port = await freePort(wanted);
  if (port !== wanted) log(`port ${wanted} is busy, using ${port}`);
  const server = await startCodeServer(run, {
    port,
    env: { ...run.env, ...DEMO_CREDENTIALS, MODELARTS_EMULATOR_URL: emulator.url },
  });

  // if either dies the demo is useless: stop the rest (lib already reports an emulator exit)
  for (const [name, child] of [['emulator', emulator.child], ['code-server', server.child]]) {
    child.once('exit', (code, sig) => {
      if (isStopping()) return;
      if (name !== 'emulator') console.error(`${name} exited unexpectedly (${sig ?? code})`);
      console.error(`stopping; logs in ${path.relative(ROOT, run.dir)}/`);
      stopAll().finally(() => process.exit(1));
    });
  }
  console.log(`
  ModelArts Plug-ins demo is running.

    Open:      ${server.url}
    Emulator:  ${emulator.url}  (demo keys in the VS Code environment: AK ${DEMO_CREDENTIALS.HUAWEICLOUD_SDK_AK})
    Logs:      ${path.relative(ROOT, run.dir)}/code-server.log, emulator.log

  Press Ctrl-C to stop.
`);
}

stopOnSignals('stopping the demo');
main().catch(async (e) => {
  reportError(e);
  await stopAll();
  process.exit(1);
});
