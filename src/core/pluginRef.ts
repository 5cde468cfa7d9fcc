// Naming one plug-in wherever it shows: its document, its tree row, its tracker. The tree and the
// documents both stand on this (neither imports the other).

/** Where a plug-in's document lives (documents/pluginUri.ts turns it into a URI and back). */
export interface PluginDocRef {
  projectId: string;
  region: string;
  pool: string;
  poolLabel: string;
  template: string;
  /** The profile it was loaded under: it is fetched again with that profile's keys only. */
  profile: string;
}

/** One string per plug-in of a project's pool: the key of the tree's activity and of the trackers. */
export function pluginKey(projectId: string, pool: string, template: string): string {
  return `${projectId}/${pool}/${template}`;
}
