// Upgrade Plug-in…: pick another version of the plug-in's template (newer first, the current one
// marked), confirm from → to, and PATCH only `{"spec":{"template":{"version":…}}}`. Besides a tree
// node it takes a plug-in document's URI (editor title) and the plain `{ projectId, poolName,
// pluginName }` of command URIs (the version drift report).
import * as vscode from 'vscode';
import { ApiError, compareVersions, templateVersions } from '../api';
import { PluginNode } from '../tree/nodes';
import { descriptionOf } from './installPlugin';
import { pluginArgument } from './pickPlugin';
import type { Services } from './registerCommands';

/** Phases in which a change is refused, and why (getters: read in the display language). */
export const BUSY_PHASES: Readonly<Record<string, string>> = {
  get Pending() { return vscode.l10n.t('it is still being installed (Pending)'); },
  get Updating() { return vscode.l10n.t('it is being updated right now (Updating)'); },
  get Deleting() { return vscode.l10n.t('it is being uninstalled (Deleting)'); },
};

/** A validation error when the plug-in cannot be changed now (busy phase or a change already running). */
export function assertChangeable(s: Services, node: PluginNode, action: string): void {
  const why = BUSY_PHASES[node.phase]
    ?? (s.changes.isBusy(node.pool.project.projectId, node.pool.name, node.template) || s.deletions.isBusy(node) ? vscode.l10n.t('a change to it is already running') : undefined);
  if (why) throw new ApiError({ kind: 'validation', message: vscode.l10n.t('Cannot {0} {1} in {2}: {3}. Wait until it is Running or Abnormal, then try again.', action, node.template, node.pool.label, why) });
}

export async function upgradePlugin(s: Services, arg?: unknown): Promise<void> {
  const node = await pluginArgument(s, arg, vscode.l10n.t('Upgrade Plug-in'), (n) => !BUSY_PHASES[n.phase]);
  if (!node) return;
  assertChangeable(s, node, vscode.l10n.t('upgrade'));
  const current = node.version;
  const load = s.session.clientFor(node.pool.project.profile).listTemplates(node.pool.project.ref, { template: node.template }).then((r) => {
    const t = r.data.items.find((x) => x.metadata.name === node.template);
    const versions = t ? templateVersions(t) : [];
    if (!versions.some((v) => v.version !== current)) {
      throw new ApiError({ kind: 'validation', message: vscode.l10n.t('{0} has no other version than {1} to upgrade to.', node.template, current ?? vscode.l10n.t('the installed one')) });
    }
    return versions.map((v, i) => ({
      label: v.version,
      description: [v.version === current ? vscode.l10n.t('current') : '', i === 0 ? vscode.l10n.t('latest') : '', v.creationTimestamp?.slice(0, 10) ?? ''].filter(Boolean).join(' · '),
      detail: descriptionOf(v),
      version: v.version,
    }));
  });
  const picked = await vscode.window.showQuickPick(load, {
    title: vscode.l10n.t('Upgrade {0} in {1} (now {2})', node.template, node.pool.label, current ?? vscode.l10n.t('unknown')),
    placeHolder: vscode.l10n.t('Choose the version'),
    matchOnDescription: true,
  });
  if (!picked) return;
  if (picked.version === current) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} in {1} is already at {2}; nothing was sent.', node.template, node.pool.label, current ?? ''));
    return;
  }
  const down = current !== undefined && compareVersions(picked.version, current) < 0;
  const verb = down ? vscode.l10n.t('Downgrade') : vscode.l10n.t('Upgrade');
  const args = [node.template, node.pool.label, node.pool.project.name, current ?? vscode.l10n.t('unknown'), picked.version] as const;
  const confirmed = await vscode.window.showWarningMessage(
    down
      ? vscode.l10n.t('Downgrade {0} in resource pool "{1}" (project "{2}") from {3} to {4}?', ...args)
      : vscode.l10n.t('Upgrade {0} in resource pool "{1}" (project "{2}") from {3} to {4}?', ...args),
    { modal: true, detail: vscode.l10n.t('Only the version changes; the inputs stay as they are. The plug-in is updated on every node of the pool.') },
    verb,
  );
  if (confirmed !== verb) return;
  await s.changes.update(node, { version: picked.version }, 'upgrading');
}
