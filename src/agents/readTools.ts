// The read-only agent tools: projects, pools, plug-ins, one plug-in, templates, the fleet inventory
// and version drift. Preparing a read does nothing; running it reads and answers with a summary
// and the structured data. Long lists are capped at ROW_CAP rows, and the answer says what was cut.
import { PluginTemplate, defaultInputs, poolDisplayName, templateDisplayName, templateVersions } from '../api';
import { computeDrift, fetchOfferedVersions } from '../core/drift';
import { inventoryRows } from '../core/inventory';
import { installedVersion } from '../core/patchPlan';
import { describeFailure, scanFleet, type ScanProject } from '../core/scan';
import { listAllProjects, resolvePool, resolveProject } from './resolve';
import { PLUGIN, POOL, PROJECT, ref, s, schema, toolError, type AgentTool, type PreparedCall, type ToolContext, type ToolOutput } from './shared';

/** Rows of a list are capped so an answer stays readable; the answer says what was cut. */
export const ROW_CAP = 500;

function capped<T>(rows: T[], what: string): { rows: T[]; total: number; cut?: string } {
  if (rows.length <= ROW_CAP) return { rows, total: rows.length };
  return { rows: rows.slice(0, ROW_CAP), total: rows.length, cut: `${rows.length - ROW_CAP} of ${rows.length} ${what} left out; narrow the request.` };
}

const read = (run: () => Promise<ToolOutput>): PreparedCall => ({ run });

/** The projects `names` (IDs or names) name, or every project of the account. */
async function projectsOf(ctx: ToolContext, names: string[] | undefined): Promise<ScanProject[]> {
  if (!names?.length) return listAllProjects(ctx);
  const out: ScanProject[] = [];
  for (const n of names) out.push(await resolveProject(ctx, n));
  return out;
}

function phaseCounts(phases: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of phases) out[p || 'unknown'] = (out[p || 'unknown'] ?? 0) + 1;
  return out;
}

const listProjects: AgentTool = {
  name: 'list_projects',
  title: 'List ModelArts projects',
  description: 'Lists the projects (one per region) of the signed-in Huawei Cloud account: ID, name (the region, e.g. "cn-north-4") and region. Use it first to find the project the other tools take. Read-only.',
  inputSchema: schema({}),
  write: false,
  destructive: false,
  prepare: async (ctx) => read(async () => {
    const projects = await listAllProjects(ctx);
    return { summary: `${projects.length} project(s): ${projects.map((p) => p.name).join(', ')}.`, data: { projects } };
  }),
};

const listPools: AgentTool = {
  name: 'list_pools',
  title: 'List resource pools',
  description: 'Lists the resource pools of a project with their phase and how many of their plug-ins are in each phase (Running, Abnormal, Pending, Updating, Deleting). Use it to find pools, or pools with unhealthy plug-ins. Read-only.',
  inputSchema: schema({ project: PROJECT }, ['project']),
  write: false,
  destructive: false,
  prepare: async (ctx, input) => read(async () => {
    const project = await resolveProject(ctx, s(input.project)!);
    const scan = await scanFleet(ctx.client, [project], { signal: ctx.signal });
    const result = scan.projects[0];
    if (result.error) throw result.error;
    const pools = (result.pools ?? []).map(({ pool, plugins, error }): { plugin_phases?: Record<string, number> } & Record<string, unknown> => ({
      name: pool.metadata.name,
      display_name: poolDisplayName(pool),
      phase: pool.status?.phase ?? '',
      ...(plugins ? { plugins: plugins.length, plugin_phases: phaseCounts(plugins.map((p) => String(p.status?.phase ?? ''))) } : { plugins_error: toolError(error) }),
    }));
    const abnormal = pools.filter((p) => (p.plugin_phases?.Abnormal ?? 0) > 0).length;
    return { summary: `${pools.length} pool(s) in ${project.name}; ${abnormal} with an Abnormal plug-in.`, data: { project, pools } };
  }),
};

