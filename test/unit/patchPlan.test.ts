// The one write path of every PATCH (src/core/patchPlan.ts): what it plans, and what the plug-in's
// inputs are once the emulator has applied it under both readings of the vendor's page
// (FIDELITY.md #1 and #2): the documented one and RFC 7386 over the current inputs.
import * as assert from 'assert';
import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import type { Plugin, PluginTemplateVersion } from '../../src/api';
import { defaultInputs, findTemplateVersion, presetInputs } from '../../src/api/templates';
import { changedSince, currentInputs, planPatch, prepareUpdate, sendUpdate, summarizePlan } from '../../src/core/patchPlan';
import { makePlugin, POOL_IDS, PROJECT_CN_NORTH_4 } from '../../src/emulator/seed';
import { startEmulator, type Emulator } from '../../src/emulator/server';
import { mergeOverDefaults, type PatchSemantics } from '../../src/emulator/state';
import { getTemplate } from '../../src/emulator/templates';
import { emulatorClient, rejects } from './helpers/client';
import { control } from './helpers/signedFetch';

const P = { id: PROJECT_CN_NORTH_4.id, region: PROJECT_CN_NORTH_4.name };
const POOL = POOL_IDS.autoPoolOs;
const DNS = getTemplate('node-local-dns')!;
const version = (v: string): PluginTemplateVersion => findTemplateVersion(DNS, v)!;

/** node-local-dns at 1.6.36 configured as a user would: not the defaults. */
function configured(overrides: Partial<Plugin['status']> = {}): Plugin {
  const { plugin } = makePlugin(POOL, 'node-local-dns', {
    phase: 'Running',
    version: '1.6.36',
    inputs: {
      custom: { enable_dnsconfig_admission: true, nameserver: '10.0.0.10', ndots: '3', search: 'corp' },
      flavor: presetInputs(findTemplateVersion(DNS, '1.6.36')!, 'flavor2').flavor,
    },
  });
  plugin.status = { ...plugin.status, ...overrides };
  return plugin;
}

suite('patch plan: every PATCH sends the complete inputs', () => {
  test('FIDELITY #1 an upgrade alone sends the version and every current input, kept', () => {
    const plan = planPatch(configured(), { version: '1.6.63' }, version('1.6.63'), version('1.6.36'));
    assert.deepStrictEqual(plan.body, { name: 'node-local-dns', version: '1.6.63', inputs: configured().spec.template.inputs });
    assert.deepStrictEqual([plan.from, plan.to], ['1.6.36', '1.6.63']);
    assert.deepStrictEqual(plan.changed, []);
    assert.deepStrictEqual(plan.defaulted, []);
    assert.deepStrictEqual(plan.kept, ['custom.enable_dnsconfig_admission', 'custom.nameserver', 'custom.ndots', 'custom.search', 'flavor.description', 'flavor.name', 'flavor.resources', 'flavor.size']);
    assert.deepStrictEqual(plan.added, []);
    assert.deepStrictEqual(plan.dropped, []);
  });

  test('FIDELITY #2 a removed key is sent as null inside the full inputs and reported as falling back to its default', () => {
    const plan = planPatch(configured(), { inputs: { custom: { ndots: null, nameserver: '10.0.0.53' } } }, version('1.6.36'), version('1.6.36'));
    assert.strictEqual(plan.body.inputs.custom && (plan.body.inputs.custom as Record<string, unknown>).ndots, null);
    assert.strictEqual((plan.body.inputs.custom as Record<string, unknown>).search, 'corp', 'untouched keys are sent');
    assert.ok(!('ndots' in (plan.inputs.custom as object)), 'the expected result has no ndots');
    assert.deepStrictEqual(plan.defaulted, ['custom.ndots']);
    assert.deepStrictEqual(plan.changed, ['custom.nameserver']);
    assert.strictEqual(plan.body.version, '1.6.36', 'the version is always sent');
  });

  test('names the parameters a target version adds (with their defaults) and the ones it no longer has', () => {
    const older: PluginTemplateVersion = { version: '1.0.0', inputs: { parameters: { custom: { a: '1', gone: 'x' } } } };
    const newer: PluginTemplateVersion = { version: '2.0.0', inputs: { parameters: { custom: { a: '1', fresh: 'on' } } } };
    const { plugin } = makePlugin(POOL, 'demo', { phase: 'Running', version: '1.0.0', inputs: { custom: { a: '7', gone: 'y' } } });
    const plan = planPatch(plugin, { version: '2.0.0' }, newer, older);
    assert.deepStrictEqual(plan.added, [{ path: 'custom.fresh', value: 'on', isNew: true }]);
    assert.deepStrictEqual(plan.dropped, ['custom.gone']);
    assert.deepStrictEqual(plan.body.inputs, { custom: { a: '7', fresh: 'on', gone: 'y' } });
    const text = summarizePlan(plan).join('\n');
    assert.match(text, /1\.0\.0 → 2\.0\.0/);
    assert.match(text, /2 installation parameter\(s\) kept/);
    assert.match(text, /New in 2\.0\.0, with their defaults: custom\.fresh = "on"/);
    assert.match(text, /Not in the template of 2\.0\.0.*custom\.gone/);
  });

  test('FIDELITY #9 reads the current inputs from status.values (a string) where spec has none, and never assumes it is an object', () => {
    const { plugin } = makePlugin(POOL, 'demo', { phase: 'Running', bare: true });
    assert.deepStrictEqual(currentInputs({ ...plugin, status: { ...plugin.status, values: '{"custom":{"a":"1"}}' } }), { custom: { a: '1' } });
    assert.deepStrictEqual(currentInputs({ ...plugin, status: { ...plugin.status, values: 'replicas=2' } }), {});
    assert.deepStrictEqual(currentInputs({ ...plugin, status: { ...plugin.status, values: '[1,2]' } }), {});
  });

  test('changedSince names a new version, changed inputs and a busy phase; nothing for an equal read', () => {
    assert.deepStrictEqual(changedSince(configured(), configured()), []);
    const moved = configured({ version: '1.6.63', phase: 'Updating' });
    moved.spec.template.inputs = { ...moved.spec.template.inputs, custom: { nameserver: '1.1.1.1' } };
    const why = changedSince(configured(), moved).join('; ');
    assert.match(why, /1\.6\.36 → 1\.6\.63/);
    assert.match(why, /custom\.ndots/);
    assert.match(why, /Updating/);
  });
});

