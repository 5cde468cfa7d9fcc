// The palette's way to a plug-in: quick picks for project → pool → plug-in, loaded through the
// tree's own cache and helper (so the same errors and placeholders apply), for every command that
// acts on a plug-in and is run without one.
import * as vscode from 'vscode';
import { ApiError } from '../api';
import { MessageNode, PluginNode, PoolNode, ProjectNode, TreeNode } from '../tree/nodes';
import type { Services } from './registerCommands';

/** Asks for a plug-in in three steps; undefined when the user cancels (or is not signed in). */
export async function pickPlugin(s: Services, action: string, allow: (n: PluginNode) => boolean = () => true): Promise<PluginNode | undefined> {
  await s.session.ready();
  if (!s.session.signedIn) {
    const choice = await vscode.window.showInformationMessage('Sign in to ModelArts first.', 'Sign In');
    if (choice === 'Sign In') await vscode.commands.executeCommand('modelarts.signIn');
    return undefined;
  }
  const project = await pick<ProjectNode>(s, undefined, 'project', `${action} (1/3): project`, (n) => ({ label: n.name, description: n.region }));
  if (!project) return undefined;
  const pool = await pick<PoolNode>(s, project, 'pool', `${action} (2/3): resource pool`, (n) => ({ label: n.label, description: n.phase, detail: n.name }));
  if (!pool) return undefined;
  return pick<PluginNode>(s, pool, 'plugin', `${action} (3/3): plug-in`, (n) => ({
    label: n.template, description: [n.version, n.phase].filter(Boolean).join(' · '), detail: n.plugin.status?.reason,
  }), allow);
}

async function pick<T extends TreeNode>(
  s: Services,
  parent: TreeNode | undefined,
  kind: T['kind'],
  title: string,
  toItem: (n: T) => vscode.QuickPickItem,
  allow: (n: T) => boolean = () => true,
): Promise<T | undefined> {
  const load = s.tree.getChildren(parent).then((children) => {
    const error = children.find((c): c is MessageNode => c instanceof MessageNode && c.variant === 'error');
    if (error?.options.error) throw error.options.error;
    const nodes = children.filter((c): c is T => c.kind === kind && allow(c as T));
    if (!nodes.length) throw new ApiError({ kind: 'validation', message: `${title.split(': ')[1]}: nothing to choose from here.` });
    return nodes.map((n) => ({ ...toItem(n), node: n }));
  });
  const choice = await vscode.window.showQuickPick(load, { title, placeHolder: 'Type to filter', matchOnDescription: true, matchOnDetail: true });
  return choice?.node;
}
