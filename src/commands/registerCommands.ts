// One place maps command ids to handlers, and one wrapper gives every command the same error
// handling (util/reportError.ts). Only extension.ts imports this file; commands import services.ts.
import * as vscode from 'vscode';
import { reportError } from '../util/reportError';
import type { Handler, Services } from './services';
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
