// ModelArts: Sign In / Sign Out. The keys are checked with one signed IAM call before anything is
// stored; a refused key stores nothing. SK and token are typed into password boxes.
import * as vscode from 'vscode';
import type { Services } from './registerCommands';

export async function signIn(s: Services): Promise<void> {
  const title = 'ModelArts: Sign In';
  const accessKey = await vscode.window.showInputBox({
    title: `${title} (1/3)`,
    prompt: 'Access key ID (AK). Create one in the console under My Credentials → Access Keys.',
    placeHolder: 'Access key ID',
    ignoreFocusOut: true,
    validateInput: (v) => (/^[\x21-\x7e]+$/.test(v.trim()) ? undefined : 'Enter the access key ID (letters and digits, no spaces).'),
  });
  if (accessKey === undefined) return;
  const secretKey = await vscode.window.showInputBox({
    title: `${title} (2/3)`,
    prompt: 'Secret access key (SK). It is kept in VS Code\'s secret storage only.',
    placeHolder: 'Secret access key',
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'Enter the secret access key.'),
  });
  if (secretKey === undefined) return;
  const securityToken = await vscode.window.showInputBox({
    title: `${title} (3/3)`,
    prompt: 'Security token, for temporary credentials only. Leave empty for a permanent access key.',
    placeHolder: 'Security token (optional)',
    password: true,
    ignoreFocusOut: true,
  });
  if (securityToken === undefined) return;
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'ModelArts: checking the access key…' },
    () => s.session.signIn(accessKey, secretKey, securityToken || undefined),
  );
  void vscode.window.showInformationMessage(`Signed in to ModelArts as ${s.session.accountLabel}.`);
}

export async function signOut(s: Services): Promise<void> {
  await s.session.signOut();
  s.deletions.stopAll();
  void vscode.window.showInformationMessage('Signed out of ModelArts: the stored keys were deleted.');
}
