// The JSON schema of the Edit Plug-in… document, built from plug-in templates (API.md §1.10): the
// name is fixed, the version is one of the template's versions, and the inputs follow the newest
// version's parameters (`custom` keys typed by their defaults, `flavor` with the preset names
// suggested). One schema covers every open edit document: one `if name = … then …` branch per
// template, so the single URL contributed with `jsonValidation` serves them all.
import * as l10n from '@vscode/l10n';
import type { PluginTemplate, PluginTemplateVersion } from '../api/models';
import { flavorPresets, templateDisplayName, templateVersions } from '../api/templates';

type Schema = Record<string, unknown>;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'number' ? 'number' : typeof value;
}

function customSchema(custom: unknown): Schema {
  if (!custom || typeof custom !== 'object' || Array.isArray(custom)) return { type: 'object' };
  const properties: Schema = {};
  for (const [key, value] of Object.entries(custom)) {
    properties[key] = { type: typeOf(value), default: value, description: l10n.t('Template default: {0}', JSON.stringify(value)) };
  }
  return { type: 'object', properties, description: l10n.t('Parameters of the plug-in (template defaults in each key\'s description).') };
}

function inputsSchema(v: PluginTemplateVersion | undefined): Schema {
  const params = (v?.inputs?.parameters ?? {}) as Record<string, unknown>;
  const presets = v ? flavorPresets(v) : [];
  return {
    type: 'object',
    description: l10n.t('{0}: the installation parameters.', 'spec.template.inputs'),
    properties: {
      custom: customSchema(params.custom),
      flavor: {
        type: 'object',
        description: presets.length ? l10n.t('Resources of the plug-in. Presets: {0}.', presets.map((p) => p.name).join(', ')) : l10n.t('Resources of the plug-in.'),
        properties: { name: { type: 'string', examples: presets.map((p) => p.name) } },
      },
    },
  };
}

/** The schema for one template's edit document. */
export function templateEditSchema(t: PluginTemplate): Schema {
  const versions = templateVersions(t);
  return {
    properties: {
      name: { const: t.metadata.name, description: l10n.t('{0}: the template cannot be changed.', templateDisplayName(t)) },
      version: {
        enum: versions.map((v) => v.version),
        markdownEnumDescriptions: versions.map((v, i) => `${i === 0 ? `**${l10n.t('latest')}** · ` : ''}${v.creationTimestamp?.slice(0, 10) ?? ''} ${v.description ?? ''}`.trim()),
        description: l10n.t('{0}: changing it upgrades (or downgrades) the plug-in.', 'spec.template.version'),
      },
      inputs: inputsSchema(versions[0]),
    },
  };
}

/** The schema of every edit document, for the templates known so far. */
export function editSchema(templates: readonly PluginTemplate[]): Schema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: l10n.t('ModelArts plug-in: {0}', 'spec.template'),
    type: 'object',
    required: ['name', 'inputs'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', description: l10n.t('The plug-in template name; cannot be changed.') },
      version: { type: 'string', description: 'spec.template.version.' },
      inputs: { type: 'object', description: 'spec.template.inputs.' },
    },
    allOf: templates.map((t) => ({ if: { properties: { name: { const: t.metadata.name } }, required: ['name'] }, then: templateEditSchema(t) })),
  };
}
