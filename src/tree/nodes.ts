// The tree's nodes: project → pool → plug-in, plus message nodes (placeholder, error, action).
// Each node knows its stable id (so expansion survives refresh), its parent, and how to render
// itself; loading children is the provider's job, through one helper.
import * as vscode from 'vscode';
import { ApiError, PLUGIN_PHASE_MEANING, Plugin, Pool, PoolPhase, ProjectRef, poolDisplayName } from '../api';
import { PHASE_ICON, phaseColorId } from '../core/phase';
import { changeWord, type PluginActivity } from '../core/pluginChange';
import type { PluginDocRef } from '../core/pluginRef';

export type TreeNode = ProjectNode | PoolNode | PluginNode | MessageNode;

export class ProjectNode {
  readonly kind = 'project';
  readonly id: string;
  /** `profile`: the profile it was loaded under; every request about it (and its pools and plug-ins) uses that profile's keys only. */
  constructor(readonly projectId: string, readonly name: string, readonly region: string, readonly profile = 'default') {
    this.id = `p/${projectId}`;
  }

  get ref(): ProjectRef {
    return { id: this.projectId, region: this.region };
  }

  toTreeItem(stale?: ApiError): vscode.TreeItem {
    const item = new vscode.TreeItem(this.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = this.region && this.region !== this.name ? this.region : this.projectId;
    item.tooltip = new vscode.MarkdownString(`**${vscode.l10n.t('Project')}** ${md(this.name)}\n\nid: \`${this.projectId}\`\n\n${vscode.l10n.t('region')}: ${md(this.region)}${staleNote(stale)}`);
    item.accessibilityInformation = { label: vscode.l10n.t('Project {0}, region {1}', this.name, this.region || vscode.l10n.t('unknown')) + staleLabel(stale) };
    item.iconPath = stale ? staleIcon() : new vscode.ThemeIcon('project');
    item.contextValue = 'project';
    return item;
  }
}

const POOL_PHASE_COLOR: Record<string, string | undefined> = {
  Running: 'modelarts.phase.running',
  Creating: 'modelarts.phase.pending',
  Waiting: 'modelarts.phase.pending',
  Deleting: 'modelarts.phase.deleting',
  Abnormal: 'modelarts.phase.abnormal',
  Error: 'modelarts.phase.abnormal',
  CreationFailed: 'modelarts.phase.abnormal',
  ScalingFailed: 'modelarts.phase.abnormal',
};

export class PoolNode {
  readonly kind = 'pool';
  readonly id: string;
  constructor(readonly project: ProjectNode, readonly pool: Pool) {
    this.id = `${project.id}/${pool.metadata.name}`;
  }

  get name(): string {
    return this.pool.metadata.name;
  }

  get label(): string {
    return poolDisplayName(this.pool);
  }

  get phase(): string {
    return String(this.pool.status?.phase ?? 'Unknown');
  }

  /** Where the document of this pool's plug-in `template` lives: the one way to build a PluginDocRef, so none lacks its profile. */
  docRef(template: string): PluginDocRef {
    const project = this.project;
    return { projectId: project.projectId, region: project.region, pool: this.name, poolLabel: this.label, template, profile: project.profile };
  }

  /** `counts`: its plug-ins, once loaded; `stale`: the last auto-refresh failed, the rows shown are older. */
  toTreeItem(counts?: PluginCounts, stale?: ApiError): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = counts ? `${this.phase} · ${describeCounts(counts)}` : this.phase;
    const p = this.pool;
    item.tooltip = new vscode.MarkdownString(
      [
        `**${vscode.l10n.t('Resource pool')}** ${md(this.label)} — ${md(this.phase)}`,
        `id (pool_name): \`${p.metadata.name}\``,
        p.spec?.type ? `${vscode.l10n.t('type')}: ${md(p.spec.type)}` : '',
        p.spec?.scope?.length ? `${vscode.l10n.t('scope')}: ${p.spec.scope.map(md).join(', ')}` : '',
        p.metadata.creationTimestamp ? `${vscode.l10n.t('created')}: ${md(p.metadata.creationTimestamp)}` : '',
        p.status?.message ? `${vscode.l10n.t('message')}: ${md(p.status.message)}` : '',
      ].filter(Boolean).join('\n\n') + staleNote(stale),
    );
    const color = POOL_PHASE_COLOR[this.phase];
    item.iconPath = stale ? staleIcon() : new vscode.ThemeIcon('server-environment', color ? new vscode.ThemeColor(color) : undefined);
    item.accessibilityInformation = {
      label: vscode.l10n.t('Resource pool {0}, {1}', this.label, this.phase) + (counts ? `, ${describeCounts(counts)}` : '') + staleLabel(stale),
    };
    item.contextValue = poolContextValue(this.phase);
    return item;
  }
}

