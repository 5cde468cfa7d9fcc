// What the view shows about itself: the Abnormal badge on the activity-bar icon (from the plug-in
// lists loaded so far), and a status bar item with the current profile while the view is visible,
// which switches profiles on click.
import * as vscode from 'vscode';
import type { Session } from '../auth/session';
import { Disposable } from '../util/lifecycle';
import { TreeNode } from './nodes';
import { Health, PoolsTreeProvider } from './provider';

export class ViewStatus extends Disposable {
  readonly profileItem: vscode.StatusBarItem;

  constructor(private readonly session: Session, tree: PoolsTreeProvider, private readonly view: vscode.TreeView<TreeNode>) {
    super();
    this.profileItem = this.register(vscode.window.createStatusBarItem('modelarts.profile', vscode.StatusBarAlignment.Left, 10));
    this.profileItem.name = 'ModelArts Profile';
    this.profileItem.command = 'modelarts.switchProfile';
    this.register(tree.onDidChangeHealth((h) => this.showHealth(h)));
    this.register(view.onDidChangeVisibility(() => this.showProfile()));
    this.register(session.onDidChange(() => this.showProfile()));
    this.showProfile();
  }

  private showHealth(h: Health): void {
    const n = h.abnormalPlugins;
    this.view.badge = n
      ? { value: n, tooltip: `${n} plug-in${n === 1 ? '' : 's'} Abnormal in ${h.abnormalPools} pool${h.abnormalPools === 1 ? '' : 's'}` }
      : undefined;
  }

  private showProfile(): void {
    const profile = this.session.profile;
    this.profileItem.text = `$(account) ${profile}`;
    this.profileItem.tooltip = `ModelArts profile "${profile}"${this.session.signedIn ? '' : ' (signed out)'}: click to switch profiles`;
    this.profileItem.accessibilityInformation = { label: `ModelArts profile ${profile}, switch profiles` };
    if (this.view.visible) this.profileItem.show();
    else this.profileItem.hide();
  }
}
