// The ModelArts / IAM client: its public methods name the paths and check the answers' shapes; every
// call goes through the transport (transport.ts), which validates, signs, bounds concurrency, times
// out, parses errors and retries reads. Results carry the parsed data and the exact response text,
// because the document and the CLI must show what the cloud sent, byte for byte.
import * as l10n from '@vscode/l10n';
import { EndpointSettings, Endpoints, resolveEndpoints } from './endpoints';
import {
  CreatePluginBody, Plugin, PluginList, PluginTemplateList, PluginTemplatePatch, PluginTemplateRef, Pool, PoolList, Project, ProjectList, UpdatePluginBody, UpdatePluginResult,
} from './models';
import { assertName } from './validate';
import { ApiResult, SendSpec, Transport, TransportOptions } from './transport';
import { unexpectedAnswer } from './transportErrors';
import { PLUGIN_SHAPE, POOL_SHAPE, PROJECT_SHAPE, TEMPLATE_SHAPE, keepValid, shapeProblem } from './shapes';

/** A client's endpoints, and how its transport sends (see TransportOptions). */
export interface ClientOptions extends TransportOptions {
  endpoints: Endpoints | EndpointSettings;
}

/** Where a project's calls go: its id, and its region when the endpoint depends on it. */
export interface ProjectRef {
  id: string;
  region?: string;
}

export interface CallOptions {
  signal?: AbortSignal;
}

/** A write as it would be sent, without credentials (see previewWrite). */
export interface RequestPreview {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

/** The content type IAM's pages give for every call (API.md §2.2). */
export const IAM_CONTENT_TYPE = 'application/json;charset=utf8';

/** The content type PATCH requires (API.md §1.8). */
export const MERGE_PATCH_CONTENT_TYPE = 'application/merge-patch+json';

const MAX_POOL_PAGES = 100;

/** A ModelArts + IAM client signed with AK/SK; see the module comment. */
export class ModelArtsClient {
  readonly endpoints: Endpoints;
  private readonly transport: Transport;

  constructor(options: ClientOptions) {
    this.endpoints = 'modelarts' in options.endpoints ? options.endpoints : resolveEndpoints(options.endpoints);
    this.transport = new Transport(options);
  }

  /** The clock offset in ms learnt for the endpoint of a base URL (0 when its clock agrees with ours). */
  clockOffset(base: string): number {
    return this.transport.clockOffset(base);
  }

  /** Requests in flight now and the most seen at once (for benchmarks). */
  get concurrency(): { active: number; peak: number } {
    return this.transport.concurrency;
  }

  /** IAM `GET /v3/auth/projects`, without the built-in `MOS` project; with the content type IAM documents (FIDELITY #11). */
  async listProjects(opts: CallOptions = {}): Promise<ApiResult<Project[]>> {
    const path = '/v3/auth/projects';
    const r = await this.transport.send<ProjectList>({ ...opts, method: 'GET', base: this.endpoints.iam, path, contentType: IAM_CONTENT_TYPE });
    if (!Array.isArray(r.data?.projects)) throw unexpectedAnswer(r, path, l10n.t('a "{0}" list', 'projects'), l10n.t('an IAM endpoint'));
    const { items, problems } = keepValid<Project>(r.data.projects, PROJECT_SHAPE, 'projects');
    return { ...r, data: items.filter((p) => p.name !== 'MOS'), ...(problems.length ? { problems } : {}) };
  }

