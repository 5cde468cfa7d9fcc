// What an agent names, turned into what the client needs: a project by ID or name, a pool by name or
// display name. Only reads (IAM's project list, the project's pool list); an unknown name is a
// validation error that lists what there is, and nothing is sent.
import { ApiError, ModelArtsClient, Pool, poolDisplayName, projectRegion, validationError } from '../api';
import type { ScanProject } from '../core/scan';

export interface ProjectSource {
  client: ModelArtsClient;
  /** Region of a project given by ID that IAM does not list (the CLI's --region). */
  region?: string;
  /** Projects known without IAM (the extension's modelarts.projects setting). */
  knownProjects?: readonly { id: string; name: string }[];
  signal?: AbortSignal;
}

const PROJECT_ID = /^[0-9a-f]{32}$/i;

/** Every project the account has (IAM), plus the configured ones IAM did not list. */
export async function listAllProjects(src: ProjectSource): Promise<ScanProject[]> {
  const listed = (await src.client.listProjects({ signal: src.signal })).data.map((p) => ({ id: p.id, name: p.name, region: projectRegion(p) }));
  const extra = (src.knownProjects ?? []).filter((k) => !listed.some((p) => p.id === k.id)).map((k) => ({ id: k.id, name: k.name, region: projectRegion(k) }));
  return [...listed, ...extra];
}

/** A project by ID or name. Without IAM, a configured project or a 32-hex ID (with the default region) still works. */
export async function resolveProject(src: ProjectSource, value: string): Promise<ScanProject> {
  let all: ScanProject[];
  try {
    all = await listAllProjects(src);
  } catch (e) {
    const known = (src.knownProjects ?? []).find((k) => k.id === value || k.name === value);
    if (known) return { id: known.id, name: known.name, region: projectRegion(known) };
    if (PROJECT_ID.test(value) && e instanceof ApiError && e.kind === 'http') return { id: value, name: value, region: src.region ?? '' };
    throw e;
  }
  const found = all.find((p) => p.id === value) ?? all.find((p) => p.name === value);
  if (!found) {
    throw validationError(`No project "${value}" in this account. Projects (name: id): ${all.map((p) => `${p.name}: ${p.id}`).join(', ') || 'none'}. Nothing was sent.`);
  }
  return found;
}

/** A pool of `project` by its name (metadata.name) or, when unambiguous, its display name. */
export async function resolvePool(src: ProjectSource, project: ScanProject, value: string): Promise<Pool> {
  const pools = (await src.client.listPools({ id: project.id, region: project.region }, { signal: src.signal })).data.items;
  const byName = pools.find((p) => p.metadata.name === value);
  if (byName) return byName;
  const byDisplay = pools.filter((p) => poolDisplayName(p) === value);
  if (byDisplay.length === 1) return byDisplay[0];
  if (byDisplay.length > 1) {
    throw validationError(`Several pools of project ${project.name} are displayed as "${value}": ${byDisplay.map((p) => p.metadata.name).join(', ')}; name one of them. Nothing was sent.`);
  }
  const listed = pools.slice(0, 30).map((p) => `${poolDisplayName(p)} (${p.metadata.name})`).join(', ');
  throw validationError(`No pool "${value}" in project ${project.name}. Pools: ${listed || 'none'}${pools.length > 30 ? ', …' : ''}. Nothing was sent.`);
}
