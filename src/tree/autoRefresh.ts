// Opt-in auto-refresh ("modelarts.autoRefreshSeconds", 0 = off, at least 15): on each tick, while
// the view is visible, the expanded projects and the expanded pools of expanded projects reload in
// place — projects first, so pools reload under their current parents — and a node already
// reloading is skipped. Failures leave the rows and show a warning on the node
// (PoolsTreeProvider.reloadInPlace).
import * as vscode from 'vscode';
import { settings } from '../config';
import { Disposable } from '../util/lifecycle';
import { PoolNode, ProjectNode, TreeNode } from './nodes';
import { PoolsTreeProvider } from './provider';

export class AutoRefresh extends Disposable {
  private timer: NodeJS.Timeout | undefined;
  private readonly expanded = new Set<string>();
  private ticking = false;
  /** Period in force, in ms (0 = off). */
  periodMs = 0;

  constructor(private readonly tree: PoolsTreeProvider, private readonly view: vscode.TreeView<TreeNode>) {
    super();
    this.register(view.onDidExpandElement((e) => this.expanded.add(e.element.id)));
    this.register(view.onDidCollapseElement((e) => this.expanded.delete(e.element.id)));
    this.register(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('modelarts.autoRefreshSeconds') && this.configure()));
    this.register({ dispose: () => this.stop() });
    this.configure();
  }

  /** (Re)arms the timer from the setting. */
  configure(): void {
    this.stop();
    this.periodMs = settings().autoRefreshMs;
    if (this.periodMs) {
      this.timer = setInterval(() => void this.tick(), this.periodMs);
      this.timer.unref?.();
    }
  }

  /** One round; false when it did nothing (view hidden, nothing expanded, or the last round still running). */
  async tick(): Promise<boolean> {
    if (this.ticking || !this.view.visible || !this.expanded.size) return false;
    this.ticking = true;
    try {
      const projects = [...this.expanded].map((id) => this.tree.loadedNode(id)).filter((n): n is ProjectNode => n?.kind === 'project');
      await Promise.all(projects.map((n) => this.tree.reloadInPlace(n)));
      // the pools as they are now (a project's reload replaced its pool nodes). A pool stays expanded
      // while its project is collapsed (VS Code shows it expanded again on the project's expansion),
      // but nobody sees it meanwhile: it is not polled.
      const pools = [...this.expanded].map((id) => this.tree.loadedNode(id)).filter((n): n is PoolNode => n?.kind === 'pool' && this.expanded.has(n.project.id));
      await Promise.all(pools.map((n) => this.tree.reloadInPlace(n)));
      return projects.length + pools.length > 0;
    } finally {
      this.ticking = false;
    }
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
