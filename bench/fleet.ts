// §12 Fleet: Scan All Pools over 3 projects × 50 pools (20 plug-ins each), the emulator (own
// process) adding 50 ms to every signed request. The scan is src/core/scan.ts, exactly what the
// command and the CLI's `inventory` run, through one ModelArtsClient with its default bound of 8
// requests in flight.
//
// Baseline, measured in the same run: the time of one request (listPools, and one listPlugins).
//   bounded-parallel floor (SPEC) = t(listPools) + ceil(3 × 50 / 8) × t(listPlugins)
//                                   (the three pool lists at once, then every plug-in list, 8 at a time)
//   ceiling                       = 3 × t(listPools) + 150 × t(listPlugins)   (one after the other)
import { ModelArtsClient } from '../src/api';
import { inventoryRows } from '../src/core/inventory';
import { ScanProject, scanFleet } from '../src/core/scan';
import { benchProject } from '../src/emulator/seed';
import { emulatorClient } from '../test/unit/helpers/client';
import { startChildEmulator } from './lib/emulator';
import { pairedRow, progress, valueRow, writeResult, type Row } from './lib/report';
import { median, nowMs } from './lib/stats';

const PROJECTS = 3;
const POOLS = 50;
const PLUGINS = 20;
const LATENCY_MS = 50;
const MAX_CONCURRENT = 8; // the client's default, which the extension and the CLI use
const REPS = Number(process.env.BENCH_REPS ?? 7);
const projects: ScanProject[] = Array.from({ length: PROJECTS }, (_, i) => ({ ...benchProject(i), region: '' }));

function newClient(url: string): ModelArtsClient {
  return emulatorClient({ url }, {}, 'product');
}

async function main(): Promise<void> {
  const em = await startChildEmulator({ pools: POOLS, pluginsPerPool: PLUGINS, projects: PROJECTS, latencyMs: LATENCY_MS });
  const rows: Row[] = [];
  const levels = Math.ceil((PROJECTS * POOLS) / MAX_CONCURRENT);
  const reps: { scanMs: number; oneListPoolsMs: number; oneListPluginsMs: number; peak: number }[] = [];
  try {
    await scanFleet(newClient(em.url), projects); // warm-up, not counted
    for (let rep = 0; rep < REPS; rep++) {
      const single = newClient(em.url);
      let t = nowMs();
      await single.listPools(projects[0]);
      const oneListPoolsMs = nowMs() - t;
      t = nowMs();
      await single.listPlugins(projects[0], 'pool-bench000000');
      const oneListPluginsMs = nowMs() - t;
      const client = newClient(em.url);
      t = nowMs();
      const scan = await scanFleet(client, projects);
      const scanMs = nowMs() - t;
      const plugins = inventoryRows(scan).length;
      if (scan.failures.length || plugins !== PROJECTS * POOLS * PLUGINS) {
        throw new Error(`scanned ${plugins} plug-ins with ${scan.failures.length} failures, expected ${PROJECTS * POOLS * PLUGINS} and none`);
      }
      reps.push({ scanMs, oneListPoolsMs, oneListPluginsMs, peak: client.concurrency.peak });
    }
  } finally {
    await em.stop();
  }
  const scan = reps.map((r) => r.scanMs);
  const floor = reps.map((r) => r.oneListPoolsMs + levels * r.oneListPluginsMs);
  const ceiling = reps.map((r) => PROJECTS * r.oneListPoolsMs + PROJECTS * POOLS * r.oneListPluginsMs);
  const peak = Math.max(...reps.map((r) => r.peak));
  progress(`fleet: scan ${median(scan).toFixed(0)} ms; one listPlugins ${median(reps.map((r) => r.oneListPluginsMs)).toFixed(1)} ms; peak in flight ${peak}`);
  const part = 'fleet';
  const what = `${PROJECTS} projects × ${POOLS} pools × ${PLUGINS} plug-ins, ${LATENCY_MS} ms latency`;
  rows.push(
    pairedRow({
      part, metric: `Scan All Pools / bounded floor (1+⌈${PROJECTS * POOLS}/${MAX_CONCURRENT}⌉=${1 + levels} RT)`, unit: 'ms',
      value: scan, baseline: floor, baselineLabel: `1+${levels} requests`,
      budget: { op: '<=', limit: 1.5, text: '≤ 1.5 (SPEC)' }, note: what,
    }),
    pairedRow({
      part, metric: `Scan All Pools / ceiling (${PROJECTS}+${PROJECTS * POOLS} RT, the sum)`, unit: 'ms', value: scan, baseline: ceiling,
      baselineLabel: `${PROJECTS}+${PROJECTS * POOLS} requests`, budget: { op: '<', limit: 1, text: '< 1 (never the sum)' },
    }),
    valueRow({ part, metric: 'peak requests in flight (client.concurrency.peak)', unit: 'req', value: peak, budgetInfo: `info (bound ${MAX_CONCURRENT})` }),
  );
  writeResult(rows, { projects: PROJECTS, pools: POOLS, pluginsPerPool: PLUGINS, latencyMs: LATENCY_MS, maxConcurrent: MAX_CONCURRENT, reps });
}

main().catch((e) => {
  console.error(e?.stack ?? e);
  process.exit(1);
});
