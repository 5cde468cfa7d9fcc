// Install Plug-in…: template → version → inputs, each a quick-pick step with Back, then a modal
// that names template, version, pool and project, then the POST (PluginChanges tracks the rest).
// Escape at any step sends nothing. Templates already installed in the pool are listed last as
// "installed"; choosing one offers Upgrade instead.
import * as vscode from 'vscode';
import {
  PluginTemplate, PluginTemplateVersion, defaultInputs, flavorPresets, presetInputs, templateDisplayName, templateVersions,
} from '../api';
import { describeKept, keptDefaults } from '../core/installInputs';
import type { JsonObject } from '../api/mergePatch';
import { EditDocRef, toEditUri } from '../documents/editUri';
import { PluginNode, PoolNode } from '../tree/nodes';
import { pickPool } from './pickPlugin';
import { BACK, quickStep } from './quickStep';
import { descriptionOf } from './templateText';
import type { Services } from './services';

interface TemplateItem extends vscode.QuickPickItem {
  template: PluginTemplate;
  installed?: PluginNode;
}
interface VersionItem extends vscode.QuickPickItem {
  version: PluginTemplateVersion;
}
interface InputsItem extends vscode.QuickPickItem {
  choice: 'defaults' | 'json' | string;
}


/** From a pool's context menu (or inline button); from the palette without a pool, picks one first. */
export async function installPlugin(s: Services, node?: unknown): Promise<void> {
  const pool = node instanceof PoolNode ? node : s.treeView.selection.find((n): n is PoolNode => n instanceof PoolNode) ?? (await pickPool(s, vscode.l10n.t('Install Plug-in')));
  if (pool) await runWizard(s, pool);
}

/** The palette's ModelArts: Install Plug-in…: always asks for project and pool. */
export async function installPluginPick(s: Services): Promise<void> {
  const pool = await pickPool(s, vscode.l10n.t('Install Plug-in'));
  if (pool) await runWizard(s, pool);
}

async function runWizard(s: Services, pool: PoolNode): Promise<void> {
  const client = s.session.clientFor(pool.project.profile);
  const installed = s.tree.children(pool).then((c) => c.filter((n): n is PluginNode => n instanceof PluginNode));
  const templates = client.listTemplates(pool.project.ref, { pool: pool.name }).then((r) => r.data.items);
  const title = vscode.l10n.t('Install Plug-in into {0}', pool.label);
  let step = 1;
  let template: TemplateItem | undefined;
  let version: PluginTemplateVersion | undefined;
  let inputs: { value?: Record<string, unknown>; label: string } | undefined;
  while (step <= 3) {
    if (step === 1) {
      const r = await quickStep<TemplateItem>({ title, step: 1, totalSteps: 3, placeholder: vscode.l10n.t('Choose a plug-in template'), items: templateItems(templates, installed) });
      if (r === undefined || r === BACK) return;
      if (r.installed) {
        const upgrade = vscode.l10n.t('Upgrade…');
        const choice = await vscode.window.showInformationMessage(
          vscode.l10n.t('{0} is already installed in {1} ({2}).', r.template.metadata.name, pool.label, `${r.installed.version ?? vscode.l10n.t('unknown version')} · ${r.installed.phase}`), upgrade);
        if (choice === upgrade) await vscode.commands.executeCommand('modelarts.upgradePlugin', r.installed);
        return;
      }
      template = r;
      step = 2;
    } else if (step === 2) {
      const r = await quickStep<VersionItem>({ title, step: 2, totalSteps: 3, placeholder: vscode.l10n.t('Version of {0}', template!.template.metadata.name), items: versionItems(template!.template) });
      if (r === undefined) return;
      if (r === BACK) step = 1;
      else {
        version = r.version;
        step = 3;
      }
    } else {
      const r = await quickStep<InputsItem>({ title, step: 3, totalSteps: 3, placeholder: vscode.l10n.t('Inputs (installation parameters)'), items: inputItems(version!) });
      if (r === undefined) return;
      if (r === BACK) {
        step = 2;
        continue;
      }
      if (r.choice === 'json') {
        const ref: EditDocRef = {
          kind: 'inputs', projectId: pool.project.projectId, projectName: pool.project.name, region: pool.project.region,
          pool: pool.name, poolLabel: pool.label, template: template!.template.metadata.name, version: version!.version,
        };
        const edited = await s.editDocuments.editInputs(ref, defaultInputs(version!) as JsonObject);
        if (!edited) return;
        inputs = { value: edited, label: vscode.l10n.t('the inputs you edited') };
        await closeEditor(toEditUri(ref));
      } else if (r.choice === 'defaults') inputs = { value: undefined, label: vscode.l10n.t('the template defaults') };
      else inputs = { value: presetInputs(version!, r.choice), label: vscode.l10n.t('the flavour preset {0}', r.label) };
      step = 4;
    }
  }
  const name = template!.template.metadata.name;
  const install = vscode.l10n.t('Install');
  const confirmed = await vscode.window.showWarningMessage(
    vscode.l10n.t('Install {0} ({1}) {2} into resource pool "{3}" in project "{4}"?', templateDisplayName(template!.template), name, version!.version, pool.label, pool.project.name),
    { modal: true, detail: [vscode.l10n.t('With {0}. The plug-in is installed on every node of the pool.', inputs!.label), keptDetail(version!, inputs!.value)].filter(Boolean).join('\n\n') },
    install,
  );
  if (confirmed !== install) return;
  await s.changes.install(pool.docRef(name), { name, version: version!.version, inputs: inputs!.value });
}

