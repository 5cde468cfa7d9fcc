// What a change in flight looks like to those who show it. The trackers (src/changes/) publish these
// events; the tree (the row's spinner and text) and the documents (the text after the phase) listen.
// Neither side knows the other: the events are the contract, and extension.ts wires them.
import * as l10n from '@vscode/l10n';
import type { PluginDocRef } from './pluginRef';

/** What the extension is doing to a plug-in right now, shown on its row. */
export type PluginActivity =
  | { state: 'deleting' }
  | { state: 'tracking'; elapsedMs: number }
  /** An install or PATCH accepted and followed until the plug-in settles. */
  | { state: ChangeVerb; elapsedMs?: number };

export type ChangeVerb = 'installing' | 'upgrading' | 'updating';

export interface PluginChangeEvent {
  ref: PluginDocRef;
  /** The row's activity from now on; absent: none any more. */
  activity?: PluginActivity;
  /** The text after the document's phase (`deleting… 3 s`); absent: leave it. */
  status?: string;
  /** Open (or update) the plug-in's document with this answer of the cloud. */
  open?: { text: string };
  /** Reload the pool's rows before the activity changes (the row never flashes a stale phase). */
  reloadPool?: boolean;
  /** Read the plug-in's document again if it is open. */
  refreshDocument?: boolean;
}

/** The word for a change in progress on a plug-in's row. */
export function changeWord(state: ChangeVerb): string {
  return { installing: l10n.t('installing'), upgrading: l10n.t('upgrading'), updating: l10n.t('updating') }[state];
}
