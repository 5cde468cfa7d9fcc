// The one place the URIs of editable documents (scheme `modelarts-edit`) are built and read:
//   modelarts-edit:/plugin/{projectId}/{pool_name}/{template}/{template} · {pool label} (edit).json?region=…&project=…
//   modelarts-edit:/inputs/{projectId}/{pool_name}/{template}/{template} {version} inputs.json?region=…&project=…
//   modelarts-edit://schema/plugin-edit.json   (the JSON schema of every plug-in edit document; with an
//   authority because contributes.jsonValidation wants an absolute URL)
// The target of Apply comes from these segments only, never from the document's text; the last
// segment is just the tab title.
import * as vscode from 'vscode';
import { DEFAULT_PROFILE } from '../config';
import { fileName } from './fileName';

export const EDIT_SCHEME = 'modelarts-edit';
export const EDIT_SCHEMA_URI = vscode.Uri.from({ scheme: EDIT_SCHEME, authority: 'schema', path: '/plugin-edit.json' });

export function isEditSchemaUri(uri: vscode.Uri): boolean {
  return uri.scheme === EDIT_SCHEME && uri.authority === EDIT_SCHEMA_URI.authority && uri.path === EDIT_SCHEMA_URI.path;
}

export type EditKind = 'plugin' | 'inputs';

export interface EditDocRef {
  kind: EditKind;
  projectId: string;
  projectName: string;
  region: string;
  pool: string;
  poolLabel: string;
  template: string;
  /** The version an install's inputs are for (kind `inputs`). */
  version?: string;
  /** The profile whose keys Apply uses; `default` when absent (as in plug-in document URIs). */
  profile?: string;
}

export function toEditUri(ref: EditDocRef): vscode.Uri {
  const file = ref.kind === 'plugin' ? `${ref.template} · ${fileName(ref.poolLabel)} (edit).json` : `${ref.template} ${fileName(ref.version ?? '')} inputs.json`;
  const query = new URLSearchParams({ region: ref.region, project: ref.projectName, label: ref.poolLabel });
  if (ref.version) query.set('version', ref.version);
  if (ref.profile && ref.profile !== DEFAULT_PROFILE) query.set('profile', ref.profile);
  return vscode.Uri.from({ scheme: EDIT_SCHEME, path: `/${ref.kind}/${ref.projectId}/${ref.pool}/${ref.template}/${file}`, query: query.toString() });
}

/** The reference a URI was built from; undefined for anything else (the schema included). */
export function fromEditUri(uri: vscode.Uri): EditDocRef | undefined {
  if (uri.scheme !== EDIT_SCHEME) return undefined;
  const m = /^\/(plugin|inputs)\/([^/]+)\/([^/]+)\/([^/]+)\/[^/]+\.json$/.exec(uri.path);
  if (!m) return undefined;
  const q = new URLSearchParams(uri.query);
  return {
    kind: m[1] as EditKind,
    projectId: m[2],
    pool: m[3],
    template: m[4],
    region: q.get('region') ?? '',
    projectName: q.get('project') ?? m[2],
    poolLabel: q.get('label') ?? m[3],
    version: q.get('version') ?? undefined,
    profile: q.get('profile') ?? DEFAULT_PROFILE,
  };
}
