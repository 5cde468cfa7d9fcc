// The view's filter box: pools and plug-ins by name or phase.
import * as vscode from 'vscode';
import type { Services } from './services';

export async function filter(s: Services): Promise<void> {
  const text = await vscode.window.showInputBox({
    title: vscode.l10n.t('Filter Resource Pools'),
    prompt: vscode.l10n.t('Show pools and plug-ins whose name or phase contains this text (for example "Abnormal" or "dns"). Empty clears the filter.'),
    value: s.tree.filter,
  });
  if (text === undefined) return;
  applyFilter(s, text);
}

export function clearFilter(s: Services): void {
  applyFilter(s, '');
}

function applyFilter(s: Services, text: string): void {
  s.tree.setFilter(text);
  updateViewDescription(s);
}

/** The view's description: the account, and the filter when one is set. */
export function updateViewDescription(s: Services): void {
  const parts = [s.session.accountLabel, s.tree.filter ? vscode.l10n.t('filter: {0}', s.tree.filter) : undefined].filter(Boolean);
  s.treeView.description = parts.join(' · ') || undefined;
}
