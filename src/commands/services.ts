// What every command handler is given: the extension's long-lived objects, built once in
// extension.ts. Commands import this file, never registerCommands.ts (which imports them all).
import type * as vscode from 'vscode';
import type { Session } from '../auth/session';
import type { DriftView } from '../documents/driftView';
import type { EditDocuments } from '../documents/editDocuments';
import type { PluginDocuments } from '../documents/pluginDocuments';
import type { ViewDocuments } from '../documents/viewDocuments';
import type { AutoRefresh } from '../tree/autoRefresh';
import type { TreeNode } from '../tree/nodes';
import type { PoolsTreeProvider } from '../tree/provider';
import type { ViewStatus } from '../tree/viewStatus';
import type { Log } from '../util/log';
import type { Deletions } from '../changes/deletions';
import type { ChangeTracker } from '../changes/tracker';
import type { PluginChanges } from '../changes/pluginChanges';

export interface Services {
  context: vscode.ExtensionContext;
  session: Session;
  tree: PoolsTreeProvider;
  treeView: vscode.TreeView<TreeNode>;
  documents: PluginDocuments;
  deletions: Deletions;
  log: Log;
  /** Installs and PATCHes in flight. */
  changes: PluginChanges;
  /** The one tracker of writes in flight: it publishes, the tree and the documents listen. */
  tracker: ChangeTracker;
  /** Edit Plug-in… documents and install inputs (scheme modelarts-edit). */
  editDocuments: EditDocuments;
  /** Read-only sides of diffs (scheme modelarts-view). */
  views: ViewDocuments;
  drift: DriftView;
  autoRefresh: AutoRefresh;
  viewStatus: ViewStatus;
}

export type Handler = (services: Services, ...args: unknown[]) => unknown;
