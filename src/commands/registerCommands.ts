// One place maps command ids to handlers, and one wrapper gives every command the same error
// handling: a cancelled action is silent, an ApiError becomes a message with its code, text and
// request id plus Show Logs (and Retry where it can help), anything else is logged with its stack.
import * as vscode from 'vscode';
import { ApiError } from '../api';
import { Session } from '../auth/session';
import { PluginDocuments } from '../documents/pluginDocuments';
import { PoolsTreeProvider } from '../tree/provider';
import { TreeNode } from '../tree/nodes';
import { Log } from '../util/log';
import { DriftView } from '../documents/driftView';
import { AutoRefresh } from '../tree/autoRefresh';
import { ViewStatus } from '../tree/viewStatus';
import { Deletions } from './deletePlugin';
import type { EditDocuments } from '../documents/editDocuments';
import type { ViewDocuments } from '../documents/viewDocuments';
import type { PluginChanges } from './pluginChanges';
import * as applyPluginEdit from './applyPluginEdit';
import * as comparePlugin from './comparePlugin';
import * as editPlugin from './editPlugin';
import * as installPlugin from './installPlugin';
import * as upgradePlugin from './upgradePlugin';
import * as account from './account';
import * as deletePlugin from './deletePlugin';
import * as documentActions from './documentActions';
import * as filter from './filter';
import * as addProject from './addProject';
import * as refresh from './refresh';
import * as showPlugin from './showPlugin';
import * as scanAllPools from './scanAllPools';
import * as exportInventory from './exportInventory';
import * as showVersionDrift from './showVersionDrift';
import * as switchProfile from './switchProfile';

export interface Services {
  context: vscode.ExtensionContext;
  session: Session;
  tree: PoolsTreeProvider;
  treeView: vscode.TreeView<TreeNode>;
  documents: PluginDocuments;
  deletions: Deletions;
  log: Log;
  /** Installs and PATCHes in flight and their tracking. */
  changes: PluginChanges;
  /** Edit Plug-in… documents and install inputs (scheme modelarts-edit). */
  editDocuments: EditDocuments;
  /** Read-only sides of diffs (scheme modelarts-view). */
  views: ViewDocuments;
  drift: DriftView;
  autoRefresh: AutoRefresh;
  viewStatus: ViewStatus;
}

export type Handler = (services: Services, ...args: unknown[]) => unknown;

const HANDLERS: Record<string, Handler> = {
  'modelarts.signIn': account.signIn,
  'modelarts.signOut': account.signOut,
  'modelarts.refresh': refresh.refreshAll,
  'modelarts.refreshNode': refresh.refreshNode,
  'modelarts.retry': refresh.refreshNode,
  'modelarts.showLogs': (s) => s.log.show(),
  'modelarts.filter': filter.filter,
  'modelarts.clearFilter': filter.clearFilter,
  'modelarts.addProject': addProject.addProject,
  'modelarts.showPlugin': showPlugin.showPlugin,
  'modelarts.deletePlugin': deletePlugin.deletePlugin,
  'modelarts.deletePluginPick': deletePlugin.deletePluginPick,
  'modelarts.stopTracking': deletePlugin.stopTracking,
  'modelarts.refreshDocument': documentActions.refreshDocument,
  'modelarts.copyJson': documentActions.copyJson,
  'modelarts.installPlugin': installPlugin.installPlugin,
  'modelarts.installPluginPick': installPlugin.installPluginPick,
  'modelarts.upgradePlugin': upgradePlugin.upgradePlugin,
  'modelarts.editPlugin': editPlugin.editPlugin,
  'modelarts.applyPluginEdit': applyPluginEdit.applyPluginEdit,
  'modelarts.comparePlugin': comparePlugin.comparePlugin,
  'modelarts.toggleCompareView': comparePlugin.toggleCompareView,
  'modelarts.scanAllPools': scanAllPools.scanAllPools,
  'modelarts.exportInventory': exportInventory.exportInventory,
  'modelarts.showVersionDrift': showVersionDrift.showVersionDrift,
  'modelarts.switchProfile': switchProfile.switchProfile,
  'modelarts.signOutAll': account.signOutAll,
};

/** The ids of every command this extension registers (the contract test compares them with package.json). */
export const COMMAND_IDS = Object.keys(HANDLERS);

export function registerCommands(services: Services): vscode.Disposable[] {
  return Object.entries(HANDLERS).map(([id, handler]) =>
    vscode.commands.registerCommand(id, (...args: unknown[]) => run(id, services, handler, args)),
  );
}

async function run(id: string, services: Services, handler: Handler, args: unknown[]): Promise<unknown> {
  try {
    return await handler(services, ...args);
  } catch (e) {
    // not awaited: the toast stays until the user dismisses it, and executeCommand must not wait for that
    void reportError(services, e, () => run(id, services, handler, args));
    return undefined;
  }
}

/** Shows an error the way every command does; `retry` is offered when the error is transient. */
export async function reportError(services: Pick<Services, 'session' | 'log'>, e: unknown, retry?: () => unknown, prefix = ''): Promise<void> {
  if (isCancellation(e)) return;
  if (e instanceof ApiError) {
    if (e.kind !== 'validation') services.log.error(`${prefix}${e.describe()}`);
    // refused credentials: the Sign In offer says it all (one notification, not two)
    if (services.session.handleError(e)) return;
    const showLogs = vscode.l10n.t('Show Logs');
    const retryButton = vscode.l10n.t('Retry');
    const buttons = [showLogs, ...(retry && e.retryable ? [retryButton] : [])];
    const choice = await vscode.window.showErrorMessage(`${prefix}${e.describe()}`, ...buttons);
    if (choice === showLogs) services.log.show();
    else if (choice === retryButton) await retry?.();
    return;
  }
  services.log.error('Unexpected error', e);
  const showLogs = vscode.l10n.t('Show Logs');
  const choice = await vscode.window.showErrorMessage(prefix + vscode.l10n.t('Unexpected error: {0}', e instanceof Error ? e.message : String(e)), showLogs);
  if (choice === showLogs) services.log.show();
}

function isCancellation(e: unknown): boolean {
  return e instanceof vscode.CancellationError || (e instanceof ApiError && e.kind === 'cancelled');
}
