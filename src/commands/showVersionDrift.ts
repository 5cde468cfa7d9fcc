// Show Version Drift: scans every pool, reads what the templates offer, compares each installed
// plug-in's version with the newest one, and shows the pools behind it with an Upgrade link each.
import * as vscode from 'vscode';
import { computeDrift, driftMarkdown, fetchOfferedVersions } from '../core/drift';
import type { Services } from './services';
import { runScan } from './scanRunner';

export async function showVersionDrift(s: Services): Promise<void> {
  const scan = await runScan(s, vscode.l10n.t('Show Version Drift'));
  if (!scan) return;
  const projects = scan.projects.filter((p) => p.pools).map((p) => p.project);
  const { offered, failed } = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('ModelArts: reading the plug-in templates…') },
    // the scan's profile, not the one current now: switched meanwhile, clientFor refuses and nothing is sent
    () => fetchOfferedVersions(s.session.clientFor(scan.profile), projects),
  );
  for (const f of failed) s.log.warn(`Show Version Drift: the templates of ${f.project.name} could not be read: ${f.error.describe()}`);
  const notes = [
    scan.failures.length ? `_${vscode.l10n.t('{0} part(s) of the fleet could not be read and are left out.', scan.failures.length)}_` : '',
    failed.length ? `_${vscode.l10n.t('The templates of {0} could not be read; their plug-ins are compared with the newest version installed.', failed.map((f) => f.project.name).join(', '))}_` : '',
  ].filter(Boolean);
  await s.drift.show(driftMarkdown(computeDrift(scan, offered), { links: true }) + (notes.length ? `\n${notes.join('\n\n')}\n` : ''));
}
