#!/usr/bin/env node
// npm run bench — SPEC §12 budgets, side by side. Not part of `npm test`.
//
//   1. size      production build (node esbuild.js --production) and the .vsix (npm run package);
//                what takes the room, from esbuild's metafile (dist/extension.meta.json)
//   2. client    raw node-fetch (a) vs ModelArtsClient (b) vs the official SDK's HcClient (c): latency
//                at a 20 ms round trip, CPU per request on loopback
//   3. tree      open every pool of 50 × 20 at 50 ms latency, bounded by the client's 8 in flight
//   4. host      activate(), the first render of the project level and the delete path (confirmation
//                → open document, and the extension's own code on it) in the real VS Code extension host (see hostPart below); needs the
//                code-server install of .ci/setup-vscode-host.sh ($VSCODE_HOST_DIR), NOT RUN without it
//   5. scale     2,000 pools and 500 plug-ins, time and heap, with smaller sizes for the slope
//   6. fleet     Scan All Pools (src/core/scan.ts) over 3 projects × 50 pools at 50 ms latency
//   7. mcp       `modelarts-plugins mcp` (dist/cli.js) from process start to the answer of `initialize`
//                (issue 20: ≤ 300 ms), against a bare node process answering one line (the floor)
//
// Parts 2, 3, 5 and 6 are TypeScript under bench/ that import src/ directly; they are bundled with
// esbuild (the official SDK left in node_modules) into the git-ignored bench/results/build/ and each
// runs in its own process, each with its own emulator process (dist/emulator.js). Part 4 runs
// bench/host/ inside the extension host through test/harness/host.mjs. Every timing is a ratio against a baseline measured in the same run,
// as the median over repetitions with its spread. Prints one table; writes the same figures to
// bench/results/bench-<time>.json (and latest.json). Exit code 1 when a budget is broken.
//
// Options: --only size,client,tree,scale,fleet,host,mcp   run some parts only
//          --skip-package                       measure the existing dist/ and .vsix instead of rebuilding
// Env:     BENCH_REPS (default 7, at least 5)
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const { common: BUILD_OPTIONS, builtinPolyfills } = require(path.join(ROOT, 'esbuild.js'));
const RESULTS = path.join(HERE, 'results');
const BUILD = path.join(RESULTS, 'build');
const KB = 1000; // SPEC "KB": the stricter reading (1 KB = 1000 bytes)
const BUDGET_BUNDLE = 150 * KB;
const BUDGET_VSIX = 200 * KB;

const args = process.argv.slice(2);
const onlyArg = args.find((a) => a.startsWith('--only'));
const only = onlyArg ? (onlyArg.includes('=') ? onlyArg.split('=')[1] : args[args.indexOf(onlyArg) + 1]).split(',') : undefined;
const want = (p) => !only || only.includes(p);
if (Number(process.env.BENCH_REPS ?? 7) < 5) {
  console.error('bench: BENCH_REPS must be at least 5');
  process.exit(2);
}

const started = Date.now();
const log = (msg) => process.stderr.write(`bench: ${msg}\n`);
const rows = [];
const details = {};

// Timed processes run at a raised priority (nice -10) where that is allowed (root, CAP_SYS_NICE), so
// that other work on a shared machine disturbs the measurement less; figure and baseline alike. Set
// right after spawn, before the process starts its own children (emulator, code-server, chromium),
// which inherit it. Whether it could be raised is in the JSON (details.priority).
const PRIORITY = -10;
function raisePriority(child, name) {
  try {
    os.setPriority(child.pid, PRIORITY);
    (details.priority ??= {})[name] = PRIORITY;
  } catch (e) {
    (details.priority ??= {})[name] = `not raised: ${e.code ?? e.message}`;
  }
}

