// Every PATCH of a plug-in goes through here. The vendor's page for PatchPlugin says: "During the
// plug-in upgrade, you need to specify all the installation parameters. If the parameters are not
// specified, the default values in the plug-in template are used." (FIDELITY.md #1). So a write
// never sends only what changed: it reads the plug-in right before, applies the user's change (a
// version, an RFC 7386 patch of the inputs, or both) to the inputs the cloud has now, fills in
// what the target version's template adds, and sends `name`, `version` and the complete inputs.
// Under the documented reading and under a plain merge reading the result is then the same.
//
// A parameter the user removes is sent as `null` inside the full inputs: under the merge reading
// an absent key would stay as it was, under the documented one `null` and absence both fall back
// to the template default (FIDELITY.md #2). Either way the plug-in runs with the default.
import * as l10n from '@vscode/l10n';
import type { ModelArtsClient, ProjectRef } from '../api/client';
import { ApiError } from '../api/errors';
import type { Plugin, PluginTemplate, PluginTemplatePatch, PluginTemplateVersion } from '../api/models';
import { defaultInputs, findTemplateVersion } from '../api/templates';
import { applyMergePatch, createMergePatch, isJsonObject, jsonEqual, patchPaths, sortKeys, type Json, type JsonObject } from '../api/mergePatch';

/** What the user asks for: another version, a merge patch of the inputs, or both. */
export interface PluginChange {
  version?: string;
  /** RFC 7386 merge patch of `spec.template.inputs`: `null` means "back to the default". */
  inputs?: JsonObject;
}

/** A parameter filled in from the target version's template, with the value it gets. */
export interface DefaultedParameter {
  /** Dotted path inside the inputs, e.g. `custom.ndots`. */
  path: string;
  value: Json;
  /** The template of the version installed now does not have it: the target version adds it. */
  isNew: boolean;
}

export interface PatchPlan {
  template: string;
  /** The version installed now (status, else spec); undefined when the cloud did not say. */
  from?: string;
  /** The version sent; undefined only when neither the change nor the cloud names one. */
  to?: string;
  /** The PATCH body's `spec.template`: name, version and the complete inputs. */
  body: PluginTemplatePatch & { name: string; inputs: JsonObject };
  /** What the inputs will be once the cloud has applied the body (the body without its `null`s). */
  inputs: JsonObject;
  /** Parameters sent as they are now. */
  kept: string[];
  /** Parameters the user's change sets to another value (or adds). */
  changed: string[];
  /** Parameters the user removed: they fall back to the template default. */
  defaulted: string[];
  /** Parameters the inputs lacked, filled in with the target template's defaults. */
  added: DefaultedParameter[];
  /** Parameters the installed version's template has and the target version's does not (still sent). */
  dropped: string[];
}

/** The inputs the cloud reports for a plug-in: `spec.template.inputs`, else `status.values` where it parses to an object. */
export function currentInputs(plugin: Pick<Plugin, 'spec' | 'status'>): JsonObject {
  const inputs = plugin.spec?.template?.inputs;
  if (isJsonObject(inputs)) return sortKeys(inputs) as JsonObject;
  const values = plugin.status?.values;
  if (typeof values === 'string') {
    try {
      const parsed: unknown = JSON.parse(values);
      if (isJsonObject(parsed)) return sortKeys(parsed) as JsonObject;
    } catch {
      // not JSON: the cloud's business, not an input we can keep
    }
  }
  return {};
}

function carriesInputs(plugin: Pick<Plugin, 'spec' | 'status'>): boolean {
  return plugin.spec?.template?.inputs !== undefined || typeof plugin.status?.values === 'string';
}

/** The version a plug-in runs: `status.version`, else the one its spec asks for. */
export function installedVersion(plugin: Pick<Plugin, 'spec' | 'status'>): string | undefined {
  return plugin.status?.version ?? plugin.spec?.template?.version;
}

/**
 * Plans one PATCH. `current` is the plug-in as ShowPlugin answered right before; `target` the
 * template version the body asks for and `source` the installed one's (both optional: without
 * them nothing is filled in and nothing is reported dropped).
 */
