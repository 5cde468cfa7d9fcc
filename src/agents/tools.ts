// The one table of agent tools. Each tool is defined once (name, title, a description written for a
// model, the JSON schema of its input, whether it writes, and its handler); the MCP server
// (src/cli/mcp.ts) and the VS Code language-model tools (src/languageModelTools.ts) are both made
// from this table, and a unit test holds package.json's languageModelTools to it, so the surfaces
// cannot drift. No vscode import: the handlers run on src/api and src/core only.
//
// Every tool is first prepared, then run. Preparing only reads (names resolved, the plug-in and its
// template read, the PATCH planned) and, for a write, yields the question to ask a person, naming
// plug-in, pool, project and effect as the extension's modal dialogs do (their own l10n strings).
// Running a write sends exactly one request: install one POST, delete one DELETE, upgrade the
// full-inputs path of src/core/patchPlan.ts (sendUpdate re-reads and refuses if the plug-in changed
// since the question was asked). `wait` then tracks with src/api/tracking.ts.
//
// What a model reads (descriptions, summaries, refusals) stays English like the CLI; what a person
// is asked goes through @vscode/l10n.
import * as l10n from '@vscode/l10n';
import {
  PluginTemplate, ProjectRef, SettleOptions, TrackingOptions, asApiError, compareVersions, defaultInputs, findTemplateVersion,
  poolDisplayName, templateDisplayName, templateVersions, trackDeletion, trackUntilSettled, validationError,
} from '../api';
import { computeDrift, fetchOfferedVersions } from '../core/drift';
import { inventoryRows } from '../core/inventory';
import { isJsonObject, type JsonObject } from '../api/mergePatch';
import { installedVersion, prepareUpdate, sendUpdate, summarizePlan } from '../core/patchPlan';
import { describeFailure, scanFleet, type ScanProject } from '../core/scan';
import { listAllProjects, resolvePool, resolveProject, type ProjectSource } from './resolve';
import { checkArguments, type InputSchema, type PropertySchema } from './schema';

export interface ToolContext extends ProjectSource {
  /** Progress while a write is tracked (`wait: true`): a count that grows, and a line for a person. */
  onProgress?: (progress: number, message: string) => void;
  /** The tracking schedule; tests shorten it. */
  tracking?: Omit<SettleOptions, 'signal' | 'onPoll' | 'version' | 'answeredBusy'>;
}

/** What a tool returns: a one-line summary and the structured answer (the cloud's, where there is one). */
export interface ToolOutput {
  summary: string;
  data: Record<string, unknown>;
}

/** The question a write asks a person before it sends anything. */
export interface Confirmation {
  title: string;
  message: string;
  detail: string;
}

/** A tool call ready to run: reads done, and for a write the question to ask first. */
export interface PreparedCall {
  confirmation?: Confirmation;
  /** Where a write goes, for logs and for refreshing views afterwards. */
  target?: { projectId: string; pool: string; plugin: string };
  run(): Promise<ToolOutput>;
}

export interface AgentTool {
  name: string;
  title: string;
  description: string;
  inputSchema: InputSchema;
  /** Changes something in the cloud: listed by the MCP server only with --allow-writes. */
  write: boolean;
  /** Removes or replaces something: asks for consent first (MCP elicitation, VS Code confirmation). */
  destructive: boolean;
  prepare(ctx: ToolContext, input: Record<string, unknown>): Promise<PreparedCall>;
}

/** MCP's tool annotations, from the table. */
export function annotations(t: AgentTool): { title: string; readOnlyHint: boolean; destructiveHint: boolean; idempotentHint: boolean; openWorldHint: boolean } {
  return { title: t.title, readOnlyHint: !t.write, destructiveHint: t.destructive, idempotentHint: !t.write, openWorldHint: true };
}

/** A failed call as a tool error: the cloud's error_code and message, and the advice the extension gives; never a stack. */
export interface ToolErrorInfo {
  kind: string;
  /** The advice, as the extension shows it (includes the cloud's message). */
  message: string;
  error_code?: string;
  error_msg?: string;
  http_status?: number;
  request_id?: string;
}

export function toolError(e: unknown): ToolErrorInfo {
  const err = asApiError(e);
  const out: ToolErrorInfo = { kind: err.kind, message: err.message };
  if (err.errorCode) out.error_code = err.errorCode;
  if (err.errorMsg) out.error_msg = err.errorMsg;
  if (err.status !== undefined) out.http_status = err.status;
  if (err.requestId) out.request_id = err.requestId;
  return out;
}

/** Checks the arguments against the tool's schema, then prepares the call (reads only). */
export async function prepareCall(tool: AgentTool, ctx: ToolContext, args: unknown): Promise<PreparedCall> {
  return tool.prepare(ctx, checkArguments(tool.name, tool.inputSchema, args));
}

