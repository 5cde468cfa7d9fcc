// The agent tools that write: install, upgrade (or reconfigure), delete. Preparing one reads (names
// resolved, the plug-in and its template read, the PATCH planned) and yields the question to ask a
// person, through @vscode/l10n like the extension's modal dialogs; running it sends exactly one
// request, and with `wait` tracks the plug-in with src/api/tracking.ts until it settles or is gone.
import * as l10n from '@vscode/l10n';
import {
  SettleOptions, TrackingOptions, compareVersions, findTemplateVersion, poolDisplayName, templateDisplayName, templateVersions,
  trackDeletion, trackUntilSettled, validationError, type PluginTemplate,
} from '../api';
import { isJsonObject, type JsonObject } from '../api/mergePatch';
import { installedVersion, prepareUpdate, sendUpdate, summarizePlan } from '../core/patchPlan';
import type { ScanProject } from '../core/scan';
import { resolvePool, resolveProject } from './resolve';
import { PLUGIN, POOL, PROJECT, WAIT, ref, s, schema, str, toolError, type AgentTool, type ToolContext, type ToolErrorInfo } from './shared';

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

// ------------------------------------------------------------------ the write tools

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
    let template: PluginTemplate | undefined;
    if (version === 'latest') {
      const t = (template = (await ctx.client.listTemplates(ref(project), { template: plugin, signal: ctx.signal })).data.items.find((x) => x.metadata?.name === plugin));
      version = t && templateVersions(t)[0]?.version;
      if (!version) throw validationError(`Project ${project.name} offers no versions of ${plugin}. Nothing was sent.`);
    }
    const inputs = input.inputs as JsonObject | undefined;
    if (inputs !== undefined && !isJsonObject(inputs)) throw validationError('upgrade_plugin: inputs must be a JSON object. Nothing was sent.');
    const prepared = await prepareUpdate(ctx.client, ref(project), pool.metadata.name, plugin, { version, inputs }, { signal: ctx.signal, template });
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


/** The write tools: listed by the MCP server only with --allow-writes. */
export const WRITE_TOOLS: readonly AgentTool[] = [installPlugin, upgradePlugin, deletePlugin];
