// activate(): builds the few long-lived objects, wires them, and registers them. Nothing else: no
// request is made until the view is shown or a command runs.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { Session } from './auth/session';
import { COMMAND_IDS, registerCommands } from './commands/registerCommands';
import type { Services } from './commands/services';
import { Deletions } from './changes/deletions';
import { updateViewDescription } from './commands/filter';
import { CONNECTION_SETTINGS } from './config';
import { PluginChanges } from './changes/pluginChanges';
import { ChangeTracker } from './changes/tracker';
import { DriftView } from './documents/driftView';
import { EditDocuments } from './documents/editDocuments';
import { PluginDocuments } from './documents/pluginDocuments';
import { ViewDocuments } from './documents/viewDocuments';
import { AutoRefresh } from './tree/autoRefresh';
import { allContextValues } from './tree/nodes';
import { PoolsTreeProvider } from './tree/provider';
import { ViewStatus } from './tree/viewStatus';
import { Log } from './util/log';
import { registerLanguageModelTools, type LanguageModelTools } from './languageModelTools';

/** Every contextValue the tree produces, derived from the code that builds them (the contract test matches package.json's `viewItem` clauses against these). */
export const CONTEXT_VALUES = allContextValues();

export interface ExtensionApi {
  context: vscode.ExtensionContext;
  contextValues: string[];
  commandIds: string[];
  services: Services;
  /** The language-model tools as registered (host tests call them directly). */
  languageModelTools: LanguageModelTools['tools'];
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  // the vscode-free layers (src/api) translate through @vscode/l10n: hand them this extension's bundle
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  const log = new Log();
  const session = new Session(context, log);
  const tree = new PoolsTreeProvider(session, log);
  const treeView = vscode.window.createTreeView('modelarts.pools', { treeDataProvider: tree, canSelectMany: true, showCollapseAll: true });
  const documents = new PluginDocuments(session, log);
  // the trackers publish, the tree and the documents listen: a change flows one way
  const tracker = new ChangeTracker(log);
  const deletions = new Deletions(session, tracker, log);
  const changes = new PluginChanges(session, tracker, log);
  const editDocuments = new EditDocuments(session);
  const views = new ViewDocuments();
  const drift = new DriftView(log);
  const autoRefresh = new AutoRefresh(tree, treeView);
  const viewStatus = new ViewStatus(session, tree, treeView);
  const services: Services = { context, session, tree, treeView, documents, deletions, log, changes, tracker, editDocuments, views, drift, autoRefresh, viewStatus };

  // VS Code disposes these in order: the log goes last, after everything that may still write to it
  context.subscriptions.push(
    tracker, session, tree, treeView, documents, editDocuments, views, drift, autoRefresh, viewStatus,
    tracker.onDidChange((e) => {
      tree.applyChange(e);
      documents.applyChange(e);
    }),
    // a profile switch (from any command) stops the old profile's trackers before anything reloads
    session.onDidChangeProfile(() => void tracker.stopAll()),
    ...registerCommands(services),
    session.onDidChange(() => updateViewDescription(services)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (CONNECTION_SETTINGS.some((s) => e.affectsConfiguration(s))) session.settingsChanged();
    }),
    log,
  );
  const contributedTools = ((context.extension.packageJSON as { contributes?: { languageModelTools?: { name: string }[] } }).contributes?.languageModelTools ?? []).map((t) => t.name);
  const lmTools = registerLanguageModelTools(contributedTools, { session, tree, log });
  context.subscriptions.push(...lmTools.disposables);
  // reading SecretStorage is async: start now, the tree waits for it
  void session.ready();
  return { context, contextValues: CONTEXT_VALUES, commandIds: COMMAND_IDS, services, languageModelTools: lmTools.tools };
}

export function deactivate(): void {
  // everything is in context.subscriptions
}
