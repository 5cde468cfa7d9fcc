// Shared plumbing for the harnesses (host.mjs, ui.mjs, electron.mjs) and scripts/start.mjs:
// a real VS Code = code-server (VS Code's server, node extension host and web workbench) on Node 24,
// installed by .ci/setup-vscode-host.sh into $VSCODE_HOST_DIR (default .vscode-host/), Debian's
// chromium driven by playwright-core, and the ModelArts emulator. Nothing is downloaded at run time.
//
// Isolation: every run gets its own folder under .e2e/ (user data, extensions, workspace, browser
// profile, HOME and XDG dirs) and a private TMPDIR, so the user's own VS Code, code-server config
// and home folder are never read or written. Every process is spawned in its own process group and
// the whole group is stopped at the end, also on Ctrl-C.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const E2E_DIR = path.join(ROOT, '.e2e');
export const HOST_DIR = path.resolve(process.env.VSCODE_HOST_DIR || path.join(ROOT, '.vscode-host'));
const NODE24 = path.join(HOST_DIR, 'node/node_modules/node/bin/node');
const CODE_SERVER = path.join(HOST_DIR, 'cs/node_modules/code-server/out/node/entry.js');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

export const EXTENSION_ID = 'modelarts-plugins.modelarts-plugins';
export const VSIX = path.join(ROOT, 'dist/modelarts-plugins.vsix');
/** Demo credentials the emulator accepts; given to the extension host only where a mode wants them. */
export const DEMO_CREDENTIALS = {
  HUAWEICLOUD_SDK_AK: 'DEMOACCESSKEY00000000',
  HUAWEICLOUD_SDK_SK: 'demo-secret-key-not-a-real-one-0000000000',
};
/**
 * A security token the extension-host runs send with the demo keys (the emulator accepts a token
 * the demo pair does not require), so the secrets check (secrets.mjs) can look for it too.
 */
export const TEST_SECURITY_TOKEN = 'test-security-token-3f9c1e7a-never-in-a-log';
export const VERBOSE = !!process.env.VSCODE_HOST_VERBOSE;

/** An expected failure with a one-line explanation (no stack trace needed). */
export class HarnessError extends Error {}

const t0 = Date.now();
export const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
export const log = (msg) => console.log(`[${elapsed()}] ${msg}`);
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// cleanup: a stack of async steps run in reverse order by stopAll(), on Ctrl-C and (best effort,
// synchronously) on exit

const cleanups = [];
const groups = new Set(); // process-group ids still to kill
let stopping;

/** True once stopAll() has begun (processes exiting then are expected to). */
export const isStopping = () => stopping !== undefined;

export function onCleanup(fn) {
  cleanups.push(fn);
}

export function stopAll() {
  stopping ??= (async () => {
    while (cleanups.length) {
      try {
        await cleanups.pop()();
      } catch (e) {
        if (VERBOSE) console.error('cleanup:', e);
      }
    }
  })();
  return stopping;
}

process.on('exit', () => {
  for (const pgid of groups) {
    try { process.kill(-pgid, 'SIGKILL'); } catch { /* already gone */ }
  }
});

/**
 * Ctrl-C / SIGTERM / SIGHUP stop everything this process started, then exit. A second signal (or
 * 15 s without progress) exits at once; the exit handler above still SIGKILLs the process groups.
 */
export function stopOnSignals(message) {
  let signalled = false;
  const onSignal = () => {
    if (signalled) process.exit(130);
    signalled = true;
    if (message) console.log(`\n${message}`);
    setTimeout(() => process.exit(130), 15_000).unref();
    stopAll().finally(() => process.exit(130));
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, onSignal);
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** SIGTERM the whole process group, SIGKILL whatever is left after `graceMs`. */
export async function stopGroup(pgid, graceMs = 5000) {
  if (!groups.delete(pgid)) return;
  try { process.kill(-pgid, 'SIGTERM'); } catch { return; }
  const end = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < end) await sleep(100);
  if (groupAlive(pgid)) {
    try { process.kill(-pgid, 'SIGKILL'); } catch { /* gone meanwhile */ }
  }
}