// ------------------------------------------------------------------ inputs

const str = (description: string): PropertySchema => ({ type: 'string', description });
const PROJECT = str('The project: its ID or its name (the region name, e.g. "cn-north-4"). list_projects lists them.');
const POOL = str('The resource pool: its name (metadata.name, e.g. "pool-4cd0…") or its display name. list_pools lists them.');
const PLUGIN = str('The plug-in: the name of the template it was installed from, e.g. "node-local-dns".');
const WAIT = { type: 'boolean', description: 'Track the plug-in after the write until it settles (may take minutes; progress is reported). Default false: answer as soon as the cloud accepted the write.' } as const;
const schema = (properties: Record<string, PropertySchema>, required: string[] = []): InputSchema => ({ type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: false });

/** Rows of a list are capped so an answer stays readable; the answer says what was cut. */
export const ROW_CAP = 500;

function capped<T>(rows: T[], what: string): { rows: T[]; total: number; cut?: string } {
  if (rows.length <= ROW_CAP) return { rows, total: rows.length };
  return { rows: rows.slice(0, ROW_CAP), total: rows.length, cut: `${rows.length - ROW_CAP} of ${rows.length} ${what} left out; narrow the request.` };
}

const ref = (p: ScanProject): ProjectRef => ({ id: p.id, region: p.region });
const read = (run: () => Promise<ToolOutput>): PreparedCall => ({ run });
const s = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

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

// ------------------------------------------------------------------ tracking after a write

async function trackSettled(ctx: ToolContext, project: ScanProject, pool: string, plugin: string, target: Pick<SettleOptions, 'version' | 'answeredBusy'>): Promise<Record<string, unknown>> {
  let polls = 0;
  const outcome = await trackUntilSettled(ctx.client, ref(project), pool, plugin, {
    ...ctx.tracking, ...target, signal: ctx.signal,
    onPoll: (st) => ctx.onProgress?.(++polls, `${plugin}: ${st.phase ?? 'not listed'} after ${Math.round(st.elapsedMs / 1000)} s`),
  });
  const elapsed_s = Math.round(outcome.elapsedMs / 1000);
  switch (outcome.kind) {
    case 'settled': return { outcome: 'settled', elapsed_s, phase: outcome.plugin.status?.phase, version: installedVersion(outcome.plugin), reason: outcome.plugin.status?.reason };
    case 'error': return { outcome: 'error', elapsed_s, error: toolError(outcome.error) };
    case 'gone': return { outcome: 'gone', elapsed_s };
    default: return { outcome: outcome.kind, elapsed_s, phase: outcome.phase };
  }
}

async function trackGone(ctx: ToolContext, project: ScanProject, pool: string, plugin: string): Promise<Record<string, unknown>> {
  let polls = 0;
  const opts: TrackingOptions = { ...ctx.tracking, signal: ctx.signal, onPoll: (st) => ctx.onProgress?.(++polls, `${plugin}: ${st.phase ?? 'gone'} after ${Math.round(st.elapsedMs / 1000)} s`) };
  const outcome = await trackDeletion(ctx.client, ref(project), pool, plugin, opts);
  const elapsed_s = Math.round(outcome.elapsedMs / 1000);
  if (outcome.kind === 'error') return { outcome: 'error', elapsed_s, error: toolError(outcome.error) };
  return { outcome: outcome.kind, elapsed_s, ...(outcome.kind === 'removed' ? {} : { phase: outcome.phase }) };
}

function trackedLine(plugin: string, t: Record<string, unknown>): string {
  switch (t.outcome) {
    case 'settled': return t.phase === 'Running' ? ` ${plugin} is Running at ${t.version ?? '?'} after ${t.elapsed_s} s.` : ` ${plugin} is ${t.phase}: ${t.reason ?? 'no reason given'}.`;
    case 'removed': return ` ${plugin} was removed after ${t.elapsed_s} s.`;
    case 'gone': return ` ${plugin} is no longer listed.`;
    case 'cancelled': return ' Tracking was cancelled; the write itself was sent.';
    case 'timeout': return ` Gave up tracking after ${t.elapsed_s} s; ${plugin} is still ${t.phase ?? 'not settled'}.`;
    default: return ` Tracking failed: ${(t.error as ToolErrorInfo | undefined)?.message ?? 'unknown error'}`;
  }
}

// ------------------------------------------------------------------ the table

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

