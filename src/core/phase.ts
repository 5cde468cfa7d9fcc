// How a plug-in's phase looks, the same in the tree (icon and colour) and in its document (colour):
// a codicon of its own shape per phase, so the phase is told without colour too, and the colour ids
// contributed in package.json (themes can override them).
import type { PluginPhase } from '../api/models';

export const PHASE_ICON: Record<PluginPhase, string> = {
  Running: 'pass',
  Pending: 'clock',
  Updating: 'sync',
  Abnormal: 'error',
  Deleting: 'trash',
};

/** The contributed colour of a phase (`modelarts.phase.running`, …); undefined for a phase the cloud has not documented. */
export function phaseColorId(phase: string): string | undefined {
  return (PHASE_ICON as Record<string, string>)[phase] ? `modelarts.phase.${phase.toLowerCase()}` : undefined;
}