/** spawn() in a new process group that stopAll() kills as a whole (code-server forks several helpers). */
export function spawnGroup(cmd, args, options) {
  const child = spawn(cmd, args, { ...options, detached: true });
  if (child.pid === undefined) throw new HarnessError(`could not start ${cmd}`);
  groups.add(child.pid);
  onCleanup(() => stopGroup(child.pid));
  return child;
}

// ---------------------------------------------------------------------------------------------
// run folder, environment, settings

export function hostInstalled() {
  return fs.existsSync(path.join(HOST_DIR, 'node/.ok')) && fs.existsSync(path.join(HOST_DIR, 'cs/.ok'));
}

function hostReady() {
  return hostInstalled() && fs.existsSync(CHROMIUM);
}

/**
 * The host is installed on first use by whatever needs it (npm start, npm test, test:host, test:ui),
 * so a newcomer's two commands are the whole set-up. The script is idempotent and takes a lock, and
 * clears the npm environment it inherits from the npm script that started us.
 */
export function ensureHost() {
  if (hostReady()) return;
  log(`first use: installing VS Code (code-server), Node 24 and chromium into ${HOST_DIR} (a few minutes)`);
  const r = spawnSync('bash', [path.join(ROOT, '.ci/setup-vscode-host.sh')], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    throw new HarnessError(`installing the VS Code host into ${HOST_DIR} failed (${r.signal ?? `exit code ${r.status}`}); ` +
      'the lines above say why; run it alone with: bash .ci/setup-vscode-host.sh');
  }
  if (!hostInstalled()) throw new HarnessError(`the host setup ended but ${HOST_DIR} is still incomplete`);
  if (!fs.existsSync(CHROMIUM)) throw new HarnessError(`${CHROMIUM} is missing (CHROMIUM=… names another browser?)`);
}

export function requireFile(file, hint) {
  if (!fs.existsSync(file)) throw new HarnessError(`${path.relative(ROOT, file)} is missing; ${hint}`);
}

/** The environment minus what must not leak into the test VS Code. */
export function cleanEnv(base = process.env) {
  const env = { ...base };
  for (const k of Object.keys(env)) {
    // VSCODE_IPC_HOOK_CLI & co. (set in a VS Code terminal) would make code-server's CLI talk to the
    // user's running VS Code; real cloud credentials must only come from the mode that wants demo ones
    if (k.startsWith('VSCODE_') || k.startsWith('HUAWEICLOUD_SDK_') || k === 'ELECTRON_RUN_AS_NODE') delete env[k];
  }
  return env;
}

/**
 * A fresh run folder: .e2e/<name>-<timestamp>/ (or `dir`, wiped first) holding user-data, extensions,
 * workspace, browser profile and a private HOME; a private short TMPDIR (unix socket paths are limited
 * to 107 bytes) removed on exit. `env` is the environment for everything started in this run.
 */
