// §2 The client against its transport and against the official SDK. The same request sequence — list
// pools, list the plug-ins of one pool, delete one plug-in — against the emulator (its own process),
// made by
//   a) raw node-fetch: the very request bytes the client sends (headers signed once, in advance, at a
//      fixed date; the same keep-alive agent settings, redirect: 'manual'), the body read as text —
//      the floor of any client on node-fetch;
//   b) our ModelArtsClient (node-fetch underneath);
//   c) the official @huaweicloud/huaweicloud-sdk-core HcClient with BasicCredentials (axios);
//   a⁺) raw node-fetch that signs every request with signRequest and JSON.parses every answer (info:
//      the cost of exactly "signing and parsing", the least any client has to add).
// Two settings, each with its own emulator process:
//   realistic: the emulator adds 20 ms to every request (a near cloud region): budget b/a ≤ 1.02 on
//              the latency per sequence, at concurrency 1 and 16 (what a user can feel); a and b only;
//   loopback:  no latency, many requests: CPU per request of this process (process.cpuUsage), budget
//              (b − a) ≤ 0.5 × c: the client's own work per request (its CPU minus the raw request's)
//              against the official SDK client's CPU per request. Information: (b − a) / (c − a), both
//              clients beyond the same node-fetch floor (the SDK's floor is axios, which costs more, so
//              this ratio charges the SDK's transport to the SDK too), a⁺ − a (signing and parsing
//              alone), and the loopback latency ratios.
// Every block starts from a reset emulator and walks the same list of (pool, plug-in) targets, so the
// emulator does identical work for every variant; its request log (3 requests per sequence, all 200)
// and its connection count (keep-alive: at most one connection per request in flight) are checked
// after every block. Blocks of the variants alternate in rotated order.
import * as http from 'http';
import nodeFetch from 'node-fetch';
import { ModelArtsClient, type ProjectRef } from '../src/api';
import { signRequest } from '../src/api/signer';
import { DEMO_CREDENTIALS, generateBenchProject, PROJECT_BENCH } from '../src/emulator/seed';
import { emulatorClient } from '../test/unit/helpers/client';
import { startChildEmulator, type ChildEmulator } from './lib/emulator';
import { pairedRow, progress, writeResult, type Row } from './lib/report';
import { median, nowMs } from './lib/stats';

// The official SDK is a devDependency, loaded from node_modules (not bundled). Its ClientBuilder
// cannot be used: it requires `uuid`, which 3.1.211 does not declare as a dependency (and it writes
// ~/.huaweicloud/application_id), so HcClient is assembled by hand exactly as ClientBuilder.build()
// does: new HcClient(new DefaultHttpClient(axiosOptions, endpoints)).withCredential(…).withEndpoints(…).
/* eslint-disable @typescript-eslint/no-require-imports */
const { HcClient } = require('@huaweicloud/huaweicloud-sdk-core/HcClient');
const { DefaultHttpClient } = require('@huaweicloud/huaweicloud-sdk-core/http/DefaultHttpClient');
const { BasicCredentials } = require('@huaweicloud/huaweicloud-sdk-core');
/* eslint-enable @typescript-eslint/no-require-imports */

// a realistic project: a few pools with about a dozen plug-ins each (6 × 12 leaves 54 deletable
// plug-ins: every block resets the emulator, so a block may use up to that many sequences)
const POOLS = Number(process.env.BENCH_CLIENT_POOLS ?? 6);
const PLUGINS = Number(process.env.BENCH_CLIENT_PLUGINS ?? 12);
const REPS = Number(process.env.BENCH_REPS ?? 7);
const LATENCY_MS = 20;
const LATENCY_BUDGET = 1.02;
const CPU_BUDGET = 0.5;
const PID = PROJECT_BENCH.id;
const { accessKey: AK, secretKey: SK } = DEMO_CREDENTIALS;
const USER_AGENT = 'modelarts-plugins-bench';

