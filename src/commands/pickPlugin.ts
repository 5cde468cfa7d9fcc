// The palette's way to a pool or a plug-in: quick picks for project → pool (→ plug-in), loaded
// through the tree's own cache and helper (so the same errors and placeholders apply), for every
// command that acts on one and is run without it. `findPlugin` resolves the plain
// `{ projectId, poolName, pluginName }` argument of command URIs the same way.
import * as vscode from 'vscode';
import { ApiError } from '../api';
import type { UpgradeTarget } from '../core/drift';
import { fromPluginUri } from '../documents/pluginUri';
import { MessageNode, PluginNode, PoolNode, ProjectNode, TreeNode } from '../tree/nodes';
import type { Services } from './registerCommands';

/** Asks for a pool in two steps; undefined when the user cancels (or is not signed in). */
export async function pickPool(s: Services, action: string, steps = 2): Promise<PoolNode | undefined> {
  if (!(await signedIn(s))) return undefined;
  const project = await pick<ProjectNode>(s, undefined, 'project', `${action} (1/${steps}): project`, (n) => ({ label: n.name, description: n.region }));
  if (!project) return undefined;
  return pick<PoolNode>(s, project, 'pool', `${action} (2/${steps}): resource pool`, (n) => ({ label: n.label, description: n.phase, detail: n.name }));
}

/** Asks for a plug-in in three steps; undefined when the user cancels (or is not signed in). */
export async function pickPlugin(s: Services, action: string, allow: (n: PluginNode) => boolean = () => true): Promise<PluginNode | undefined> {
  const pool = await pickPool(s, action, 3);
  if (!pool) return undefined;
  return pick<PluginNode>(s, pool, 'plugin', `${action} (3/3): plug-in`, (n) => ({
    label: n.template, description: [n.version, n.phase].filter(Boolean).join(' · '), detail: n.plugin.status?.reason,
  }), allow);
}

/** The argument of a command URI such as `command:modelarts.upgradePlugin?[{"projectId":…}]` (the drift report's links). */
export type PluginLocator = UpgradeTarget;

export function isPluginLocator(v: unknown): v is PluginLocator {
  const o = v as Record<string, unknown> | undefined;
  return !!o && typeof o === 'object' && typeof o.projectId === 'string' && typeof o.poolName === 'string' && typeof o.pluginName === 'string';
}

/** Finds a plug-in's tree node from a locator; a validation error that says what is missing otherwise. */
export async function findPlugin(s: Services, where: PluginLocator): Promise<PluginNode> {
  const missing = (what: string): ApiError => new ApiError({ kind: 'validation', message: `${what}. Refresh the Resource Pools view and try again.` });
  if (!(await signedIn(s))) throw new vscode.CancellationError();
  const project = (await s.tree.getChildren()).find((n): n is ProjectNode => n instanceof ProjectNode && n.projectId === where.projectId);
  if (!project) throw missing(`Project ${where.projectId} is not among the projects of this account`);
  const pool = (await s.tree.getChildren(project)).find((n): n is PoolNode => n instanceof PoolNode && n.name === where.poolName);
  if (!pool) throw missing(`Resource pool ${where.poolName} was not found in project ${project.name}`);
  const plugin = (await s.tree.getChildren(pool)).find((n): n is PluginNode => n instanceof PluginNode && n.template === where.pluginName);
  if (!plugin) throw missing(`Plug-in ${where.pluginName} is not installed in ${pool.label} (${project.name})`);
  return plugin;
}

/**
 * The plug-in a command acts on: the tree node it was given, a locator, a plug-in document's URI
 * (editor-title actions), the selection, or —
 * from the palette — the quick picks.
 */
export async function pluginArgument(s: Services, arg: unknown, action: string, allow?: (n: PluginNode) => boolean): Promise<PluginNode | undefined> {
  if (arg instanceof PluginNode) return arg;
  if (isPluginLocator(arg)) return findPlugin(s, arg);
  const ref = arg instanceof vscode.Uri ? fromPluginUri(arg) : undefined;
  if (ref) return findPlugin(s, { projectId: ref.projectId, poolName: ref.pool, pluginName: ref.template });
  return s.treeView.selection.find((n): n is PluginNode => n instanceof PluginNode) ?? pickPlugin(s, action, allow);
}

async function signedIn(s: Services): Promise<boolean> {
  await s.session.ready();
  if (s.session.signedIn) return true;
  const choice = await vscode.window.showInformationMessage('Sign in to ModelArts first.', 'Sign In');
  if (choice === 'Sign In') await vscode.commands.executeCommand('modelarts.signIn');
  return false;
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