  /**
   * `GET /v2/{project_id}/pools`, following `metadata.continue` if the cloud ever paginates. The
   * `continue` query is not documented (FIDELITY #5), so a cloud may ignore it: the walk follows a
   * token only while it is new and stops at a page that brings no new pool; pools are de-duplicated
   * by `metadata.name`.
   */
  async listPools(project: ProjectRef, opts: CallOptions = {}): Promise<ApiResult<PoolList>> {
    const path = `/v2/${assertName(l10n.t('project id'), project.id)}/pools`;
    const first = await this.transport.send<PoolList>({ ...opts, method: 'GET', base: this.base(project), path, projectId: project.id });
    this.expectItems(first, path);
    let token = first.data.metadata?.continue;
    if (!token || typeof token !== 'string') return withValidItems(first, POOL_SHAPE);
    const items = [...first.data.items];
    const names = new Set(items.map(poolName));
    const tokens = new Set<string>();
    for (let page = 1; typeof token === 'string' && token && !tokens.has(token) && page < MAX_POOL_PAGES; page++) {
      tokens.add(token);
      const next: ApiResult<PoolList> = await this.transport.send<PoolList>({
        ...opts, method: 'GET', base: this.base(project), path, query: { continue: token }, projectId: project.id,
      });
      this.expectItems(next, path);
      // a pool without a name is kept for the shape check to report; a known name is a repeat
      const fresh = next.data.items.filter((p) => poolName(p) === undefined || !names.has(poolName(p)));
      if (!fresh.length) break;
      for (const p of fresh) names.add(poolName(p));
      items.push(...fresh);
      token = next.data.metadata?.continue;
    }
    const data: PoolList = { ...first.data, items, metadata: { ...first.data.metadata, continue: '' } };
    return withValidItems({ ...first, data, text: JSON.stringify(data) }, POOL_SHAPE);
  }

  /** `GET /v2/{project_id}/pools/{pool_name}`. */
  async showPool(project: ProjectRef, pool: string, opts: CallOptions = {}): Promise<ApiResult<Pool>> {
    return this.transport.send<Pool>({ ...opts, method: 'GET', base: this.base(project), path: this.poolPath(project, pool), projectId: project.id });
  }

  /** `GET /v2/{project_id}/pools/{pool_name}/plugins`. */
  async listPlugins(project: ProjectRef, pool: string, opts: CallOptions = {}): Promise<ApiResult<PluginList>> {
    const path = `${this.poolPath(project, pool)}/plugins`;
    const r = await this.transport.send<PluginList>({ ...opts, method: 'GET', base: this.base(project), path, projectId: project.id });
    this.expectItems(r, path);
    return withValidItems(r, PLUGIN_SHAPE);
  }

  /** `GET …/plugins/{template_name}`, with `?detail=true` for the resource usage. */
  async showPlugin(project: ProjectRef, pool: string, template: string, opts: CallOptions & { detail?: boolean } = {}): Promise<ApiResult<Plugin>> {
    const path = this.pluginPath(project, pool, template);
    const r = await this.transport.send<Plugin>({ ...opts, method: 'GET', base: this.base(project), path, query: opts.detail ? { detail: 'true' } : undefined, projectId: project.id });
    const problem = shapeProblem(r.data, PLUGIN_SHAPE);
    if (problem) throw unexpectedAnswer(r, path, l10n.t('a plug-in (the answer {0})', problem), l10n.t('a ModelArts endpoint'));
    return r;
  }

  /** `DELETE …/plugins/{template_name}`: never retried; the answer is the plug-in as it was. */
  async deletePlugin(project: ProjectRef, pool: string, template: string, opts: CallOptions = {}): Promise<ApiResult<Plugin>> {
    return this.transport.send<Plugin>({ ...opts, ...this.deleteSpec(project, pool, template) });
  }

  /** `POST …/plugins` to install a plug-in from a template. */
  async createPlugin(project: ProjectRef, pool: string, template: PluginTemplateRef, opts: CallOptions = {}): Promise<ApiResult<Plugin>> {
    return this.transport.send<Plugin>({ ...opts, ...this.createSpec(project, pool, template) });
  }

  /**
   * `PATCH …/plugins/{template_name}` (merge-patch content type); never retried. The cloud resets
   * the inputs a PATCH leaves out (FIDELITY.md #1): callers send a body planned by
   * core/patchPlan.ts, which carries the complete inputs.
   */
  async updatePlugin(project: ProjectRef, pool: string, template: string, patch: PluginTemplatePatch, opts: CallOptions = {}): Promise<ApiResult<UpdatePluginResult>> {
    return this.transport.send<UpdatePluginResult>({ ...opts, ...this.updateSpec(project, pool, template, patch) });
  }