interface Plan {
  /** Sequences per block, blocks per variant per repetition. */
  sequences: number;
  blocks: number;
  /**
   * 'block': every round of blocks (one block of each variant, back to back) is a paired sample of
   * its own, so the budget's median is over REPS × blocks pairs taken a fraction of a second apart.
   * 'repetition' (default): a repetition pools its blocks.
   */
  pairBy?: 'block' | 'repetition';
}
const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
/** Realistic (20 ms): fewer sequences, each takes ~3 round trips. Loopback: many, for the CPU figure. */
const PLANS: Record<'realistic' | 'loopback', Record<number, Plan>> = {
  realistic: {
    // short blocks, many of them: a burst of load from the shared machine lands on every variant alike
    1: { sequences: env('BENCH_RT_SEQ_C1', 2), blocks: env('BENCH_RT_BLOCKS_C1', 15), pairBy: 'block' },
    16: { sequences: env('BENCH_RT_SEQ_C16', 32), blocks: env('BENCH_RT_BLOCKS_C16', 14), pairBy: 'block' },
  },
  loopback: {
    1: { sequences: env('BENCH_SEQ_C1', 15), blocks: env('BENCH_BLOCKS_C1', 6) },
    16: { sequences: env('BENCH_SEQ_C16', 48), blocks: env('BENCH_BLOCKS_C16', 3) },
  },
};

interface Target {
  pool: string;
  plugin: string;
}

/** Deletable plug-ins of the generated project, interleaved across pools. */
function targets(): Target[] {
  const seed = generateBenchProject({ pools: POOLS, pluginsPerPool: PLUGINS });
  const perPool = seed.pools.map((p) => p.plugins.filter((x) => !x.isDefault).map((x) => ({ pool: p.pool.metadata.name, plugin: x.plugin.spec.template.name })));
  const out: Target[] = [];
  for (let i = 0; perPool.some((l) => i < l.length); i++) for (const l of perPool) if (i < l.length) out.push(l[i]);
  return out;
}

type VariantName = 'raw' | 'rawSignParse' | 'client' | 'sdk';
interface Variant {
  name: VariantName;
  label: string;
  /** Prepares for a block of sequences at `concurrency` (untimed). */
  prepare(list: Target[], concurrency: number): void;
  sequence(i: number): Promise<void>;
}

// ---------- a) raw node-fetch, the client's request bytes signed in advance (a⁺: signed per request and parsed) ----------
function rawVariant(em: ChildEmulator, signAndParse = false): Variant {
  // the settings of src/api/agents.ts, in an agent of its own
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  const fixedDate = new Date(); // fixed for the whole run: the emulator accepts 15 minutes of skew
  type Prepared = { method: string; path: string; headers?: Record<string, string> };
  // the headers the client sends (src/api/transport.ts): signed ones, then User-Agent and Accept-Encoding
  const sign = (method: string, path: string, date: Date): Record<string, string> => {
    const headers = { 'Content-Type': 'application/json', 'X-Project-Id': PID };
    const signed = signRequest({ method, host: em.host, path, headers }, AK, SK, date).headers;
    signed['User-Agent'] = USER_AGENT;
    signed['Accept-Encoding'] = 'gzip, deflate, br';
    return signed;
  };
  const prep = (method: string, path: string): Prepared => ({ method, path, headers: signAndParse ? undefined : sign(method, path, fixedDate) });
  const listPools = prep('GET', `/v2/${PID}/pools`);
  let prepared: Prepared[][] = [];
  const send = async (p: Prepared): Promise<unknown> => {
    const headers = p.headers ?? sign(p.method, p.path, new Date());
    const res = await nodeFetch(em.url + p.path, { method: p.method, headers, agent, redirect: 'manual' });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`raw ${p.method} ${p.path}: HTTP ${res.status} ${text.slice(0, 200)}`);
    return signAndParse ? JSON.parse(text) : text;
  };
  return {
    name: signAndParse ? 'rawSignParse' : 'raw',
    label: signAndParse ? 'a⁺) raw node-fetch + signRequest per request + JSON.parse' : 'a) raw node-fetch, the same bytes signed in advance',
    prepare(list) {
      prepared = list.map((t) => [
        listPools,
        prep('GET', `/v2/${PID}/pools/${t.pool}/plugins`),
        prep('DELETE', `/v2/${PID}/pools/${t.pool}/plugins/${t.plugin}`),
      ]);
    },
    async sequence(i) {
      const [a, b, c] = prepared[i];
      await send(a);
      await send(b);
      await send(c);
    },
  };
}

// ---------- b) our client ----------
function clientVariant(em: ChildEmulator): Variant {
  let client: ModelArtsClient;
  let list: Target[] = [];
  const project: ProjectRef = { id: PID };
  return {
    name: 'client',
    label: 'b) ModelArtsClient',
    prepare(l, concurrency) {
      list = l;
      // the same number in flight as a and c (the extension's default bound is 8)
      client = emulatorClient(em, { maxConcurrent: Math.max(8, concurrency), userAgent: USER_AGENT }, 'product');
    },
    async sequence(i) {
      const t = list[i];
      await client.listPools(project);
      await client.listPlugins(project, t.pool);
      await client.deletePlugin(project, t.pool, t.plugin);
    },
  };
}

