// ModelArts: Sign In / Sign Out / Sign Out of All Profiles. Sign In asks for a profile name first
// (the current one by default), then the keys, which are checked with one signed IAM call before
// anything is stored; a refused key stores nothing. SK and token are typed into password boxes.
import * as vscode from 'vscode';
import { isValidProfileName } from '../config';
import type { Services } from './services';

export async function signIn(s: Services): Promise<void> {
  const title = vscode.l10n.t('ModelArts: Sign In');
  const profile = await vscode.window.showInputBox({
    title: `${title} (1/4)`,
    prompt: vscode.l10n.t('Profile name: each profile keeps its own keys (and may have its own settings under "modelarts.profiles").'),
    placeHolder: vscode.l10n.t('Profile name'),
    value: s.session.profile,
    ignoreFocusOut: true,
    validateInput: (v) => (isValidProfileName(v.trim()) ? undefined : vscode.l10n.t('Use letters, digits, "-", "_" and "." (at most 40).')),
  });
  if (profile === undefined) return;
  const accessKey = await vscode.window.showInputBox({
    title: `${title} (2/4)`,
    prompt: vscode.l10n.t('Access key ID (AK). Create one in the console under My Credentials → Access Keys.'),
    placeHolder: vscode.l10n.t('Access key ID'),
    ignoreFocusOut: true,
    validateInput: (v) => (/^[\x21-\x7e]+$/.test(v.trim()) ? undefined : vscode.l10n.t('Enter the access key ID (letters and digits, no spaces).')),
  });
  if (accessKey === undefined) return;
  const secretKey = await vscode.window.showInputBox({
    title: `${title} (3/4)`,
    prompt: vscode.l10n.t('Secret access key (SK). It is kept in VS Code\'s secret storage only.'),
    placeHolder: vscode.l10n.t('Secret access key'),
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter the secret access key.')),
  });
  if (secretKey === undefined) return;
  const securityToken = await vscode.window.showInputBox({
    title: `${title} (4/4)`,
    prompt: vscode.l10n.t('Security token, for temporary credentials only. Leave empty for a permanent access key.'),
    placeHolder: vscode.l10n.t('Security token (optional)'),
    password: true,
    ignoreFocusOut: true,
  });
  if (securityToken === undefined) return;
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('ModelArts: checking the access key…') },
    () => s.session.signIn(accessKey, secretKey, securityToken || undefined, profile.trim()),
  );
  void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to ModelArts as {0}.', s.session.accountLabel ?? ''));
}

export async function signOut(s: Services): Promise<void> {
  const profile = s.session.profile;
  await s.session.signOut();
  s.deletions.stopAll();
  void s.changes.stopAll(); // installs and upgrades being followed: their keys are gone
  void vscode.window.showInformationMessage(vscode.l10n.t('Signed out of ModelArts profile "{0}": its stored keys were deleted.', profile));
}

export async function signOutAll(s: Services): Promise<void> {
  const confirm = vscode.l10n.t('Sign Out of All');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Sign out of every ModelArts profile?'),
    { modal: true, detail: vscode.l10n.t('This deletes the stored keys of {0}.', s.session.profiles().join(', ')) },
    confirm,
  );
  if (choice !== confirm) return;
  await s.session.signOutAll();
  s.deletions.stopAll();
  void s.changes.stopAll();
  void vscode.window.showInformationMessage(vscode.l10n.t('Signed out of every ModelArts profile: all stored keys were deleted.'));
}
