import * as assert from 'assert';
import { editSchema, templateEditSchema } from '../../src/core/editSchema';
import { compareText, editableTemplate, editText, parseEdit, planApply } from '../../src/core/pluginEdit';
import { getTemplate } from '../../src/emulator/templates';
import type { Plugin } from '../../src/api/models';

const PLUGIN: Plugin = {
  kind: 'Plugin',
  metadata: { name: 'pool-x-node-local-dns', creationTimestamp: '2025-03-17T12:29:18Z' },
  spec: { template: { version: '1.6.36', name: 'node-local-dns', inputs: { flavor: { name: 'HA', replicas: 2 }, custom: { ndots: '8', search: '1321' } } } },
  status: { phase: 'Running', version: '1.6.36' },
};
const BASE = editableTemplate(PLUGIN);
const edit = (f: (t: any) => void): string => {
  const t = JSON.parse(editText(BASE));
  f(t);
  return JSON.stringify(t);
};

suite('edit plug-in: document and Apply plan', () => {
  test('the document is spec.template with sorted keys: name, version, inputs', () => {
    assert.strictEqual(editText(BASE), JSON.stringify({ inputs: { custom: { ndots: '8', search: '1321' }, flavor: { name: 'HA', replicas: 2 } }, name: 'node-local-dns', version: '1.6.36' }, null, 2) + '\n');
    assert.deepStrictEqual(editableTemplate({ spec: { template: { name: 'x' } } }), { inputs: {}, name: 'x' });
  });

  test('invalid JSON is refused with the parser\'s message; a non-object or bad types too', () => {
    const bad = parseEdit('{"name": "x",');
    assert.ok(!bad.ok && /not valid JSON: .+/.test(bad.message), JSON.stringify(bad));
    assert.ok(!parseEdit('[1]').ok);
    assert.ok(!parseEdit('{"inputs": 3}').ok);
    assert.ok(!parseEdit('{"version": 3}').ok);
  });

  test('an unchanged document sends nothing; a changed name is refused', () => {
    assert.deepStrictEqual(planApply(BASE, editText(BASE), BASE), { kind: 'unchanged' });
    const renamed = planApply(BASE, edit((t) => (t.name = 'log-agent')), BASE);
    assert.strictEqual(renamed.kind, 'refused');
    assert.match((renamed as { message: string }).message, /name cannot be changed/);
  });

  test('the patch is minimal: changed leaves, null for removed keys, with the list of changes', () => {
    const plan = planApply(BASE, edit((t) => { t.inputs.custom.ndots = '5'; delete t.inputs.custom.search; }), BASE);
    assert.strictEqual(plan.kind, 'apply');
    if (plan.kind !== 'apply') return;
    assert.deepStrictEqual(plan.patch, { inputs: { custom: { ndots: '5', search: null } } });
    assert.deepStrictEqual(plan.changes, [{ path: 'inputs.custom.ndots', removed: false }, { path: 'inputs.custom.search', removed: true }]);
    assert.deepStrictEqual(plan.cloudChanges, []);
    assert.deepStrictEqual((plan.proposed.inputs as any).custom, { ndots: '5' });
  });

  test('a cloud change to other keys is kept: the patch goes on top of it', () => {
    const cloud = { ...BASE, version: '1.6.63' };
    const plan = planApply(BASE, edit((t) => (t.inputs.flavor.replicas = 3)), cloud);
    assert.strictEqual(plan.kind, 'apply');
    if (plan.kind !== 'apply') return;
    assert.deepStrictEqual(plan.patch, { inputs: { flavor: { replicas: 3 } } });
    assert.deepStrictEqual(plan.cloudChanges, [{ path: 'version', removed: false }]);
    assert.strictEqual(plan.proposed.version, '1.6.63');
  });

  test('a cloud change to the same keys is a conflict and sends nothing', () => {
    const cloud = JSON.parse(editText(BASE));
    cloud.inputs.custom.ndots = '3';
    const plan = planApply(BASE, edit((t) => (t.inputs.custom.ndots = '5')), cloud);
    assert.deepStrictEqual(plan, { kind: 'conflict', conflicts: ['inputs.custom.ndots'], cloudChanges: [{ path: 'inputs.custom.ndots', removed: false }] });
    const removedByCloud = JSON.parse(editText(BASE));
    delete removedByCloud.inputs.custom;
    assert.strictEqual(planApply(BASE, edit((t) => (t.inputs.custom.ndots = '5')), removedByCloud).kind, 'conflict');
  });

  test('compare shows spec.template sorted, or the whole answer, or nothing', () => {
    assert.strictEqual(compareText(PLUGIN, false), JSON.stringify({ inputs: { custom: { ndots: '8', search: '1321' }, flavor: { name: 'HA', replicas: 2 } }, name: 'node-local-dns', version: '1.6.36' }, null, 2) + '\n');
    assert.match(compareText(PLUGIN, true), /"creationTimestamp"/);
    assert.strictEqual(compareText(undefined, false), '');
  });

  test('the schema fixes the name, offers the template\'s versions and types the custom inputs', () => {
    const dns = getTemplate('node-local-dns')!;
    const s = templateEditSchema(dns) as any;
    assert.deepStrictEqual(s.properties.name, { const: 'node-local-dns', description: 'NodeLocal DNSCache: the template cannot be changed.' });
    assert.deepStrictEqual(s.properties.version.enum, ['1.6.63', '1.6.36', '1.5.2']);
    assert.match(s.properties.version.markdownEnumDescriptions[0], /^\*\*latest\*\* · 2023-05-20/);
    assert.deepStrictEqual(s.properties.inputs.properties.custom.properties.ndots.type, 'string');
    assert.deepStrictEqual(s.properties.inputs.properties.custom.properties.enable_dnsconfig_admission.type, 'boolean');
    assert.deepStrictEqual(s.properties.inputs.properties.flavor.properties.name.examples, ['HA', 'Single']);
    const all = editSchema([dns, getTemplate('log-agent')!]) as any;
    assert.deepStrictEqual(all.allOf.map((b: any) => b.if.properties.name.const), ['node-local-dns', 'log-agent']);
    assert.deepStrictEqual(all.required, ['name', 'inputs']);
  });
});
