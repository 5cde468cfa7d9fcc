// The scan behind Scan All Pools, Export Inventory and Show Version Drift: every project's pools and
// plug-ins in one go, behind a cancellable progress notification, through the client's bounded
// concurrency (src/core/scan.ts). What it reads fills the tree's cache, so expanding afterwards is
// instant and the badge counts every pool. Failures are listed, never fatal: one unreadable project
// does not stop the others.
import * as vscode from 'vscode';
import { ApiError } from '../api';
import { FleetScan, ScanProgress, describeFailure, scanFleet } from '../core/scan';
import { MessageNode, PoolNode, ProjectNode, countPlugins, countPools, countProjects } from '../tree/nodes';
import { offerSignIn } from './pickPlugin';
import type { Services } from './services';

/** A scan and the profile it was made under (whatever follows up on it signs with that profile only). */
export type ProfileScan = FleetScan & { profile: string };

/** Scans every project of the tree (used by Export Inventory and Show Version Drift too); undefined when signed out. */
export async function runScan(s: Services, action: string): Promise<ProfileScan | undefined> {
  await s.session.ready();
  if (!s.session.signedIn) {
    await offerSignIn();
    return undefined;
  }
  const profile = s.session.profile;
  const client = s.session.clientFor(profile);
  const roots = await s.tree.children(undefined);
  const failed = roots.find((n): n is MessageNode => n instanceof MessageNode && n.variant === 'error');
  if (failed?.options.error) throw failed.options.error;
  const projects = roots.filter((n): n is ProjectNode => n instanceof ProjectNode);
  if (!projects.length) throw new ApiError({ kind: 'validation', message: vscode.l10n.t('{0}: there are no projects to scan. Check "modelarts.region" and "modelarts.projects".', action) });

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
        progress.report({ message: vscode.l10n.t('project {0}/{1}, pool {2}/{3}', p.projectsDone, p.projectsTotal, p.poolsDone, p.poolsTotal), increment: Math.max(0, done - reported) });
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
  const summary = health.abnormalPlugins
    ? vscode.l10n.t('Scanned {0} in {1}: {2} Abnormal.', countPools(poolCount), countProjects(projects.length), countPlugins(health.abnormalPlugins))
    : vscode.l10n.t('Scanned {0} in {1}: nothing Abnormal.', countPools(poolCount), countProjects(projects.length));
  if (scan.failures.length) {
    for (const f of scan.failures) s.log.warn(`${action}: ${describeFailure(f)}`);
    const list = scan.failures.slice(0, 3).map(describeFailure).join('; ') + (scan.failures.length > 3 ? vscode.l10n.t('; and {0} more', scan.failures.length - 3) : '');
    void vscode.window.showWarningMessage(`${summary} ${vscode.l10n.t('{0} part(s) could not be read: {1}', scan.failures.length, list)}`, vscode.l10n.t('Show Logs')).then((c) => c && s.log.show());
  } else {
    vscode.window.setStatusBarMessage(`$(check) ${summary}`, 8000);
  }
  return { ...scan, profile };
}
