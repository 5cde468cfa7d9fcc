// What a screen reader hears for real rows of the tree (against the emulator's seed), and that a
// plug-in's phase is never carried by colour alone: each phase has its own icon shape and its word.
import * as assert from 'assert';
import { api, control, row, rows } from './tools';

suite('accessibility: tree rows', () => {
  suiteSetup(async () => {
    await control('POST', 'reset');
    (await api()).services.tree.refresh();
  });

  test('a project row names the project and its region', async () => {
    const project = await row(undefined, 'cn-north-4_ml-team');
    assert.strictEqual(project.accessibility, 'Project cn-north-4_ml-team, region cn-north-4');
  });

  test('a pool row names the pool, its phase and, once loaded, its plug-ins', async () => {
    const project = (await row(undefined, 'cn-north-4')).node;
    const pool = await row(project, 'auto-pool-os');
    assert.match(pool.accessibility ?? '', /^Resource pool auto-pool-os, Running(, \d+ plug-ins?.*)?$/);
    await rows(pool.node); // loads its plug-ins: the row then says how many
    const loaded = await row(project, 'auto-pool-os');
    assert.match(loaded.accessibility ?? '', /^Resource pool auto-pool-os, Running, \d+ plug-ins, 1 Abnormal$/);
  });

  test('a plug-in row reads "name, version, phase, in pool" (and the reason when there is one)', async () => {
    const pool = (await row((await row(undefined, 'cn-north-4')).node, 'auto-pool-os')).node;
    assert.strictEqual((await row(pool, 'node-local-dns')).accessibility, 'node-local-dns, version 1.6.36, Running, in pool auto-pool-os');
    const abnormal = await row(pool, 'log-agent');
    assert.match(abnormal.accessibility ?? '', /^log-agent, version [\d.]+, Abnormal, in pool auto-pool-os, reason: .*Insufficient CPU/);
  });

  test('every plug-in phase has its own icon shape and its word, not only a colour', async () => {
    const shapes = new Map<string, Set<string>>();
    const project = (await row(undefined, 'cn-north-4')).node;
    for (const pool of await rows(project)) {
      for (const p of await rows(pool.node)) {
        if (p.node.kind !== 'plugin') continue;
        const phase = /(\w+)$/.exec(p.description)![1];
        assert.ok(p.accessibility?.includes(phase), `${p.label}: the label "${p.accessibility}" says the phase ${phase}`);
        assert.ok(p.icon, `${p.label} has a theme icon`);
        assert.strictEqual(p.icon.color, `modelarts.phase.${phase.toLowerCase()}`);
        shapes.set(phase, (shapes.get(phase) ?? new Set()).add(p.icon.id));
      }
    }
    assert.ok(shapes.size >= 4, `the seed shows several phases: ${[...shapes.keys()]}`);
    const icons = [...shapes.values()].map((s) => [...s]);
    assert.ok(icons.every((s) => s.length === 1), 'one icon per phase');
    assert.strictEqual(new Set(icons.flat()).size, icons.length, `a different icon for each phase: ${JSON.stringify([...shapes].map(([k, v]) => [k, [...v]]))}`);
  });

  test('an error row says it is an error, with its code, and that Enter retries', async () => {
    await control('POST', 'faults', { method: 'GET', path: '/pools$', status: 403, times: 1 });
    const { tree } = (await api()).services;
    const project = (await row(undefined, 'cn-south-1')).node;
    tree.refreshNode(project);
    const children = await rows(project);
    const error = children.find((r) => r.node.kind === 'message' && r.contextValue === 'message+error');
    assert.ok(error, children.map((r) => r.label).join());
    assert.match(error.accessibility ?? '', /^Error: Could not load resource pools: .+, code [\w.]+; press Enter to retry$/);
    await control('DELETE', 'faults');
  });
});
