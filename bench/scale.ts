// §5 Scale: listing 500 / 1,000 / 2,000 pools, and a pool with 100 / 250 / 500 plug-ins, through the
// client (emulator in its own process, no latency). For each size: wall time of the call, CPU of this
// process during it, and the heap (global.gc() before and after; run with --expose-gc) — before the
// call, right after it (garbage included), and after a GC with the result still held (what the result
// keeps alive: the parsed data plus the exact response text). The smallest size is the baseline of the
// same repetition, so "ratio" should be ≈ N / N_smallest when the cost is linear; the per-item slope
// comes from a least-squares line through the three sizes.
import { ModelArtsClient, type ProjectRef } from '../src/api';
import { PROJECT_BENCH } from '../src/emulator/seed';
import { emulatorClient } from '../test/unit/helpers/client';
import { startChildEmulator, type ChildEmulator } from './lib/emulator';
import { pairedRow, progress, valueRow, writeResult, type Row } from './lib/report';
import { median, nowMs } from './lib/stats';

const REPS = Number(process.env.BENCH_REPS ?? 7);
const POOL_SIZES = [500, 1000, 2000];
const PLUGIN_SIZES = [100, 250, 500];
const project: ProjectRef = { id: PROJECT_BENCH.id };

const gc = (globalThis as { gc?: () => void }).gc;

interface Sample {
  ms: number;
  cpuMs: number;
  heapBefore: number;
  heapAfterCall: number;
  heapRetained: number;
  bytes: number;
  items: number;
}

function collect(): void {
  gc!();
  gc!();
}

async function measure(call: () => Promise<{ text: string; data: { items: unknown[] } }>): Promise<Sample> {
  collect();
  const heapBefore = process.memoryUsage().heapUsed;
  const c0 = process.cpuUsage();
  const t0 = nowMs();
  const r = await call();
  const ms = nowMs() - t0;
  const cpu = process.cpuUsage(c0);
  const heapAfterCall = process.memoryUsage().heapUsed;
  collect();
  const heapAfterGc = process.memoryUsage().heapUsed;
  const sample = {
    ms, cpuMs: (cpu.user + cpu.system) / 1000, heapBefore, heapAfterCall, heapRetained: heapAfterGc - heapBefore,
    bytes: Buffer.byteLength(r.text), items: r.data.items.length,
  };
  return sample; // r is live until here
}

/** Least-squares slope of y over x. */
function slope(x: number[], y: number[]): number {
  const mx = x.reduce((a, b) => a + b, 0) / x.length;
  const my = y.reduce((a, b) => a + b, 0) / y.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < x.length; i++) {
    num += (x[i] - mx) * (y[i] - my);
    den += (x[i] - mx) ** 2;
  }
  return num / den;
}

interface Series {
  what: string;
  unit: string;
  sizes: number[];
  start(size: number): Promise<ChildEmulator>;
  call(client: ModelArtsClient): Promise<{ text: string; data: { items: unknown[] } }>;
}

const series: Series[] = [
  {
    what: 'list pools',
    unit: 'pools',
    sizes: POOL_SIZES,
    start: (n) => startChildEmulator({ pools: n, pluginsPerPool: 0 }),
    call: (c) => c.listPools(project),
  },
  {
    what: 'list plug-ins of one pool',
    unit: 'plug-ins',
    sizes: PLUGIN_SIZES,
    start: (n) => startChildEmulator({ pools: 1, pluginsPerPool: n }),
    call: (c) => c.listPlugins(project, 'pool-bench000000'),
  },
];