// ---------- c) the official SDK's HcClient ----------
function sdkVariant(em: ChildEmulator): Variant {
  // an explicit keep-alive agent, like a and b
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  const credentials = new BasicCredentials().withAk(AK).withSk(SK).withProjectId(PID);
  // what ClientBuilder.build() passes (disableSslVerification, the User-Agent, the user's axiosRequestConfig)
  const axiosOptions = {
    disableSslVerification: true,
    headers: { 'User-Agent': `huaweicloud-usdk-nodejs/3.0; ${USER_AGENT}` },
    axiosRequestConfig: { httpAgent: agent },
  };
  const hc = new HcClient(new DefaultHttpClient(axiosOptions, [em.url])).withCredential(credentials).withEndpoints([em.url]);
  let list: Target[] = [];
  // the shape the generated service clients pass to HcClient.sendRequest
  const options = (method: string, url: string, pathParams: Record<string, string> = {}) => ({
    method, url, pathParams, queryParams: {}, headers: {}, contentType: 'application/json',
  });
  const send = async (o: ReturnType<typeof options>): Promise<void> => {
    const r = await hc.sendRequest(o);
    if (r.httpStatusCode !== 200) throw new Error(`sdk ${o.method} ${o.url}: HTTP ${r.httpStatusCode}`);
  };
  return {
    name: 'sdk',
    label: 'c) huaweicloud-sdk-core HcClient',
    prepare(l) {
      list = l;
    },
    async sequence(i) {
      const t = list[i];
      await send(options('GET', '/v2/{project_id}/pools'));
      await send(options('GET', '/v2/{project_id}/pools/{pool_name}/plugins', { pool_name: t.pool }));
      await send(options('DELETE', '/v2/{project_id}/pools/{pool_name}/plugins/{plugin_name}', { pool_name: t.pool, plugin_name: t.plugin }));
    },
  };
}

interface Block {
  wallMs: number;
  cpuUs: number;
  requests: number;
  /** Latency of each sequence (3 requests), ms. */
  seqMs: number[];
  /** Connections the emulator saw opened for the block's requests. */
  connections: number;
}

/** One block: reset the emulator, run `list` at `concurrency`, check what the emulator saw. */
async function block(em: ChildEmulator, v: Variant, list: Target[], concurrency: number): Promise<Block> {
  await em.control('POST', 'reset');
  v.prepare(list, concurrency);
  const lat: number[] = new Array(list.length);
  let next = 0;
  const c0 = process.cpuUsage();
  const t0 = nowMs();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < list.length; i = next++) {
        const s = nowMs();
        await v.sequence(i);
        lat[i] = nowMs() - s;
      }
    }),
  );
  const wallMs = nowMs() - t0;
  const cpu = process.cpuUsage(c0);
  // the emulator must have done exactly the same work for every variant, over kept-alive connections
  const log = await em.control<{ method: string; status: number }[]>('GET', 'requests');
  const bad = log.filter((e) => e.status !== 200);
  if (log.length !== list.length * 3 || bad.length) {
    throw new Error(`${v.name}: emulator saw ${log.length} requests (expected ${list.length * 3}), ${bad.length} not 200`);
  }
  const { opened } = await em.control<{ opened: number }>('GET', 'connections');
  if (opened > concurrency) throw new Error(`${v.name}: ${opened} connections opened for ${concurrency} in flight: keep-alive is not working`);
  return { wallMs, cpuUs: cpu.user + cpu.system, requests: list.length * 3, seqMs: lat, connections: opened };
}

interface Rep {
  rps: number;
  seqMs: number;
  cpuUsPerReq: number;
  connections: number;
}

/**
 * One repetition = `blocks` blocks per variant, interleaved (a b c, b c a, c a b, …), so a burst of
 * load from the shared machine lands on every variant alike. The repetition's figures pool its blocks.
 */