suite('patch plan: the one write path', () => {
  test('no code under src/ sends a PATCH except through core/patchPlan (sendUpdate); the emulator is the cloud\'s side', () => {
    const root = path.resolve(__dirname, '../../src');
    const files = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
    const callers = files(root).filter((f) => /\.updatePlugin\(/.test(fs.readFileSync(f, 'utf8'))).map((f) => path.relative(root, f).split(path.sep).join('/'));
    assert.deepStrictEqual(callers.filter((f) => !f.startsWith('emulator/')), ['core/patchPlan.ts']);
  });
});

for (const semantics of ['documented', 'merge'] as PatchSemantics[]) {
  suite(`patch plan against the emulator (${semantics} PATCH semantics)`, () => {
    let emu: Emulator;
    const client = () => emulatorClient(emu);
    const patches = () => emu.requests.filter((r) => r.method === 'PATCH');
    const upsert = (plugin: Plugin) => control(emu.url, 'POST', 'plugins', { projectId: P.id, pool: POOL, plugin });
    const read = async () => (await client().showPlugin(P, POOL, 'node-local-dns')).data;

    suiteSetup(async () => {
      emu = await startEmulator({ deleteDelayMs: 50, installDelayMs: 50, updateDelayMs: 50, patchSemantics: semantics });
    });
    suiteTeardown(() => emu.close());
    setup(async () => {
      emu.reset();
      emu.setConfig({ patchSemantics: semantics });
      await upsert(configured());
    });

    test(`FIDELITY #1 #10 (${semantics}) an upgrade keeps every installation parameter and sends the template's name`, async () => {
      const prepared = await prepareUpdate(client(), P, POOL, 'node-local-dns', { version: '1.6.63' });
      await sendUpdate(client(), prepared);
      const after = await read();
      assert.strictEqual(after.spec.template.version, '1.6.63');
      assert.deepStrictEqual(after.spec.template.inputs?.custom, configured().spec.template.inputs?.custom);
      assert.strictEqual((after.spec.template.inputs?.flavor as { name: string }).name, 'Single');
      const body = JSON.parse(patches()[0].requestBody ?? '{}');
      assert.deepStrictEqual(Object.keys(body.spec.template).sort(), ['inputs', 'name', 'version'], 'FIDELITY #10 name is sent too');
    });

    test(`FIDELITY #2 (${semantics}) removing a key brings its default into effect`, async () => {
      const prepared = await prepareUpdate(client(), P, POOL, 'node-local-dns', { inputs: { custom: { ndots: null } } });
      await sendUpdate(client(), prepared);
      const stored = currentInputs(await read());
      const effective = mergeOverDefaults(defaultInputs(version('1.6.36')), stored) as { custom: Record<string, unknown> };
      assert.strictEqual(effective.custom.ndots, '5');
      assert.strictEqual(effective.custom.nameserver, '10.0.0.10', 'the other inputs stay');
    });

    test(`(${semantics}) a plug-in that changed after the plan is not written, and the refusal says what changed`, async () => {
      const prepared = await prepareUpdate(client(), P, POOL, 'node-local-dns', { version: '1.6.63' });
      const meanwhile = configured();
      meanwhile.spec.template.inputs = { ...meanwhile.spec.template.inputs, custom: { nameserver: '192.0.2.1' } };
      await upsert(meanwhile);
      const e = await rejects(sendUpdate(client(), prepared));
      assert.strictEqual(e.kind, 'validation');
      assert.match(e.message, /changed in the cloud since you looked at it/);
      assert.match(e.message, /custom\.ndots/);
      assert.strictEqual(patches().length, 0, 'nothing was sent');
    });

    test(`(${semantics}) a busy plug-in, an unknown version and a plug-in not at --if-version are refused before anything is sent`, async () => {
      assert.match((await rejects(prepareUpdate(client(), P, POOL, 'node-local-dns', { version: '9.9.9' }))).message, /has no version 9\.9\.9; it has 1\.6\.63, 1\.6\.36, 1\.5\.2/);
      assert.match((await rejects(prepareUpdate(client(), P, POOL, 'node-local-dns', { version: '1.6.63' }, { ifVersion: '1.5.2' }))).message, /is at 1\.6\.36, not 1\.5\.2/);
      await upsert(configured({ phase: 'Updating' }));
      assert.match((await rejects(prepareUpdate(client(), P, POOL, 'node-local-dns', { version: '1.6.63' }))).message, /is Updating/);
      assert.strictEqual(patches().length, 0);
    });

    test(`(${semantics}) a baseline older than the cloud refuses the write`, async () => {
      const baseline = configured({ version: '1.5.2' });
      const e = await rejects(prepareUpdate(client(), P, POOL, 'node-local-dns', { version: '1.6.63' }, { baseline }));
      assert.match(e.message, /1\.5\.2 → 1\.6\.36/);
      assert.strictEqual(patches().length, 0);
    });
  });
}

suite('patch plan: property (fast-check) against the emulator under both semantics', () => {
  let emu: Emulator;
  suiteSetup(async () => {
    emu = await startEmulator({ deleteDelayMs: 50, installDelayMs: 50, updateDelayMs: 50 });
  });
  suiteTeardown(() => emu.close());

  const key = fc.constantFrom('enable_dnsconfig_admission', 'nameserver', 'ndots', 'search', 'extra', 'other');
  const scalar = fc.oneof(fc.string({ maxLength: 6 }), fc.boolean(), fc.integer({ min: 0, max: 9 }));
  const custom = fc.dictionary(key, scalar, { maxKeys: 6 });
  const flavor = fc.oneof(
    fc.constant(undefined),
    fc.record({ name: fc.constantFrom('HA', 'Single', 'custom'), replicas: fc.integer({ min: 1, max: 3 }) }, { requiredKeys: ['name'] }),
  );
  const inputs = fc.record({ custom, flavor }).map(({ custom: c, flavor: f }) => (f ? { custom: c, flavor: f } : { custom: c }));
  const change = fc.record({
    version: fc.option(fc.constantFrom('1.6.63', '1.6.36', '1.5.2'), { nil: undefined }),
    inputs: fc.option(fc.record({ custom: fc.oneof(fc.constant(null), fc.dictionary(key, fc.oneof(scalar, fc.constant(null)), { maxKeys: 3 })) }, { requiredKeys: [] }), { nil: undefined }),
  });

  test('plan + PATCH + read back: the same effective inputs under both readings, and the user\'s values survive', async function () {
    this.timeout(60_000);
    await fc.assert(
      fc.asyncProperty(inputs, change, async (now, wanted) => {
        const results: Record<string, unknown>[] = [];
        let plannedInputs: unknown;
        for (const semantics of ['documented', 'merge'] as const) {
          emu.reset();
          emu.setConfig({ patchSemantics: semantics });
          const { plugin } = makePlugin(POOL, 'node-local-dns', { phase: 'Running', version: '1.6.36', inputs: now });
          await control(emu.url, 'POST', 'plugins', { projectId: P.id, pool: POOL, plugin });
          const c = emulatorClient(emu);
          const prepared = await prepareUpdate(c, P, POOL, 'node-local-dns', wanted as never);
          plannedInputs = prepared.plan.inputs;
          await sendUpdate(c, prepared);
          const stored = currentInputs((await c.showPlugin(P, POOL, 'node-local-dns')).data);
          const to = version(prepared.plan.to!);
          results.push(mergeOverDefaults(defaultInputs(to), stored));
          if (semantics === 'merge') assert.deepStrictEqual(stored, plannedInputs, 'under merge the stored inputs are exactly the plan');
        }
        assert.deepStrictEqual(results[0], results[1], 'same effective inputs under both readings');
        const eff = results[0] as { custom?: Record<string, unknown> };
        const patch = (wanted.inputs && 'custom' in wanted.inputs ? wanted.inputs.custom : {}) as Record<string, unknown> | null;
        for (const [k, v] of Object.entries(now.custom)) {
          if (patch === null || (patch && k in patch)) continue;
          assert.deepStrictEqual(eff.custom?.[k], v, `custom.${k} survives`);
        }
        if (patch) for (const [k, v] of Object.entries(patch)) if (v !== null) assert.deepStrictEqual(eff.custom?.[k], v, `custom.${k} set by the user`);
      }),
      { numRuns: 40 },
    );
  });
});
