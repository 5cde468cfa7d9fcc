// §2 Client overhead: the same request sequence — list pools, list the plug-ins of one pool, delete
// one plug-in — against the emulator (its own process, loopback, no latency), made by
//   a) raw node:http with signatures precomputed at a fixed date and a keep-alive agent (the floor),
//   b) our ModelArtsClient,
//   c) the official @huaweicloud/huaweicloud-sdk-core HcClient with BasicCredentials,
// and one variant for diagnosis (info rows, no budget):
//   a⁺) raw node:http that signs every request with signRequest and JSON.parses every answer: the
//       cost of exactly what SPEC allows ("signing and parsing"), i.e. the best any client can do.
// (b uses the client's own node:http transport, src/api/transport.ts.)
// Every block starts from a reset emulator and walks the same list of (pool, plug-in) targets, so the
// emulator does identical work for every variant; its request log is checked after every block (3
// requests per sequence, all 200). Blocks of the variants alternate in rotated order.
import * as http from 'http';
import { Credentials, ModelArtsClient, type ProjectRef } from '../src/api';
import { signRequest } from '../src/api/signer';
import { DEMO_CREDENTIALS, generateBenchProject, PROJECT_BENCH } from '../src/emulator/seed';
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
const CONCURRENCY = [1, 16];
/** Sequences per block and blocks per variant per repetition, by concurrency. */
const PLAN: Record<number, { sequences: number; blocks: number }> = {
  1: { sequences: Number(process.env.BENCH_SEQ_C1 ?? 15), blocks: Number(process.env.BENCH_BLOCKS_C1 ?? 6) },
  16: { sequences: Number(process.env.BENCH_SEQ_C16 ?? 48), blocks: Number(process.env.BENCH_BLOCKS_C16 ?? 3) },
};
const PID = PROJECT_BENCH.id;
const { accessKey: AK, secretKey: SK } = DEMO_CREDENTIALS;
const USER_AGENT = 'modelarts-plugins-bench';

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

interface Variant {
  name: 'raw' | 'rawSignParse' | 'client' | 'sdk';
  label: string;
  /** Prepares for a round of `count` sequences at `concurrency` (untimed). */
  prepare(list: Target[], concurrency: number): void;
  sequence(i: number): Promise<void>;
}

// ---------- a) raw node:http, precomputed signatures (a⁺: signed per request and parsed) ----------
function rawVariant(em: ChildEmulator, signAndParse = false): Variant {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  const fixedDate = new Date(); // fixed for the whole run: the emulator accepts 15 minutes of skew
  type Prepared = { method: string; path: string; headers?: Record<string, string> };
  const sign = (method: string, path: string, date: Date): Record<string, string> => {
    const headers = { 'Content-Type': 'application/json', 'X-Project-Id': PID };
    const signed = signRequest({ method, host: em.host, path, headers }, AK, SK, date).headers;
    signed['User-Agent'] = USER_AGENT;
    return signed;
  };
  const prep = (method: string, path: string): Prepared => ({ method, path, headers: signAndParse ? undefined : sign(method, path, fixedDate) });
  const listPools = prep('GET', `/v2/${PID}/pools`);
  let prepared: Prepared[][] = [];
  const send = (p: Prepared): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const headers = p.headers ?? sign(p.method, p.path, new Date());
      const req = http.request({ agent, host: '127.0.0.1', port: em.port, method: p.method, path: p.path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) reject(new Error(`raw ${p.method} ${p.path}: HTTP ${res.statusCode} ${text.slice(0, 200)}`));
          else resolve(signAndParse ? JSON.parse(text) : text);
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
  return {
    name: signAndParse ? 'rawSignParse' : 'raw',
    label: signAndParse ? 'a⁺) raw node:http + signRequest per request + JSON.parse' : 'a) raw node:http, precomputed signature',
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
      client = new ModelArtsClient({
        credentials: new Credentials(AK, SK),
        endpoints: { cloud: 'custom', endpoint: em.url, iamEndpoint: em.url },
        maxConcurrent: Math.max(8, concurrency),
        userAgent: USER_AGENT,
      });
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
  // an explicit keep-alive agent, like a and b (Node 20's global agent keeps alive too)
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
}

/** One block: reset the emulator, run `list` at `concurrency`, check what the emulator saw. */
async function block(em: ChildEmulator, v: Variant, list: Target[], concurrency: number): Promise<Block> {
  await em.control('POST', 'reset');
  await em.control('DELETE', 'requests');
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
  // the emulator must have done exactly the same work for every variant
  const log = await em.control<{ method: string; status: number }[]>('GET', 'requests');
  const bad = log.filter((e) => e.status !== 200);
  if (log.length !== list.length * 3 || bad.length) {
    throw new Error(`${v.name}: emulator saw ${log.length} requests (expected ${list.length * 3}), ${bad.length} not 200`);
  }
  return { wallMs, cpuUs: cpu.user + cpu.system, requests: list.length * 3, seqMs: lat };
}

interface Rep {
  rps: number;
  seqMs: number;
  cpuUsPerReq: number;
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
    };
  }
  return out;
}