function run(cmd, argv, opts = {}) {
  const r = spawnSync(cmd, argv, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  return { ok: r.status === 0, status: r.status, out: (r.stdout || '') + (r.stderr || '') };
}

// ---------------------------------------------------------------- 1. size
function sizePart() {
  const t0 = Date.now();
  const vsix = path.join(ROOT, 'dist/modelarts-plugins.vsix');
  if (!args.includes('--skip-package')) {
    log('building: npm run package (production bundle + .vsix)');
    let r = run('npm', ['run', '-s', 'package']);
    const fresh = fs.existsSync(vsix) && fs.statSync(vsix).mtimeMs >= t0 - 1000;
    if (!r.ok || !fresh) {
      log(`npm run package did not produce a fresh .vsix (exit ${r.status}); falling back to esbuild --production + npx vsce package`);
      details.packageFallback = r.out.slice(-2000);
      r = run('node', ['esbuild.js', '--production']);
      if (!r.ok) throw new Error(`node esbuild.js --production failed:\n${r.out}`);
      r = run('npx', ['vsce', 'package', '--no-dependencies', '-o', 'dist/modelarts-plugins.vsix']);
      if (!r.ok) throw new Error(`vsce package failed:\n${r.out}`);
    }
  }
  const bundle = path.join(ROOT, 'dist/extension.js');
  const meta = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist/extension.meta.json'), 'utf8'));
  const out = meta.outputs['dist/extension.js'];
  const bundleBytes = fs.statSync(bundle).size;
  const minified = !fs.readFileSync(bundle, 'utf8').slice(0, 4000).includes('\n  ');
  const vsixBytes = fs.statSync(vsix).size;
  rows.push(
    sizeRow('dist/extension.js (minified)', bundleBytes, BUDGET_BUNDLE, minified ? undefined : 'NOT minified: the production build did not run'),
    sizeRow('dist/modelarts-plugins.vsix', vsixBytes, BUDGET_VSIX),
  );
  // the agent tools: in the .vsix, loaded only on the first language-model tool call (esbuild.js)
  const agentsFile = path.join(ROOT, 'dist/agents.js');
  if (fs.existsSync(agentsFile)) {
    const agentsBytes = fs.statSync(agentsFile).size;
    rows.push({
      part: 'size', metric: '  dist/agents.js (loaded on the first tool call)', unit: 'bytes', value: agentsBytes, baseline: bundleBytes, baselineLabel: 'bundle',
      ratio: agentsBytes / bundleBytes, ratioMedian: null, ratioMin: null, ratioMax: null, n: 1, budgetInfo: 'info (in the .vsix)', status: 'INFO',
    });
  }
  // what takes the room: inputs, and inputs grouped by package (node_modules/<pkg>) or src/<dir>
  const inputs = Object.entries(out.inputs)
    .map(([file, v]) => ({ file, bytes: v.bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes);
  const groupOf = (f) => {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f);
    if (m) return m[1];
    return f.split('/').slice(0, 2).join('/');
  };
  const groups = new Map();
  for (const i of inputs) groups.set(groupOf(i.file), (groups.get(groupOf(i.file)) ?? 0) + i.bytes);
  const byGroup = [...groups].map(([group, bytes]) => ({ group, bytes })).sort((a, b) => b.bytes - a.bytes);
  const inputTotal = inputs.reduce((t, i) => t + i.bytes, 0);
  details.size = { bundleBytes, vsixBytes, minified, inputTotal, topInputs: inputs.slice(0, 15), byGroup };
  polyfillSizes(bundleBytes, vsixBytes);
  for (const i of inputs.slice(0, 5)) {
    rows.push({
      part: 'size', metric: `  input: ${i.file}`, unit: 'bytes', value: i.bytes, baseline: bundleBytes, baselineLabel: 'bundle',
      ratio: i.bytes / bundleBytes, ratioMedian: null, ratioMin: null, ratioMax: null, n: 1, budgetInfo: 'info (share)', status: 'INFO',
    });
  }
}

// The same production bundle and .vsix with node-fetch's polyfills left in (esbuild.js resolves
// web-streams-polyfill to node:stream/web): the before/after of that resolution. The .vsix is packaged
// again in a scratch copy of the manifest, media and bundle, so dist/ stays as measured.
function polyfillSizes(bundleBytes, vsixBytes) {
  const esbuild = require('esbuild');
  const scratch = path.join(BUILD, 'with-polyfills');
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.mkdirSync(path.join(scratch, 'dist'), { recursive: true });
  const r = esbuild.buildSync({
    ...BUILD_OPTIONS, plugins: [], minify: true, sourcemap: false, metafile: true,
    entryPoints: [path.join(ROOT, 'src/extension.ts')], outfile: path.join(scratch, 'dist/extension.js'), external: ['vscode'], logLevel: 'error',
  });
  const withBytes = fs.statSync(path.join(scratch, 'dist/extension.js')).size;
  const polyfillBytes = Object.entries(r.metafile.outputs[Object.keys(r.metafile.outputs)[0]].inputs)
    .filter(([f]) => f.includes('node_modules/web-streams-polyfill/'))
    .reduce((t, [, v]) => t + v.bytesInOutput, 0);
  for (const f of ['package.json', 'README.md', 'LICENSE', '.vscodeignore']) if (fs.existsSync(path.join(ROOT, f))) fs.copyFileSync(path.join(ROOT, f), path.join(scratch, f));
  fs.cpSync(path.join(ROOT, 'media'), path.join(scratch, 'media'), { recursive: true });
  const vsce = path.join(ROOT, 'node_modules/.bin/vsce');
  const p = run(vsce, ['package', '--no-dependencies', '-o', path.join(scratch, 'with-polyfills.vsix')], { cwd: scratch });
  const withVsix = p.ok ? fs.statSync(path.join(scratch, 'with-polyfills.vsix')).size : null;
  details.size.polyfills = { bundleWith: withBytes, bundleWithout: bundleBytes, vsixWith: withVsix, vsixWithout: vsixBytes, webStreamsPolyfillBytes: polyfillBytes, vsceOutput: p.ok ? undefined : p.out.slice(-1000) };
  const info = (metric, now, before, note) => ({
    part: 'size', metric, unit: 'bytes', value: now, baseline: before, baselineLabel: 'polyfills in', ratio: before ? now / before : null,
    ratioMedian: null, ratioMin: null, ratioMax: null, n: 1, budgetInfo: 'info: before → after', status: 'INFO', note,
  });
  rows.push(
    info('  dist/extension.js, polyfills → Node built-ins', bundleBytes, withBytes, `web-streams-polyfill was ${polyfillBytes} B of the bundle`),
    info('  .vsix, polyfills → Node built-ins', vsixBytes, withVsix, p.ok ? undefined : 'vsce could not package the scratch copy'),
  );
}

function sizeRow(metric, bytes, limit, problem) {
  const ok = bytes <= limit && !problem;
  return {
    part: 'size', metric, unit: 'bytes', value: bytes, baseline: limit, baselineLabel: 'budget', ratio: bytes / limit,
    ratioMedian: null, ratioMin: null, ratioMax: null, n: 1,
    budget: { op: '<=', limit, on: 'value', text: `≤ ${limit / KB} KB` }, status: ok ? 'PASS' : 'FAIL', note: problem,
  };
}

// ---------------------------------------------------------------- 2, 3, 5: workers
async function bundleWorkers(names) {
  const esbuild = require('esbuild');
  fs.mkdirSync(BUILD, { recursive: true });
  if (!fs.existsSync(path.join(ROOT, 'dist/emulator.js'))) {
    const r = run('node', ['esbuild.js']);
    if (!r.ok) throw new Error(`node esbuild.js failed:\n${r.out}`);
  }
  await esbuild.build({
    entryPoints: Object.fromEntries(names.map((n) => [n, path.join(HERE, `${n}.ts`)])),
    outdir: BUILD,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
    // src/ and node-fetch bundled as in dist/extension.js; the official SDK is a devDependency and
    // stays a runtime require from node_modules
    external: ['@huaweicloud/*', 'vscode'],
    plugins: [builtinPolyfills],
  });
}

function runWorker(name, nodeArgs = []) {
  return new Promise((resolve) => {
    const outFile = path.join(BUILD, `${name}.result.json`);
    fs.rmSync(outFile, { force: true });
    const t0 = Date.now();
    const child = spawn(process.execPath, [...nodeArgs, path.join(BUILD, `${name}.js`), outFile], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    raisePriority(child, name);
    child.on('exit', (code) => {
      const seconds = (Date.now() - t0) / 1000;
      if (code === 0 && fs.existsSync(outFile)) {
        const r = JSON.parse(fs.readFileSync(outFile, 'utf8'));
        rows.push(...r.rows);
        details[name] = { seconds, ...r.details };
      } else {
        rows.push({ part: name, metric: `${name} benchmark did not complete (exit ${code})`, unit: '', value: null, baseline: null, ratio: null, ratioMedian: null, ratioMin: null, ratioMax: null, n: 0, status: 'FAIL' });
      }
      log(`${name}: ${seconds.toFixed(1)} s`);
      resolve();
    });
  });
}

// ---------------------------------------------------------------- 4. host
// Activation, the first render of the project level and the delete path, inside the real VS Code
// node extension host: bench/host/*.bench.ts is bundled into bench/results/build/host/*.test.js
// (inside the extension folder, so require('vscode') resolves to the extension's API) and run by the
// extension-host harness (test/harness/host.mjs: emulator, code-server, headless chromium) through
// the runner's MODELARTS_HOST_SUITES_DIR instead of the tests. The suite writes { rows, details } to
// $MODELARTS_BENCH_HOST_OUT. Measures the dist/extension.js that is there: the production build of
// the size part (or, with --only host, a fresh `node esbuild.js --production` unless --skip-package).
const HOST_DIR = path.resolve(process.env.VSCODE_HOST_DIR || path.join(ROOT, '.vscode-host'));
const HOST_BUILD = path.join(BUILD, 'host');
const HOST_METRICS = [
  ['activate(): repeated calls (work)', '≤ 10 ms'],
  ['render: refresh → project rows (provider)', 'info'],
  ['delete: confirmation → open document', '≤ RT + open/show + 10 ms'],
  ["delete: the extension's own code on the path", '≤ 5 ms'],
];

function hostNotRun(note) {
  for (const [metric, budgetInfo] of HOST_METRICS) {
    rows.push({ part: 'host', metric, unit: 'ms', value: null, baseline: null, ratio: null, ratioMedian: null, ratioMin: null, ratioMax: null, n: 0, budgetInfo, status: 'NOT RUN', note });
  }
  log(`host: NOT RUN — ${note}`);
}

async function hostPart({ sizeRan }) {
  // what test/harness/lib.mjs requireHost() checks
  const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
  const missing = [path.join(HOST_DIR, 'node/.ok'), path.join(HOST_DIR, 'cs/.ok'), chromium].filter((f) => !fs.existsSync(f));
  if (missing.length) {
    details.host = { notRun: 'VS Code host not installed', hostDir: HOST_DIR, missing };
    return hostNotRun(`VS Code host not installed in ${HOST_DIR} (missing ${missing.map((f) => path.basename(path.dirname(f)) + '/' + path.basename(f)).join(', ')}): bash .ci/setup-vscode-host.sh, or set VSCODE_HOST_DIR`);
  }
  const runnerSrc = path.join(ROOT, 'test/host/index.ts');
  if (!fs.existsSync(runnerSrc) || !/MODELARTS_HOST_SUITES_DIR/.test(fs.readFileSync(runnerSrc, 'utf8'))) {
    return hostNotRun('test/host/index.ts does not read MODELARTS_HOST_SUITES_DIR');
  }
  const t0 = Date.now();
  if (!sizeRan && !args.includes('--skip-package')) {
    log('host: building the production bundle (node esbuild.js --production)');
    const r = run('node', ['esbuild.js', '--production']);
    if (!r.ok) throw new Error(`node esbuild.js --production failed:\n${r.out}`);
  }
  for (const f of ['dist/extension.js', 'dist/emulator.js']) {
    if (!fs.existsSync(path.join(ROOT, f))) throw new Error(`${f} is missing (build with node esbuild.js --production)`);
  }
  const esbuild = require('esbuild');
  // the runner dist/test/index.js (harness: extensionTestsPath), built as esbuild.js does, alone, so
  // that the production dist/extension.js stays as it is
  await esbuild.build({
    entryPoints: { 'test/index': runnerSrc }, outdir: path.join(ROOT, 'dist'), bundle: true, platform: 'node', format: 'cjs',
    target: 'node20', sourcemap: true, sourcesContent: false, logLevel: 'warning', legalComments: 'none', external: ['vscode', 'mocha'],
  });
  fs.rmSync(HOST_BUILD, { recursive: true, force: true });
  const suites = fs.readdirSync(path.join(HERE, 'host')).filter((f) => f.endsWith('.bench.ts'));
  await esbuild.build({
    entryPoints: Object.fromEntries(suites.map((f) => [f.replace(/\.bench\.ts$/, '.test'), path.join(HERE, 'host', f)])),
    outdir: HOST_BUILD, bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: 'inline', logLevel: 'warning',
    external: ['vscode', 'mocha'],
  });
  const outFile = path.join(BUILD, 'host.result.json');
  const logFile = path.join(BUILD, 'host.log');
  fs.rmSync(outFile, { force: true });
  log('host: running bench/host/ in the extension host (test/harness/host.mjs)');
  const env = {
    ...process.env,
    MODELARTS_HOST_SUITES_DIR: HOST_BUILD,
    MODELARTS_BENCH_HOST_OUT: outFile,
    MODELARTS_HOST_TIMEOUT_MS: process.env.MODELARTS_HOST_TIMEOUT_MS ?? '240000',
  };
  const { code, tail } = await new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'test/harness/host.mjs')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    raisePriority(child, 'host');
    const logStream = fs.createWriteStream(logFile);
    const lines = [];
    let pending = '';
    const onData = (chunk) => {
      logStream.write(chunk);
      pending += chunk.toString();
      const parts = pending.split('\n');
      pending = parts.pop();
      for (const l of parts) {
        lines.push(l);
        process.stderr.write(`  host │ ${l}\n`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (c) => {
      if (pending) lines.push(pending);
      logStream.end();
      resolve({ code: c, tail: lines.slice(-25) });
    });
  });
  const seconds = (Date.now() - t0) / 1000;
  const summary = tail.filter((l) => /^host: \d+ passed/.test(l)).pop();
  if (fs.existsSync(outFile)) {
    const r = JSON.parse(fs.readFileSync(outFile, 'utf8'));
    rows.push(...r.rows);
    details.host = { seconds, harness: summary, exitCode: code, log: path.relative(ROOT, logFile), ...r.details };
  } else {
    details.host = { seconds, harness: summary, exitCode: code, log: path.relative(ROOT, logFile), tail };
  }
  if (code !== 0 && !rows.some((r) => r.part === 'host' && r.status === 'FAIL')) {
    rows.push({ part: 'host', metric: `host benchmark did not complete (harness exit ${code}; ${path.relative(ROOT, logFile)})`, unit: '', value: null, baseline: null, ratio: null, ratioMedian: null, ratioMin: null, ratioMax: null, n: 0, status: 'FAIL' });
  }
  log(`host: ${seconds.toFixed(1)} s${summary ? ` (${summary})` : ''}`);
}

// ---------------------------------------------------------------- 7. mcp
// What an MCP client waits for before its first tool list: spawn `node dist/cli.js mcp`, write the
// `initialize` request at once, stop the clock at the first line on stdout (checked to be the
// answer). The floor is a bare `node -e` that answers one line of stdin the same way, sampled
// alternately with it. No network: the server reads nothing before a tool is called.
const MCP_BUDGET_MS = 300;

function firstLineMs(argv, input, env) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, argv, { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'ignore'] });
    raisePriority(child, 'mcp');
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      child.kill();
      resolve({ ms, line: out.slice(0, nl) });
    });
    child.on('error', reject);
    child.on('exit', (code) => (out.includes('\n') ? undefined : reject(new Error(`exited ${code} before answering`))));
    child.stdin.write(input);
  });
}