export function planPatch(current: Plugin, change: PluginChange, target?: PluginTemplateVersion, source?: PluginTemplateVersion): PatchPlan {
  const template = current.spec.template.name;
  const from = installedVersion(current);
  const to = change.version ?? current.spec?.template?.version ?? from;
  const now = currentInputs(current);
  const patch = change.inputs ?? {};
  const removed = patchPaths(patch).filter((p) => p.removed).map((p) => p.path);
  const isRemoved = (path: string): boolean => removed.some((r) => path === r || path.startsWith(`${r}.`));
  const edited = applyMergePatch(now, patch) as JsonObject;

  const targetDefaults = target ? leaves(defaultInputs(target)) : new Map<string, Json>();
  const sourceDefaults = source ? leaves(defaultInputs(source)) : undefined;
  const added: DefaultedParameter[] = [];
  for (const [path, value] of targetDefaults) {
    if (isRemoved(path) || !setIfAbsent(edited, path.split('.'), value)) continue;
    added.push({ path, value, isNew: sourceDefaults ? !sourceDefaults.has(path) : false });
  }

  const before = leaves(now);
  const after = leaves(edited);
  const changed = [...after].filter(([path, value]) => !added.some((a) => a.path === path) && !(before.has(path) && jsonEqual(before.get(path), value))).map(([path]) => path);
  const kept = [...before].filter(([path, value]) => after.has(path) && jsonEqual(after.get(path), value)).map(([path]) => path);
  const dropped = sourceDefaults && target ? [...after.keys()].filter((path) => sourceDefaults.has(path) && !targetDefaults.has(path)) : [];

  const inputs = sortKeys(edited) as JsonObject;
  const bodyInputs = structuredClone(inputs);
  for (const path of removed) setPath(bodyInputs, path.split('.'), null);
  const body: PatchPlan['body'] = { name: template, inputs: sortKeys(bodyInputs) as JsonObject };
  if (to !== undefined) body.version = to;
  return { template, from, to, body, inputs, kept: kept.sort(), changed: changed.sort(), defaulted: [...removed].sort(), added: added.sort((a, b) => a.path.localeCompare(b.path)), dropped: dropped.sort() };
}

/** What changed between two reads of a plug-in that matters to a write planned on the first: version, inputs, a busy phase. */
export function changedSince(seen: Plugin, now: Plugin): string[] {
  const out: string[] = [];
  const [a, b] = [installedVersion(seen), installedVersion(now)];
  const [wantedA, wantedB] = [seen.spec?.template?.version, now.spec?.template?.version];
  if (a !== b) out.push(l10n.t('the version ({0} → {1})', a ?? '?', b ?? '?'));
  else if (wantedA !== wantedB) out.push(l10n.t('the version asked for ({0} → {1})', wantedA ?? '?', wantedB ?? '?'));
  // a listed plug-in may carry no inputs (API.md §1.5): then there is nothing to compare them with
  const changedInputs = carriesInputs(seen) ? patchPaths(createMergePatch(currentInputs(seen), currentInputs(now))).map((p) => p.path) : [];
  if (changedInputs.length) out.push(l10n.t('the inputs ({0})', changedInputs.join(', ')));
  const phase = now.status?.phase;
  if (phase && BUSY.has(phase) && phase !== seen.status?.phase) out.push(l10n.t('the phase (now {0})', phase));
  return out;
}

/** Phases in which the cloud is still working on an earlier change: no write is planned on them. */
export const BUSY = new Set(['Pending', 'Updating', 'Deleting']);

/** A write planned against the plug-in as it was read, ready to be confirmed and sent. */
export interface PreparedUpdate {
  project: ProjectRef;
  pool: string;
  /** The plug-in as ShowPlugin answered when the plan was made. */
  seen: Plugin;
  plan: PatchPlan;
}

export interface PrepareOptions {
  /** The plug-in as the user looked at it: a change since then refuses the write. */
  baseline?: Plugin;
  /** Refuse unless the plug-in runs this version (the CLI's `--if-version`). */
  ifVersion?: string;
  /** The plug-in's template, when the caller has just read it (a version pick): not read again. */
  template?: PluginTemplate;
  signal?: AbortSignal;
}

/** A template by name; undefined when it cannot be read (then nothing is filled in, and the cloud's answer to the PATCH decides). */
export function readTemplate(client: ModelArtsClient, project: ProjectRef, template: string, signal?: AbortSignal): Promise<PluginTemplate | undefined> {
  return client.listTemplates(project, { template, signal }).then((r) => r.data.items.find((t) => t.metadata.name === template), () => undefined);
}

/**
 * Reads the plug-in and its template, then plans the write. Refuses (a validation ApiError, nothing
 * sent) a busy plug-in, a version the template does not offer, a plug-in not at `ifVersion`, and one
 * that changed since `baseline`.
 */
export async function prepareUpdate(client: ModelArtsClient, project: ProjectRef, pool: string, template: string, change: PluginChange, opts: PrepareOptions = {}): Promise<PreparedUpdate> {
  const [shown, templates] = await Promise.all([
    client.showPlugin(project, pool, template, { signal: opts.signal }),
    opts.template ?? readTemplate(client, project, template, opts.signal),
  ]);
  const seen = shown.data;
  assertWritable(seen, template, pool, opts);
  const plan = planFor(seen, change, templates, template);
  return { project, pool, seen, plan };
}

