// The ModelArts and IAM routes: the path table and the handlers behind it, which read and change
// state.ts and answer in the cloud's shapes (cloudErrors.ts for refusals). The server finds the
// route, checks the signature and the project, then calls the handler (server.ts, dispatch).
import type * as http from 'http';
import type { Plugin } from '../api/models';
import {
  badRequest,
  invalidNodepoolName,
  MESSAGES,
  notInstalled,
  poolNotFound,
  projectMismatch,
  templateNotFound,
  unsupportedContentType,
  type ErrorReply,
} from './cloudErrors';
import type { EmulatorConfig } from './config';
import { errorReply, isObject, parseJson, type Reply } from './reply';
import { withoutResources, type EmulatorState, type Outcome, type PluginRefusal } from './state';
import { getTemplate, listTemplates } from './templates';

const NAME = /^[A-Za-z0-9._~-]+$/;

export interface Route {
  method: string;
  pattern: RegExp;
  /** ModelArts routes start with a project id that must exist. */
  projectScoped: boolean;
  handle(ctx: RouteContext, params: string[]): Reply;
}

export interface RouteContext {
  req: http.IncomingMessage;
  /** The caller's account. */
  domainId: string;
  query: URLSearchParams;
  body: Buffer;
}

/** What the routes read from the server: the state, the live configuration, how it is reached. */
export interface RouteEnv {
  readonly state: EmulatorState;
  /** The current configuration (the control API may change it between requests). */
  config(): Readonly<EmulatorConfig>;
  readonly scheme: 'http' | 'https';
  /** The port listened on, for links when a request has no Host header. */
  port(): number;
}

/** What each documented ListPools `status` value selects (API.md §1.2; failed pools are kept 3 days). */
const POOL_STATUS_PHASES: Record<string, readonly string[]> = {
  creating: ['Creating', 'Waiting'],
  created: ['Running', 'Abnormal', 'Error', 'ScalingFailed', 'Deleting'],
  failed: ['CreationFailed'],
};

/**
 * FIDELITY #9: `status.values` is a String, the installation parameters: sent as the JSON text of
 * the inputs, unless the stored plug-in has one of its own (a test's odd value stays as it is).
 */
function withValues(p: Plugin): Plugin {
  if (p.status && p.status.values === undefined && p.spec?.template?.inputs !== undefined) p.status.values = JSON.stringify(p.spec.template.inputs);
  return p;
}

/** A write's parsed body and its `spec.template` (undefined where absent); undefined when the body is not JSON. */
function specTemplate(body: Buffer): { parsed: unknown; template: unknown } | undefined {
  let parsed: unknown;
  try {
    parsed = parseJson(body);
  } catch {
    return undefined;
  }
  const spec = isObject(parsed) ? parsed.spec : undefined;
  return { parsed, template: isObject(spec) ? spec.template : undefined };
}

export class ModelArtsRoutes {
  readonly table: Route[];
  private readonly state: EmulatorState;
  /** Numbers the new tokens of `poolContinue: 'repeat-page'`. */
  private pageSerial = 0;

  constructor(private readonly env: RouteEnv) {
    this.state = env.state;
    this.table = this.build();
  }

  private get cfg(): Readonly<EmulatorConfig> {
    return this.env.config();
  }

