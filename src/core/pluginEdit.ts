// What Edit Plug-in… edits and what Apply changes. The document holds the plug-in's `spec.template`
// (name, version, inputs). Apply compares three states: the baseline (the cloud's when the editor
// opened), the edit, and the cloud now. The user's change is the merge patch baseline → edit, and it
// goes ahead only when the cloud's own changes since the baseline touch none of the keys the user
// changed. What is sent is planned by patchPlan.ts: that change applied to the cloud's inputs, whole.
import * as l10n from '@vscode/l10n';
import type { Plugin, PluginTemplateRef } from '../api/models';
import { applyMergePatch, createMergePatch, isJsonObject, overlappingPaths, patchPaths, sortKeys, type Json, type JsonObject } from '../api/mergePatch';
import { parseJsonObject, type ParsedJsonObject } from './jsonObject';

/** The editable part of a plug-in: `spec.template` with `name`, `version` and `inputs`, keys sorted. */
export function editableTemplate(plugin: Pick<Plugin, 'spec'>): JsonObject {
  const t = plugin.spec?.template ?? ({} as PluginTemplateRef);
  const out: JsonObject = { name: t.name };
  if (t.version !== undefined) out.version = t.version;
  out.inputs = (t.inputs ?? {}) as JsonObject;
  return sortKeys(out) as JsonObject;
}

/** The document text of an editable template. */
export function editText(template: JsonObject): string {
  return JSON.stringify(template, null, 2) + '\n';
}

export type ParsedEdit = ParsedJsonObject;

/** Parses the edited text; a message that says what is wrong otherwise (the parser's own, with its position). */
export function parseEdit(text: string): ParsedEdit {
  const parsed = parseJsonObject(text, l10n.t('The document'), l10n.t('"name", "version" and "inputs"'));
  if (!parsed.ok) return parsed;
  const value = parsed.value;
  if (value.inputs !== undefined && value.inputs !== null && !isJsonObject(value.inputs)) return { ok: false, message: l10n.t('"inputs" must be an object.') };
  if (value.version !== undefined && typeof value.version !== 'string') return { ok: false, message: l10n.t('"version" must be a string.') };
  return { ok: true, value };
}

export interface KeyChange {
  /** Dotted path inside spec.template, e.g. `inputs.custom.ndots`. */
  path: string;
  removed: boolean;
}

export type ApplyPlan =
  /** Refused before anything is sent. */
  | { kind: 'refused'; message: string }
  | { kind: 'unchanged' }
  /** The cloud changed the same keys as the user: nothing is sent. */
  | { kind: 'conflict'; conflicts: string[]; cloudChanges: KeyChange[] }
  | {
      kind: 'apply';
      /** The user's change: the merge patch baseline → edit of `spec.template` (patchPlan.ts turns it into the body). */
      patch: JsonObject;
      changes: KeyChange[];
      /** What the cloud changed since the baseline (empty when nothing). */
      cloudChanges: KeyChange[];
      /** The cloud's template with the patch applied: what the plug-in will be. */
      proposed: JsonObject;
    };

/** Decides what Apply does; see the module comment. `cloud` is the plug-in's editable template now. */
export function planApply(baseline: JsonObject, editedText: string, cloud: JsonObject): ApplyPlan {
  const parsed = parseEdit(editedText);
  if (!parsed.ok) return { kind: 'refused', message: parsed.message };
  const edited = parsed.value;
  if (edited.name !== baseline.name) {
    return { kind: 'refused', message: l10n.t('The plug-in\'s name cannot be changed ("{0}" → "{1}"): it is the template it was installed from. Install the other template instead.', String(baseline.name), String(edited.name)) };
  }
  const patch = createMergePatch(baseline, edited) as JsonObject | undefined;
  if (!patch) return { kind: 'unchanged' };
  const cloudPatch = createMergePatch(baseline, cloud);
  const cloudChanges = patchPaths(cloudPatch);
  const conflicts = cloudPatch === undefined ? [] : overlappingPaths(patch, cloudPatch);
  if (conflicts.length) return { kind: 'conflict', conflicts, cloudChanges };
  return { kind: 'apply', patch, changes: patchPaths(patch), cloudChanges, proposed: sortKeys(applyMergePatch(cloud, patch)) as JsonObject };
}

/** The text Compare shows for one side: `spec.template` only (keys sorted) or the whole answer; '' for a missing plug-in. */
export function compareText(plugin: Plugin | undefined, whole: boolean): string {
  if (!plugin) return '';
  const value: Json = whole ? (plugin as unknown as Json) : sortKeys(plugin.spec?.template ?? {});
  return JSON.stringify(value, null, 2) + '\n';
}
