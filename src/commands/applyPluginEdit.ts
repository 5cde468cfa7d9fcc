// Apply (CodeLens, editor title, palette) of an Edit Plug-in… document: re-read the plug-in, refuse
// a busy phase or a changed name, refuse when the cloud changed the same keys since the editor opened
// (showing baseline ↔ cloud). Otherwise the user's edit (the merge patch baseline → edit) is applied
// to the cloud's inputs by core/patchPlan, and the PATCH carries the complete inputs, because the
// cloud resets whatever a PATCH leaves out. The diff cloud ↔ sent shows exactly that body; the
// confirmation lists the changed keys (a warning line per key that falls back to its default) and
// what is kept; nothing is sent if the plug-in changes again before the write.
import * as vscode from 'vscode';
import { ApiError } from '../api';
import { DEFAULT_PROFILE } from '../config';
import { isJsonObject, sortKeys, type JsonObject } from '../api/mergePatch';
import type { PatchPlan } from '../core/patchPlan';
import { loadPatchPlan } from '../util/lazyBundles';
import { editableTemplate, editText, planApply, type KeyChange } from '../core/pluginEdit';
import { EDIT_SCHEME, EditDocRef, fromEditUri } from '../documents/editUri';
import { toApplySideUri } from '../documents/viewUri';
import { findPlugin } from './pickPlugin';
import type { Services } from './services';
import { BUSY_PHASES } from './guards';

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
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a plug-in with "ModelArts: Edit Plug-in…" first; Apply sends the changes of that document.'));
    return;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  const project = { id: ref.projectId, region: ref.region };
  const client = s.session.clientFor(ref.profile ?? DEFAULT_PROFILE);
  const [now, template] = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading {0} from {1}…', ref.template, ref.poolLabel) },
    () => Promise.all([
      client.showPlugin(project, ref.pool, ref.template),
      loadPatchPlan().readTemplate(client, project, ref.template),
    ]),
  );
  const phase = String(now.data.status?.phase ?? '');
  if (BUSY_PHASES[phase]) {
    throw new ApiError({ kind: 'validation', message: vscode.l10n.t('Cannot apply to {0} in {1}: {2}. Nothing was sent; try again when it is Running or Abnormal.', ref.template, ref.poolLabel, BUSY_PHASES[phase]) });
  }
  const cloud = editableTemplate(now.data);
  const plan = planApply(baseline, doc.getText(), cloud);
  const side = (name: string, text: string): vscode.Uri => {
    const u = toApplySideUri(ref, name);
    s.views.set(u, text);
    return u;
  };
  const where = vscode.l10n.t('{0} in {1}', ref.template, ref.poolLabel);
  switch (plan.kind) {
    case 'refused':
      throw new ApiError({ kind: 'validation', message: `${plan.message} ${vscode.l10n.t('Nothing was sent.')}` });
    case 'unchanged':
      void vscode.window.showInformationMessage(vscode.l10n.t('No changes to apply: the document is what {0} was when you opened it.', where));
      return;
    case 'conflict': {
      const startOver = vscode.l10n.t('Start Over from the Cloud');
      await vscode.commands.executeCommand('vscode.diff', side('baseline', editText(baseline)), side('cloud', editText(cloud)), vscode.l10n.t('{0}: baseline ↔ cloud', where));
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('{0} changed in the cloud since you opened it, and you changed the same keys: {1}. Nothing was sent.', where, plan.conflicts.join(', ')),
        startOver,
      );
      if (choice === startOver) s.editDocuments.rebase(uri, cloud);
      return;
    }
    case 'apply':
      break;
  }
  const { currentInputs, planFor } = loadPatchPlan();
  // the edit as a change of the cloud's inputs: `"inputs": null` (the whole object removed) sends every input back to its default
  const inputsPatch = plan.patch.inputs === null
    ? Object.fromEntries(Object.keys(currentInputs(now.data)).map((k) => [k, null])) as JsonObject
    : isJsonObject(plan.patch.inputs) ? plan.patch.inputs : undefined;
  const write = planFor(now.data, { version: typeof plan.patch.version === 'string' ? plan.patch.version : undefined, inputs: inputsPatch }, template);
  const sent = sortKeys({ name: write.body.name, ...(write.to !== undefined ? { version: write.to } : {}), inputs: write.body.inputs }) as JsonObject;
  if (doc.isDirty) await doc.save(); // the draft is kept; the editor must not end up in a save conflict after the rebase
  if (plan.cloudChanges.length) {
    await vscode.commands.executeCommand('vscode.diff', side('baseline', editText(baseline)), side('cloud', editText(cloud)), vscode.l10n.t('{0}: baseline ↔ cloud', where), { viewColumn: vscode.ViewColumn.Beside, preview: false });
  }
  await vscode.commands.executeCommand('vscode.diff', side('cloud', editText(cloud)), side('sent', editText(sent)), vscode.l10n.t('{0}: cloud ↔ sent (the complete inputs)', where), { preview: false });
  const apply = vscode.l10n.t('Apply');
  const confirmed = await vscode.window.showWarningMessage(
    vscode.l10n.t('Apply to {0} in {1}?', ref.poolLabel, ref.projectName),
    { modal: true, detail: confirmationDetail(ref, plan.changes, plan.cloudChanges, write) },
    apply,
  );
  if (confirmed !== apply) return;
  const node = await findPlugin(s, { projectId: ref.projectId, poolName: ref.pool, pluginName: ref.template });
  const accepted = await s.changes.update(node.docRef, { project, pool: ref.pool, seen: now.data, plan: write }, write.to !== write.from ? 'upgrading' : 'updating');
  if (accepted) s.editDocuments.rebase(uri, sortKeys({ ...sent, inputs: write.inputs }) as JsonObject);
}

function confirmationDetail(ref: EditDocRef, changes: KeyChange[], cloudChanges: KeyChange[], write: PatchPlan): string {
  const lines = [vscode.l10n.t('{0}: these keys change:', ref.template)];
  for (const c of changes) lines.push(c.removed ? `⚠ ${vscode.l10n.t('{0} is removed (the cloud falls back to its default)', c.path)}` : `• ${c.path}`);
  lines.push('', ...loadPatchPlan().summarizePlan(write));
  if (cloudChanges.length) {
    lines.push('', vscode.l10n.t('The plug-in changed in the cloud since you opened it ({0}); your changes do not touch those keys and go on top.', cloudChanges.map((c) => c.path).join(', ')));
  }
  return lines.join('\n');
}