async function main(): Promise<void> {
  const all = targets();
  const em = await startChildEmulator({ pools: POOLS, pluginsPerPool: PLUGINS });
  const variants = [rawVariant(em), clientVariant(em), sdkVariant(em), rawVariant(em, true)];
  const rows: Row[] = [];
  const details: Record<string, unknown> = { pools: POOLS, pluginsPerPool: PLUGINS, reps: REPS, plan: PLAN, targetsAvailable: all.length };
  try {
    // response sizes, for context
    await em.control('POST', 'reset');
    const sizes: Record<string, number> = {};
    {
      const c = new ModelArtsClient({ credentials: new Credentials(AK, SK), endpoints: { cloud: 'custom', endpoint: em.url, iamEndpoint: em.url } });
      sizes.listPools = Buffer.byteLength((await c.listPools({ id: PID })).text);
      sizes.listPlugins = Buffer.byteLength((await c.listPlugins({ id: PID }, all[0].pool)).text);
      sizes.delete = Buffer.byteLength((await c.deletePlugin({ id: PID }, all[0].pool, all[0].plugin)).text);
    }
    details.responseBytes = sizes;
    progress(`client overhead: ${POOLS} pools × ${PLUGINS} plug-ins; response bytes ${JSON.stringify(sizes)}`);

    for (const c of CONCURRENCY) {
      const { sequences, blocks } = PLAN[c];
      if (sequences > all.length) throw new Error(`need ${sequences} targets, have ${all.length}`);
      const list = all.slice(0, sequences);
      // warm-up: JIT, sockets, the emulator's own code paths
      for (let w = 0; w < 2; w++) for (const v of variants) await block(em, v, list, c);
      const reps: Record<string, Rep>[] = [];
      for (let rep = 0; rep < REPS; rep++) reps.push(await repetition(em, variants, list, c, blocks, rep));
      const pick = (n: string, f: keyof Rep) => reps.map((r) => r[n][f]);
      details[`c${c}`] = reps;
      const fmt = (f: keyof Rep, d: number) => variants.map((v) => `${v.name} ${median(pick(v.name, f)).toFixed(d)}`).join(', ');
      progress(`c=${c}: req/s ${fmt('rps', 0)}; ms/sequence ${fmt('seqMs', 2)}; client-process CPU µs/request ${fmt('cpuUsPerReq', 0)}`);
      const part = 'client';
      const seq = `${sequences} seq × ${blocks} blocks/rep`;
      rows.push(
        pairedRow({ part, metric: `latency c=${c}, b/a (client/raw)`, unit: 'ms/seq', value: pick('client', 'seqMs'), baseline: pick('raw', 'seqMs'), baselineLabel: 'raw', budget: { op: '<=', limit: 1.1, text: '≤ 1.10' }, note: seq }),
        pairedRow({ part, metric: `latency c=${c}, b/c (client/SDK)`, unit: 'ms/seq', value: pick('client', 'seqMs'), baseline: pick('sdk', 'seqMs'), baselineLabel: 'sdk', budget: { op: '<', limit: 1, text: '< 1' } }),
        pairedRow({ part, metric: `req/s c=${c}, b/a (client/raw)`, unit: 'req/s', value: pick('client', 'rps'), baseline: pick('raw', 'rps'), baselineLabel: 'raw', budget: { op: '>=', limit: 1 / 1.1, text: '≥ 0.909 (=1/1.10)' } }),
        pairedRow({ part, metric: `req/s c=${c}, b/c (client/SDK)`, unit: 'req/s', value: pick('client', 'rps'), baseline: pick('sdk', 'rps'), baselineLabel: 'sdk', budget: { op: '>', limit: 1, text: '> 1' } }),
        pairedRow({ part, metric: `sign+parse alone: latency c=${c}, a⁺/a`, unit: 'ms/seq', value: pick('rawSignParse', 'seqMs'), baseline: pick('raw', 'seqMs'), baselineLabel: 'raw', budgetInfo: 'info: best any client can do' }),
        pairedRow({ part, metric: `CPU/req c=${c}, b/a`, unit: 'µs/req', value: pick('client', 'cpuUsPerReq'), baseline: pick('raw', 'cpuUsPerReq'), baselineLabel: 'raw', budgetInfo: 'info: CPU of the process under test' }),
        pairedRow({ part, metric: `CPU/req c=${c}, a⁺/a`, unit: 'µs/req', value: pick('rawSignParse', 'cpuUsPerReq'), baseline: pick('raw', 'cpuUsPerReq'), baselineLabel: 'raw', budgetInfo: 'info' }),
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
