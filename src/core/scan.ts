// Scan All Pools: every project's pools, then every pool's plug-ins, all through one client so its
// semaphore bounds how many requests are in flight (the scan itself never waits for one project
// before starting the next). A project or pool that fails is recorded and the rest goes on; the
// caller gets partial results plus the list of failures. Shared by the extension and the CLI.
import * as l10n from '@vscode/l10n';
import { ApiError, ModelArtsClient, asApiError, Plugin, Pool, ProjectRef } from '../api';

export interface ScanProject {
  id: string;
  name: string;
  region: string;
}

export interface PoolScan {
  pool: Pool;
  /** Undefined when the list failed (see `error`). */
  plugins?: Plugin[];
  error?: ApiError;
}

export interface ProjectScan {
  project: ScanProject;
  /** Undefined when the pools could not be listed (see `error`). */
  pools?: PoolScan[];
  error?: ApiError;
}

export interface ScanFailure {
  project: ScanProject;
  /** `metadata.name` of the pool whose plug-ins failed; undefined when the project's pools failed. */
  pool?: string;
  error: ApiError;
}

export interface ScanProgress {
  projectsDone: number;
  projectsTotal: number;
  poolsDone: number;
  /** Pools known so far (grows as projects answer). */
  poolsTotal: number;
}

export interface ScanOptions {
  signal?: AbortSignal;
  onProgress?: (p: ScanProgress) => void;
  /** A project's pools arrived (the extension fills its tree cache with them). */
  onPools?: (project: ScanProject, pools: Pool[]) => void;
  /** A pool's plug-ins arrived. */
  onPlugins?: (project: ScanProject, pool: Pool, plugins: Plugin[]) => void;
}

export interface FleetScan {
  projects: ProjectScan[];
  failures: ScanFailure[];
}

/** The client calls a scan needs (the client itself fits). */
export type ScanClient = Pick<ModelArtsClient, 'listPools' | 'listPlugins'>;

/** Scans `projects`; throws a `cancelled` ApiError when `signal` aborts, otherwise resolves with partial results and failures. */
export async function scanFleet(client: ScanClient, projects: readonly ScanProject[], options: ScanOptions = {}): Promise<FleetScan> {
  const { signal } = options;
  const progress: ScanProgress = { projectsDone: 0, projectsTotal: projects.length, poolsDone: 0, poolsTotal: 0 };
  const report = (): void => options.onProgress?.({ ...progress });
  const failures: ScanFailure[] = [];
  const checkCancelled = (): void => {
    if (signal?.aborted) throw new ApiError({ kind: 'cancelled', message: l10n.t('The scan was cancelled.') });
  };
  report();
  const results = await Promise.all(projects.map(async (project): Promise<ProjectScan> => {
    const ref: ProjectRef = { id: project.id, region: project.region };
    let pools: Pool[];
    try {
      pools = (await client.listPools(ref, { signal })).data.items.filter((p) => p?.metadata?.name);
    } catch (e) {
      checkCancelled();
      const error = asApiError(e);
      failures.push({ project, error });
      progress.projectsDone++;
      report();
      return { project, error };
    }
    options.onPools?.(project, pools);
    progress.poolsTotal += pools.length;
    report();
    const scans = await Promise.all(pools.map(async (pool): Promise<PoolScan> => {
      try {
        const plugins = (await client.listPlugins(ref, pool.metadata.name, { signal })).data.items.filter((p) => p?.spec?.template?.name);
        options.onPlugins?.(project, pool, plugins);
        return { pool, plugins };
      } catch (e) {
        checkCancelled();
        const error = asApiError(e);
        failures.push({ project, pool: pool.metadata.name, error });
        return { pool, error };
      } finally {
        progress.poolsDone++;
        report();
      }
    }));
    progress.projectsDone++;
    report();
    return { project, pools: scans };
  }));
  checkCancelled();
  return { projects: results, failures };
}

/** One line per failure, for messages and stderr: `cn-north-4 / pool-x: ModelArts.0210 …`. */
export function describeFailure(f: ScanFailure): string {
  return `${f.project.name}${f.pool ? ` / ${f.pool}` : ''}: ${f.error.describe()}`;
}
