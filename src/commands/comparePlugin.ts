// Compare with…: a diff of one plug-in in two pools (any project), or of any two plug-ins. Each side
// is a read-only view document whose URI names project, region, pool, template and the profile it
// was loaded under, so it can be loaded again (Refresh, with that profile's keys only) and switched
// between `spec.template` only (default: keys sorted, names, timestamps and status left out because
// they always differ) and the whole answer.
import * as vscode from 'vscode';
import { compareText } from '../core/pluginEdit';
import { fromCompareUri, toCompareUri, type CompareSide, type CompareView } from '../documents/viewUri';
import { MessageNode, PluginNode, PoolNode, ProjectNode } from '../tree/nodes';
import { pickPlugin, pluginArgument } from './pickPlugin';
import type { Services } from './services';

interface PoolItem extends vscode.QuickPickItem {
  pool?: PoolNode;
  other?: true;
}

/** Loads one side: the plug-in as the pool lists it, '' when the pool lacks it. */
async function loadSide(s: Services, side: CompareSide, view: CompareView): Promise<{ text: string; missing: boolean }> {
  const list = await s.session.clientFor(side.profile).listPlugins(side.project, side.pool);
  const plugin = list.data.items.find((p) => p.spec?.template?.name === side.template);
  return { text: compareText(plugin, view === 'whole'), missing: !plugin };
}

async function openDiff(s: Services, left: CompareSide, right: CompareSide, view: CompareView): Promise<void> {
  const [l, r] = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Loading both plug-ins…') }, () =>
    Promise.all([loadSide(s, left, view), loadSide(s, right, view)]));
  const lu = toCompareUri(left, view);
  const ru = toCompareUri(right, view);
  s.views.set(lu, l.text, async () => (await loadSide(s, left, view)).text);
  s.views.set(ru, r.text, async () => (await loadSide(s, right, view)).text);
  const title = left.template === right.template
    ? `${left.template}: ${left.poolLabel} ↔ ${right.poolLabel}${view === 'whole' ? ` ${vscode.l10n.t('(whole answer)')}` : ''}`
    : `${left.template} (${left.poolLabel}) ↔ ${right.template} (${right.poolLabel})`;
  await vscode.commands.executeCommand('vscode.diff', lu, ru, title, { preview: false });
  for (const [side, loaded] of [[left, l], [right, r]] as const) {
    if (loaded.missing) void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no plug-in {1}: its side of the comparison is empty.', side.poolLabel, side.template));
  }
}

const toSide = (n: PluginNode | { pool: PoolNode; template: string }): CompareSide => ({
  project: n.pool.project.ref, profile: n.pool.project.profile, pool: n.pool.name, poolLabel: n.pool.label, template: n.template,
});

export async function comparePlugin(s: Services, arg?: unknown): Promise<void> {
  const a = await pluginArgument(s, arg, vscode.l10n.t('Compare Plug-in'));
  if (!a) return;
  const picked = await vscode.window.showQuickPick(poolItems(s, a), {
    title: vscode.l10n.t('Compare {0} in {1} with…', a.template, a.pool.label),
    placeHolder: vscode.l10n.t('Another pool (any project), or another plug-in'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked) return;
  if (picked.other) {
    const b = await pickPlugin(s, vscode.l10n.t('Compare with'));
    if (b) await openDiff(s, toSide(a), toSide(b), 'template');
    return;
  }
  await openDiff(s, toSide(a), toSide({ pool: picked.pool!, template: a.template }), 'template');
}

/** Every other pool of every project: those with the same template first. */
async function poolItems(s: Services, a: PluginNode): Promise<PoolItem[]> {
  const projects = (await s.tree.children()).filter((n): n is ProjectNode => n instanceof ProjectNode);
  const pools = (await Promise.all(projects.map((p) => s.tree.children(p)))).flat().filter((n): n is PoolNode => n instanceof PoolNode && n.id !== a.pool.id);
  const rows = await Promise.all(pools.map(async (pool) => {
    const children = await s.tree.children(pool);
    const plugin = children.find((n): n is PluginNode => n instanceof PluginNode && n.template === a.template);
    const failed = children.some((n) => n instanceof MessageNode && n.variant === 'error');
    return { pool, plugin, failed };
  }));
  const item = ({ pool, plugin, failed }: { pool: PoolNode; plugin?: PluginNode; failed: boolean }): PoolItem => ({
    label: pool.label,
    description: `${pool.project.name} · ${plugin ? [plugin.version, plugin.phase].filter(Boolean).join(' · ') : failed ? vscode.l10n.t('its plug-ins could not be loaded') : vscode.l10n.t('no {0}', a.template)}`,
    detail: pool.name,
    pool,
  });
  return [
    ...rows.filter((r) => r.plugin).map(item),
    ...rows.filter((r) => !r.plugin).map(item),
    { label: `$(search) ${vscode.l10n.t('Another plug-in…')}`, detail: vscode.l10n.t('Compare with any plug-in of any pool'), other: true },
  ];
}

/** Editor title of a comparison: switch both sides between spec.template and the whole answer. */
export async function toggleCompareView(s: Services): Promise<void> {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  const left = input instanceof vscode.TabInputTextDiff ? fromCompareUri(input.original) : undefined;
  const right = input instanceof vscode.TabInputTextDiff ? fromCompareUri(input.modified) : undefined;
  if (!left || !right) return void vscode.window.showInformationMessage(vscode.l10n.t('Open a comparison (ModelArts: Compare with…) first.'));
  const tab = vscode.window.tabGroups.activeTabGroup.activeTab!;
  await openDiff(s, left, right, left.view === 'whole' ? 'template' : 'whole');
  await vscode.window.tabGroups.close(tab);
}

/** Refresh of a comparison: both sides are loaded again. */
export function refreshComparison(s: Services): Promise<void> {
  return s.views.reload((u) => !!fromCompareUri(u));
}