async function main(): Promise<void> {
  if (!gc) throw new Error('run with node --expose-gc');
  const rows: Row[] = [];
  const details: Record<string, unknown> = {};
  for (const s of series) {
    // every size has its own emulator; all run at once so repetitions can alternate sizes
    const ems = await Promise.all(s.sizes.map((n) => s.start(n)));
    const samples: Sample[][] = s.sizes.map(() => []);
    try {
      const clients = ems.map((em) => emulatorClient(em, {}, 'product'));
      for (let i = 0; i < s.sizes.length; i++) await measure(() => s.call(clients[i])); // warm-up
      for (let rep = 0; rep < REPS; rep++) {
        for (let k = 0; k < s.sizes.length; k++) {
          const i = (rep + k) % s.sizes.length;
          const x = await measure(() => s.call(clients[i]));
          if (x.items !== s.sizes[i]) throw new Error(`${s.what}: got ${x.items} items, expected ${s.sizes[i]}`);
          samples[i].push(x);
        }
      }
    } finally {
      await Promise.all(ems.map((em) => em.stop()));
    }
    details[s.what] = s.sizes.map((n, i) => ({ size: n, samples: samples[i] }));
    const ms = samples.map((l) => median(l.map((x) => x.ms)));
    const retained = samples.map((l) => median(l.map((x) => x.heapRetained)));
    const cpu = samples.map((l) => median(l.map((x) => x.cpuMs)));
    const msSlope = slope(s.sizes, ms);
    const heapSlope = slope(s.sizes, retained);
    const cpuSlope = slope(s.sizes, cpu);
    progress(
      `scale ${s.what}: ` + s.sizes.map((n, i) => `${n} → ${ms[i].toFixed(1)} ms, retained ${(retained[i] / 1e6).toFixed(2)} MB`).join('; ') +
        `; slope ${(msSlope * 1000).toFixed(1)} µs and ${(heapSlope / 1000).toFixed(1)} kB per item`,
    );
    const part = 'scale';
    const base = s.sizes[0];
    for (let i = 1; i < s.sizes.length; i++) {
      const n = s.sizes[i];
      rows.push(
        pairedRow({
          part, metric: `${s.what}: ${n} vs ${base} ${s.unit}, time`, unit: 'ms', value: samples[i].map((x) => x.ms), baseline: samples[0].map((x) => x.ms),
          baselineLabel: `${base} ${s.unit}`, budgetInfo: `info (linear = ${(n / base).toFixed(2)})`,
          note: `CPU here ${cpu[i].toFixed(1)} vs ${cpu[0].toFixed(1)} ms; ${(median(samples[i].map((x) => x.bytes)) / 1e6).toFixed(2)} MB of JSON`,
        }),
        pairedRow({
          part, metric: `${s.what}: ${n} vs ${base} ${s.unit}, heap retained`, unit: 'bytes', value: samples[i].map((x) => x.heapRetained), baseline: samples[0].map((x) => x.heapRetained),
          baselineLabel: `${base} ${s.unit}`, budgetInfo: `info (linear = ${(n / base).toFixed(2)})`,
          note: `heap used before ${(median(samples[i].map((x) => x.heapBefore)) / 1e6).toFixed(1)} MB, right after the call ${(median(samples[i].map((x) => x.heapAfterCall)) / 1e6).toFixed(1)} MB`,
        }),
      );
    }
    const last = s.sizes.length - 1;
    rows.push(
      valueRow({
        part, metric: `${s.what}: time per item (slope ${base}–${s.sizes[last]})`, unit: 'µs/item', value: msSlope * 1000,
        baseline: (ms[0] / base) * 1000, baselineLabel: `mean at ${base}`, budgetInfo: 'info (≈1 = linear)',
        note: `client CPU slope ${(cpuSlope * 1000).toFixed(1)} µs/item`,
      }),
      valueRow({
        part, metric: `${s.what}: heap retained per item (slope)`, unit: 'bytes/item', value: heapSlope,
        baseline: retained[0] / base, baselineLabel: `mean at ${base}`, budgetInfo: 'info (≈1 = linear)',
      }),
    );
  }
  writeResult(rows, details);
}

main().catch((e) => {
  console.error(e?.stack ?? e);
  process.exit(1);
});