async function templateItems(templates: Promise<PluginTemplate[]>, installed: Promise<PluginNode[]>): Promise<TemplateItem[]> {
  const [all, present] = await Promise.all([templates, installed]);
  const byName = new Map(present.map((p) => [p.template, p]));
  const item = (t: PluginTemplate): TemplateItem => {
    const p = byName.get(t.metadata.name);
    return {
      label: p ? `$(check) ${templateDisplayName(t)}` : templateDisplayName(t),
      description: p ? `${t.metadata.name} · ${vscode.l10n.t('installed {0}', p.version ?? '')}`.trim() : t.metadata.name,
      detail: descriptionOf(templateVersions(t)[0]),
      template: t,
      installed: p,
    };
  };
  const sorted = [...all].sort((a, b) => templateDisplayName(a).localeCompare(templateDisplayName(b)));
  return [...sorted.filter((t) => !byName.has(t.metadata.name)), ...sorted.filter((t) => byName.has(t.metadata.name))].map(item);
}

function versionItems(t: PluginTemplate): VersionItem[] {
  return templateVersions(t).map((v, i) => ({
    label: v.version,
    description: [i === 0 ? vscode.l10n.t('latest') : '', v.creationTimestamp?.slice(0, 10) ?? ''].filter(Boolean).join(' · '),
    detail: descriptionOf(v),
    version: v,
  }));
}

function inputItems(v: PluginTemplateVersion): InputsItem[] {
  const presets = flavorPresets(v);
  const def = presets.find((p) => p.isDefault);
  return [
    {
      label: vscode.l10n.t('Template defaults'),
      description: def ? vscode.l10n.t('flavour {0}', def.name) : undefined,
      detail: vscode.l10n.t('Send no inputs: the cloud fills in the template\'s defaults.'),
      choice: 'defaults',
    },
    ...presets.map((p) => ({ label: p.name, description: [p.key, p.isDefault ? vscode.l10n.t('default') : ''].filter(Boolean).join(' · '), detail: p.description, choice: p.key })),
    { label: vscode.l10n.t('Edit inputs as JSON…'), detail: vscode.l10n.t('Opens the inputs (prefilled from the defaults) in an editor; save (Ctrl+S) to continue.'), choice: 'json' },
  ];
}

/** The template defaults the install leaves as they are (FIDELITY #3: the cloud fills in what is left out). */
function keptDetail(v: PluginTemplateVersion, chosen: Record<string, unknown> | undefined): string | undefined {
  const { lines, more } = describeKept(keptDefaults(defaultInputs(v), chosen));
  if (!lines.length) return undefined;
  return [vscode.l10n.t('Left at the template defaults:'), ...lines.map((l) => `• ${l}`), ...(more ? [vscode.l10n.t('… and {0} more', more)] : [])].join('\n');
}

async function closeEditor(uri: vscode.Uri): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString());
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
}