async function repetition(em: ChildEmulator, variants: Variant[], list: Target[], concurrency: number, blocks: number, rep: number): Promise<Record<string, Rep>> {
  const acc: Record<string, Block[]> = {};
  for (let b = 0; b < blocks; b++) {
    for (let k = 0; k < variants.length; k++) {
      const v = variants[(rep + b + k) % variants.length];
      (acc[v.name] ??= []).push(await block(em, v, list, concurrency));
    }
  }
  const out: Record<string, Rep> = {};
  for (const [name, bs] of Object.entries(acc)) {
    const wall = bs.reduce((t, x) => t + x.wallMs, 0);
    const reqs = bs.reduce((t, x) => t + x.requests, 0);
    out[name] = {
      rps: (reqs * 1000) / wall,
      seqMs: median(bs.flatMap((x) => x.seqMs)),
      cpuUsPerReq: bs.reduce((t, x) => t + x.cpuUs, 0) / reqs,
      connections: Math.max(...bs.map((x) => x.connections)),
    };
  }
  return out;
}

/** Warm-up, then REPS repetitions at each concurrency; per concurrency, the repetitions' figures. */
async function measure(em: ChildEmulator, variants: Variant[], plans: Record<number, Plan>, all: Target[], setting: string, details: Record<string, unknown>) {
  const out: Record<number, { reps: Record<string, Rep>[]; plan: Plan }> = {};
  for (const [c, plan] of Object.entries(plans).map(([k, p]) => [Number(k), p] as const)) {
    if (plan.sequences > all.length) throw new Error(`need ${plan.sequences} targets, have ${all.length}`);
    const list = all.slice(0, plan.sequences);
    for (let w = 0; w < 2; w++) for (const v of variants) await block(em, v, list, c); // JIT, sockets, the emulator's code paths
    const reps: Record<string, Rep>[] = [];
    if (plan.pairBy === 'block') for (let round = 0; round < REPS * plan.blocks; round++) reps.push(await repetition(em, variants, list, c, 1, round));
    else for (let rep = 0; rep < REPS; rep++) reps.push(await repetition(em, variants, list, c, plan.blocks, rep));
    details[`${setting}.c${c}`] = reps;
    const f = (k: keyof Rep, d: number) => variants.map((v) => `${v.name} ${median(reps.map((r) => r[v.name][k])).toFixed(d)}`).join(', ');
    progress(`${setting} c=${c}: ms/sequence ${f('seqMs', 2)}; req/s ${f('rps', 0)}; CPU µs/request ${f('cpuUsPerReq', 0)}; connections ${f('connections', 0)}`);
    out[c] = { reps, plan };
  }
  return out;
}

