// Install Plug-in…: template → version → inputs, each a quick-pick step with Back, then a modal
// that names template, version, pool and project, then the POST (PluginChanges tracks the rest).
// Escape at any step sends nothing. Templates already installed in the pool are listed last as
// "installed"; choosing one offers Upgrade instead.
import * as vscode from 'vscode';
import {
  PluginTemplate, PluginTemplateVersion, defaultInputs, flavorPresets, presetInputs, templateDisplayName, templateVersions,
} from '../api';
import type { JsonObject } from '../core/mergePatch';
import { EditDocRef, toEditUri } from '../documents/editUri';
import { PluginNode, PoolNode } from '../tree/nodes';
import { pickPool } from './pickPlugin';
import { BACK, quickStep } from './quickStep';
import type { Services } from './registerCommands';

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

const TITLE = 'Install Plug-in';

/** From a pool's context menu (or inline button); from the palette without a pool, picks one first. */
export async function installPlugin(s: Services, node?: unknown): Promise<void> {
  const pool = node instanceof PoolNode ? node : s.treeView.selection.find((n): n is PoolNode => n instanceof PoolNode) ?? (await pickPool(s, TITLE));
  if (pool) await runWizard(s, pool);
}

/** The palette's ModelArts: Install Plug-in…: always asks for project and pool. */
export async function installPluginPick(s: Services): Promise<void> {
  const pool = await pickPool(s, TITLE);
  if (pool) await runWizard(s, pool);
}

async function runWizard(s: Services, pool: PoolNode): Promise<void> {
  const client = s.session.client();
  const installed = s.tree.getChildren(pool).then((c) => c.filter((n): n is PluginNode => n instanceof PluginNode));
  const templates = client.listTemplates(pool.project.ref, { pool: pool.name }).then((r) => r.data.items);
  const title = `${TITLE} into ${pool.label}`;
  let step = 1;
  let template: TemplateItem | undefined;
  let version: PluginTemplateVersion | undefined;
  let inputs: { value?: Record<string, unknown>; label: string } | undefined;
  while (step <= 3) {
    if (step === 1) {
      const r = await quickStep<TemplateItem>({ title, step: 1, totalSteps: 3, placeholder: 'Choose a plug-in template', items: templateItems(templates, installed) });
      if (r === undefined || r === BACK) return;
      if (r.installed) {
        const choice = await vscode.window.showInformationMessage(
          `${r.template.metadata.name} is already installed in ${pool.label} (${r.installed.version ?? 'unknown version'} · ${r.installed.phase}).`, 'Upgrade…');
        if (choice === 'Upgrade…') await vscode.commands.executeCommand('modelarts.upgradePlugin', r.installed);
        return;
      }
      template = r;
      step = 2;
    } else if (step === 2) {
      const r = await quickStep<VersionItem>({ title, step: 2, totalSteps: 3, placeholder: `Version of ${template!.template.metadata.name}`, items: versionItems(template!.template) });
      if (r === undefined) return;
      if (r === BACK) step = 1;
      else {
        version = r.version;
        step = 3;
      }
    } else {
      const r = await quickStep<InputsItem>({ title, step: 3, totalSteps: 3, placeholder: 'Inputs (installation parameters)', items: inputItems(version!) });
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
        inputs = { value: edited, label: 'the inputs you edited' };
        await closeEditor(toEditUri(ref));
      } else if (r.choice === 'defaults') inputs = { value: undefined, label: 'the template defaults' };
      else inputs = { value: presetInputs(version!, r.choice), label: `the flavour preset ${r.label}` };
      step = 4;
    }
  }
  const name = template!.template.metadata.name;
  const confirmed = await vscode.window.showWarningMessage(
    `Install ${templateDisplayName(template!.template)} (${name}) ${version!.version} into resource pool "${pool.label}" in project "${pool.project.name}"?`,
    { modal: true, detail: `With ${inputs!.label}. The plug-in is installed on every node of the pool.` },
    'Install',
  );
  if (confirmed !== 'Install') return;
  await s.changes.install(pool, { name, version: version!.version, inputs: inputs!.value });
}

async function templateItems(templates: Promise<PluginTemplate[]>, installed: Promise<PluginNode[]>): Promise<TemplateItem[]> {
  const [all, present] = await Promise.all([templates, installed]);
  const byName = new Map(present.map((p) => [p.template, p]));
  const item = (t: PluginTemplate): TemplateItem => {
    const p = byName.get(t.metadata.name);
    return {
      label: p ? `$(check) ${templateDisplayName(t)}` : templateDisplayName(t),
      description: p ? `${t.metadata.name} · installed ${p.version ?? ''}`.trim() : t.metadata.name,
      detail: templateVersions(t)[0]?.description,
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
    description: [i === 0 ? 'latest' : '', v.creationTimestamp?.slice(0, 10) ?? ''].filter(Boolean).join(' · '),
    detail: v.description,
    version: v,
  }));
}

function inputItems(v: PluginTemplateVersion): InputsItem[] {
  const presets = flavorPresets(v);
  const def = presets.find((p) => p.isDefault);
  return [
    { label: 'Template defaults', description: def ? `flavour ${def.name}` : undefined, detail: 'Send no inputs: the cloud fills in the template\'s defaults.', choice: 'defaults' },
    ...presets.map((p) => ({ label: p.name, description: [p.key, p.isDefault ? 'default' : ''].filter(Boolean).join(' · '), detail: p.description, choice: p.key })),
    { label: 'Edit inputs as JSON…', detail: 'Opens the inputs (prefilled from the defaults) in an editor; save (Ctrl+S) to continue.', choice: 'json' },
  ];
}

async function closeEditor(uri: vscode.Uri): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString());
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
}