/** How many plug-ins a pool has, and how many of them are Abnormal. */
export interface PluginCounts {
  plugins: number;
  abnormal: number;
}

/** `5 plug-ins, 1 Abnormal`, `1 plug-in`, `no plug-ins`. */
export function describeCounts(c: PluginCounts): string {
  if (!c.plugins) return vscode.l10n.t('no plug-ins');
  const n = countPlugins(c.plugins);
  return c.abnormal ? vscode.l10n.t('{0}, {1} Abnormal', n, c.abnormal) : n;
}

/** `1 plug-in`, `3 plug-ins`. */
export function countPlugins(n: number): string {
  return n === 1 ? vscode.l10n.t('1 plug-in') : vscode.l10n.t('{0} plug-ins', n);
}

/** `1 pool`, `3 pools`. */
export function countPools(n: number): string {
  return n === 1 ? vscode.l10n.t('1 pool') : vscode.l10n.t('{0} pools', n);
}

/** `1 project`, `3 projects`. */
export function countProjects(n: number): string {
  return n === 1 ? vscode.l10n.t('1 project') : vscode.l10n.t('{0} projects', n);
}

function staleNote(e: ApiError | undefined): string {
  return e ? `\n\n---\n\n${vscode.l10n.t('The last automatic refresh failed; these rows may be out of date.')} ${md(e.describe())}` : '';
}

function staleLabel(e: ApiError | undefined): string {
  return e ? vscode.l10n.t(', the last automatic refresh failed') : '';
}

function staleIcon(): vscode.ThemeIcon {
  return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
}

export { changeWord, type PluginActivity };

function isChange(a: PluginActivity | undefined): a is Extract<PluginActivity, { state: 'installing' | 'upgrading' | 'updating' }> {
  return a?.state === 'installing' || a?.state === 'upgrading' || a?.state === 'updating';
}


export class PluginNode {
  readonly kind = 'plugin';
  readonly id: string;
  constructor(readonly pool: PoolNode, readonly plugin: Plugin) {
    this.id = `${pool.id}/${plugin.spec.template.name}`;
  }

  get template(): string {
    return this.plugin.spec.template.name;
  }

  get phase(): string {
    return String(this.plugin.status?.phase ?? 'Unknown');
  }

  get version(): string | undefined {
    return this.plugin.status?.version ?? this.plugin.spec.template.version;
  }

  /** Where this plug-in's document lives. */
  get docRef(): PluginDocRef {
    return this.pool.docRef(this.template);
  }

  toTreeItem(activity?: PluginActivity): vscode.TreeItem {
    const item = new vscode.TreeItem(this.template, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const version = this.version ? `${this.version} · ` : '';
    const { phase, deletable } = pluginRowState(this.phase, activity);
    const shownPhase = isChange(activity) ? `${changeWord(activity.state)}…${activity.elapsedMs ? ` ${vscode.l10n.t('{0} s', Math.round(activity.elapsedMs / 1000))}` : ''}`
      : activity?.state === 'deleting' ? `${phase}…`
      : activity?.state === 'tracking' ? `${phase} (${vscode.l10n.t('{0} s', Math.round(activity.elapsedMs / 1000))})`
      : phase;
    item.description = `${version}${shownPhase}`;
    const color = phaseColorId(phase);
    item.iconPath = activity
      ? new vscode.ThemeIcon('loading~spin')
      : new vscode.ThemeIcon((PHASE_ICON as Record<string, string>)[phase] ?? 'circle-outline', color ? new vscode.ThemeColor(color) : undefined);
    const meaning = (PLUGIN_PHASE_MEANING as Record<string, string>)[phase];
    item.tooltip = new vscode.MarkdownString(
      [
        `**${vscode.l10n.t('Plug-in')}** ${md(this.template)}${this.version ? ` ${md(this.version)}` : ''} — ${md(phase)}`,
        meaning ? `_${md(meaning)}_` : '',
        this.plugin.status?.reason ? `${vscode.l10n.t('reason')}: ${md(this.plugin.status.reason)}` : '',
        this.plugin.metadata?.name ? `${vscode.l10n.t('instance')}: \`${this.plugin.metadata.name}\`` : '',
        this.plugin.metadata?.creationTimestamp ? `${vscode.l10n.t('created')}: ${md(this.plugin.metadata.creationTimestamp)}` : '',
      ].filter(Boolean).join('\n\n'),
    );
    item.contextValue = pluginContextValue(phase, deletable, activity);
    // the reason matters when something is not fine ("Install complete" on a Running row is noise)
    const reason = this.plugin.status?.reason && phase !== 'Running' ? vscode.l10n.t(', reason: {0}', this.plugin.status.reason) : '';
    item.accessibilityInformation = {
      label: (this.version
        ? vscode.l10n.t('{0}, version {1}, {2}, in pool {3}', this.template, this.version, shownPhase, this.pool.label)
        : vscode.l10n.t('{0}, {1}, in pool {2}', this.template, shownPhase, this.pool.label)) + reason,
    };
    item.command = { command: 'modelarts.showPlugin', title: vscode.l10n.t('Show Plug-in'), arguments: [this] };
    return item;
  }
}

export class MessageNode {
  readonly kind = 'message';
  constructor(
    readonly id: string,
    readonly parent: TreeNode | undefined,
    readonly variant: 'placeholder' | 'error' | 'action',
    readonly label: string,
    readonly options: { error?: ApiError; description?: string; command?: vscode.Command; icon?: string } = {},
  ) {}

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = this.options.description;
    item.contextValue = messageContextValue(this.variant);
    const e = this.options.error;
    if (e) {
      item.tooltip = new vscode.MarkdownString(
        [md(e.message), e.errorCode ? `error_code: \`${e.errorCode}\`` : '', e.requestId ? `request id: \`${e.requestId}\`` : '', `_${vscode.l10n.t('Click to retry; right-click for the logs.')}_`]
          .filter(Boolean).join('\n\n'),
      );
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
      item.command = { command: 'modelarts.retry', title: vscode.l10n.t('Retry'), arguments: [this] };
      item.accessibilityInformation = { label: vscode.l10n.t('Error: {0}, code {1}; press Enter to retry', this.label, this.options.description ?? e.kind), role: 'button' };
    } else {
      item.iconPath = this.options.icon ? new vscode.ThemeIcon(this.options.icon) : undefined;
      item.command = this.options.command;
      item.accessibilityInformation = { label: this.label, role: this.options.command ? 'button' : undefined };
    }
    return item;
  }
}