async function mcpPart({ sizeRan }) {
  if (!sizeRan && !args.includes('--skip-package')) {
    const r = run('node', ['esbuild.js', '--production']);
    if (!r.ok) throw new Error(`node esbuild.js --production failed:\n${r.out}`);
  }
  const cli = path.join(ROOT, 'dist/cli.js');
  const reps = Number(process.env.BENCH_REPS ?? 7);
  const init = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1' } } }) + '\n';
  const env = { PATH: process.env.PATH ?? '', HUAWEICLOUD_SDK_AK: 'BENCHACCESSKEY000000', HUAWEICLOUD_SDK_SK: 'bench-secret-not-used' };
  const mcpArgs = [cli, 'mcp', '--cloud', 'custom', '--endpoint', 'http://127.0.0.1:9', '--iam-endpoint', 'http://127.0.0.1:9'];
  const floorArgs = ['-e', "process.stdin.once('data', () => process.stdout.write('{}\\n'))"];
  const mcp = [];
  const floor = [];
  await firstLineMs(mcpArgs, init, env); // warm the file cache
  for (let i = 0; i < reps; i++) {
    floor.push((await firstLineMs(floorArgs, init, env)).ms);
    const r = await firstLineMs(mcpArgs, init, env);
    const answer = JSON.parse(r.line);
    if (answer.id !== 1 || answer.result?.serverInfo?.name !== 'modelarts-plugins') throw new Error(`not the initialize answer: ${r.line.slice(0, 200)}`);
    mcp.push(r.ms);
  }
  const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  const ratios = mcp.map((m, i) => m / floor[i]);
  const value = median(mcp);
  details.mcp = { mcpMs: mcp, floorMs: floor, cliBytes: fs.statSync(cli).size };
  rows.push({
    part: 'mcp', metric: 'mcp: start → initialize answered', unit: 'ms', value, baseline: median(floor), baselineLabel: 'bare node', ratio: value / median(floor),
    ratioMedian: median(ratios), ratioMin: Math.min(...ratios), ratioMax: Math.max(...ratios), n: reps,
    budget: { op: '<=', limit: MCP_BUDGET_MS, on: 'value', text: `≤ ${MCP_BUDGET_MS} ms` }, status: value <= MCP_BUDGET_MS ? 'PASS' : 'FAIL',
  });
  log(`mcp: ${value.toFixed(0)} ms (bare node ${median(floor).toFixed(0)} ms)`);
}

