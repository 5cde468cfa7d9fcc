// The one place plug-in document URIs are built and read. One stable URI per project/pool/plug-in:
//   modelarts-plugin:/{projectId}/{pool_name}/{template} · {pool label}.json?region={region}
// so reopening a plug-in shows the same tab, and the tab title reads "node-local-dns · auto-pool-os.json".
// A plug-in of a profile other than `default` adds `&profile={name}`: it is fetched with that profile's keys only.
// References come from PoolNode.docRef() (which takes the profile from the node), never by hand.
import * as vscode from 'vscode';
import type { PluginDocRef } from '../core/pluginRef';
import { fileName } from './fileName';

export const PLUGIN_SCHEME = 'modelarts-plugin';

export type { PluginDocRef };

const SEPARATOR = ' · ';

export function toPluginUri(ref: PluginDocRef): vscode.Uri {
  const file = `${ref.template}${SEPARATOR}${fileName(ref.poolLabel)}.json`;
  return vscode.Uri.from({
    scheme: PLUGIN_SCHEME,
    path: `/${ref.projectId}/${ref.pool}/${file}`,
    query: new URLSearchParams({ region: ref.region, ...(ref.profile && ref.profile !== 'default' ? { profile: ref.profile } : {}) }).toString(),
  });
}

/** The reference a URI was built from; undefined for anything else. */
export function fromPluginUri(uri: vscode.Uri): PluginDocRef | undefined {
  if (uri.scheme !== PLUGIN_SCHEME) return undefined;
  const m = /^\/([^/]+)\/([^/]+)\/(.+)\.json$/.exec(uri.path);
  if (!m) return undefined;
  const sep = m[3].indexOf(SEPARATOR);
  if (sep < 0) return undefined;
  return {
    projectId: m[1],
    pool: m[2],
    template: m[3].slice(0, sep),
    poolLabel: m[3].slice(sep + SEPARATOR.length),
    region: new URLSearchParams(uri.query).get('region') ?? '',
    profile: new URLSearchParams(uri.query).get('profile') ?? 'default',
  };
}
