// Delete Plug-in: the context menu, the Delete key and the palette's quick picks, a confirmation
// (modal, or typing the name), then Deletions (deletions.ts) sends the DELETE and tracks it.
import * as vscode from 'vscode';
import { settings } from '../config';
import { PluginNode } from '../tree/nodes';
import { pickPlugin } from './pickPlugin';
import type { Services } from './services';

/** Context menu, Delete key, multi-selection: confirms once, then deletes. */
export async function deletePlugin(s: Services, node?: unknown, selection?: unknown): Promise<void> {
  const picked = Array.isArray(selection) && selection.length ? selection : node ? [node] : s.treeView.selection;
  const nodes = picked.filter((n): n is PluginNode => n instanceof PluginNode);
  const deletable = nodes.filter((n) => n.phase !== 'Deleting' && !busy(s, n));
  if (!deletable.length) {
    if (!nodes.length) void vscode.window.showInformationMessage(vscode.l10n.t('Select a plug-in in the Resource Pools view first.'));
    else if (nodes.some((n) => s.changes.isBusy(n.pool.project.projectId, n.pool.name, n.template))) vscode.window.setStatusBarMessage(vscode.l10n.t('A change to that plug-in is already running.'), 4000);
    else vscode.window.setStatusBarMessage(vscode.l10n.t('That plug-in is already being deleted.'), 4000);
    return;
  }
  if (await confirm(deletable)) await s.deletions.run(deletable.map((n) => n.docRef));
}

/** The palette flow: project → pool → plug-in quick picks, then the same confirmation. */
export async function deletePluginPick(s: Services): Promise<void> {
  const plugin = await pickPlugin(s, vscode.l10n.t('Delete Plug-in'), (n) => n.phase !== 'Deleting' && !busy(s, n));
  if (plugin && (await confirm([plugin]))) await s.deletions.run([plugin.docRef]);
}

/** Being deleted, or being installed or changed (a DELETE then would race the tracked write, as Upgrade refuses to). */
function busy(s: Services, n: PluginNode): boolean {
  return s.deletions.isBusy(n.docRef) || s.changes.isBusy(n.pool.project.projectId, n.pool.name, n.template);
}

/** The modal confirmation (or typing the name, per "modelarts.deleteConfirmation"). */
async function confirm(nodes: PluginNode[]): Promise<boolean> {
  const first = nodes[0];
  const where = (n: PluginNode): string => vscode.l10n.t('"{0}" from resource pool "{1}" in project "{2}"', n.template, n.pool.label, n.pool.project.name);
  const message = nodes.length === 1 ? vscode.l10n.t('Delete plug-in {0}?', where(first)) : vscode.l10n.t('Delete {0} plug-ins?', nodes.length);
  const detail = (nodes.length === 1 ? '' : nodes.map((n) => `• ${where(n)}`).join('\n') + '\n\n')
    + vscode.l10n.t('This uninstalls the plug-in from every node of the pool. Workloads that depend on it may stop working.');
  if (settings().deleteConfirmation === 'typeName' && nodes.length === 1) {
    const typed = await vscode.window.showInputBox({
      title: message,
      prompt: `${detail} ${vscode.l10n.t('Type "{0}" to confirm.', first.template)}`,
      placeHolder: first.template,
      ignoreFocusOut: true,
      validateInput: (v) => (v === first.template ? undefined : vscode.l10n.t('Type {0} exactly to confirm.', first.template)),
    });
    return typed === first.template;
  }
  const button = vscode.l10n.t('Delete');
  const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, button);
  return choice === button;
}

export function stopTracking(s: Services, node?: unknown): void {
  if (node instanceof PluginNode) s.deletions.stop(node.docRef);
}