  private build(): Route[] {
    const seg = '([^/]+)';
    const r = (method: string, path: string, projectScoped: boolean, handle: Route['handle']): Route => ({
      method,
      // a trailing slash is tolerated: the SDKs sign with one and send without, clients vary
      pattern: new RegExp(`^${path}/?$`),
      projectScoped,
      handle,
    });
    const pools = `/v2/${seg}/pools`;
    return [
      r('GET', '/v3/auth/projects', false, (ctx) => this.iamProjects(ctx)),
      r('GET', '/v3/projects', false, (ctx) => this.iamProjects(ctx, ctx.query.get('name') ?? undefined)),
      r('GET', pools, true, (ctx, [pid]) => this.listPools(ctx, pid)),
      r('GET', `${pools}/${seg}`, true, (_ctx, [pid, pool]) => {
        const p = this.state.getPool(pid, pool);
        return p ? { status: 200, body: p } : errorReply(poolNotFound());
      }),
      r('GET', `${pools}/${seg}/plugins`, true, (_ctx, [pid, pool]) =>
        this.outcome(this.state.listPlugins(pid, pool), pool, '', (items) => ({
          kind: 'PluginList',
          apiVersion: 'v2',
          items: items.map((p) => withValues(withoutResources(p))),
        })),
      ),
      r('POST', `${pools}/${seg}/plugins`, true, (ctx, [pid, pool]) => this.install(ctx, pid, pool)),
      r('PATCH', `${pools}/${seg}/plugins/${seg}`, true, (ctx, [pid, pool, name]) => this.update(ctx, pid, pool, name)),
      r('GET', `/v2/${seg}/plugintemplates`, true, (ctx, [pid]) => this.templates(ctx, pid)),
      r('GET', `${pools}/${seg}/plugins/${seg}`, true, (ctx, [pid, pool, name]) =>
        this.outcome(this.state.getPlugin(pid, pool, name), pool, name, (p) =>
          withValues(ctx.query.get('detail') === 'true' ? p : withoutResources(p)),
        ),
      ),
      r('DELETE', `${pools}/${seg}/plugins/${seg}`, true, (_ctx, [pid, pool, name]) =>
        this.outcome(this.state.deletePlugin(pid, pool, name), pool, name, (p) => withValues(withoutResources(p))),
      ),
    ];
  }

  /**
   * ListPools (FIDELITY #5): the documented `status` filter, and pages of `poolPageSize` with
   * `metadata.continue` when set. The token is the next offset; `poolContinue` can make the
   * emulator ignore it as a cloud without the (undocumented) query might.
   */
  private listPools(ctx: RouteContext, pid: string): Reply {
    let items = this.state.listPools(pid) ?? [];
    const status = ctx.query.get('status');
    if (status !== null && status !== '') {
      const phases = POOL_STATUS_PHASES[status];
      if (!phases) return errorReply(badRequest());
      items = items.filter((p) => phases.includes(String(p.status?.phase)));
    }
    const size = this.cfg.poolPageSize;
    const list = { kind: 'PoolList', apiVersion: 'v2' };
    if (!size || items.length <= size) return { status: 200, body: { ...list, items } };
    let offset = 0;
    const token = ctx.query.get('continue');
    if (token && this.cfg.poolContinue === 'honoured') {
      offset = Number(/^\d+$/.exec(Buffer.from(token, 'base64url').toString('utf8'))?.[0] ?? NaN);
      if (!Number.isSafeInteger(offset) || offset > items.length) return errorReply(badRequest());
    }
    const page = items.slice(offset, offset + size);
    const rest = items.length - offset - page.length;
    let next = rest > 0 ? Buffer.from(String(offset + size)).toString('base64url') : '';
    if (next && this.cfg.poolContinue === 'repeat-page') next += `.${++this.pageSerial}`;
    return { status: 200, body: { ...list, metadata: { continue: next, remainingItemCount: rest }, items: page } };
  }

  private iamProjects(ctx: RouteContext, name?: string): Reply {
    const base = `${this.env.scheme}://${ctx.req.headers.host ?? `127.0.0.1:${this.env.port()}`}`;
    const projects = this.state
      .listProjects()
      .filter((p) => p.domain_id === ctx.domainId && (name === undefined || p.name === name))
      .map((p) => ({ ...p, links: { self: `${base}/v3/projects/${p.id}` } }));
    const self = `${base}${ctx.req.url ?? '/v3/auth/projects'}`;
    return { status: 200, body: { links: { self, previous: null, next: null }, projects } };
  }