const listPlugins: AgentTool = {
  name: 'list_plugins',
  title: 'List plug-ins of a pool',
  description: 'Lists the plug-ins installed in one resource pool: template name, version, phase and the reason the cloud gives (why a plug-in is Abnormal). Read-only.',
  inputSchema: schema({ project: PROJECT, pool: POOL }, ['project', 'pool']),
  write: false,
  destructive: false,
  prepare: async (ctx, input) => read(async () => {
    const project = await resolveProject(ctx, s(input.project)!);
    const pool = await resolvePool(ctx, project, s(input.pool)!);
    const r = await ctx.client.listPlugins(ref(project), pool.metadata.name, { signal: ctx.signal });
    const plugins = r.data.items.map((p) => ({ plugin: p.spec.template.name, version: installedVersion(p) ?? '', phase: p.status?.phase ?? '', reason: p.status?.reason ?? '' }));
    const counts = phaseCounts(plugins.map((p) => p.phase));
    return {
      summary: `${plugins.length} plug-in(s) in ${poolDisplayName(pool)}: ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ') || 'none'}.`,
      data: { project, pool: pool.metadata.name, pool_display_name: poolDisplayName(pool), plugins },
    };
  }),
};

const showPlugin: AgentTool = {
  name: 'show_plugin',
  title: 'Show a plug-in',
  description: 'Shows one plug-in of a pool exactly as the cloud answers: template, version, inputs (installation parameters), phase, reason; with detail=true also the resource usage of its instances. Read-only.',
  inputSchema: schema({ project: PROJECT, pool: POOL, plugin: PLUGIN, detail: { type: 'boolean', description: 'Also the resources of the plug-in\'s instances (larger answer). Default false.' } }, ['project', 'pool', 'plugin']),
  write: false,
  destructive: false,
  prepare: async (ctx, input) => read(async () => {
    const project = await resolveProject(ctx, s(input.project)!);
    const pool = await resolvePool(ctx, project, s(input.pool)!);
    const r = await ctx.client.showPlugin(ref(project), pool.metadata.name, s(input.plugin)!, { detail: input.detail === true, signal: ctx.signal });
    const p = r.data;
    return { summary: `${p.spec.template.name} ${installedVersion(p) ?? '?'} in ${poolDisplayName(pool)} is ${p.status?.phase ?? 'in no phase'}${p.status?.reason ? `: ${p.status.reason}` : ''}.`, data: { plugin: p } };
  }),
};

function templateRow(t: PluginTemplate, withDefaults: boolean): Record<string, unknown> {
  const versions = templateVersions(t).map((v) => v.version);
  const latest = templateVersions(t)[0];
  return {
    name: t.metadata.name, display_name: templateDisplayName(t), latest: versions[0] ?? null, versions,
    ...(withDefaults && latest ? { default_inputs_of_latest: defaultInputs(latest) } : {}),
  };
}

const listTemplates: AgentTool = {
  name: 'list_templates',
  title: 'List plug-in templates',
  description: 'Lists the plug-in templates a project offers, with their versions (newest first); with pool, only those that fit the pool; with template, one template and the default inputs of its newest version. Use it before install_plugin or upgrade_plugin to pick a version. Read-only.',
  inputSchema: schema({ project: PROJECT, pool: { ...POOL, description: 'Only templates that fit this pool (name or display name). Optional.' }, template: { ...PLUGIN, description: 'Only this template, e.g. "node-local-dns". Optional.' } }, ['project']),
  write: false,
  destructive: false,
  prepare: async (ctx, input) => read(async () => {
    const project = await resolveProject(ctx, s(input.project)!);
    const pool = input.pool === undefined ? undefined : (await resolvePool(ctx, project, s(input.pool)!)).metadata.name;
    const r = await ctx.client.listTemplates(ref(project), { pool, template: s(input.template), signal: ctx.signal });
    const templates = r.data.items.filter((t) => t?.metadata?.name).map((t) => templateRow(t, input.template !== undefined));
    return { summary: `${templates.length} template(s)${pool ? ` fit ${pool}` : ''}: ${templates.map((t) => `${t.name} ${t.latest ?? ''}`.trim()).join(', ') || 'none'}.`, data: { project, templates } };
  }),
};