// ---------------------------------------------------------------- table
function fmt(v, unit) {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  if (unit === 'bytes') return v >= 10_000 ? `${(v / KB).toFixed(1)} KB` : `${Math.round(v)} B`;
  if (unit === 'bytes/item') return `${Math.round(v)} B/item`;
  const a = Math.abs(v);
  if (Number.isInteger(v)) return unit ? `${v} ${unit}` : String(v);
  const n = a >= 1000 ? v.toFixed(0) : a >= 100 ? v.toFixed(1) : a >= 10 ? v.toFixed(2) : v.toFixed(3);
  return unit ? `${n} ${unit}` : n;
}
const r3 = (v) => (v === null || v === undefined || Number.isNaN(v) ? '—' : v.toFixed(3));

function table() {
  const head = ['part', 'metric', 'value', 'baseline', 'ratio', 'median', 'spread (min–max)', 'n', 'budget', 'result'];
  const body = rows.map((r) => [
    r.part,
    r.metric,
    fmt(r.value, r.unit),
    r.baseline === null || r.baseline === undefined ? '—' : `${fmt(r.baseline, r.unit)}${r.baselineLabel ? ` (${r.baselineLabel})` : ''}`,
    r3(r.ratio),
    r3(r.ratioMedian),
    r.ratioMin === null || r.ratioMin === undefined ? '—' : `${r3(r.ratioMin)}–${r3(r.ratioMax)}`,
    String(r.n ?? ''),
    r.budget?.text ?? r.budgetInfo ?? '',
    r.status,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => (i >= 2 && i <= 7 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' │ ');
  const sep = widths.map((w) => '─'.repeat(w)).join('─┼─');
  const out = [line(head), sep];
  let part = rows[0]?.part;
  for (let i = 0; i < body.length; i++) {
    if (rows[i].part !== part) {
      out.push(sep);
      part = rows[i].part;
    }
    out.push(line(body[i]));
  }
  return out.join('\n');
}

// ---------------------------------------------------------------- main
async function main() {
  if (want('size')) {
    try {
      sizePart();
    } catch (e) {
      rows.push({ part: 'size', metric: `size: ${e.message.split('\n')[0]}`, unit: '', value: null, baseline: null, ratio: null, ratioMedian: null, ratioMin: null, ratioMax: null, n: 0, status: 'FAIL' });
      details.sizeError = e.message;
    }
  }
  const workers = [
    ['client-overhead', 'client', []],
    ['tree', 'tree', []],
    ['scale', 'scale', ['--expose-gc']],
    ['fleet', 'fleet', []],
  ].filter(([, part]) => want(part));
  if (workers.length) {
    await bundleWorkers(workers.map(([n]) => n));
    for (const [name, , nodeArgs] of workers) {
      log(`running ${name}`);
      await runWorker(name, nodeArgs);
    }
  }
  if (want('mcp')) {
    try {
      await mcpPart({ sizeRan: want('size') });
    } catch (e) {
      rows.push({ part: 'mcp', metric: `mcp: ${e.message.split('\n')[0]}`, unit: '', value: null, baseline: null, ratio: null, ratioMedian: null, ratioMin: null, ratioMax: null, n: 0, status: 'FAIL' });
    }
  }
  if (want('host')) {
    try {
      await hostPart({ sizeRan: want('size') });
    } catch (e) {
      rows.push({ part: 'host', metric: `host: ${e.message.split('\n')[0]}`, unit: '', value: null, baseline: null, ratio: null, ratioMedian: null, ratioMin: null, ratioMax: null, n: 0, status: 'FAIL' });
      details.hostError = e.stack ?? e.message;
    }
  }

  const totalSeconds = (Date.now() - started) / 1000;
  const failed = rows.filter((r) => r.status === 'FAIL');
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: os.cpus().length,
    loadavg: os.loadavg(),
    git: run('git', ['rev-parse', '--short', 'HEAD']).out.trim(),
    totalSeconds,
    rows,
    details,
  };
  fs.mkdirSync(RESULTS, { recursive: true });
  const file = path.join(RESULTS, `bench-${result.date.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify(result, null, 1));
  fs.writeFileSync(path.join(RESULTS, 'latest.json'), JSON.stringify(result, null, 1));

  if (details.size?.byGroup) {
    console.log('\nBundle dist/extension.js by package (esbuild metafile, bytesInOutput):');
    for (const g of details.size.byGroup.slice(0, 8)) console.log(`  ${String(g.bytes).padStart(7)}  ${((100 * g.bytes) / details.size.bundleBytes).toFixed(1).padStart(5)}%  ${g.group}`);
  }
  console.log(`\nratio = value / baseline (of the medians); median and spread = of the per-repetition ratios, on which budgets are checked.`);
  console.log(`${result.cpus} CPUs, load ${result.loadavg.map((l) => l.toFixed(2)).join(' ')}, Node ${process.version}; ${totalSeconds.toFixed(0)} s in all.\n`);
  console.log(table());
  for (const note of new Set(rows.filter((r) => r.status === 'NOT RUN' && r.note).map((r) => `${r.part}: ${r.note}`))) console.log(`NOT RUN ${note}`);
  console.log(`\n${failed.length ? `FAIL: ${failed.length} budget(s) broken` : 'PASS: every budget met'} (${rows.filter((r) => r.status === 'NOT RUN').length} not run) — ${path.relative(ROOT, file)}`);
  process.exitCode = failed.length ? 1 : 0;
}

main().catch((e) => {
  console.error(`bench: ${e?.stack ?? e}`);
  process.exit(2);
});