  /** What a write would send, without signing or sending it (`--dry-run`): method, URL, the headers that are not credentials, body. */
  previewWrite(write: { create: PluginTemplateRef } | { update: PluginTemplatePatch & { name: string } } | { delete: string }, project: ProjectRef, pool: string): RequestPreview {
    const spec = 'create' in write ? this.createSpec(project, pool, write.create)
      : 'update' in write ? this.updateSpec(project, pool, write.update.name, write.update)
        : this.deleteSpec(project, pool, write.delete);
    const headers: Record<string, string> = { 'Content-Type': spec.contentType ?? 'application/json' };
    if (spec.projectId) headers['X-Project-Id'] = spec.projectId;
    return { method: spec.method, url: spec.base + spec.path, headers, body: spec.body };
  }

  private deleteSpec(project: ProjectRef, pool: string, template: string): SendSpec {
    return { method: 'DELETE', base: this.base(project), path: this.pluginPath(project, pool, template), projectId: project.id };
  }

  private createSpec(project: ProjectRef, pool: string, template: PluginTemplateRef): SendSpec {
    assertName(l10n.t('plug-in template name'), template.name);
    const body: CreatePluginBody = { apiVersion: 'v2', kind: 'Plugin', spec: { template } };
    return { method: 'POST', base: this.base(project), path: `${this.poolPath(project, pool)}/plugins`, body, projectId: project.id };
  }

  private updateSpec(project: ProjectRef, pool: string, template: string, patch: PluginTemplatePatch): SendSpec {
    const body: UpdatePluginBody = { spec: { template: patch } };
    return { method: 'PATCH', base: this.base(project), path: this.pluginPath(project, pool, template), body, projectId: project.id, contentType: MERGE_PATCH_CONTENT_TYPE };
  }

  /** `GET /v2/{project_id}/plugintemplates`, optionally only those that fit a pool or only one template. */
  async listTemplates(project: ProjectRef, filter: { pool?: string; template?: string } & CallOptions = {}): Promise<ApiResult<PluginTemplateList>> {
    const path = `/v2/${assertName(l10n.t('project id'), project.id)}/plugintemplates`;
    const query = {
      poolName: filter.pool === undefined ? undefined : assertName(l10n.t('pool name'), filter.pool),
      templateName: filter.template === undefined ? undefined : assertName(l10n.t('plug-in template name'), filter.template),
    };
    const r = await this.transport.send<PluginTemplateList>({ signal: filter.signal, method: 'GET', base: this.base(project), path, query, projectId: project.id });
    this.expectItems(r, path);
    return withValidItems(r, TEMPLATE_SHAPE);
  }

  private base(project: ProjectRef): string {
    return this.endpoints.modelarts(project.region ?? '');
  }

  private poolPath(project: ProjectRef, pool: string): string {
    return `/v2/${assertName(l10n.t('project id'), project.id)}/pools/${assertName(l10n.t('pool name'), pool)}`;
  }

  private pluginPath(project: ProjectRef, pool: string, template: string): string {
    return `${this.poolPath(project, pool)}/plugins/${assertName(l10n.t('plug-in template name'), template)}`;
  }

  private expectItems(r: ApiResult<{ items: unknown }>, path: string): void {
    if (!r.data || !Array.isArray(r.data.items)) throw unexpectedAnswer(r, path, l10n.t('a "{0}" list', 'items'), l10n.t('a ModelArts endpoint'));
  }
}

function poolName(p: unknown): string | undefined {
  const name = (p as PoolList['items'][number] | null)?.metadata?.name;
  return typeof name === 'string' ? name : undefined;
}

function withValidItems<L extends { items: unknown[] }>(r: ApiResult<L>, shape: typeof POOL_SHAPE): ApiResult<L> {
  const { items, problems } = keepValid<L['items'][number]>(r.data.items, shape, 'items');
  if (!problems.length) return r;
  return { ...r, data: { ...r.data, items }, problems };
}
