#!/usr/bin/env node
// npm run bench — SPEC §12 budgets, side by side. Not part of `npm test`.
//
//   1. size      production build (node esbuild.js --production) and the .vsix (npm run package);
//                what takes the room, from esbuild's metafile (dist/extension.meta.json)
//   2. client    raw node:http (a) vs ModelArtsClient (b) vs the official SDK's HcClient (c)
//   3. tree      open every pool of 50 × 20 at 50 ms latency, bounded by the client's 8 in flight
//   4. host      activation and the delete path in the real extension host (see hostPart below)
//   5. scale     2,000 pools and 500 plug-ins, time and heap, with smaller sizes for the slope
//
// The timing parts are TypeScript under bench/ that import src/ directly; they are bundled with
// esbuild (like the extension: node-fetch bundled, the official SDK left in node_modules) into the
// git-ignored bench/results/build/ and each runs in its own process, each with its own emulator
// process (dist/emulator.js). Every timing is a ratio against a baseline measured in the same run,
// as the median over repetitions with its spread. Prints one table; writes the same figures to
// bench/results/bench-<time>.json (and latest.json). Exit code 1 when a budget is broken.
//
// Options: --only size,client,tree,scale,host   run some parts only
//          --skip-package                       measure the existing dist/ and .vsix instead of rebuilding
// Env:     BENCH_REPS (default 7, at least 5)
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
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
  for (const i of inputs.slice(0, 5)) {
    rows.push({
      part: 'size', metric: `  input: ${i.file}`, unit: 'bytes', value: i.bytes, baseline: bundleBytes, baselineLabel: 'bundle',
      ratio: i.bytes / bundleBytes, ratioMedian: null, ratioMin: null, ratioMax: null, n: 1, budgetInfo: 'info (share)', status: 'INFO',
    });
  }
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
    // measured as shipped: node-fetch is bundled like in dist/extension.js; the official SDK is a
    // devDependency and stays a runtime require from node_modules
    external: ['@huaweicloud/*', 'vscode'],
  });
}

function runWorker(name, nodeArgs = []) {
  return new Promise((resolve) => {
    const outFile = path.join(BUILD, `${name}.result.json`);
    fs.rmSync(outFile, { force: true });
    const t0 = Date.now();
    const child = spawn(process.execPath, [...nodeArgs, path.join(BUILD, `${name}.js`), outFile], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
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
// The extension-host runner (test/host/index.ts → dist/test/index.js) runs every dist/test/*.test.js
// and the harness (test/harness/host.mjs) has no way to select another set of suites, so activation
// time and the delete path (confirmation → open document ≤ 1 round trip + 20 ms) are not measured here.
// bench/host/README.md says exactly which hook is needed.
function hostPart() {
  const hookFile = path.join(ROOT, 'test/host/index.ts');
  const hasHook = fs.existsSync(hookFile) && /MODELARTS_HOST_SUITES_DIR/.test(fs.readFileSync(hookFile, 'utf8'));
  const note = hasHook
    ? 'the runner has a suite selector now: wire bench/host/ (see bench/host/README.md)'
    : 'needs a suite selector in the host runner (bench/host/README.md)';
  for (const metric of ['activate() work', 'delete: confirmation → open document']) {
    rows.push({
      part: 'host', metric, unit: 'ms', value: null, baseline: null, ratio: null, ratioMedian: null, ratioMin: null, ratioMax: null, n: 0,
      budgetInfo: metric.startsWith('activate') ? '≤ 10 ms' : '≤ 1 RT + 20 ms', status: 'NOT RUN', note,
    });
  }
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
  ].filter(([, part]) => want(part));
  if (workers.length) {
    await bundleWorkers(workers.map(([n]) => n));
    for (const [name, , nodeArgs] of workers) {
      log(`running ${name}`);
      await runWorker(name, nodeArgs);
    }
  }
  if (want('host')) hostPart();

  const totalSeconds = (Date.now() - started) / 1000;
  const failed = rows.filter((r) => r.status === 'FAIL');
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: (await import('node:os')).cpus().length,
    loadavg: (await import('node:os')).loadavg(),
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
  console.log(`\n${failed.length ? `FAIL: ${failed.length} budget(s) broken` : 'PASS: every budget met'} (${rows.filter((r) => r.status === 'NOT RUN').length} not run) — ${path.relative(ROOT, file)}`);
  process.exitCode = failed.length ? 1 : 0;
}

main().catch((e) => {
  console.error(`bench: ${e?.stack ?? e}`);
  process.exit(2);
});
