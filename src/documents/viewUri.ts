// The one place the URIs of read-only diff sides (scheme `modelarts-view`) are built and read:
//   modelarts-view:/compare/{projectId}/{pool_name}/{template}/{template} · {pool label}.json?region=…&label=…&view=…&profile=…
//   modelarts-view:/edit/{projectId}/{pool_name}/{template}/{template} ({side}).json
// A side of Compare with… carries everything needed to load it again (Refresh, with that profile's
// keys only) and which view it shows; a side of Apply is set once by its owner and never reloaded.
import * as vscode from 'vscode';
import type { ProjectRef } from '../api';
import { DEFAULT_PROFILE } from '../config';
import { fileName } from './fileName';

export const VIEW_SCHEME = 'modelarts-view';

/** What a side of a comparison shows: `spec.template` only, or the cloud's whole answer. */
export type CompareView = 'template' | 'whole';

/** One plug-in of one pool, as a side of a comparison. */
export interface CompareSide {
  project: ProjectRef;
  /** The profile the plug-in was loaded under: the only one whose keys may read it again. */
  profile: string;
  pool: string;
  poolLabel: string;
  template: string;
}

export function toCompareUri(side: CompareSide, view: CompareView): vscode.Uri {
  const query = new URLSearchParams({ region: side.project.region ?? '', label: side.poolLabel, view, profile: side.profile });
  return vscode.Uri.from({
    scheme: VIEW_SCHEME,
    path: `/compare/${side.project.id}/${side.pool}/${side.template}/${side.template} · ${fileName(side.poolLabel)}.json`,
    query: query.toString(),
  });
}

/** The side and view a comparison URI was built from; undefined for anything else. */
export function fromCompareUri(uri: vscode.Uri): (CompareSide & { view: CompareView }) | undefined {
  const m = uri.scheme === VIEW_SCHEME ? /^\/compare\/([^/]+)\/([^/]+)\/([^/]+)\//.exec(uri.path) : null;
  if (!m) return undefined;
  const q = new URLSearchParams(uri.query);
  return {
    project: { id: m[1], region: q.get('region') ?? '' }, profile: q.get('profile') ?? DEFAULT_PROFILE, pool: m[2], template: m[3], poolLabel: q.get('label') ?? m[2],
    view: q.get('view') === 'whole' ? 'whole' : 'template',
  };
}

/** A side of Apply's diffs (`baseline`, `cloud`, `sent`…) for the plug-in an edit document targets. */
export function toApplySideUri(ref: { projectId: string; pool: string; template: string }, side: string): vscode.Uri {
  return vscode.Uri.from({ scheme: VIEW_SCHEME, path: `/edit/${ref.projectId}/${ref.pool}/${ref.template}/${ref.template} (${side}).json` });
}