const installPlugin: AgentTool = {
  name: 'install_plugin',
  title: 'Install a plug-in',
  description: 'Installs a plug-in from a template into a resource pool (one POST; never retried). Without version, the newest; without inputs, the template defaults (inputs replaces them as a whole: see list_templates for the default inputs). With wait=true, tracks it until Running or Abnormal. Writes to the cloud; it will not install over an existing plug-in (use upgrade_plugin).',
  inputSchema: schema({
    project: PROJECT, pool: POOL, template: { ...PLUGIN, description: 'The template to install, e.g. "node-local-dns".' },
    version: str('The version to install; default the newest. list_templates lists them.'),
    inputs: { type: 'object', description: 'The whole inputs object (installation parameters). Default: the template\'s defaults.' },
    wait: WAIT,
  }, ['project', 'pool', 'template']),
  write: true,
  destructive: false,
  prepare: async (ctx, input) => {
    const project = await resolveProject(ctx, s(input.project)!);
    const pool = await resolvePool(ctx, project, s(input.pool)!);
    const name = s(input.template)!;
    const t = (await ctx.client.listTemplates(ref(project), { template: name, signal: ctx.signal })).data.items.find((x) => x.metadata?.name === name);
    if (!t) throw validationError(`Project ${project.name} offers no plug-in template "${name}"; list_templates lists them. Nothing was sent.`);
    const version = s(input.version) ?? templateVersions(t)[0]?.version;
    if (input.version !== undefined && !findTemplateVersion(t, s(input.version)!)) {
      throw validationError(`${name} has no version ${input.version}; it has ${templateVersions(t).map((v) => v.version).join(', ')}. Nothing was sent.`);
    }
    const inputs = input.inputs as JsonObject | undefined;
    const label = poolDisplayName(pool);
    return {
      target: { projectId: project.id, pool: pool.metadata.name, plugin: name },
      confirmation: {
        title: l10n.t('Install Plug-in'),
        message: l10n.t('Install {0} ({1}) {2} into resource pool "{3}" in project "{4}"?', templateDisplayName(t), name, version ?? '?', label, project.name),
        detail: l10n.t('With {0}. The plug-in is installed on every node of the pool.', inputs ? l10n.t('these inputs: {0}', JSON.stringify(inputs)) : l10n.t('the template defaults')),
      },
      run: async () => {
        const r = await ctx.client.createPlugin(ref(project), pool.metadata.name, { name, version: s(input.version), inputs }, { signal: ctx.signal });
        const phase = r.data.status?.phase;
        const tracking = input.wait === true
          ? await trackSettled(ctx, project, pool.metadata.name, name, { version: r.data.spec?.template?.version ?? version, answeredBusy: phase === 'Pending' || phase === 'Updating' })
          : undefined;
        return {
          summary: `Installation of ${name} ${version ?? ''} into ${label} (${project.name}) accepted.${tracking ? trackedLine(name, tracking) : ''}`.replace(/ {2,}/g, ' '),
          data: { answer: r.data, request_id: r.requestId ?? null, ...(tracking ? { tracking } : {}) },
        };
      },
    };
  },
};

