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
    await offerSignIn();
    return undefined;
  }
  const project = await pick<ProjectNode>(s, undefined, 'project', vscode.l10n.t('{0} (1/3): project', action), vscode.l10n.t('project'), (n) => ({ label: n.name, description: n.region }));
  if (!project) return undefined;
  const pool = await pick<PoolNode>(s, project, 'pool', vscode.l10n.t('{0} (2/3): resource pool', action), vscode.l10n.t('resource pool'), (n) => ({ label: n.label, description: n.phase, detail: n.name }));
  if (!pool) return undefined;
  return pick<PluginNode>(s, pool, 'plugin', vscode.l10n.t('{0} (3/3): plug-in', action), vscode.l10n.t('plug-in'), (n) => ({
    label: n.template, description: [n.version, n.phase].filter(Boolean).join(' · '), detail: n.plugin.status?.reason,
  }), allow);
}

async function pick<T extends TreeNode>(
  s: Services,
  parent: TreeNode | undefined,
  kind: T['kind'],
  title: string,
  step: string,
  toItem: (n: T) => vscode.QuickPickItem,
  allow: (n: T) => boolean = () => true,
): Promise<T | undefined> {
  const load = s.tree.getChildren(parent).then((children) => {
    const error = children.find((c): c is MessageNode => c instanceof MessageNode && c.variant === 'error');
    if (error?.options.error) throw error.options.error;
    const nodes = children.filter((c): c is T => c.kind === kind && allow(c as T));
    if (!nodes.length) throw new ApiError({ kind: 'validation', message: vscode.l10n.t('{0}: nothing to choose from here.', step) });
    return nodes.map((n) => ({ ...toItem(n), node: n }));
  });
  const choice = await vscode.window.showQuickPick(load, { title, placeHolder: vscode.l10n.t('Type to filter'), matchOnDescription: true, matchOnDetail: true });
  return choice?.node;
}

/** "Sign in to ModelArts first." with a Sign In button, for actions that need keys. */
export async function offerSignIn(): Promise<void> {
  const signIn = vscode.l10n.t('Sign In');
  const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Sign in to ModelArts first.'), signIn);
  if (choice === signIn) await vscode.commands.executeCommand('modelarts.signIn');
}
