// Reading plug-in templates (API.md §1.10). A template version's `inputs.parameters` holds the
// defaults (`custom`) and named presets (`flavor1`…`flavorN`, one marked `is_default`); an installed
// plug-in's `spec.template.inputs` holds `custom` and the one chosen `flavor` (API.md §1.6). How the
// console turns the first into the second is not documented: this module is that guess, in one place.
import type { PluginTemplate, PluginTemplateVersion } from './models';

/** The annotation holding a template's display name. */
export const TEMPLATE_DISPLAY_NAME_ANNOTATION = 'os.modelarts.plugin/release.name';

/** Flavour presets are the parameters named `flavor1`, `flavor2`, …; the mark of the default one. */
const FLAVOR_KEY = /^flavor\d+$/;
const DEFAULT_MARK = 'is_default';

export interface FlavorPreset {
  /** `flavor1`, … */
  key: string;
  /** The preset's `name` (e.g. `HA`), else its key. */
  name: string;
  description?: string;
  isDefault: boolean;
  /** The preset as it goes into `inputs.flavor` (without `is_default`). */
  flavor: Record<string, unknown>;
}

/** The template's display name: its annotation, else its name. */
export function templateDisplayName(t: PluginTemplate): string {
  return t.metadata.annotations?.[TEMPLATE_DISPLAY_NAME_ANNOTATION] || t.metadata.name;
}

/**
 * A version's description in the display language: `translate.zh_CN.plugintemplate.description`
 * (API.md §1.10 example; the only translation the cloud is known to send) for Simplified Chinese, else the
 * English `description`.
 */
export function versionDescription(v: PluginTemplateVersion, language: string): string | undefined {
  if (/^zh(-cn|-hans(-.*)?)?$/i.test(language)) {
    const zh = (v.translate as { zh_CN?: { plugintemplate?: { description?: unknown } } } | undefined)?.zh_CN?.plugintemplate?.description;
    if (typeof zh === 'string' && zh.trim()) return zh;
  }
  return v.description;
}

/** The template's versions, newest first by version number (compareVersions), whatever order the cloud sent. */
export function templateVersions(t: PluginTemplate): PluginTemplateVersion[] {
  const versions = Array.isArray(t.spec?.versions) ? [...t.spec.versions] : [];
  return versions.sort((a, b) => compareVersions(b.version, a.version));
}

/** Compares dotted versions numerically where they are numbers (`1.10.0` > `1.9.2`). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/);
  const pb = b.split(/[.-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    const nx = /^\d+$/.test(x) ? Number(x) : NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : NaN;
    const c = !Number.isNaN(nx) && !Number.isNaN(ny) ? nx - ny : x.localeCompare(y);
    if (c !== 0) return c < 0 ? -1 : 1;
  }
  return 0;
}

/** One version of a template by its version string. */
export function findTemplateVersion(t: PluginTemplate, version: string): PluginTemplateVersion | undefined {
  return t.spec?.versions?.find((v) => v.version === version);
}

function parameters(v: PluginTemplateVersion): Record<string, unknown> {
  const p = v.inputs?.parameters;
  return p && typeof p === 'object' && !Array.isArray(p) ? (p as Record<string, unknown>) : {};
}

/** The flavour presets of a version, in key order (`flavor1` first). */
export function flavorPresets(v: PluginTemplateVersion): FlavorPreset[] {
  return Object.entries(parameters(v))
    .filter(([k, p]) => FLAVOR_KEY.test(k) && p && typeof p === 'object' && !Array.isArray(p))
    .sort(([a], [b]) => Number(a.slice(6)) - Number(b.slice(6)))
    .map(([key, p]) => {
      const { [DEFAULT_MARK]: mark, ...flavor } = p as Record<string, unknown>;
      return {
        key,
        name: typeof flavor.name === 'string' && flavor.name ? flavor.name : key,
        description: typeof flavor.description === 'string' ? flavor.description : undefined,
        isDefault: mark === true,
        flavor,
      };
    });
}

/** The inputs of an install with a given preset (or the default one): `{ custom, flavor }`. */
export function presetInputs(v: PluginTemplateVersion, presetKey?: string): Record<string, unknown> {
  const presets = flavorPresets(v);
  const preset = presetKey ? presets.find((p) => p.key === presetKey) : (presets.find((p) => p.isDefault) ?? presets[0]);
  const inputs: Record<string, unknown> = {};
  const custom = parameters(v).custom;
  if (custom !== undefined) inputs.custom = structuredClone(custom);
  if (preset) inputs.flavor = structuredClone(preset.flavor);
  return inputs;
}

/** The inputs an install gets when it sends none: the template's defaults. */
export function defaultInputs(v: PluginTemplateVersion): Record<string, unknown> {
  return presetInputs(v);
}
