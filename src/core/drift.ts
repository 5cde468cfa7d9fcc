// Version drift: for each template installed anywhere, which pools run which version, the newest
// version the templates offer, and the pools behind it. Pure data in, pure data out: the templates
// come in as plain name → versions (`fetchOfferedVersions` reads them from the cloud), so the
// computation works, and is tested, without the cloud. Versions are ordered by the client's
// compareVersions: numeric parts as numbers; the cloud's `-2025…` suffixes are build stamps, not
// pre-releases, so this is not semver.
import * as l10n from '@vscode/l10n';
import { ApiError, ModelArtsClient, asApiError, compareVersions, poolDisplayName } from '../api';
import { markdownCell, pluginVersion } from './inventory';
import type { FleetScan, ScanProject } from './scan';

export interface DriftPool {
  projectId: string;
  projectName: string;
  region: string;
  pool: string;
  poolDisplayName: string;
  version: string;
  phase: string;
}

export interface DriftEntry {
  template: string;
  /** Newest version offered; undefined when neither templates nor pools name one. */
  newest?: string;
  /** Where `newest` came from: the templates, or (no template offered it) the newest version installed. */
  newestFrom: 'templates' | 'installed';
  pools: DriftPool[];
  behind: DriftPool[];
}

/** Versions each template offers, by template name. */
export type OfferedVersions = ReadonlyMap<string, readonly string[]>;

function newestOf(versions: readonly string[]): string | undefined {
  return versions.filter(Boolean).reduce<string | undefined>((best, v) => (best === undefined || compareVersions(v, best) > 0 ? v : best), undefined);
}

/**
 * The versions the templates of every project offer (the union, by template name); one template list
 * per project, through the client's bounded concurrency. A project whose list fails adds nothing
 * (its plug-ins are then compared with the newest version installed) and is returned in `failed`.
 */
export async function fetchOfferedVersions(
  client: Pick<ModelArtsClient, 'listTemplates'>,
  projects: readonly ScanProject[],
  signal?: AbortSignal,
): Promise<{ offered: Map<string, string[]>; failed: { project: ScanProject; error: ApiError }[] }> {
  const offered = new Map<string, string[]>();
  const failed: { project: ScanProject; error: ApiError }[] = [];
  await Promise.all(projects.map(async (project) => {
    try {
      const r = await client.listTemplates({ id: project.id, region: project.region }, { signal });
      for (const t of r.data.items) {
        const name = t?.metadata?.name;
        if (!name) continue;
        const versions = (Array.isArray(t.spec?.versions) ? t.spec.versions : []).map((v) => v?.version).filter((v): v is string => typeof v === 'string' && !!v);
        offered.set(name, [...new Set([...(offered.get(name) ?? []), ...versions])]);
      }
    } catch (e) {
      if (signal?.aborted) throw e;
      failed.push({ project, error: asApiError(e) });
    }
  }));
  return { offered, failed };
}

/** The drift of every template installed in the scanned pools, sorted by template name. */
export function computeDrift(scan: FleetScan, offered: OfferedVersions): DriftEntry[] {
  const byTemplate = new Map<string, DriftPool[]>();
  for (const { project, pools } of scan.projects) {
    for (const { pool, plugins } of pools ?? []) {
      for (const p of plugins ?? []) {
        const list = byTemplate.get(p.spec.template.name) ?? [];
        list.push({
          projectId: project.id, projectName: project.name, region: project.region,
          pool: pool.metadata.name, poolDisplayName: poolDisplayName(pool),
          version: pluginVersion(p), phase: String(p.status?.phase ?? ''),
        });
        byTemplate.set(p.spec.template.name, list);
      }
    }
  }
  return [...byTemplate.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([template, pools]) => {
    const fromTemplates = newestOf(offered.get(template) ?? []);
    const newest = fromTemplates ?? newestOf(pools.map((p) => p.version));
    const behind = newest === undefined ? [] : pools.filter((p) => !p.version || compareVersions(p.version, newest) < 0);
    return { template, newest, newestFrom: fromTemplates ? 'templates' : 'installed', pools, behind };
  });
}

/** The argument modelarts.upgradePlugin takes (issue 10's upgrade flow). */
export interface UpgradeTarget {
  projectId: string;
  poolName: string;
  pluginName: string;
}

export const UPGRADE_COMMAND = 'modelarts.upgradePlugin';

/** A command URI that runs the upgrade flow for one pool's plug-in, for Markdown links. */
export function upgradeCommandUri(target: UpgradeTarget): string {
  const arg: UpgradeTarget = { projectId: target.projectId, poolName: target.poolName, pluginName: target.pluginName };
  return `command:${UPGRADE_COMMAND}?${encodeURIComponent(JSON.stringify([arg]))}`;
}

/** The drift as Markdown; `links` adds an Upgrade link to each pool that is behind. */
export function driftMarkdown(entries: readonly DriftEntry[], options: { links?: boolean } = {}): string {
  const out = [`# ${l10n.t('ModelArts plug-in version drift')}`, ''];
  if (!entries.length) out.push(l10n.t('No plug-ins are installed in the pools that were scanned.'), '');
  for (const e of entries) {
    const source = e.newestFrom === 'templates' ? l10n.t('newest offered') : l10n.t('newest installed (no template offers a version)');
    out.push(`## ${markdownCell(e.template)}`, '', `${source}: **${markdownCell(e.newest ?? l10n.t('unknown'))}** · ${l10n.t('{0} pool(s), {1} behind', e.pools.length, e.behind.length)}`, '');
    out.push(`| ${[l10n.t('project'), l10n.t('pool'), l10n.t('version'), l10n.t('phase')].join(' | ')} | |`, '| --- | --- | --- | --- | --- |');
    for (const p of e.pools) {
      const isBehind = e.behind.includes(p);
      const link = isBehind && options.links
        ? `[${l10n.t('Upgrade')}](${upgradeCommandUri({ projectId: p.projectId, poolName: p.pool, pluginName: e.template })} "${l10n.t('Upgrade {0} in {1}', e.template, p.poolDisplayName).replace(/"/g, "'")}")`
        : '';
      const mark = isBehind ? `${l10n.t('behind')} ${link}`.trim() : l10n.t('up to date');
      out.push(`| ${markdownCell(p.projectName)} | ${markdownCell(p.poolDisplayName)} | ${markdownCell(p.version || '?')} | ${markdownCell(p.phase)} | ${mark} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
