// The "Resource Pools" tree. Children load when a node is expanded (one request per node) and are
// cached per node until that node or the whole tree is refreshed. Every list goes through
// `loadChildren`, which yields children, a placeholder, or an error node — never a silent [].
// Scan All Pools fills the same cache (`primePools` / `primePlugins`), and auto-refresh reloads a
// loaded list in place (`reloadInPlace`), keeping the old rows with a warning when it fails. The
// loaded plug-in lists give the pools their counts and the view its Abnormal badge (`health`).
import * as vscode from 'vscode';
import { ApiError, Plugin, asApiError, Pool, Project, projectRegion } from '../api';
import { Session } from '../auth/session';
import type { PluginChangeEvent } from '../core/pluginChange';
import { pluginKey } from '../core/pluginRef';
import { settings } from '../config';
import { Disposable } from '../util/lifecycle';
import { Log } from '../util/log';
import { MessageNode, PluginActivity, PluginCounts, PluginNode, PoolNode, ProjectNode, TreeNode, errorNode } from './nodes';

/** Abnormal plug-ins among the pools loaded so far. */
export interface Health {
  abnormalPlugins: number;
  abnormalPools: number;
}

/** Key of a plug-in across the extension: `projectId/pool/template`. */

export class PoolsTreeProvider extends Disposable implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = this.register(new vscode.EventEmitter<TreeNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  /** Children by parent id ('' for the root): loading or loaded, and the settled lists. */
  private readonly cache = new Map<string, Promise<TreeNode[]>>();
  private readonly loaded = new Map<string, TreeNode[]>();
  private readonly activities = new Map<string, PluginActivity>();
  /** Nodes whose last in-place reload failed, with the error (shown as a warning on the node). */
  private readonly stale = new Map<string, ApiError>();
  /** Nodes being reloaded in place right now. */
  private readonly reloading = new Set<string>();
  private filterText = '';
  private readonly healthChanged = this.register(new vscode.EventEmitter<Health>());
  /** Fires when the loaded plug-in lists change (the view's badge follows it). */
  readonly onDidChangeHealth = this.healthChanged.event;

  constructor(private readonly session: Session, private readonly log: Log) {
    super();
    this.register(session.onDidChange(() => this.refresh()));
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    if (node.kind === 'plugin') return node.toTreeItem(this.activities.get(this.keyOf(node)));
    if (node.kind === 'pool') return node.toTreeItem(this.counts(node), this.stale.get(node.id));
    if (node.kind === 'project') return node.toTreeItem(this.stale.get(node.id));
    return node.toTreeItem();
  }

  /** A pool's plug-in counts, once its plug-ins are loaded (an error node counts as not loaded). */
  counts(pool: PoolNode): PluginCounts | undefined {
    const children = this.loaded.get(pool.id);
    if (!children || children.some((c) => c.kind === 'message' && c.variant === 'error')) return undefined;
    const plugins = children.filter((c): c is PluginNode => c.kind === 'plugin');
    return { plugins: plugins.length, abnormal: plugins.filter((p) => p.phase === 'Abnormal').length };
  }

  /** Abnormal plug-ins (and the pools they are in) among every pool whose plug-ins are loaded. */
  health(): Health {
    let abnormalPlugins = 0;
    let abnormalPools = 0;
    for (const children of this.loaded.values()) {
      const n = children.filter((c) => c.kind === 'plugin' && c.phase === 'Abnormal').length;
      abnormalPlugins += n;
      if (n) abnormalPools++;
    }
    return { abnormalPlugins, abnormalPools };
  }

  /** The loaded node with this id (the current object, after in-place reloads), if any. */
  loadedNode(id: string): TreeNode | undefined {
    const parent = id.split('/').slice(0, -1).join('/');
    return this.loaded.get(parent === 'p' ? '' : parent)?.find((n) => n.id === id);
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

  /** What the view shows: the children with the view's filter applied. Commands use `children()`. */
  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    return this.applyFilter(node, await this.children(node));
  }

  /**
   * A node's children as loaded (through the same cache as the view), never filtered: the filter
   * only hides rows, so what a command finds (a plug-in, the installed templates) is what is there.
   */
  async children(node?: TreeNode): Promise<TreeNode[]> {
    await this.session.ready();
    if (!this.session.signedIn) return []; // the welcome view shows instead
    if (node && node.kind !== 'project' && node.kind !== 'pool') return [];
    const key = node?.id ?? '';
    let pending = this.cache.get(key);
    if (!pending) {
      pending = this.load(node).then((children) => {
        if (this.cache.get(key) === pending) this.settle(node, children);
        return children;
      });
      this.cache.set(key, pending);
    }
    return pending;
  }

  /** Records a loaded list; a pool's row then shows its counts, and the badge follows. */
  private settle(node: ProjectNode | PoolNode | undefined, children: TreeNode[]): void {
    this.loaded.set(node?.id ?? '', children);
    if (node?.kind === 'pool') {
      this.changed.fire(node); // its description now has the counts
      this.healthChanged.fire(this.health());
    }
  }

  /** Puts a project's pools, read elsewhere (Scan All Pools), into the cache as if the project had been expanded. */
  primePools(project: ProjectNode, pools: Pool[]): PoolNode[] {
    const children = this.poolChildren(project, pools);
    this.replacePools(project, children);
    this.cache.set(project.id, Promise.resolve(children));
    this.loaded.set(project.id, children);
    this.stale.delete(project.id);
    this.changed.fire(project);
    return children.filter((c): c is PoolNode => c.kind === 'pool');
  }

  /** Puts a pool's plug-ins, read elsewhere, into the cache. */
  primePlugins(pool: PoolNode, plugins: Plugin[]): void {
    const children = this.pluginChildren(pool, plugins);
    this.cache.set(pool.id, Promise.resolve(children));
    this.stale.delete(pool.id);
    this.settle(pool, children);
  }

  /**
   * Reloads a loaded list without going through an error node (auto-refresh): rows are replaced by
   * the fresh ones with the same ids (so expansion and selection survive); on failure the old rows
   * stay and the node shows a warning with the error. Returns false when it did nothing.
   */
  async reloadInPlace(node: ProjectNode | PoolNode): Promise<boolean> {
    if (this.reloading.has(node.id) || !this.loaded.has(node.id)) return false;
    this.reloading.add(node.id);
    const before = this.cache.get(node.id);
    try {
      const children = await this.fetchChildren(node);
      if (this.cache.get(node.id) !== before) return false; // refreshed meanwhile: that load wins
      this.stale.delete(node.id);
      if (node.kind === 'project') this.replacePools(node, children);
      this.cache.set(node.id, Promise.resolve(children));
      this.settle(node, children);
      if (node.kind === 'project') this.changed.fire(node);
      return true;
    } catch (e) {
      if (this.cache.get(node.id) !== before) return false;
      const err = asApiError(e);
      this.session.handleError(err);
      this.stale.set(node.id, err);
      this.changed.fire(node);
      return false;
    } finally {
      this.reloading.delete(node.id);
    }
  }

  /**
   * A project's pool nodes are being replaced by `children` (same ids where the pool still exists):
   * pools whose plug-ins were loaded keep them, re-parented, so nothing reloads and expansion stays;
   * a pool that went away takes its list along.
   */
  private replacePools(project: ProjectNode, children: readonly TreeNode[]): void {
    const kept = new Set(children.map((c) => c.id));
    for (const key of [...this.cache.keys()]) {
      if (key.startsWith(project.id + '/') && !kept.has(key.split('/').slice(0, 3).join('/'))) this.forget(key);
    }
    for (const c of children) {
      const plugins = c.kind === 'pool' ? this.loaded.get(c.id) : undefined;
      if (c.kind === 'pool' && plugins) this.rebase(c, plugins);
    }
  }

  /** The plug-ins of a pool moved to a new PoolNode (same id): new nodes with the new parent. */
  private rebase(pool: PoolNode, plugins: readonly TreeNode[]): void {
    const moved = plugins.map((p) => (p.kind === 'plugin' ? new PluginNode(pool, p.plugin) : p.kind === 'message' ? new MessageNode(p.id, pool, p.variant, p.label, p.options) : p));
    this.cache.set(pool.id, Promise.resolve(moved));
    this.loaded.set(pool.id, moved);
  }

  private forget(key: string): void {
    this.cache.delete(key);
    this.loaded.delete(key);
    this.stale.delete(key);
  }

  /** Reloads everything. */
  refresh(): void {
    this.cache.clear();
    this.loaded.clear();
    this.stale.clear();
    this.changed.fire(undefined);
    this.healthChanged.fire(this.health());
  }

  /** Reloads one node's children (or the whole tree for a node without children). */
  refreshNode(node: TreeNode | undefined): void {
    if (!node || node.kind === 'message') {
      const parent = node ? this.getParent(node) : undefined;
      if (!parent) return this.refresh();
      return this.refreshNode(parent);
    }
    if (node.kind === 'plugin') return this.refreshNode(node.pool);
    for (const key of [...this.cache.keys(), ...this.loaded.keys()]) if (key === node.id || key.startsWith(node.id + '/')) this.forget(key);
    this.stale.delete(node.id);
    this.changed.fire(node);
    this.healthChanged.fire(this.health());
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

  /**
   * A step of a change in flight (src/changes/ publishes it): reload the pool first when asked (so
   * the row never flashes a stale phase), then show the activity or drop it. Only for the profile
   * shown: after a switch the old profile's pools are not in the tree any more.
   */
  applyChange(e: PluginChangeEvent): void {
    if (e.ref.profile !== this.session.profile) return;
    const pool = this.loadedPool(e.ref.projectId, e.ref.pool);
    if (e.reloadPool && pool) this.refreshNode(pool);
    if (e.activity || e.reloadPool) {
      const key = pluginKey(e.ref.projectId, e.ref.pool, e.ref.template);
      this.setActivityAt(key, e.activity, this.loadedPlugin(e.ref.projectId, e.ref.pool, e.ref.template) ?? pool);
    }
  }

  /** The loaded pool row, if any. */
  private loadedPool(projectId: string, pool: string): PoolNode | undefined {
    for (const children of this.loaded.values()) {
      const found = children.find((c): c is PoolNode => c.kind === 'pool' && c.project.projectId === projectId && c.name === pool);
      if (found) return found;
    }
    return undefined;
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
    if (!node) return this.loadChildren(undefined, vscode.l10n.t('projects'), () => this.fetchChildren(undefined));
    return this.loadChildren(node, node.kind === 'project' ? vscode.l10n.t('resource pools') : vscode.l10n.t('plug-ins'), () => this.fetchChildren(node));
  }

  /**
   * A node's children from the cloud (or a placeholder), and a warning row for entries the answer had
   * but the view cannot show; throws on failure. Requests use the node's own profile.
   */
  private async fetchChildren(node: ProjectNode | PoolNode | undefined): Promise<TreeNode[]> {
    let children: TreeNode[];
    let problems: string[] | undefined;
    if (!node) {
      ({ nodes: children, problems } = await this.loadProjects());
      if (!children.length) children = [this.placeholder(node, vscode.l10n.t('No projects'))];
    } else if (node.kind === 'project') {
      const r = await this.session.clientFor(node.profile).listPools(node.ref);
      children = this.poolChildren(node, r.data.items);
      problems = r.problems;
    } else {
      const r = await this.session.clientFor(node.project.profile).listPlugins(node.project.ref, node.name);
      children = this.pluginChildren(node, r.data.items);
      problems = r.problems;
    }
    return this.withProblems(node, !node ? 'projects' : node.kind === 'project' ? 'pools' : 'plug-ins', problems, children);
  }

  /** A project's pool rows, or the placeholder when it has none (listed, or read by Scan All Pools). */
  private poolChildren(project: ProjectNode, pools: Pool[]): TreeNode[] {
    const nodes = pools.filter((p) => p?.metadata?.name).map((p) => new PoolNode(project, p));
    return nodes.length ? nodes : [this.placeholder(project, vscode.l10n.t('No resource pools in this project'))];
  }

  /** A pool's plug-in rows, or the placeholder when it has none. */
  private pluginChildren(pool: PoolNode, plugins: Plugin[]): TreeNode[] {
    const nodes = plugins.filter((p) => p?.spec?.template?.name).map((p) => new PluginNode(pool, p));
    return nodes.length ? nodes : [this.placeholder(pool, vscode.l10n.t('No plug-ins installed'))];
  }

  private placeholder(parent: TreeNode | undefined, text: string): MessageNode {
    return new MessageNode(`${parent?.id ?? 'root'}/#empty`, parent, 'placeholder', text, { icon: 'info' });
  }

  /** The entries the cloud sent that could not be shown: a warning row after the rest, and each one in the log. */
  private withProblems(parent: TreeNode | undefined, what: string, problems: string[] | undefined, nodes: TreeNode[]): TreeNode[] {
    if (!problems?.length) return nodes;
    for (const p of problems) this.log.warn(`An entry of the ${what} answer was left out: ${p}`);
    const shown = { projects: vscode.l10n.t('projects'), pools: vscode.l10n.t('pools'), 'plug-ins': vscode.l10n.t('plug-ins') }[what] ?? what;
    const label = vscode.l10n.t('{0} {1} not shown: the answer was malformed ({2})', problems.length, shown, `${problems[0]}${problems.length > 1 ? ', …' : ''}`);
    return [...nodes, new MessageNode(`${parent?.id ?? 'root'}/#malformed`, parent, 'placeholder', label, { icon: 'warning', description: vscode.l10n.t('see Show Logs') })];
  }

  /** The one place lists are loaded: children, a placeholder, or an error node with Retry and Show Logs. */
  private async loadChildren(parent: TreeNode | undefined, what: string, load: () => Promise<TreeNode[]>): Promise<TreeNode[]> {
    try {
      return await load();
    } catch (e) {
      const err = asApiError(e);
      if (!(e instanceof ApiError)) this.log.error(`Loading ${what} failed`, e);
      this.session.handleError(err);
      const nodes: TreeNode[] = [errorNode(parent, what, err)];
      if (!parent) nodes.push(addProjectNode());
      return nodes;
    }
  }

  private async loadProjects(): Promise<{ nodes: TreeNode[]; problems?: string[] }> {
    const profile = this.session.profile;
    const s = settings(profile);
    let projects: Pick<Project, 'id' | 'name'>[] = s.projects;
    const fromSettings = projects.length > 0;
    void vscode.commands.executeCommand('setContext', 'modelarts.projectsFromSettings', fromSettings);
    let problems: string[] | undefined;
    if (!fromSettings) ({ data: projects, problems } = await this.session.clientFor(profile).listProjects());
    const nodes: TreeNode[] = projects
      .map((p) => new ProjectNode(p.id, p.name, projectRegion(p), profile))
      .filter((p) => !s.region || p.region === s.region)
      .sort((a, b) => a.name.localeCompare(b.name));
    if (fromSettings) nodes.push(addProjectNode());
    return { nodes, problems };
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
  return new MessageNode('root/#addProject', undefined, 'action', vscode.l10n.t('Add project…'), {
    icon: 'add',
    command: { command: 'modelarts.addProject', title: vscode.l10n.t('Add Project…') },
  });
}
