// Apply (CodeLens, editor title, palette) of an Edit Plug-in… document: re-read the plug-in, refuse
// a busy phase or a changed name, refuse when the cloud changed the same keys since the editor opened
// (showing baseline ↔ cloud), otherwise show cloud ↔ proposed, confirm with the list of changed keys
// (a warning line per removed key), and PATCH the minimal merge patch baseline → edit.
import * as vscode from 'vscode';
import { ApiError } from '../api';
import { editableTemplate, editText, planApply, type KeyChange } from '../core/pluginEdit';
import { EDIT_SCHEME, EditDocRef, fromEditUri } from '../documents/editUri';
import { ViewDocuments } from '../documents/viewDocuments';
import { findPlugin } from './pickPlugin';
import type { Services } from './registerCommands';
import { BUSY_PHASES } from './upgradePlugin';

function editUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri && arg.scheme === EDIT_SCHEME) return arg;
  const active = vscode.window.activeTextEditor?.document.uri;
  return active?.scheme === EDIT_SCHEME ? active : undefined;
}

export async function applyPluginEdit(s: Services, arg?: unknown): Promise<void> {
  const uri = editUri(arg);
  const ref = uri && fromEditUri(uri);
  const baseline = uri && s.editDocuments.baseline(uri);
  if (!uri || ref?.kind !== 'plugin' || !baseline) {
    void vscode.window.showInformationMessage('Open a plug-in with "ModelArts: Edit Plug-in…" first; Apply sends the changes of that document.');
    return;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  const project = { id: ref.projectId, region: ref.region };
  const now = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Reading ${ref.template} from ${ref.poolLabel}…` },
    () => s.session.client().showPlugin(project, ref.pool, ref.template),
  );
  const phase = String(now.data.status?.phase ?? '');
  if (BUSY_PHASES[phase]) {
    throw new ApiError({ kind: 'validation', message: `Cannot apply to ${ref.template} in ${ref.poolLabel}: ${BUSY_PHASES[phase]}. Nothing was sent; try again when it is Running or Abnormal.` });
  }
  const cloud = editableTemplate(now.data);
  const plan = planApply(baseline, doc.getText(), cloud);
  const side = (name: string, text: string): vscode.Uri => {
    const u = ViewDocuments.uri(`/edit/${ref.projectId}/${ref.pool}/${ref.template}/${ref.template} (${name}).json`);
    s.views.set(u, text);
    return u;
  };
  const where = `${ref.template} in ${ref.poolLabel}`;
  switch (plan.kind) {
    case 'refused':
      throw new ApiError({ kind: 'validation', message: `${plan.message} Nothing was sent.` });
    case 'unchanged':
      void vscode.window.showInformationMessage(`No changes to apply: the document is what ${where} was when you opened it.`);
      return;
    case 'conflict': {
      await vscode.commands.executeCommand('vscode.diff', side('baseline', editText(baseline)), side('cloud', editText(cloud)), `${where}: baseline ↔ cloud`);
      const choice = await vscode.window.showWarningMessage(
        `${where} changed in the cloud since you opened it, and you changed the same keys: ${plan.conflicts.join(', ')}. Nothing was sent.`,
        'Start Over from the Cloud',
      );
      if (choice === 'Start Over from the Cloud') s.editDocuments.rebase(uri, cloud);
      return;
    }
    case 'apply':
      break;
  }
  if (doc.isDirty) await doc.save(); // the draft is kept; the editor must not end up in a save conflict after the rebase
  if (plan.cloudChanges.length) {
    await vscode.commands.executeCommand('vscode.diff', side('baseline', editText(baseline)), side('cloud', editText(cloud)), `${where}: baseline ↔ cloud`, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  }
  await vscode.commands.executeCommand('vscode.diff', side('cloud', editText(cloud)), side('proposed', editText(plan.proposed)), `${where}: cloud ↔ proposed`, { preview: false });
  const confirmed = await vscode.window.showWarningMessage(
    `Apply to ${ref.poolLabel} in ${ref.projectName}?`,
    { modal: true, detail: confirmationDetail(ref, plan.changes, plan.cloudChanges) },
    'Apply',
  );
  if (confirmed !== 'Apply') return;
  const node = await findPlugin(s, { projectId: ref.projectId, poolName: ref.pool, pluginName: ref.template });
  const accepted = await s.changes.update(node, plan.patch, plan.patch.version !== undefined ? 'upgrading' : 'updating');
  if (accepted) s.editDocuments.rebase(uri, plan.proposed);
}

function confirmationDetail(ref: EditDocRef, changes: KeyChange[], cloudChanges: KeyChange[]): string {
  const lines = [`${ref.template}: these keys change (only they are sent, as a merge patch):`];
  for (const c of changes) lines.push(c.removed ? `⚠ ${c.path} is removed (the cloud falls back to its default)` : `• ${c.path}`);
  if (cloudChanges.length) {
    lines.push('', `The plug-in changed in the cloud since you opened it (${cloudChanges.map((c) => c.path).join(', ')}); your changes do not touch those keys and go on top.`);
  }
  return lines.join('\n');
}
