// Whether a plug-in can be changed now: not while the cloud is still working on it (a busy phase),
// nor while a change or a deletion of ours is in flight. Upgrade, Edit → Apply and Install ask here.
import * as vscode from 'vscode';
import { ApiError } from '../api';
import type { PluginNode } from '../tree/nodes';
import type { Services } from './services';

/** Phases in which a change is refused, and why (getters: read in the display language). */
export const BUSY_PHASES: Readonly<Record<string, string>> = {
  get Pending() { return vscode.l10n.t('it is still being installed (Pending)'); },
  get Updating() { return vscode.l10n.t('it is being updated right now (Updating)'); },
  get Deleting() { return vscode.l10n.t('it is being uninstalled (Deleting)'); },
};

/** A validation error when the plug-in cannot be changed now (busy phase or a change already running). */
export function assertChangeable(s: Services, node: PluginNode, action: string): void {
  const why = BUSY_PHASES[node.phase]
    ?? (s.changes.isBusy(node.pool.project.projectId, node.pool.name, node.template) || s.deletions.isBusy(node.docRef) ? vscode.l10n.t('a change to it is already running') : undefined);
  if (why) throw new ApiError({ kind: 'validation', message: vscode.l10n.t('Cannot {0} {1} in {2}: {3}. Wait until it is Running or Abnormal, then try again.', action, node.template, node.pool.label, why) });
}