export function createRun(name, { dir } = {}) {
  dir ??= path.join(E2E_DIR, `${name}-${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '')}-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mah-'));
  process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
  process.env.TMPDIR = tmp; // playwright and chromium put their temp files there too
  const home = path.join(dir, 'home');
  const run = {
    name,
    dir,
    tmp,
    home,
    userData: path.join(dir, 'user-data'),
    extensions: path.join(dir, 'extensions'),
    workspace: path.join(dir, 'workspace'),
    browser: path.join(dir, 'browser'),
  };
  for (const d of [run.userData, run.extensions, run.workspace, path.join(home, '.config')]) fs.mkdirSync(d, { recursive: true });
  run.env = {
    ...cleanEnv(),
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local/share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_STATE_HOME: path.join(home, '.local/state'),
    TMPDIR: tmp,
  };
  return run;
}

/** Keep the newest `keep` run folders of this kind, delete older ones. */
export function pruneRuns(name, keep = 5) {
  if (!fs.existsSync(E2E_DIR)) return;
  const re = new RegExp(`^${name}-\\d{8}T\\d{6}-\\d+$`);
  const old = fs.readdirSync(E2E_DIR).filter((d) => re.test(d)).sort().slice(0, -keep);
  for (const d of old) fs.rmSync(path.join(E2E_DIR, d), { recursive: true, force: true });
}

/** After a passing run: drop the bulky profile folders, keep logs and screenshots. */
export function slimRun(run) {
  for (const d of [run.browser, run.extensions, run.home]) fs.rmSync(d, { recursive: true, force: true });
}

export function emulatorSettings(url) {
  return { 'modelarts.cloud': 'custom', 'modelarts.endpoint': url, 'modelarts.iamEndpoint': url };
}

/** User settings of the test VS Code: quiet, offline-friendly, plus `extra` (e.g. emulatorSettings()). */
export function writeUserSettings(run, extra = {}) {
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'chat.disableAIFeatures': true,
    'git.openRepositoryInParentFolders': 'never', // the run folder lies inside this git repo
    'security.workspace.trust.enabled': false,
    ...extra,
  };
  fs.mkdirSync(path.join(run.userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(run.userData, 'User/settings.json'), JSON.stringify(settings, null, 2) + '\n');
}

export function freePort(preferred) {
  const tryPort = (port) => new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(undefined));
    s.listen(port, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
  return (async () => (preferred ? await tryPort(preferred) : undefined) ?? tryPort(0))();
}

function tail(file, lines = 15) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).map((l) => `    ${l}`).join('\n');
  } catch {
    return '    (no log)';
  }
}

// ---------------------------------------------------------------------------------------------
// the emulator

/**
 * Starts `node dist/emulator.js --port 0 ...` (MODELARTS_EMULATOR_JS overrides the script) and waits
 * for its first stdout line `MODELARTS_EMULATOR_URL=http://127.0.0.1:PORT`. Output goes to emulator.log.
 */
export async function startEmulator(run, { deleteDelayMs, installDelayMs, updateDelayMs } = {}) {
  const script = process.env.MODELARTS_EMULATOR_JS || path.join(ROOT, 'dist/emulator.js');
  requireFile(script, 'build it with: npm run build');
  const logFile = path.join(run.dir, 'emulator.log');
  const logStream = fs.createWriteStream(logFile, { flags: 'a' });
  const args = [script, '--port', '0'];
  if (deleteDelayMs !== undefined) args.push('--delete-delay-ms', String(deleteDelayMs));
  if (installDelayMs !== undefined) args.push('--install-delay-ms', String(installDelayMs));
  if (updateDelayMs !== undefined) args.push('--update-delay-ms', String(updateDelayMs));
  const child = spawnGroup(process.execPath, args, { cwd: ROOT, env: run.env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr.pipe(logStream);
  const lines = readline.createInterface({ input: child.stdout });
  // the banner tells a person the demo secret key; the log is checked for secrets (secrets.mjs), and the
  // emulator saying its own demo key is not a leak by the product
  lines.on('line', (l) => logStream.write(l.replaceAll(DEMO_CREDENTIALS.HUAWEICLOUD_SDK_SK, '<demo secret key>') + '\n'));
  const url = await new Promise((resolve, reject) => {
    // the write callback runs once everything logged so far is on disk, so the tail is complete
    const fail = (why) => logStream.write('', () =>
      reject(new HarnessError(`emulator ${why}; ${path.relative(ROOT, logFile)}:\n${tail(logFile)}`)));
    const timer = setTimeout(() => fail('printed no MODELARTS_EMULATOR_URL line within 20 s'), 20_000);
    const early = (code, sig) => { clearTimeout(timer); fail(`exited (${sig ?? code}) before printing its URL`); };
    child.once('close', early); // 'close': after its output is drained
    lines.once('line', (line) => {
      clearTimeout(timer);
      child.off('close', early);
      const m = /^MODELARTS_EMULATOR_URL=(http:\/\/\S+)$/.exec(line.trim());
      if (m) resolve(m[1].replace(/\/$/, ''));
      else fail(`first line was not MODELARTS_EMULATOR_URL=...: ${JSON.stringify(line)}`);
    });
  });
  child.once('exit', (code, sig) => { if (!stopping) console.error(`emulator exited unexpectedly (${sig ?? code})`); });
  // its request log goes next to its output before it stops (cleanups run last-in, first-out)
  onCleanup(async () => {
    const r = await fetch(`${url}/__emulator/requests`, { signal: AbortSignal.timeout(5000) });
    fs.writeFileSync(path.join(run.dir, 'emulator-requests.json'), await r.text());
  });
  return { url, child, logFile };
}

/**
 * A language pack for `locale` as VS Code's own LocalizationsService records an installed one: an
 * entry in <user-data>/languagepacks.json whose "vscode" translations file exists. It translates
 * nothing of the workbench (its main.i18n.json is empty); it only makes `locale` the display
 * language, which is what the extension's own bundles need.
 */
export function languagePack(run, locale) {
  const dir = path.join(run.dir, 'language-pack');
  fs.mkdirSync(dir, { recursive: true });
  const translations = path.join(dir, 'main.i18n.json');
  fs.writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  // the workbench reads the first extension's id of each pack (Configure Display Language)
  const extensions = [{ extensionIdentifier: { id: `modelarts-tests.language-pack-${locale}` }, version: '1.0.0' }];
  const pack = { hash: `test-${locale}`, extensions, translations: { vscode: translations }, label: locale };
  fs.writeFileSync(path.join(run.userData, 'languagepacks.json'), JSON.stringify({ [locale]: pack }));
}

// ---------------------------------------------------------------------------------------------
// code-server

const codeServerBase = (run) => [CODE_SERVER, '--user-data-dir', run.userData, '--extensions-dir', run.extensions];

/** A code-server CLI call against this run's profile, e.g. ['--install-extension', vsix]. */
export function codeServerCli(run, args) {
  try {
    return execFileSync(NODE24, [...codeServerBase(run), ...args], { env: run.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    throw new HarnessError(`code-server ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

export function installVsix(run, vsix = VSIX) {
  requireFile(vsix, 'build it with: npm run package');
  const out = codeServerCli(run, ['--install-extension', vsix]);
  const installed = codeServerCli(run, ['--list-extensions', '--show-versions']);
  if (!installed.toLowerCase().includes(EXTENSION_ID)) throw new HarnessError(`installing ${vsix} failed:\n${out}`);
  return installed.trim().split('\n').find((l) => l.toLowerCase().startsWith(EXTENSION_ID));
}

/**
 * Starts code-server on 127.0.0.1 without auth (test/demo only) and waits for /healthz.
 * `url` opens the run's workspace folder.
 */
export async function startCodeServer(run, { env = run.env, port, args = [] } = {}) {
  port ??= await freePort();
  const logFile = path.join(run.dir, 'code-server.log');
  const out = fs.openSync(logFile, 'a');
  const child = spawnGroup(NODE24, [...codeServerBase(run), '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    ...args, run.workspace], { env, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const base = `http://127.0.0.1:${port}`;
  for (const end = Date.now() + 60_000; ;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new HarnessError(`code-server exited (${child.signalCode ?? child.exitCode}); ${path.relative(ROOT, logFile)}:\n${tail(logFile)}`);
    }
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > end) throw new HarnessError(`code-server did not answer on ${base} within 60 s`);
    await sleep(100);
  }
  return { child, base, host: `127.0.0.1:${port}`, port, logFile, url: `${base}/?folder=${encodeURIComponent(run.workspace)}` };
}

// ---------------------------------------------------------------------------------------------
// the browser

export async function launchBrowser(run) {
  const { chromium } = await import('playwright-core');
  const ctx = await chromium.launchPersistentContext(run.browser, {
    executablePath: CHROMIUM,
    env: run.env, // private HOME/XDG dirs: otherwise chromium writes ~/.config/chromium and ~/.cache/dconf
    headless: true,
    viewport: { width: 1400, height: 850 },
    handleSIGINT: false, // stopOnSignals() closes it in order with the rest
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  onCleanup(() => ctx.close());
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  return { ctx, page };
}

// Harmless offline: gallery (open-vsx) and telemetry lookups, missing vsda files, secrets written by an
// earlier server key, the GitHub auth provider (no github extension), and the 404s of resources the web
// workbench probes for.
// The test runner's own rejection ("N extension-host test(s) failed") is redundant with the counts.
const NOISE = new RegExp([
  'open-vsx', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_NAME_NOT_RESOLVED', 'vsda', 'Failed to load resource', 'marketplace',
  'telemetry', 'Failed to decrypt secrets', "authentication provider 'github'", 'extension-host test\\(s\\) failed',
  'no extension-host tests ran',
].join('|'), 'i');

/**
 * Relays the workbench console: lines the test runner tagged "[test] " (without the tag, to
 * onTestLine) and real errors; everything with VSCODE_HOST_VERBOSE=1.
 */
export function relayConsole(page, { onTestLine = (l) => console.log(l) } = {}) {
  page.on('console', (msg) => {
    const raw = msg.text().replace(/\x1b\[[0-9;]*m/g, '');
    const tagged = /\[test\] ?([^]*)$/.exec(raw);
    if (tagged) {
      for (const line of tagged[1].split('\n')) onTestLine(line);
      return;
    }
    // msg.text() drops the %c markers but keeps their CSS arguments ("  ERR color: #f33 Error: ...")
    const text = raw.replace(/%c/g, '').replace(/\b(?:color|background|font-weight): ?[^;\s]*;?\s*/gi, '').trim();
    if (VERBOSE) console.log(`  [${elapsed()} ${msg.type()}] ${text}`);
    else if (msg.type() === 'error' && !NOISE.test(text)) console.log(`  [browser error] ${text.split('\n')[0]}`);
  });
}

/** Prints a failure clearly: HarnessError as one message, anything else with its stack. */
export function reportError(e) {
  console.error(e instanceof HarnessError ? `error: ${e.message}` : e);
}

/**
 * The common start of a run of the extension-host suites (test:host, test:electron): a fresh run
 * folder, the emulator, user settings pointing at it, and the environment the extension host gets
 * (demo keys, the emulator's URL, where the runner writes its result).
 */
export async function prepareSuiteRun(name) {
  pruneRuns(name);
  const run = createRun(name);
  const resultFile = path.join(run.dir, 'result.json');
  const emulator = await startEmulator(run, { deleteDelayMs: 1500, installDelayMs: 500, updateDelayMs: 500 });
  log(`emulator at ${emulator.url}`);
  writeUserSettings(run, emulatorSettings(emulator.url));
  const env = { ...run.env, ...DEMO_CREDENTIALS, HUAWEICLOUD_SDK_SECURITY_TOKEN: TEST_SECURITY_TOKEN, MODELARTS_EMULATOR_URL: emulator.url, MODELARTS_HOST_RESULT_FILE: resultFile };
  return { run, resultFile, emulator, env };
}

/** The outcome of a suite run from the runner's exit code and result file; a run that did not complete counts as one failure. */
export function suiteOutcome(code, resultFile) {
  const result = fs.existsSync(resultFile) ? JSON.parse(fs.readFileSync(resultFile, 'utf8')) : undefined;
  const passes = result?.passes ?? 0;
  const ok = code === 0 && result !== undefined && result.failures === 0 && passes > 0;
  return { ok, passes, failures: ok ? 0 : Math.max(result?.failures ?? 1, 1), result };
}

/**
 * Runs a harness entry point: stops everything on Ctrl-C, reports a crash as one failure, prints how
 * long it took and the closing line "<label>: N passed, M failed", and exits 0 only when `ok`.
 * `main` resolves to { ok, passes, failures }.
 */
export function runHarness(label, main, { failuresOnCrash = 1 } = {}) {
  stopOnSignals(`${label} interrupted; stopping`);
  const started = Date.now();
  main()
    .catch(async (e) => {
      reportError(e);
      await stopAll();
      return { ok: false, passes: 0, failures: failuresOnCrash };
    })
    .then(({ ok, passes, failures }) => {
      log(`${label} took ${((Date.now() - started) / 1000).toFixed(1)} s`);
      console.log(`${label.replace(/^test:/, '')}: ${passes} passed, ${failures} failed`);
      process.exit(ok ? 0 : 1);
    });
}