/** An error node that says what failed (`what`: already localised), with its code, and offers Retry and Show Logs. */
export function errorNode(parent: TreeNode | undefined, what: string, error: ApiError): MessageNode {
  const label = vscode.l10n.t('Could not load {0}: {1}', what, error.errorMsg ?? error.message);
  return new MessageNode(`${parent?.id ?? 'root'}/#error`, parent, 'error', label, { error, description: error.errorCode ?? error.kind });
}

/** Escapes text for a MarkdownString. */
function md(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

// contextValues: the rows build theirs with these functions, and allContextValues() runs the same
// functions over every phase, activity and variant, so the list the contract test checks
// package.json against cannot drift from what the rows produce.
const POOL_PHASES: Record<PoolPhase, true> = { Creating: true, Running: true, Abnormal: true, Deleting: true, Error: true, CreationFailed: true, ScalingFailed: true, Waiting: true };
const MESSAGE_VARIANTS: Record<MessageNode['variant'], true> = { placeholder: true, error: true, action: true };

/** The phase a plug-in's row shows (a deletion in flight shows Deleting) and whether it may be deleted and edited. */
function pluginRowState(cloudPhase: string, activity: PluginActivity | undefined): { phase: string; deletable: boolean } {
  return { phase: activity && !isChange(activity) ? 'Deleting' : cloudPhase, deletable: !activity && cloudPhase !== 'Deleting' };
}

function poolContextValue(phase: string): string {
  return `pool+${phase.toLowerCase()}`;
}

/** deletable also means editable: Edit, Upgrade (the commands refuse Pending and Updating with the reason). */
function pluginContextValue(phase: string, deletable: boolean, activity: PluginActivity | undefined): string {
  return `plugin+${phase.toLowerCase()}${deletable ? '+deletable+editable' : ''}${activity?.state === 'tracking' ? '+tracking' : ''}`;
}

function messageContextValue(variant: MessageNode['variant']): string {
  return `message+${variant}`;
}

/** Every contextValue the tree's rows can have, for every known phase (and 'Unknown'), activity and message variant. */
export function allContextValues(): string[] {
  const activities: (PluginActivity | undefined)[] = [undefined, { state: 'deleting' }, { state: 'tracking', elapsedMs: 0 }, { state: 'installing' }, { state: 'upgrading' }, { state: 'updating' }];
  const plugins = [...Object.keys(PHASE_ICON), 'Unknown'].flatMap((p) => activities.map((a) => {
    const { phase, deletable } = pluginRowState(p, a);
    return pluginContextValue(phase, deletable, a);
  }));
  return [...new Set([
    'project',
    ...[...Object.keys(POOL_PHASES), 'Unknown'].map(poolContextValue),
    ...plugins,
    ...(Object.keys(MESSAGE_VARIANTS) as MessageNode['variant'][]).map(messageContextValue),
  ])];
}
