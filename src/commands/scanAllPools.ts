// Scan All Pools: every project's pools and plug-ins in one go, behind a cancellable progress
// notification, through the client's bounded concurrency (src/core/scan.ts). What it reads fills the
// tree's cache, so expanding afterwards is instant and the badge counts every pool. Failures are
// listed, never fatal: one unreadable project does not stop the others.
import * as vscode from 'vscode';
import { ApiError } from '../api';
import { FleetScan, ScanProgress, describeFailure, scanFleet } from '../core/scan';
import { MessageNode, PoolNode, ProjectNode } from '../tree/nodes';
import type { Services } from './registerCommands';

export async function scanAllPools(s: Services): Promise<void> {
  await runScan(s, 'Scan All Pools');
}

/** Scans every project of the tree (used by Export Inventory and Show Version Drift too); undefined when signed out. */
export async function runScan(s: Services, action: string): Promise<FleetScan | undefined> {
  await s.session.ready();
  if (!s.session.signedIn) {
    const choice = await vscode.window.showInformationMessage('Sign in to ModelArts first.', 'Sign In');
    if (choice === 'Sign In') await vscode.commands.executeCommand('modelarts.signIn');
    return undefined;
  }
  const profile = s.session.profile;
  const client = s.session.clientFor(profile);
  const roots = await s.tree.getChildren(undefined);
  const failed = roots.find((n): n is MessageNode => n instanceof MessageNode && n.variant === 'error');
  if (failed?.options.error) throw failed.options.error;
  const projects = roots.filter((n): n is ProjectNode => n instanceof ProjectNode);
  if (!projects.length) throw new ApiError({ kind: 'validation', message: `${action}: there are no projects to scan. Check "modelarts.region" and "modelarts.projects".` });

  const byId = new Map(projects.map((p) => [p.projectId, p]));
  const pools = new Map<string, PoolNode>();
  const scan = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `ModelArts: ${action}`, cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const cancel = token.onCancellationRequested(() => controller.abort());
      let reported = 0;
      const onProgress = (p: ScanProgress): void => {
        // a fifth for the projects' pool lists, the rest for the pools' plug-ins
        const done = 20 * (p.projectsDone / p.projectsTotal) + 80 * (p.poolsTotal ? p.poolsDone / p.poolsTotal : 0);
        progress.report({ message: `project ${p.projectsDone}/${p.projectsTotal}, pool ${p.poolsDone}/${p.poolsTotal}`, increment: Math.max(0, done - reported) });
        reported = Math.max(reported, done);
      };
      try {
        return await scanFleet(client, projects.map((p) => ({ id: p.projectId, name: p.name, region: p.region })), {
          signal: controller.signal,
          onProgress,
          // the tree takes what was read, unless the profile changed meanwhile
          onPools: (project, list) => {
            if (s.session.profile !== profile) return;
            for (const n of s.tree.primePools(byId.get(project.id)!, list)) pools.set(`${project.id}/${n.name}`, n);
          },
          onPlugins: (project, pool, list) => {
            const node = pools.get(`${project.id}/${pool.metadata.name}`);
            if (node && s.session.profile === profile) s.tree.primePlugins(node, list);
          },
        });
      } finally {
        cancel.dispose();
      }
    },
  );

  const poolCount = scan.projects.reduce((n, p) => n + (p.pools?.length ?? 0), 0);
  const health = s.tree.health();
  const summary = `Scanned ${poolCount} pool${poolCount === 1 ? '' : 's'} in ${projects.length} project${projects.length === 1 ? '' : 's'}`
    + (health.abnormalPlugins ? `: ${health.abnormalPlugins} plug-in${health.abnormalPlugins === 1 ? '' : 's'} Abnormal.` : ': nothing Abnormal.');
  if (scan.failures.length) {
    for (const f of scan.failures) s.log.warn(`${action}: ${describeFailure(f)}`);
    const list = scan.failures.slice(0, 3).map(describeFailure).join('; ') + (scan.failures.length > 3 ? `; and ${scan.failures.length - 3} more` : '');
    void vscode.window.showWarningMessage(`${summary} ${scan.failures.length} part(s) could not be read: ${list}`, 'Show Logs').then((c) => c && s.log.show());
  } else {
    vscode.window.setStatusBarMessage(`$(check) ${summary}`, 8000);
  }
  return scan;
}
