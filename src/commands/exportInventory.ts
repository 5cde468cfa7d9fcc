// Export Inventory…: scans every pool, asks for Markdown, CSV or JSON, and opens the inventory as an
// untitled document (saving it is VS Code's Save As). The rows and renderings are src/core's, the
// same as the CLI's `inventory`.
import * as vscode from 'vscode';
import { InventoryFormat, inventoryRows, renderInventory } from '../core/inventory';
import type { Services } from './services';
import { runScan } from './scanRunner';

const formats = (): (vscode.QuickPickItem & { format: InventoryFormat; language: string })[] => [
  { label: 'Markdown', description: vscode.l10n.t('a table, for tickets and wikis'), format: 'markdown', language: 'markdown' },
  { label: 'CSV', description: vscode.l10n.t('RFC 4180, for spreadsheets'), format: 'csv', language: 'csv' },
  { label: 'JSON', description: vscode.l10n.t('an array of rows, for scripts'), format: 'json', language: 'json' },
];

export async function exportInventory(s: Services): Promise<void> {
  const scan = await runScan(s, vscode.l10n.t('Export Inventory'));
  if (!scan) return;
  // it appears when a possibly long scan ends: a focus change then (the tree re-rendering what the
  // scan read, a click elsewhere while waiting) must not close it and throw the scan away
  const choice = await vscode.window.showQuickPick(formats(), {
    title: vscode.l10n.t('Export Inventory: format'), placeHolder: vscode.l10n.t('Markdown, CSV or JSON'), ignoreFocusOut: true,
  });
  if (!choice) return;
  const rows = inventoryRows(scan);
  // VS Code has no CSV language of its own; an extension may add one
  const language = choice.language === 'csv' && !(await vscode.languages.getLanguages()).includes('csv') ? 'plaintext' : choice.language;
  const doc = await vscode.workspace.openTextDocument({ language, content: renderInventory(rows, choice.format) });
  await vscode.window.showTextDocument(doc, { preview: false });
  if (scan.failures.length) vscode.window.setStatusBarMessage(`$(warning) ${vscode.l10n.t('The inventory leaves out {0} part(s) that could not be read.', scan.failures.length)}`, 8000);
}