/** planPatch with the versions looked up in `t`; refuses a version `t` does not offer. */
export function planFor(seen: Plugin, change: PluginChange, t: PluginTemplate | undefined, template = seen.spec.template.name): PatchPlan {
  const to = change.version ?? seen.spec?.template?.version ?? installedVersion(seen);
  const target = t && to !== undefined ? findTemplateVersion(t, to) : undefined;
  if (t && change.version !== undefined && !target) {
    const offered = (t.spec?.versions ?? []).map((v) => v.version).join(', ');
    throw new ApiError({ kind: 'validation', message: l10n.t('{0} has no version {1}; it has {2}. Nothing was sent.', template, change.version, offered || l10n.t('none')) });
  }
  const from = installedVersion(seen);
  return planPatch(seen, change, target, t && from !== undefined ? findTemplateVersion(t, from) : undefined);
}

function assertWritable(seen: Plugin, template: string, pool: string, opts: PrepareOptions): void {
  const phase = seen.status?.phase;
  if (phase && BUSY.has(phase)) {
    throw new ApiError({ kind: 'validation', message: l10n.t('{0} in {1} is {2}: the cloud is still working on an earlier change. Nothing was sent; try again when it is Running or Abnormal.', template, pool, phase) });
  }
  if (opts.ifVersion !== undefined && installedVersion(seen) !== opts.ifVersion) {
    throw new ApiError({ kind: 'validation', message: l10n.t('{0} in {1} is at {2}, not {3}. Nothing was sent.', template, pool, installedVersion(seen) ?? '?', opts.ifVersion) });
  }
  if (opts.baseline) {
    const changes = changedSince(opts.baseline, seen);
    if (changes.length) {
      throw new ApiError({ kind: 'validation', message: l10n.t('{0} in {1} changed in the cloud since you looked at it: {2}. Nothing was sent; look at it again, then retry.', template, pool, changes.join('; ')) });
    }
  }
}

/**
 * Sends a prepared write: reads the plug-in once more and refuses if it changed since the plan was
 * made (the confirmation the user saw would be wrong), then PATCHes the planned body.
 */
export async function sendUpdate(client: ModelArtsClient, prepared: PreparedUpdate, opts: { signal?: AbortSignal } = {}): ReturnType<ModelArtsClient['updatePlugin']> {
  const { project, pool, plan } = prepared;
  const now = await client.showPlugin(project, pool, plan.template, { signal: opts.signal });
  assertWritable(now.data, plan.template, pool, { baseline: prepared.seen });
  return client.updatePlugin(project, pool, plan.template, plan.body, { signal: opts.signal });
}

/** One-paragraph summary of a plan for confirmations and the CLI (English and zh-cn through l10n). */
export function summarizePlan(plan: PatchPlan): string[] {
  const lines: string[] = [];
  if (plan.to !== undefined && plan.from !== plan.to) lines.push(l10n.t('Version: {0} → {1}.', plan.from ?? '?', plan.to));
  lines.push(l10n.t('{0} installation parameter(s) kept as they are; the complete inputs are sent.', plan.kept.length));
  if (plan.changed.length) lines.push(l10n.t('Changed: {0}.', plan.changed.join(', ')));
  if (plan.defaulted.length) lines.push(l10n.t('Back to the template default: {0}.', plan.defaulted.join(', ')));
  const fresh = plan.added.filter((a) => a.isNew);
  if (fresh.length) lines.push(l10n.t('New in {0}, with their defaults: {1}.', plan.to ?? '?', fresh.map((a) => `${a.path} = ${JSON.stringify(a.value)}`).join(', ')));
  const filled = plan.added.filter((a) => !a.isNew);
  if (filled.length) lines.push(l10n.t('Not set until now, sent with the template default: {0}.', filled.map((a) => `${a.path} = ${JSON.stringify(a.value)}`).join(', ')));
  if (plan.dropped.length) lines.push(l10n.t('Not in the template of {0} (sent as they are; the new version may ignore them): {1}.', plan.to ?? '?', plan.dropped.join(', ')));
  return lines;
}

/** Leaves of a JSON object by dotted path: scalars, arrays and empty objects. */
function leaves(value: unknown, prefix = '', out = new Map<string, Json>()): Map<string, Json> {
  if (!isJsonObject(value)) return out;
  for (const [key, v] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isJsonObject(v) && Object.keys(v).length) leaves(v, path, out);
    else out.set(path, v);
  }
  return out;
}

/** Sets `value` at `path` unless something is there; false when present or blocked by a non-object on the way. */
function setIfAbsent(target: JsonObject, path: string[], value: Json): boolean {
  let node = target;
  for (const key of path.slice(0, -1)) {
    if (node[key] === undefined) node[key] = {};
    const next = node[key];
    if (!isJsonObject(next)) return false;
    node = next;
  }
  const last = path[path.length - 1];
  if (node[last] !== undefined) return false;
  node[last] = structuredClone(value);
  return true;
}

function setPath(target: JsonObject, path: string[], value: Json): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    if (!isJsonObject(node[key])) node[key] = {};
    node = node[key] as JsonObject;
  }
  node[path[path.length - 1]] = value;
}