async function main(): Promise<void> {
  const all = targets();
  const rows: Row[] = [];
  const details: Record<string, unknown> = { pools: POOLS, pluginsPerPool: PLUGINS, reps: REPS, plans: PLANS, latencyMs: LATENCY_MS, targetsAvailable: all.length };
  const part = 'client';
  const pick = (reps: Record<string, Rep>[], n: VariantName, f: keyof Rep) => reps.map((r) => r[n][f]);

  // ---- realistic round trip: latency budget
  const slow = await startChildEmulator({ pools: POOLS, pluginsPerPool: PLUGINS, latencyMs: LATENCY_MS });
  try {
    // the SDK is compared on loopback (CPU); here only the budget's two variants, so more of their blocks fit
    const runs = await measure(slow, [rawVariant(slow), clientVariant(slow)], PLANS.realistic, all, 'realistic', details);
    for (const [c, { reps, plan }] of Object.entries(runs)) {
      rows.push(
        pairedRow({
          part, metric: `latency @${LATENCY_MS} ms RT, c=${c}: client / raw node-fetch`, unit: 'ms/seq', value: pick(reps, 'client', 'seqMs'), baseline: pick(reps, 'raw', 'seqMs'),
          baselineLabel: 'raw', budget: { op: '<=', limit: LATENCY_BUDGET, text: `≤ ${LATENCY_BUDGET.toFixed(2)}` },
          note: `${REPS * plan.blocks} pairs of blocks of ${plan.sequences} sequences; n = pairs`,
        }),
      );
    }
  } finally {
    await slow.stop();
  }

  // ---- loopback: CPU per request, and the loopback ratios as information
  const em = await startChildEmulator({ pools: POOLS, pluginsPerPool: PLUGINS });
  try {
    // response sizes, for context
    await em.control('POST', 'reset');
    const sizes: Record<string, number> = {};
    {
      const c = emulatorClient(em, {}, 'product');
      sizes.listPools = Buffer.byteLength((await c.listPools({ id: PID })).text);
      sizes.listPlugins = Buffer.byteLength((await c.listPlugins({ id: PID }, all[0].pool)).text);
      sizes.delete = Buffer.byteLength((await c.deletePlugin({ id: PID }, all[0].pool, all[0].plugin)).text);
    }
    details.responseBytes = sizes;
    progress(`client: ${POOLS} pools × ${PLUGINS} plug-ins; response bytes ${JSON.stringify(sizes)}`);

    const runs = await measure(em, [rawVariant(em), clientVariant(em), sdkVariant(em), rawVariant(em, true)], PLANS.loopback, all, 'loopback', details);
    for (const [c, { reps }] of Object.entries(runs)) {
      const over = (n: VariantName) => reps.map((r) => r[n].cpuUsPerReq - r.raw.cpuUsPerReq);
      rows.push(
        pairedRow({
          part, metric: `CPU/req, c=${c}: (client − raw node-fetch) / SDK`, unit: 'µs/req', value: over('client'), baseline: pick(reps, 'sdk', 'cpuUsPerReq'), baselineLabel: 'sdk',
          budget: { op: '<=', limit: CPU_BUDGET, text: `≤ ${CPU_BUDGET}` }, note: 'process.cpuUsage per request; the client\'s minus the raw request\'s',
        }),
        pairedRow({ part, metric: `  CPU/req, c=${c}: (client − raw) / (SDK − raw)`, unit: 'µs/req', value: over('client'), baseline: over('sdk'), baselineLabel: 'sdk − raw', budgetInfo: 'info: both beyond node-fetch' }),
        pairedRow({ part, metric: `  CPU/req, c=${c}: (sign+parse alone − raw) / (SDK − raw)`, unit: 'µs/req', value: over('rawSignParse'), baseline: over('sdk'), baselineLabel: 'sdk − raw', budgetInfo: 'info: least any client adds' }),
        pairedRow({ part, metric: `  CPU/req, c=${c}: client / raw`, unit: 'µs/req', value: pick(reps, 'client', 'cpuUsPerReq'), baseline: pick(reps, 'raw', 'cpuUsPerReq'), baselineLabel: 'raw', budgetInfo: 'info' }),
        pairedRow({ part, metric: `  CPU/req, c=${c}: SDK / raw`, unit: 'µs/req', value: pick(reps, 'sdk', 'cpuUsPerReq'), baseline: pick(reps, 'raw', 'cpuUsPerReq'), baselineLabel: 'raw', budgetInfo: 'info' }),
        pairedRow({ part, metric: `  CPU/req, c=${c}: sign+parse alone / raw`, unit: 'µs/req', value: pick(reps, 'rawSignParse', 'cpuUsPerReq'), baseline: pick(reps, 'raw', 'cpuUsPerReq'), baselineLabel: 'raw', budgetInfo: 'info: least any client adds' }),
        pairedRow({ part, metric: `loopback latency, c=${c}: client / raw node-fetch`, unit: 'ms/seq', value: pick(reps, 'client', 'seqMs'), baseline: pick(reps, 'raw', 'seqMs'), baselineLabel: 'raw', budgetInfo: 'info' }),
        pairedRow({ part, metric: `loopback latency, c=${c}: client / SDK`, unit: 'ms/seq', value: pick(reps, 'client', 'seqMs'), baseline: pick(reps, 'sdk', 'seqMs'), baselineLabel: 'sdk', budgetInfo: 'info' }),
        pairedRow({ part, metric: `loopback latency, c=${c}: sign+parse alone / raw`, unit: 'ms/seq', value: pick(reps, 'rawSignParse', 'seqMs'), baseline: pick(reps, 'raw', 'seqMs'), baselineLabel: 'raw', budgetInfo: 'info' }),
        pairedRow({ part, metric: `loopback req/s, c=${c}: client / raw node-fetch`, unit: 'req/s', value: pick(reps, 'client', 'rps'), baseline: pick(reps, 'raw', 'rps'), baselineLabel: 'raw', budgetInfo: 'info' }),
        pairedRow({ part, metric: `  connections opened per block, c=${c}: client`, unit: '', value: pick(reps, 'client', 'connections'), baseline: pick(reps, 'raw', 'connections'), baselineLabel: 'raw', budgetInfo: `info: ≤ ${c} checked` }),
      );
    }
  } finally {
    await em.stop();
  }
  writeResult(rows, details);
}

main().catch((e) => {
  console.error(e?.stack ?? e);
  process.exit(1);
});
