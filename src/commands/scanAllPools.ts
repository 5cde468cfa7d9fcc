// Scan All Pools: the scan (scanRunner.ts) on its own; its summary is the result.
import * as vscode from 'vscode';
import { runScan } from './scanRunner';
import type { Services } from './services';

export async function scanAllPools(s: Services): Promise<void> {
  await runScan(s, vscode.l10n.t('Scan All Pools'));
}
