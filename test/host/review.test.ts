// The defects a maintainer's review found (issue 18, items 1–8), each pinned in the real extension
// host against the emulator: the view filter stays in the view, every request and document keeps
// the profile it was loaded under, trackers end, a failed command does not wait for its toast, and
// what is long-lived is let go of.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { POOL_IDS, PROJECT_CN_NORTH_4 } from '../../src/emulator/seed';
import { Node, Row, api, control, row, rows, scriptQuickPicks, stub } from './tools';

const CN4 = PROJECT_CN_NORTH_4.id;

interface ReviewServices {
  session: { profile: string; signedIn: boolean };
  tree: { refresh(): void; setFilter(text: string): void };
  views: { text(uri: vscode.Uri): string | undefined };
  documents: { entry(uri: vscode.Uri): { text: string; status?: string } | undefined };
  deletions: { isBusy(node: Node): boolean; stopAll(): void };
  changes: { install(pool: Node, template: { name: string; version?: string }): Promise<unknown>; stopAll(): Promise<void> };
}
const services = async (): Promise<ReviewServices> => (await api()).services as unknown as ReviewServices;
const pool = async (label: string, project = 'cn-north-4'): Promise<Row> => row((await row(undefined, project)).node, label);
const pluginTabs = (): vscode.Tab[] => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === 'modelarts-plugin');

suite('review (issue 18)', () => {
  let error: ReturnType<typeof stub>;
  setup(async () => {
    await control('POST', 'reset');
    await control('DELETE', 'faults');
    await control('DELETE', 'requests');
    (await services()).tree.refresh();
    error = stub('showErrorMessage', () => undefined);
  });
  teardown(async () => {
    error.restore();
    await control('DELETE', 'faults');
    const s = await services();
    s.tree.setFilter('');
    s.deletions.stopAll();
    await s.changes.stopAll();
    if (s.session.profile !== 'default') await vscode.commands.executeCommand('modelarts.switchProfile', 'default');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('REVIEW #1 the view filter only hides rows: a command finds a filtered-out plug-in, Install knows it is installed, Compare sees it', async function () {
    this.timeout(30_000);
    const auto = await pool('auto-pool-os');
    const dns = (await row(auto.node, 'node-local-dns')).node;
    await rows((await pool('sg-train', 'ap-southeast-1')).node); // loaded, so the filter could hide its node-local-dns
    (await services()).tree.setFilter('abnormal');
    assert.ok(!(await rows(auto.node)).some((r) => r.label === 'node-local-dns'), 'the view hides it');
    // the drift report's Upgrade link and Show Plug-in resolve a locator
    await vscode.commands.executeCommand('modelarts.showPlugin', { projectId: CN4, poolName: POOL_IDS.autoPoolOs, pluginName: 'node-local-dns' });
    assert.deepStrictEqual(error.calls.map((c) => c[0]), [], 'no "is not installed"');
    assert.ok(pluginTabs().some((t) => /^node-local-dns · auto-pool-os/.test(t.label)), pluginTabs().map((t) => t.label).join());
    // the Install wizard lists it as installed (offering it as new would end in the cloud's refusal)
    const qp = scriptQuickPicks(() => ({ escape: true }));
    try {
      await vscode.commands.executeCommand('modelarts.installPlugin', auto.node);
    } finally {
      qp.restore();
    }
    assert.ok(qp.shown[0]?.labels.includes('$(check) NodeLocal DNSCache'), qp.shown[0]?.labels.join());
    // Compare with… finds it in the other project's pool
    let offered: vscode.QuickPickItem[] = [];
    const pick = stub('showQuickPick', async (items) => {
      offered = (await (items as Promise<vscode.QuickPickItem[]>)) ?? [];
      return undefined;
    });
    try {
      await vscode.commands.executeCommand('modelarts.comparePlugin', dns);
    } finally {
      pick.restore();
    }
    const sg = offered.find((i) => i.label === 'sg-train');
    assert.match(sg?.description ?? '', /^ap-southeast-1 · [\d.]+ · Running$/, JSON.stringify(offered.map((i) => [i.label, i.description])));
  });
});
