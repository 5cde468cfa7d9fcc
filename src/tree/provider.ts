// The "Resource Pools" tree. Children load when a node is expanded (one request per node) and are
// cached per node until that node or the whole tree is refreshed. Every list goes through
// `loadChildren`, which yields children, a placeholder, or an error node — never a silent [].
import * as vscode from 'vscode';
import { ApiError, Project, projectRegion } from '../api';
import { Session } from '../auth/session';
import { settings } from '../config';
import { Disposable } from '../util/lifecycle';
import { Log } from '../util/log';
import { MessageNode, PluginActivity, PluginNode, PoolNode, ProjectNode, TreeNode, errorNode } from './nodes';

/** Key of a plug-in across the extension: `projectId/pool/template`. */
export function pluginKey(projectId: string, pool: string, template: string): string {
  return `${projectId}/${pool}/${template}`;
}

export class PoolsTreeProvider extends Disposable implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = this.register(new vscode.EventEmitter<TreeNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  /** Children by parent id ('' for the root): loading or loaded, and the settled lists. */
  private readonly cache = new Map<string, Promise<TreeNode[]>>();
  private readonly loaded = new Map<string, TreeNode[]>();
  private readonly activities = new Map<string, PluginActivity>();
  private filterText = '';

  constructor(private readonly session: Session, private readonly log: Log) {
    super();
    this.register(session.onDidChange(() => this.refresh()));
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    if (node.kind === 'plugin') return node.toTreeItem(this.activities.get(this.keyOf(node)));
    return node.toTreeItem();
  }

  getParent(node: TreeNode): TreeNode | undefined {
    switch (node.kind) {
      case 'project':
        return undefined;
      case 'pool':
        return node.project;
      case 'plugin':
        return node.pool;
      default:
        return node.parent;
    }
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    await this.session.ready();
    if (!this.session.signedIn) return []; // the welcome view shows instead
    if (node && node.kind !== 'project' && node.kind !== 'pool') return [];
    const key = node?.id ?? '';
    let pending = this.cache.get(key);
    if (!pending) {
      pending = this.load(node).then((children) => {
        if (this.cache.get(key) === pending) this.loaded.set(key, children);
        return children;
      });
      this.cache.set(key, pending);
    }
    const children = await pending;
    return this.applyFilter(node, children);
  }

  /** Reloads everything. */
  refresh(): void {
    this.cache.clear();
    this.loaded.clear();
    this.changed.fire(undefined);
  }

  /** Reloads one node's children (or the whole tree for a node without children). */
  refreshNode(node: TreeNode | undefined): void {
    if (!node || node.kind === 'message') {
      const parent = node ? this.getParent(node) : undefined;
      if (!parent) return this.refresh();
      return this.refreshNode(parent);
    }
    if (node.kind === 'plugin') return this.refreshNode(node.pool);
    for (const map of [this.cache, this.loaded]) {
      for (const key of [...map.keys()]) if (key === node.id || key.startsWith(node.id + '/')) map.delete(key);
    }
    this.changed.fire(node);
  }

  /** Shows (or clears) what the extension is doing to a plug-in on its row. */
  setActivity(node: PluginNode, activity: PluginActivity | undefined): void {
    this.setActivityAt(this.keyOf(node), activity, node);
  }

  /** The same by key (pluginKey), for a plug-in whose row is not loaded yet (an install); `node` is refreshed when given. */
  setActivityAt(key: string, activity: PluginActivity | undefined, node?: TreeNode): void {
    if (activity) this.activities.set(key, activity);
    else this.activities.delete(key);
    this.changed.fire(node);
  }

  /** The loaded plug-in row of a key, if any. */
  loadedPlugin(projectId: string, pool: string, template: string): PluginNode | undefined {
    for (const children of this.loaded.values()) {
      const found = children.find((c): c is PluginNode => c.kind === 'plugin' && c.pool.project.projectId === projectId && c.pool.name === pool && c.template === template);
      if (found) return found;
    }
    return undefined;
  }

  get filter(): string {
    return this.filterText;
  }

  setFilter(text: string): void {
    this.filterText = text.trim();
    void vscode.commands.executeCommand('setContext', 'modelarts.filtered', this.filterText !== '');
    this.changed.fire(undefined);
  }

  private keyOf(node: PluginNode): string {
    return pluginKey(node.pool.project.projectId, node.pool.name, node.template);
  }

  private load(node: ProjectNode | PoolNode | undefined): Promise<TreeNode[]> {
    if (!node) return this.loadChildren(undefined, 'projects', () => this.loadProjects(), 'No projects');
    if (node.kind === 'project') {
      return this.loadChildren(node, 'resource pools', async () => {
        const r = await this.session.client().listPools(node.ref);
        return r.data.items.filter((p) => p?.metadata?.name).map((p) => new PoolNode(node, p));
      }, 'No resource pools in this project');
    }
    return this.loadChildren(node, 'plug-ins', async () => {
      const r = await this.session.client().listPlugins(node.project.ref, node.name);
      return r.data.items.filter((p) => p?.spec?.template?.name).map((p) => new PluginNode(node, p));
    }, 'No plug-ins installed');
  }

  /** The one place lists are loaded: children, a placeholder, or an error node with Retry and Show Logs. */
  private async loadChildren(parent: TreeNode | undefined, what: string, load: () => Promise<TreeNode[]>, placeholder: string): Promise<TreeNode[]> {
    try {
      const children = await load();
      if (children.length) return children;
      return [new MessageNode(`${parent?.id ?? 'root'}/#empty`, parent, 'placeholder', placeholder, { icon: 'info' })];
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError({ kind: 'response', message: (e as Error).message ?? String(e), cause: e });
      if (!(e instanceof ApiError)) this.log.error(`Loading ${what} failed`, e);
      this.session.handleError(err);
      const nodes: TreeNode[] = [errorNode(parent, what, err)];
      if (!parent) nodes.push(addProjectNode());
      return nodes;
    }
  }

  private async loadProjects(): Promise<TreeNode[]> {
    const s = settings();
    let projects: Pick<Project, 'id' | 'name'>[] = s.projects;
    const fromSettings = projects.length > 0;
    void vscode.commands.executeCommand('setContext', 'modelarts.projectsFromSettings', fromSettings);
    if (!fromSettings) projects = (await this.session.client().listProjects()).data;
    const nodes: TreeNode[] = projects
      .map((p) => new ProjectNode(p.id, p.name, projectRegion(p)))
      .filter((p) => !s.region || p.region === s.region)
      .sort((a, b) => a.name.localeCompare(b.name));
    if (fromSettings) nodes.push(addProjectNode());
    return nodes;
  }

  private applyFilter(parent: TreeNode | undefined, children: TreeNode[]): TreeNode[] {
    const f = this.filterText.toLowerCase();
    if (!f || !parent) return children;
    const matches = (...texts: string[]): boolean => texts.some((t) => t.toLowerCase().includes(f));
    if (parent.kind === 'project') {
      // keep a pool that matches, or whose loaded plug-ins match, or whose plug-ins are not loaded yet
      return children.filter((c) => {
        if (c.kind !== 'pool') return true;
        if (matches(c.label, c.name, c.phase)) return true;
        const plugins = this.loaded.get(c.id);
        return !plugins || plugins.some((p) => p.kind === 'plugin' && matches(p.template, p.phase));
      });
    }
    if (parent.kind === 'pool' && matches(parent.label, parent.name, parent.phase)) return children;
    return children.filter((c) => c.kind !== 'plugin' || matches(c.template, c.phase));
  }
}

function addProjectNode(): MessageNode {
  return new MessageNode('root/#addProject', undefined, 'action', 'Add project…', {
    icon: 'add',
    command: { command: 'modelarts.addProject', title: 'Add Project…' },
  });
}