const fleetInventory: AgentTool = {
  name: 'fleet_inventory',
  title: 'Inventory of every plug-in',
  description: `Scans every pool of the given projects (default: all) and returns one row per installed plug-in: project, pool, display name, plug-in, version, phase, reason (a pool without plug-ins gives one row with the plug-in fields empty). Use it for fleet-wide questions such as "which pools have an Abnormal log-agent, and why?". At most ${ROW_CAP} rows; the answer says what was cut and which parts could not be read. Read-only.`,
  inputSchema: schema({ projects: { type: 'array', items: { type: 'string' }, description: 'Project IDs or names. Default: every project of the account.' } }),
  write: false,
  destructive: false,
  prepare: async (ctx, input) => read(async () => {
    const projects = await projectsOf(ctx, input.projects as string[] | undefined);
    const scan = await scanFleet(ctx.client, projects, { signal: ctx.signal });
    const all = inventoryRows(scan);
    const { rows, total, cut } = capped(all, 'rows');
    const failures = scan.failures.map(describeFailure);
    const abnormal = all.filter((r) => r.phase === 'Abnormal').length;
    return {
      summary: `${total} row(s) from ${projects.length} project(s); ${abnormal} Abnormal.${cut ? ` ${cut}` : ''}${failures.length ? ` ${failures.length} part(s) could not be read.` : ''}`,
      data: { rows, total_rows: total, ...(cut ? { cut } : {}), failures },
    };
  }),
};

const versionDrift: AgentTool = {
  name: 'version_drift',
  title: 'Version drift across pools',
  description: 'For each plug-in template installed anywhere in the account (or only the given one): the newest version the templates offer, and every pool with the version it runs, marking those behind. Use it to find pools to upgrade. Read-only.',
  inputSchema: schema({ template: { ...PLUGIN, description: 'Only this template. Optional.' } }),
  write: false,
  destructive: false,
  prepare: async (ctx, input) => read(async () => {
    const projects = await listAllProjects(ctx);
    const [scan, offered] = await Promise.all([scanFleet(ctx.client, projects, { signal: ctx.signal }), fetchOfferedVersions(ctx.client, projects, ctx.signal)]);
    const entries = computeDrift(scan, offered.offered).filter((e) => input.template === undefined || e.template === input.template);
    const flat = entries.flatMap((e) => e.pools.map((p) => ({ template: e.template, project: p.projectName, project_id: p.projectId, pool: p.pool, pool_display_name: p.poolDisplayName, version: p.version, phase: p.phase, behind: e.behind.includes(p) })));
    const { rows, total, cut } = capped(flat, 'pool rows');
    const templates = entries.map((e) => ({ template: e.template, newest: e.newest ?? null, newest_from: e.newestFrom, pools: e.pools.length, behind: e.behind.length }));
    const failures = [...scan.failures.map(describeFailure), ...offered.failed.map((f) => `${f.project.name}: templates: ${f.error.describe()}`)];
    return {
      summary: `${templates.length} template(s): ${templates.map((t) => `${t.template} newest ${t.newest ?? '?'}, ${t.behind}/${t.pools} pool(s) behind`).join('; ') || 'none installed'}.${cut ? ` ${cut}` : ''}`,
      data: { templates, pools: rows, total_rows: total, ...(cut ? { cut } : {}), failures },
    };
  }),
};

/** The read tools, in the order they are listed. */
export const READ_TOOLS: readonly AgentTool[] = [listProjects, listPools, listPlugins, showPlugin, listTemplates, fleetInventory, versionDrift];
