// The palette's way to a pool or a plug-in: quick picks for project → pool (→ plug-in), loaded
// through the tree's own cache and helper (so the same errors and placeholders apply), for every
// command that acts on one and is run without it. `findPlugin` resolves the plain
// `{ projectId, poolName, pluginName }` argument of command URIs the same way.
import * as vscode from 'vscode';
import { ApiError } from '../api';
import type { UpgradeTarget } from '../core/drift';
import { fromPluginUri } from '../documents/pluginUri';
import { MessageNode, PluginNode, PoolNode, ProjectNode, TreeNode } from '../tree/nodes';
import type { Services } from './services';

/** Asks for a pool in two steps; undefined when the user cancels (or is not signed in). */
export async function pickPool(s: Services, action: string, steps = 2): Promise<PoolNode | undefined> {
  if (!(await signedIn(s))) return undefined;
  const project = await pick<ProjectNode>(s, undefined, 'project', vscode.l10n.t('{0} (1/{1}): project', action, steps), vscode.l10n.t('project'), (n) => ({ label: n.name, description: n.region }));
  if (!project) return undefined;
  return pick<PoolNode>(s, project, 'pool', vscode.l10n.t('{0} (2/{1}): resource pool', action, steps), vscode.l10n.t('resource pool'), (n) => ({ label: n.label, description: n.phase, detail: n.name }));
}

/** Asks for a plug-in in three steps; undefined when the user cancels (or is not signed in). */
export async function pickPlugin(s: Services, action: string, allow: (n: PluginNode) => boolean = () => true): Promise<PluginNode | undefined> {
  const pool = await pickPool(s, action, 3);
  if (!pool) return undefined;
  return pick<PluginNode>(s, pool, 'plugin', vscode.l10n.t('{0} (3/3): plug-in', action), vscode.l10n.t('plug-in'), (n) => ({
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
  const missing = (what: string): ApiError => new ApiError({ kind: 'validation', message: `${what} ${vscode.l10n.t('Refresh the Resource Pools view and try again.')}` });
  if (!(await signedIn(s))) throw new vscode.CancellationError();
  const project = (await s.tree.children()).find((n): n is ProjectNode => n instanceof ProjectNode && n.projectId === where.projectId);
  if (!project) throw missing(vscode.l10n.t('Project {0} is not among the projects of this account.', where.projectId));
  const pool = (await s.tree.children(project)).find((n): n is PoolNode => n instanceof PoolNode && n.name === where.poolName);
  if (!pool) throw missing(vscode.l10n.t('Resource pool {0} was not found in project {1}.', where.poolName, project.name));
  const plugin = (await s.tree.children(pool)).find((n): n is PluginNode => n instanceof PluginNode && n.template === where.pluginName);
  if (!plugin) throw missing(vscode.l10n.t('Plug-in {0} is not installed in {1} ({2}).', where.pluginName, pool.label, project.name));
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
  await offerSignIn();
  return false;
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
  const load = s.tree.children(parent).then((children) => {
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
