// What the view shows about itself: the Abnormal badge on the activity-bar icon (from the plug-in
// lists loaded so far), and a status bar item with the current profile while the view is visible,
// which switches profiles on click.
import * as vscode from 'vscode';
import type { Session } from '../auth/session';
import { Disposable } from '../util/lifecycle';
import { TreeNode, countPlugins, countPools } from './nodes';
import { Health, PoolsTreeProvider } from './provider';

export class ViewStatus extends Disposable {
  readonly profileItem: vscode.StatusBarItem;

  constructor(private readonly session: Session, tree: PoolsTreeProvider, private readonly view: vscode.TreeView<TreeNode>) {
    super();
    this.profileItem = this.register(vscode.window.createStatusBarItem('modelarts.profile', vscode.StatusBarAlignment.Left, 10));
    this.profileItem.name = vscode.l10n.t('ModelArts Profile');
    this.profileItem.command = 'modelarts.switchProfile';
    this.register(tree.onDidChangeHealth((h) => this.showHealth(h)));
    this.register(view.onDidChangeVisibility(() => this.showProfile()));
    this.register(session.onDidChange(() => this.showProfile()));
    this.showProfile();
  }

  private showHealth(h: Health): void {
    const n = h.abnormalPlugins;
    this.view.badge = n
      ? { value: n, tooltip: vscode.l10n.t('{0} Abnormal in {1}', countPlugins(n), countPools(h.abnormalPools)) }
      : undefined;
  }

  private showProfile(): void {
    const profile = this.session.profile;
    this.profileItem.text = `$(account) ${profile}`;
    this.profileItem.tooltip = this.session.signedIn
      ? vscode.l10n.t('ModelArts profile "{0}": click to switch profiles', profile)
      : vscode.l10n.t('ModelArts profile "{0}" (signed out): click to switch profiles', profile);
    this.profileItem.accessibilityInformation = { label: vscode.l10n.t('ModelArts profile {0}, switch profiles', profile) };
    if (this.view.visible) this.profileItem.show();
    else this.profileItem.hide();
  }
}