  private outcome<T>(o: Outcome<T>, pool: string, plugin: string, toBody: (v: T) => unknown): Reply {
    if (o.ok) return { status: 200, body: toBody(o.value) };
    return errorReply(this.refusal(o.refusal, pool, plugin));
  }

  private refusal(refusal: PluginRefusal, pool: string, plugin: string): ErrorReply {
    switch (refusal) {
      case 'project-not-found':
        return projectMismatch();
      case 'pool-not-found':
        return this.missingPool();
      case 'plugin-not-found':
        return notInstalled(plugin, pool);
      case 'template-not-found':
        return templateNotFound(plugin);
      case 'already-installed':
        return badRequest(MESSAGES.alreadyInstalled(plugin, pool));
      case 'default-plugin':
        // FIDELITY #7: the documents give no text of their own for it; "Bad request." is the seed's example
        return badRequest();
      case 'already-deleting':
        return badRequest(MESSAGES.alreadyDeleting(plugin));
      case 'unknown-version':
        return badRequest(MESSAGES.unknownVersion(plugin));
      case 'being-deleted':
        return badRequest(MESSAGES.beingDeleted(plugin));
      case 'name-change':
        return badRequest(MESSAGES.nameChange(plugin));
    }
  }

  /** A missing pool on the plug-in paths: 404 as the pool APIs, or the 400 ShowPlugin documents (FIDELITY #6). */
  private missingPool(): ErrorReply {
    return this.cfg.missingPoolOnPluginPaths === 400 ? invalidNodepoolName() : poolNotFound();
  }

  private install(ctx: RouteContext, pid: string, pool: string): Reply {
    if (!this.state.getPool(pid, pool)) return errorReply(this.missingPool());
    const body = specTemplate(ctx.body);
    if (!body) return errorReply(badRequest());
    const { parsed, template } = body;
    if (
      !isObject(parsed) ||
      parsed.apiVersion !== 'v2' ||
      parsed.kind !== 'Plugin' ||
      !isObject(template) ||
      typeof template.name !== 'string' ||
      !NAME.test(template.name) ||
      (template.version !== undefined && typeof template.version !== 'string') ||
      (template.inputs !== undefined && !isObject(template.inputs))
    ) {
      return errorReply(badRequest());
    }
    const name = template.name;
    return this.outcome(
      this.state.installPlugin(pid, pool, {
        name,
        version: template.version as string | undefined,
        inputs: template.inputs as Record<string, unknown> | undefined,
      }),
      pool,
      name,
      // FIDELITY #4: the documented 200 answer is apiVersion, kind and spec; no metadata, no status
      (p) => ({ apiVersion: p.apiVersion, kind: p.kind, spec: p.spec }),
    );
  }

  private update(ctx: RouteContext, pid: string, pool: string, name: string): Reply {
    const type = String(ctx.req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/merge-patch+json') return errorReply(unsupportedContentType());
    const template = specTemplate(ctx.body)?.template;
    if (
      !isObject(template) ||
      (template.name !== undefined && typeof template.name !== 'string') ||
      (template.version !== undefined && typeof template.version !== 'string') ||
      (template.inputs !== undefined && template.inputs !== null && !isObject(template.inputs))
    ) {
      return errorReply(badRequest());
    }
    return this.outcome(this.state.updatePlugin(pid, pool, name, template), pool, name, (s) => ({ spec: s }));
  }

  private templates(ctx: RouteContext, pid: string): Reply {
    const poolName = ctx.query.get('poolName');
    const templateName = ctx.query.get('templateName');
    let pool;
    if (poolName !== null) {
      pool = this.state.getPool(pid, poolName);
      if (!pool) return errorReply(poolNotFound());
    }
    let items = listTemplates(pool);
    if (templateName !== null) {
      if (!getTemplate(templateName)) return errorReply(templateNotFound(templateName));
      items = items.filter((t) => t.metadata.name === templateName);
    }
    return { status: 200, body: { kind: 'PluginTemplateList', apiVersion: 'v2', items } };
  }
}
