// Refresh the whole tree (view title), or one node and what is under it (context action, Retry).
import { MessageNode, PluginNode, PoolNode, ProjectNode, TreeNode } from '../tree/nodes';
import type { Services } from './services';

export function refreshAll(s: Services): void {
  s.tree.refresh();
}

export function refreshNode(s: Services, node?: unknown): void {
  s.tree.refreshNode(isTreeNode(node) ? node : s.treeView.selection[0]);
}

function isTreeNode(n: unknown): n is TreeNode {
  return n instanceof ProjectNode || n instanceof PoolNode || n instanceof PluginNode || n instanceof MessageNode;
}
