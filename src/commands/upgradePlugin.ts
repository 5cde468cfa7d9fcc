// Upgrade Plug-in…: pick another version of the plug-in's template (newer first, the current one
// marked), read the plug-in and plan the PATCH (core/patchPlan: the version and the complete
// inputs, since the cloud resets whatever a PATCH leaves out), confirm from → to with what is kept,
// new or dropped, and send — nothing if the plug-in changed since the tree showed it or since the
// plan. Besides a tree node it takes a plug-in document's URI (editor title) and the plain
// `{ projectId, poolName, pluginName }` of command URIs (the version drift report).
import * as vscode from 'vscode';
import { ApiError, compareVersions, templateVersions, type PluginTemplate } from '../api';
import { loadPatchPlan } from '../util/lazyBundles';
import { assertChangeable, BUSY_PHASES } from './guards';
import { descriptionOf } from './templateText';
import { pluginArgument } from './pickPlugin';
import type { Services } from './services';

export async function upgradePlugin(s: Services, arg?: unknown): Promise<void> {
  const node = await pluginArgument(s, arg, vscode.l10n.t('Upgrade Plug-in'), (n) => !BUSY_PHASES[n.phase]);
  if (!node) return;
  assertChangeable(s, node, vscode.l10n.t('upgrade'));
  const current = node.version;
  let template: PluginTemplate | undefined;
  const load = s.session.clientFor(node.pool.project.profile).listTemplates(node.pool.project.ref, { template: node.template }).then((r) => {
    const t = (template = r.data.items.find((x) => x.metadata.name === node.template));
    const versions = t ? templateVersions(t) : [];
    if (!versions.some((v) => v.version !== current)) {
      throw new ApiError({ kind: 'validation', message: vscode.l10n.t('{0} has no other version than {1} to upgrade to.', node.template, current ?? vscode.l10n.t('the installed one')) });
    }
    return versions.map((v, i) => ({
      label: v.version,
      description: [v.version === current ? vscode.l10n.t('current') : '', i === 0 ? vscode.l10n.t('latest') : '', v.creationTimestamp?.slice(0, 10) ?? ''].filter(Boolean).join(' · '),
      detail: descriptionOf(v),
      version: v.version,
    }));
  });
  const picked = await vscode.window.showQuickPick(load, {
    title: vscode.l10n.t('Upgrade {0} in {1} (now {2})', node.template, node.pool.label, current ?? vscode.l10n.t('unknown')),
    placeHolder: vscode.l10n.t('Choose the version'),
    matchOnDescription: true,
  });
  if (!picked) return;
  if (picked.version === current) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} in {1} is already at {2}; nothing was sent.', node.template, node.pool.label, current ?? ''));
    return;
  }
  const prepared = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading {0} from {1}…', node.template, node.pool.label) },
    () => loadPatchPlan().prepareUpdate(s.session.clientFor(node.pool.project.profile), node.pool.project.ref, node.pool.name, node.template, { version: picked.version }, { baseline: node.plugin, template }),
  );
  const { plan } = prepared;
  const from = plan.from ?? current ?? vscode.l10n.t('unknown');
  const down = plan.from !== undefined && compareVersions(picked.version, plan.from) < 0;
  const verb = down ? vscode.l10n.t('Downgrade') : vscode.l10n.t('Upgrade');
  const args = [node.template, node.pool.label, node.pool.project.name, from, picked.version] as const;
  const confirmed = await vscode.window.showWarningMessage(
    down
      ? vscode.l10n.t('Downgrade {0} in resource pool "{1}" (project "{2}") from {3} to {4}?', ...args)
      : vscode.l10n.t('Upgrade {0} in resource pool "{1}" (project "{2}") from {3} to {4}?', ...args),
    { modal: true, detail: [...loadPatchPlan().summarizePlan(plan), '', vscode.l10n.t('The plug-in is updated on every node of the pool.')].join('\n') },
    verb,
  );
  if (confirmed !== verb) return;
  await s.changes.update(node.docRef, prepared, 'upgrading');
}
