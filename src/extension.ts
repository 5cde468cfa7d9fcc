// activate(): builds the few long-lived objects, wires them, and registers them. Nothing else: no
// request is made until the view is shown or a command runs.
import * as vscode from 'vscode';
import { Session } from './auth/session';
import { COMMAND_IDS, Services, registerCommands } from './commands/registerCommands';
import { Deletions } from './commands/deletePlugin';
import { updateViewDescription } from './commands/filter';
import { CONNECTION_SETTINGS } from './config';
import { PluginChanges } from './commands/pluginChanges';
import { EditDocuments } from './documents/editDocuments';
import { PluginDocuments } from './documents/pluginDocuments';
import { ViewDocuments } from './documents/viewDocuments';
import { PoolsTreeProvider } from './tree/provider';
import { Log } from './util/log';

/** Every contextValue shape the tree produces (the contract test matches package.json's `viewItem` clauses against these). */
export const CONTEXT_VALUES = [
  'project',
  'pool+running',
  'pool+abnormal',
  ...['pending', 'running', 'updating', 'abnormal'].flatMap((p) => [`plugin+${p}+deletable+editable`, `plugin+${p}`]),
  'plugin+deleting',
  'plugin+deleting+tracking',
  'message+placeholder',
  'message+error',
  'message+action',
];

export interface ExtensionApi {
  context: vscode.ExtensionContext;
  contextValues: string[];
  commandIds: string[];
  services: Services;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const log = new Log();
  const session = new Session(context, log);
  const tree = new PoolsTreeProvider(session, log);
  const treeView = vscode.window.createTreeView('modelarts.pools', { treeDataProvider: tree, canSelectMany: true, showCollapseAll: true });
  const documents = new PluginDocuments(session, log);
  const deletions = new Deletions(session, tree, documents, log);
  const changes = new PluginChanges(session, tree, documents, log);
  const editDocuments = new EditDocuments(session);
  const views = new ViewDocuments();
  const services: Services = { context, session, tree, treeView, documents, deletions, log, changes, editDocuments, views };

  context.subscriptions.push(
    log, session, tree, treeView, documents, deletions, changes, editDocuments, views,
    ...registerCommands(services),
    session.onDidChange(() => updateViewDescription(services)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (CONNECTION_SETTINGS.some((s) => e.affectsConfiguration(s))) session.settingsChanged();
    }),
  );
  // reading SecretStorage is async: start now, the tree waits for it
  void session.ready();
  return { context, contextValues: CONTEXT_VALUES, commandIds: COMMAND_IDS, services };
}

export function deactivate(): void {
  // everything is in context.subscriptions
}
