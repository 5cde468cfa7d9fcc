// Export Inventory…: scans every pool, asks for Markdown, CSV or JSON, and opens the inventory as an
// untitled document (saving it is VS Code's Save As). The rows and renderings are src/core's, the
// same as the CLI's `inventory`.
import * as vscode from 'vscode';
import { InventoryFormat, inventoryRows, renderInventory } from '../core/inventory';
import type { Services } from './registerCommands';
import { runScan } from './scanAllPools';

const FORMATS: (vscode.QuickPickItem & { format: InventoryFormat; language: string })[] = [
  { label: 'Markdown', description: 'a table, for tickets and wikis', format: 'markdown', language: 'markdown' },
  { label: 'CSV', description: 'RFC 4180, for spreadsheets', format: 'csv', language: 'csv' },
  { label: 'JSON', description: 'an array of rows, for scripts', format: 'json', language: 'json' },
];

export async function exportInventory(s: Services): Promise<void> {
  const scan = await runScan(s, 'Export Inventory');
  if (!scan) return;
  const choice = await vscode.window.showQuickPick(FORMATS, { title: 'Export Inventory: format', placeHolder: 'Markdown, CSV or JSON' });
  if (!choice) return;
  const rows = inventoryRows(scan);
  // VS Code has no CSV language of its own; an extension may add one
  const language = choice.language === 'csv' && !(await vscode.languages.getLanguages()).includes('csv') ? 'plaintext' : choice.language;
  const doc = await vscode.workspace.openTextDocument({ language, content: renderInventory(rows, choice.format) });
  await vscode.window.showTextDocument(doc, { preview: false });
  if (scan.failures.length) vscode.window.setStatusBarMessage(`$(warning) The inventory leaves out ${scan.failures.length} part(s) that could not be read.`, 8000);
}