const upgradePlugin: AgentTool = {
  name: 'upgrade_plugin',
  title: 'Upgrade or reconfigure a plug-in',
  description: 'Upgrades a plug-in to another version and/or changes some of its inputs, keeping every other input as it is: it reads the plug-in and its template, sends name, version and the complete inputs (the cloud would otherwise reset what is left out to the defaults), and reports which parameters are kept, changed, back to default and new. inputs is a JSON merge patch (RFC 7386) of the current inputs: only the keys to change; null puts a key back to its default. version may be "latest". Refuses a plug-in that is busy (Pending, Updating, Deleting) or that changed between the read and the write. With wait=true, tracks it until Running or Abnormal. Writes to the cloud.',
  inputSchema: schema({
    project: PROJECT, pool: POOL, plugin: PLUGIN,
    version: str('The version to move to, or "latest". Default: stay at the installed version.'),
    inputs: { type: 'object', description: 'JSON merge patch of the current inputs: only the keys to change; null restores a key\'s default.' },
    wait: WAIT,
  }, ['project', 'pool', 'plugin']),
  write: true,
  destructive: true,
  prepare: async (ctx, input) => {
    if (input.version === undefined && input.inputs === undefined) throw validationError('upgrade_plugin needs version or inputs (or both). Nothing was sent.');
    const project = await resolveProject(ctx, s(input.project)!);
    const pool = await resolvePool(ctx, project, s(input.pool)!);
    const plugin = s(input.plugin)!;
    let version = s(input.version);
    if (version === 'latest') {
      const t = (await ctx.client.listTemplates(ref(project), { template: plugin, signal: ctx.signal })).data.items.find((x) => x.metadata?.name === plugin);
      version = t && templateVersions(t)[0]?.version;
      if (!version) throw validationError(`Project ${project.name} offers no versions of ${plugin}. Nothing was sent.`);
    }
    const inputs = input.inputs as JsonObject | undefined;
    if (inputs !== undefined && !isJsonObject(inputs)) throw validationError('upgrade_plugin: inputs must be a JSON object. Nothing was sent.');
    const prepared = await prepareUpdate(ctx.client, ref(project), pool.metadata.name, plugin, { version, inputs }, { signal: ctx.signal });
    const { plan } = prepared;
    const label = poolDisplayName(pool);
    if (plan.from === plan.to && !plan.changed.length && !plan.defaulted.length && !plan.added.length) {
      throw validationError(`${plugin} in ${label} is already at ${plan.to ?? '?'} with these inputs; nothing was sent.`);
    }
    const lines = summarizePlan(plan);
    const versionMoves = plan.to !== undefined && plan.from !== plan.to;
    const down = versionMoves && plan.from !== undefined && compareVersions(plan.to!, plan.from) < 0;
    const args = [plugin, label, project.name, plan.from ?? l10n.t('unknown'), plan.to ?? '?'] as const;
    const message = !versionMoves
      ? l10n.t('Change the inputs of {0} in resource pool "{1}" (project "{2}")?', plugin, label, project.name)
      : down ? l10n.t('Downgrade {0} in resource pool "{1}" (project "{2}") from {3} to {4}?', ...args) : l10n.t('Upgrade {0} in resource pool "{1}" (project "{2}") from {3} to {4}?', ...args);
    return {
      target: { projectId: project.id, pool: pool.metadata.name, plugin },
      confirmation: { title: l10n.t('Upgrade Plug-in'), message, detail: [...lines, l10n.t('The plug-in is updated on every node of the pool.')].join('\n') },
      run: async () => {
        const r = await sendUpdate(ctx.client, prepared, { signal: ctx.signal });
        // PATCH answers the spec only (API.md §1.8): tracking waits for the phase to move
        const tracking = input.wait === true ? await trackSettled(ctx, project, pool.metadata.name, plugin, { version: plan.to }) : undefined;
        const { from, to, kept, changed, defaulted, added, dropped } = plan;
        return {
          summary: `Update of ${plugin} in ${label} (${project.name}) accepted${versionMoves ? `: ${from ?? '?'} → ${to}` : ''}; ${kept.length} input(s) kept.${tracking ? trackedLine(plugin, tracking) : ''}`,
          data: { answer: r.data, request_id: r.requestId ?? null, plan: { from: from ?? null, to: to ?? null, kept, changed, defaulted, added, dropped, sent: plan.body }, plan_summary: lines, ...(tracking ? { tracking } : {}) },
        };
      },
    };
  },
};

const deletePlugin: AgentTool = {
  name: 'delete_plugin',
  title: 'Delete a plug-in',
  description: 'Uninstalls a plug-in from every node of a resource pool (one DELETE; never retried; workloads that depend on it may stop working). The plug-ins ModelArts installs by default cannot be deleted (the cloud refuses). With wait=true, tracks it until it is gone. Writes to the cloud; it will not delete a plug-in that is already Deleting.',
  inputSchema: schema({ project: PROJECT, pool: POOL, plugin: PLUGIN, wait: WAIT }, ['project', 'pool', 'plugin']),
  write: true,
  destructive: true,
  prepare: async (ctx, input) => {
    const project = await resolveProject(ctx, s(input.project)!);
    const pool = await resolvePool(ctx, project, s(input.pool)!);
    const plugin = s(input.plugin)!;
    const label = poolDisplayName(pool);
    const shown = await ctx.client.showPlugin(ref(project), pool.metadata.name, plugin, { signal: ctx.signal });
    if (shown.data.status?.phase === 'Deleting') throw validationError(`${plugin} in ${label} is already being deleted; nothing was sent.`);
    return {
      target: { projectId: project.id, pool: pool.metadata.name, plugin },
      confirmation: {
        title: l10n.t('Delete Plug-in'),
        message: l10n.t('Delete plug-in {0}?', l10n.t('"{0}" from resource pool "{1}" in project "{2}"', plugin, label, project.name)),
        detail: l10n.t('This uninstalls the plug-in from every node of the pool. Workloads that depend on it may stop working.'),
      },
      run: async () => {
        const r = await ctx.client.deletePlugin(ref(project), pool.metadata.name, plugin, { signal: ctx.signal });
        const tracking = input.wait === true ? await trackGone(ctx, project, pool.metadata.name, plugin) : undefined;
        return {
          summary: `Deletion of ${plugin} from ${label} (${project.name}) accepted.${tracking ? trackedLine(plugin, tracking) : ''}`,
          data: { answer: r.data, request_id: r.requestId ?? null, ...(tracking ? { tracking } : {}) },
        };
      },
    };
  },
};

/** Every tool, reads first. */
export const AGENT_TOOLS: readonly AgentTool[] = [listProjects, listPools, listPlugins, showPlugin, listTemplates, fleetInventory, versionDrift, installPlugin, upgradePlugin, deletePlugin];

export function findTool(name: string): AgentTool | undefined {
  return AGENT_TOOLS.find((t) => t.name === name);
}
