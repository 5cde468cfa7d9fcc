// The read commands: `projects`, `pools`, `plugins`, `show`, `templates`. Each prints the cloud's
// answer as sent (json) or as a table (--output table); none writes.
import { ModelArtsClient, Plugin, ProjectRef, poolDisplayName, projectRegion, templateDisplayName, templateVersions } from '../api';
import { formatStatusValues, statusValues } from '../core/statusValues';
import type { Print } from './report';
import { renderTable } from './table';

const PLUGIN_COLUMNS = ['PLUG-IN', 'VERSION', 'PHASE', 'REASON'];

export async function projectsCommand(client: ModelArtsClient, print: Print): Promise<number> {
  const r = await client.listProjects();
  print(r.text, () => renderTable(['ID', 'NAME', 'REGION', 'ENABLED'], r.data.map((p) => [p.id, p.name, projectRegion(p), typeof p.enabled === 'boolean' ? String(p.enabled) : ''])), r.problems);
  return 0;
}

export async function poolsCommand(client: ModelArtsClient, project: ProjectRef, print: Print): Promise<number> {
  const r = await client.listPools(project);
  print(r.text, () => renderTable(['NAME', 'POOL NAME (ID)', 'PHASE', 'TYPE', 'CREATED'], r.data.items.map((p) => [
    poolDisplayName(p), p.metadata.name, p.status?.phase ?? '', p.spec?.type ?? '', p.metadata.creationTimestamp ?? '',
  ])), r.problems);
  return 0;
}

export async function pluginsCommand(client: ModelArtsClient, project: ProjectRef, pool: string, print: Print): Promise<number> {
  const r = await client.listPlugins(project, pool);
  print(r.text, () => renderTable(PLUGIN_COLUMNS, r.data.items.map(pluginRow)), r.problems);
  return 0;
}

export async function showCommand(client: ModelArtsClient, project: ProjectRef, pool: string, plugin: string, detail: boolean | undefined, print: Print): Promise<number> {
  const r = await client.showPlugin(project, pool, plugin, { detail });
  print(r.text, () => renderTable(PLUGIN_COLUMNS, [pluginRow(r.data)]) + valuesSection(r.data));
  return 0;
}

export async function templatesCommand(client: ModelArtsClient, project: ProjectRef, filter: { pool?: string; template?: string }, print: Print): Promise<number> {
  const r = await client.listTemplates(project, filter);
  print(r.text, () => renderTable(['TEMPLATE', 'NAME', 'LATEST', 'VERSIONS'], r.data.items.map((t) => {
    const versions = templateVersions(t).map((v) => v.version);
    return [t.metadata.name, templateDisplayName(t), versions[0] ?? '', versions.join(', ')];
  })));
  return 0;
}

/** `status.values` under the table: parsed where it is JSON, as sent otherwise (FIDELITY #9). */
function valuesSection(p: Plugin): string {
  const v = statusValues(p);
  const text = formatStatusValues(v);
  if (text === undefined) return '';
  return `\n\nInstallation parameters (status.values${v.kind === 'text' ? ', not JSON, as sent' : ''}):\n${text}`;
}

function pluginRow(p: Plugin): string[] {
  return [p.spec?.template?.name ?? '', p.status?.version ?? p.spec?.template?.version ?? '', p.status?.phase ?? '', p.status?.reason ?? ''];
}
