// Switch Profile…: another named profile becomes current without typing keys again. Tracking of the
// old profile's deletions stops, the tree and its caches are rebuilt, and nothing of the old
// profile can send a request any more (Session.clientFor refuses it).
import * as vscode from 'vscode';
import type { Services } from './services';


export async function switchProfile(s: Services, name?: unknown): Promise<void> {
  await s.session.ready();
  let target = typeof name === 'string' ? name : undefined;
  if (target === undefined) {
    const newProfile = `$(add) ${vscode.l10n.t('Sign in to a new profile…')}`;
    const items: vscode.QuickPickItem[] = s.session.profiles().map((p) => ({
      label: p,
      description: p === s.session.profile ? vscode.l10n.t('current') : undefined,
    }));
    items.push({ label: newProfile, alwaysShow: true });
    const choice = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('ModelArts: Switch Profile'), placeHolder: vscode.l10n.t('Profile to use') });
    if (!choice) return;
    if (choice.label === newProfile) return void (await vscode.commands.executeCommand('modelarts.signIn'));
    target = choice.label;
  }
  if (target === s.session.profile) return;
  await s.session.switchProfile(target); // the old profile's trackers stop on its onDidChangeProfile (extension.ts)
  if (!s.session.signedIn) {
    const signIn = vscode.l10n.t('Sign In');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Profile "{0}" has no stored keys.', target), signIn);
    if (choice === signIn) await vscode.commands.executeCommand('modelarts.signIn');
    return;
  }
  vscode.window.setStatusBarMessage(vscode.l10n.t('ModelArts: profile "{0}"', target), 4000);
}
