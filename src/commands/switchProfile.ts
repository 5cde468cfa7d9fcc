// Switch Profile…: another named profile becomes current without typing keys again. Tracking of the
// old profile's deletions stops, the tree and its caches are rebuilt, and nothing of the old
// profile can send a request any more (Session.clientFor refuses it).
import * as vscode from 'vscode';
import type { Services } from './registerCommands';

const NEW_PROFILE = '$(add) Sign in to a new profile…';

export async function switchProfile(s: Services, name?: unknown): Promise<void> {
  await s.session.ready();
  let target = typeof name === 'string' ? name : undefined;
  if (target === undefined) {
    const items: vscode.QuickPickItem[] = s.session.profiles().map((p) => ({
      label: p,
      description: p === s.session.profile ? 'current' : undefined,
    }));
    items.push({ label: NEW_PROFILE, alwaysShow: true });
    const choice = await vscode.window.showQuickPick(items, { title: 'ModelArts: Switch Profile', placeHolder: 'Profile to use' });
    if (!choice) return;
    if (choice.label === NEW_PROFILE) return void (await vscode.commands.executeCommand('modelarts.signIn'));
    target = choice.label;
  }
  if (target === s.session.profile) return;
  await s.session.switchProfile(target); // the old profile's trackers stop on its onDidChangeProfile (extension.ts)
  if (!s.session.signedIn) {
    const choice = await vscode.window.showInformationMessage(`Profile "${target}" has no stored keys.`, 'Sign In');
    if (choice === 'Sign In') await vscode.commands.executeCommand('modelarts.signIn');
    return;
  }
  vscode.window.setStatusBarMessage(`ModelArts: profile "${target}"`, 4000);
}
