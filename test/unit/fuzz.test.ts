// Bad answers, measured: the emulator breaks its real answers (src/emulator/mutate.ts: wrong types,
// missing fields, huge strings, deep nesting, 10 MB bodies, invalid UTF-8, cut-off bodies) and the
// client and the CLI must neither crash nor hang: each call ends in data or in an ApiError with a
// message, each CLI run in exit code 0 or 1 with that message, never "unexpected error". Bounded:
// a fixed set of seeds, each call with a deadline. Bodies over the client's limit are refused.
import * as assert from 'assert';
import { ApiError, MAX_RESPONSE_BYTES, ModelArtsClient, ProjectRef } from '../../src/api';
import { runCli } from '../../src/cli/cli';
import { MUTATION_KINDS } from '../../src/emulator/mutate';
import { DEMO_CREDENTIALS, POOL_IDS, PROJECT_CN_NORTH_4 } from '../../src/emulator/seed';
import { Emulator, startEmulator } from '../../src/emulator/server';
import { emulatorClient } from './helpers/client';

const P: ProjectRef = { id: PROJECT_CN_NORTH_4.id, region: 'cn-north-4' };
const POOL = POOL_IDS.autoPoolOs;
const SEEDS = Array.from({ length: 120 }, (_, i) => 1000 + i);
const DEADLINE_MS = 10_000;

function within<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} hung for ${DEADLINE_MS} ms`)), DEADLINE_MS)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

suite('fuzz: mutated answers', function () {
  this.timeout(180_000);
  let emu: Emulator;
  const client = () => emulatorClient(emu, { timeoutMs: 5000, retries: 0 });
  const calls: [string, (c: ModelArtsClient) => Promise<unknown>][] = [
    ['projects', (c) => c.listProjects()],
    ['pools', (c) => c.listPools(P)],
    ['plugins', (c) => c.listPlugins(P, POOL)],
    ['show', (c) => c.showPlugin(P, POOL, 'node-local-dns', { detail: true })],
  ];
  const cliArgs = (): string[][] => [
    ['projects'], ['pools', '--project', P.id], ['plugins', '--project', P.id, '--pool', POOL], ['show', '--project', P.id, '--pool', POOL, '--plugin', 'node-local-dns'],
  ].map((a) => ['--cloud', 'custom', '--endpoint', emu.url, '--iam-endpoint', emu.url, ...a]);

  suiteSetup(async () => {
    emu = await startEmulator();
  });
  suiteTeardown(() => emu.close());
  setup(() => emu.reset());

  test(`the client ends every call in data or a described ApiError (${SEEDS.length} seeds, every kind)`, async () => {
    const outcomes: Record<string, number> = {};
    for (const seed of SEEDS) {
      const [name, call] = calls[seed % calls.length];
      const mutation = MUTATION_KINDS[seed % MUTATION_KINDS.length];
      emu.faults.clear();
      emu.faults.add({ method: 'GET', mutate: seed, mutation, times: 1 });
      try {
        await within(call(client()), `${name} seed ${seed}`);
        outcomes[`${mutation}: data`] = (outcomes[`${mutation}: data`] ?? 0) + 1;
      } catch (e) {
        assert.ok(e instanceof ApiError, `${name} seed ${seed} (${mutation}) threw ${(e as Error)?.stack ?? e}`);
        assert.ok(e.message.length > 10 && !/undefined|\[object Object\]/.test(e.message), `${name} seed ${seed}: ${e.message}`);
        outcomes[`${mutation}: ${e.kind}`] = (outcomes[`${mutation}: ${e.kind}`] ?? 0) + 1;
      }
    }
    // every kind was tried, and the broken JSON ones were refused as responses
    for (const kind of MUTATION_KINDS) assert.ok(Object.keys(outcomes).some((k) => k.startsWith(kind)), kind);
    assert.ok(outcomes['truncated: response'] > 0, JSON.stringify(outcomes));
    assert.ok(process.memoryUsage().heapUsed < 600e6, `heap ${process.memoryUsage().heapUsed}`);
  });

  test(`the CLI exits 0 or 1 with a message, json and table (${SEEDS.length / 2} seeds)`, async () => {
    for (const seed of SEEDS.filter((s) => s % 2 === 0)) {
      const args = cliArgs()[seed % 4];
      const output = seed % 4 < 2 ? 'table' : 'json';
      emu.faults.clear();
      emu.faults.add({ method: 'GET', mutate: seed, mutation: MUTATION_KINDS[(seed >> 1) % MUTATION_KINDS.length], times: 1 });
      let stdout = '';
      let stderr = '';
      const code = await within(runCli(['--output', output, ...args], {
        stdout: (s) => (stdout += s), stderr: (s) => (stderr += s),
        env: { HUAWEICLOUD_SDK_AK: DEMO_CREDENTIALS.accessKey, HUAWEICLOUD_SDK_SK: DEMO_CREDENTIALS.secretKey },
      }), `CLI seed ${seed}`);
      const what = `CLI ${args.slice(6).join(' ')} --output ${output}, seed ${seed}: exit ${code}\n${stderr.slice(0, 600)}`;
      assert.ok(code === 0 || code === 1, what);
      assert.doesNotMatch(stderr, /unexpected error/, what);
      if (code === 1) assert.match(stderr, /^modelarts-plugins: \S/, what);
      else assert.ok(stdout.length > 0, what);
    }
  });

  test(`a body over ${MAX_RESPONSE_BYTES / 2 ** 20} MB is refused with a message, and memory stays bounded`, async () => {
    const before = process.memoryUsage().rss;
    emu.faults.add({ method: 'GET', path: '/plugins$', status: 200, body: `{"items":[],"padding":"${'x'.repeat(MAX_RESPONSE_BYTES + 5 * 2 ** 20)}"}`, times: 1 });
    const err = await within(client().listPlugins(P, POOL).then(() => undefined, (e) => e), 'a 25 MB answer');
    assert.ok(err instanceof ApiError, String(err));
    assert.match(err.message, /larger than 20 MB/);
    assert.ok(process.memoryUsage().rss - before < 200e6, `rss grew by ${(process.memoryUsage().rss - before) / 1e6} MB`);
    // and the next call is fine
    assert.ok((await client().listPlugins(P, POOL)).data.items.length > 0);
  });
});
