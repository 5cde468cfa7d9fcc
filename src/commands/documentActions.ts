// Editor-title actions of plug-in documents: Refresh (fetch again; both sides of a comparison) and Copy JSON.
import * as vscode from 'vscode';
import { PLUGIN_SCHEME } from '../documents/pluginUri';
import { VIEW_SCHEME } from '../documents/viewUri';
import { refreshComparison } from './comparePlugin';
import type { Services } from './services';

function targetUri(uri: unknown): vscode.Uri | undefined {
  if (uri instanceof vscode.Uri && uri.scheme === PLUGIN_SCHEME) return uri;
  const active = vscode.window.activeTextEditor?.document.uri;
  return active?.scheme === PLUGIN_SCHEME ? active : undefined;
}

export async function refreshDocument(s: Services, uri?: unknown): Promise<void> {
  const shown = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
  if (shown?.scheme === VIEW_SCHEME) {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Refreshing the comparison…') }, () => refreshComparison(s));
    return;
  }
  const target = targetUri(uri);
  if (!target) return void vscode.window.showInformationMessage(vscode.l10n.t('Open a plug-in document first.'));
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Refreshing plug-in…') }, () => s.documents.refresh(target));
}

export async function copyJson(_s: Services, uri?: unknown): Promise<void> {
  const target = targetUri(uri);
  if (!target) return void vscode.window.showInformationMessage(vscode.l10n.t('Open a plug-in document first.'));
  const doc = await vscode.workspace.openTextDocument(target);
  await vscode.env.clipboard.writeText(doc.getText());
  vscode.window.setStatusBarMessage(vscode.l10n.t('Plug-in JSON copied to the clipboard.'), 3000);
}
