// Upgrade Plug-in…: pick another version of the plug-in's template (newer first, the current one
// marked), confirm from → to, and PATCH only `{"spec":{"template":{"version":…}}}`. Besides a tree
// node it takes a plug-in document's URI (editor title) and the plain `{ projectId, poolName,
// pluginName }` of command URIs (the version drift report).
import * as vscode from 'vscode';
import { ApiError, compareVersions, templateVersions } from '../api';
import { PluginNode } from '../tree/nodes';
import { pluginArgument } from './pickPlugin';
import type { Services } from './registerCommands';

/** Phases in which a change is refused, and why. */
export const BUSY_PHASES: Readonly<Record<string, string>> = {
  Pending: 'it is still being installed (Pending)',
  Updating: 'it is being updated right now (Updating)',
  Deleting: 'it is being uninstalled (Deleting)',
};

/** A validation error when the plug-in cannot be changed now (busy phase or a change already running). */
export function assertChangeable(s: Services, node: PluginNode, action: string): void {
  const why = BUSY_PHASES[node.phase]
    ?? (s.changes.isBusy(node.pool.project.projectId, node.pool.name, node.template) || s.deletions.isBusy(node) ? 'a change to it is already running' : undefined);
  if (why) throw new ApiError({ kind: 'validation', message: `Cannot ${action} ${node.template} in ${node.pool.label}: ${why}. Wait until it is Running or Abnormal, then try again.` });
}

export async function upgradePlugin(s: Services, arg?: unknown): Promise<void> {
  const node = await pluginArgument(s, arg, 'Upgrade Plug-in', (n) => !BUSY_PHASES[n.phase]);
  if (!node) return;
  assertChangeable(s, node, 'upgrade');
  const current = node.version;
  const load = s.session.client().listTemplates(node.pool.project.ref, { template: node.template }).then((r) => {
    const t = r.data.items.find((x) => x.metadata.name === node.template);
    const versions = t ? templateVersions(t) : [];
    if (!versions.some((v) => v.version !== current)) {
      throw new ApiError({ kind: 'validation', message: `${node.template} has no other version than ${current ?? 'the installed one'} to upgrade to.` });
    }
    return versions.map((v, i) => ({
      label: v.version,
      description: [v.version === current ? 'current' : '', i === 0 ? 'latest' : '', v.creationTimestamp?.slice(0, 10) ?? ''].filter(Boolean).join(' · '),
      detail: v.description,
      version: v.version,
    }));
  });
  const picked = await vscode.window.showQuickPick(load, {
    title: `Upgrade ${node.template} in ${node.pool.label} (now ${current ?? 'unknown'})`,
    placeHolder: 'Choose the version',
    matchOnDescription: true,
  });
  if (!picked) return;
  if (picked.version === current) {
    void vscode.window.showInformationMessage(`${node.template} in ${node.pool.label} is already at ${current}; nothing was sent.`);
    return;
  }
  const down = current !== undefined && compareVersions(picked.version, current) < 0;
  const verb = down ? 'Downgrade' : 'Upgrade';
  const confirmed = await vscode.window.showWarningMessage(
    `${verb} ${node.template} in resource pool "${node.pool.label}" (project "${node.pool.project.name}") from ${current ?? 'unknown'} to ${picked.version}?`,
    { modal: true, detail: 'Only the version changes; the inputs stay as they are. The plug-in is updated on every node of the pool.' },
    verb,
  );
  if (confirmed !== verb) return;
  await s.changes.update(node, { version: picked.version }, 'upgrading');
}
