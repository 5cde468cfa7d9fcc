// The ModelArts + IAM emulator: one node:http server for both the IAM paths (/v3/…) and the
// ModelArts paths (/v2/…), plus an unsigned control API under /__emulator/ for tests and scripts.
//
// How a request flows (the order mirrors the real gateway, then the service):
//   1. /__emulator/… → control API (loopback clients only), never logged, never faulted.
//   2. The whole body is read: the signature covers its exact bytes.
//   3. Fault injection (faults.ts): the first matching rule may delay, drop the connection, or
//      replace the answer (status, raw or non-JSON body, Retry-After, slow body).
//   4. Route lookup: an unknown path or method is the gateway's 404 APIGW.0101.
//   5. Signature and date check (auth.ts): 401 APIGW.0301 / APIGW.0303.
//   6. Global latency, then the handler, which reads and changes state.ts.
// Every answer carries X-Request-Id and the JSON content type; every non-control request lands in
// the request log (never with its Authorization header). The library never writes to the console;
// main.ts is the command-line face.
import { decodeOrKeep } from '../api/decode';
import { isLoopbackHost } from '../api/endpoints';
import * as http from 'http';
import * as https from 'https';
import type { AddressInfo } from 'net';
import type { Plugin } from '../api/models';
import { verifyRequest, type EmulatorCredential } from './auth';
import { apiNotFound, faultBody, gatewayError, internalError, projectMismatch } from './cloudErrors';
import { FaultList, type FaultRule } from './faults';
import { mutateBody } from './mutate';
import { ConnectionTracker, type ConnectionStats } from './connections';
import { DEFAULT_CONFIG, pickConfig, validateConfig, stateConfigOf, type EmulatorConfig, type EmulatorOptions } from './config';
import { createSeed, DEMO_CREDENTIALS, DEMO_DOMAIN_ID, OPS_CREDENTIALS, OPS_DOMAIN_ID } from './seed';
import { ModelArtsRoutes, type Route } from './routes';
import { EmulatorState } from './state';
import { errorReply, isObject, parseJson, readBody, requestId, sendReply, type Reply } from './reply';
import { makeServerCertificate } from './tls';

export type { EmulatorCredential } from './auth';
export type { FaultRule } from './faults';
export { validateConfig, type EmulatorConfig, type EmulatorOptions } from './config';
export type { ConnectionStats } from './connections';
export { JSON_CONTENT_TYPE } from './reply';

export const CONTROL_PREFIX = '/__emulator/';


export interface RequestLogEntry {
  /** ISO time the request arrived (emulator clock). */
  time: string;
  method: string;
  /** Raw path as received, without the query. */
  path: string;
  /** Raw query string without `?`, '' when none. */
  query: string;
  /** Status answered; 0 when the connection was dropped by a fault. */
  status: number;
  /** The access key of the Authorization header, when there was one. Never the secret or the signature. */
  accessKey?: string;
  requestId: string;
  durationMs: number;
  /** True when a fault rule applied. */
  fault?: boolean;
  /** The body answered to a write (POST, PATCH, DELETE), so tests can compare what a client shows with what was sent. */
  responseBody?: string;
  /** The body and Content-Type of a write as received, so tests can check what a client sent (a write carries no secrets). */
  requestBody?: string;
  contentType?: string;
  /** Serial number of the connection that carried the request (1, 2, …): equal numbers mean a reused connection. */
  connection: number;
}

export interface Emulator {
  /** Base URL, e.g. `http://127.0.0.1:40123`: both the ModelArts and the IAM endpoint. */
  readonly url: string;
  readonly port: number;
  /** With `tls`: the file holding the CA's PEM that a client must trust. */
  readonly caFile?: string;
  /** With `tls`: the CA's PEM. */
  readonly caPem?: string;
  /** The demo pair. */
  readonly credentials: { readonly accessKey: string; readonly secretKey: string };
  /** The request log, live (the same array is cleared in place). */
  readonly requests: RequestLogEntry[];
  readonly faults: FaultList;
  readonly state: EmulatorState;
  /** A copy of the current configuration. */
  config(): EmulatorConfig;
  /** Connection counts: keep-alive reuse shows as few connections opened for many requests. */
  connections(): ConnectionStats;
  /** Changes delays and latency; applies to what happens next. */
  setConfig(config: Partial<EmulatorConfig>): void;
  /** Back to the seed and the start configuration; faults and log cleared. */
  reset(): void;
  close(): Promise<void>;
}

function isLoopback(address: string | undefined): boolean {
  // a socket's remote address, possibly IPv4-mapped IPv6 (::ffff:127.0.0.1)
  return !!address && isLoopbackHost(address.replace(/^::ffff:/i, ''));
}

class EmulatorServer implements Emulator {
  readonly requests: RequestLogEntry[] = [];
  private generation = 0;
  readonly faults = new FaultList();
  readonly state: EmulatorState;
  readonly credentials = DEMO_CREDENTIALS;
  url = '';
  port = 0;
  caFile?: string;
  caPem?: string;

  private cfg: EmulatorConfig;
  private readonly startConfig: EmulatorConfig;
  private readonly credentialTable = new Map<string, EmulatorCredential>();
  private readonly server: http.Server | https.Server;
  private readonly connectionTracker: ConnectionTracker;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly now: () => number;
  private readonly maxLog: number;
  private readonly routes: Route[];
  private closing?: Promise<void>;

  constructor(private readonly options: EmulatorOptions) {
    const machineNow = options.now ?? Date.now;
    this.maxLog = options.maxLogEntries ?? 10_000;
    this.cfg = { ...DEFAULT_CONFIG, ...pickConfig(options) };
    this.now = () => machineNow() + this.cfg.clockOffsetMs;
    this.startConfig = { ...this.cfg };
    if (!options.noDemoCredentials) {
      this.credentialTable.set(DEMO_CREDENTIALS.accessKey, { ...DEMO_CREDENTIALS, domainId: DEMO_DOMAIN_ID });
      this.credentialTable.set(OPS_CREDENTIALS.accessKey, { ...OPS_CREDENTIALS, domainId: OPS_DOMAIN_ID });
    }
    for (const c of options.credentials ?? []) this.credentialTable.set(c.accessKey, { ...c });
    this.state = new EmulatorState(createSeed({ generate: options.generate }), stateConfigOf(this.cfg), this.now);
    if (options.faults) this.faults.add(options.faults);
    this.routes = new ModelArtsRoutes({ state: this.state, config: () => this.cfg, scheme: options.tls ? 'https' : 'http', port: () => this.port }).table;
    const listener = (req: http.IncomingMessage, res: http.ServerResponse): void => {
      this.handle(req, res).catch(() => {
        // the handler answers its own errors; this only guards against a socket that went away
        if (!res.headersSent) this.send(res, { status: 500, body: internalError().body }, requestId());
        else res.destroy();
      });
    };
    if (options.tls) {
      const made = makeServerCertificate(options.tls.caDir, options.tls.names);
      this.caFile = made.caFile;
      this.caPem = made.caPem;
      this.server = https.createServer({ cert: made.cert, key: made.key }, listener);
      this.server.on('tlsClientError', (_err, socket) => socket.destroy()); // a client that refuses our CA
    } else {
      this.server = http.createServer(listener);
    }
    this.connectionTracker = new ConnectionTracker(this.server, !!options.tls);
    this.server.on('clientError', (_err, socket) => socket.destroy());
  }

  async listen(): Promise<void> {
    const host = this.options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
    const urlHost = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
    this.url = `${this.options.tls ? 'https' : 'http'}://${urlHost}:${this.port}`;
  }

  config(): EmulatorConfig {
    return { ...this.cfg };
  }

  setConfig(config: Partial<EmulatorConfig>): void {
    this.cfg = { ...this.cfg, ...pickConfig(config) };
    this.state.config = stateConfigOf(this.cfg);
  }

  connections(): ConnectionStats {
    return this.connectionTracker.stats();
  }

  reset(): void {
    this.connectionTracker.resetOpened();
    this.cfg = { ...this.startConfig };
    this.state.config = stateConfigOf(this.cfg);
    this.state.reset();
    this.faults.clear();
    this.requests.length = 0;
    this.generation++;
  }

  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      this.state.dispose();
      for (const t of this.timers) clearTimeout(t);
      this.timers.clear();
      this.server.close(() => resolve());
      this.connectionTracker.destroyAll();
    });
    return this.closing;
  }

  /** A delay that close() can cancel (the pending request is then dropped with its socket). */
  private sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      t.unref();
      this.timers.add(t);
    });
  }

  private log(entry: RequestLogEntry, generation: number): void {
    // a request still in flight at reset() (one delayed by latency, say) belongs to the state before it
    if (generation !== this.generation) return;
    this.requests.push(entry);
    if (this.requests.length > this.maxLog) this.requests.splice(0, this.requests.length - this.maxLog);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const started = Date.now();
    const generation = this.generation;
    const arrived = new Date(this.now()).toISOString();
    const id = requestId();
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const query = q < 0 ? '' : rawUrl.slice(q + 1);
    const method = (req.method ?? 'GET').toUpperCase();

    if (path === CONTROL_PREFIX.slice(0, -1) || path.startsWith(CONTROL_PREFIX)) {
      const body = (await readBody(req)) ?? Buffer.alloc(0);
      this.send(res, this.control(req, method, path.slice(CONTROL_PREFIX.length), body, id), id);
      return;
    }

    const connection = this.connectionTracker.carry(req, res);
    const entry: RequestLogEntry = { time: arrived, method, path, query, status: 0, requestId: id, durationMs: 0, connection };
    const accessKey = /Access=([^,\s]+)/.exec(String(req.headers.authorization ?? ''))?.[1];
    if (accessKey) entry.accessKey = accessKey;
    const finish = (status: number) => {
      entry.status = status;
      entry.durationMs = Date.now() - started;
      this.log(entry, generation);
    };

    const body = await readBody(req);
    const fault = this.faults.take(method, path);
    if (fault) entry.fault = true;
    if (fault?.latencyMs) await this.sleep(fault.latencyMs);
    if (fault?.drop) {
      req.socket.destroy();
      finish(0);
      return;
    }

    let reply: Reply;
    if (fault?.mutate !== undefined && body) {
      // the real answer, then broken: the client must cope with what a broken server could send
      const real = await this.dispatch(req, method, rawUrl, path, query, body, id);
      const m = mutateBody(real.raw ?? JSON.stringify(real.body ?? {}), fault.mutate, undefined, fault.mutation);
      reply = { status: real.status, bytes: m.body, contentType: real.contentType };
    } else if (fault && (fault.status !== undefined || fault.nonJson !== undefined)) {
      const status = fault.status ?? 200;
      reply = {
        status,
        raw: fault.nonJson ?? fault.body ?? JSON.stringify(faultBody(status, id)),
        contentType: fault.contentType,
      };
    } else if (!body) {
      reply = errorReply(gatewayError(413, 'APIGW.0201', 'Request entity too large', id));
    } else {
      reply = await this.dispatch(req, method, rawUrl, path, query, body, id);
    }
    if (method !== 'GET') {
      entry.responseBody = reply.raw ?? reply.bytes?.toString('utf8') ?? JSON.stringify(reply.body ?? {});
      if (body?.length) entry.requestBody = body.toString('utf8');
      if (req.headers['content-type']) entry.contentType = String(req.headers['content-type']);
    }
    if (fault?.retryAfter !== undefined) reply.retryAfter = fault.retryAfter;
    if (fault?.contentType !== undefined) reply.contentType = fault.contentType;
    if (fault) Object.assign(reply, { headers: fault.headers, contentEncoding: fault.contentEncoding, cutBodyAtBytes: fault.cutBodyAtBytes });
    await this.send(res, reply, id, fault?.slowBodyMs);
    finish(reply.status);
  }

  /** Steps 4–6: route, signature, project, latency, handler. */
  private async dispatch(
    req: http.IncomingMessage,
    method: string,
    rawUrl: string,
    path: string,
    query: string,
    body: Buffer,
    id: string,
  ): Promise<Reply> {
    let route: Route | undefined;
    let params: string[] = [];
    for (const r of this.routes) {
      const m = r.method === method ? r.pattern.exec(path) : null;
      if (m) {
        route = r;
        params = m.slice(1).map(decodeOrKeep);
        break;
      }
    }
    if (!route) return errorReply(apiNotFound(id));

    const auth = verifyRequest({ method, rawUrl, headers: req.headers, body }, this.credentialTable, this.now(), this.cfg.maxClockSkewMs);
    if (!auth.ok) return errorReply(gatewayError(auth.status, auth.errorCode, auth.errorMsg, id));

    // each key belongs to one account (IAM domain) and sees that account's projects only
    const domainId = this.credentialTable.get(auth.accessKey)?.domainId ?? DEMO_DOMAIN_ID;
    if (route.projectScoped) {
      const projectId = params[0];
      const headerProject = req.headers['x-project-id'];
      if (this.state.projectDomain(projectId) !== domainId || (typeof headerProject === 'string' && headerProject !== projectId)) {
        return errorReply(projectMismatch());
      }
    }
    await this.sleep(this.cfg.latencyMs);
    try {
      return route.handle({ req, query: new URLSearchParams(query), body, domainId }, params);
    } catch {
      return errorReply(internalError());
    }
  }

  private send(res: http.ServerResponse, reply: Reply, id: string, slowBodyMs = 0): Promise<void> {
    return sendReply(res, reply, id, this.now(), (ms) => this.sleep(ms), slowBodyMs);
  }

  // ---- control API ----

  private control(req: http.IncomingMessage, method: string, action: string, body: Buffer, id: string): Reply {
    // Unsigned, so loopback only; and no browser page may drive it (a cross-site request carries Origin).
    if (!isLoopback(req.socket.remoteAddress) || req.headers.origin !== undefined) return errorReply(apiNotFound(id));
    const ok = (value: unknown = { ok: true }): Reply => ({ status: 200, body: value });
    const bad = (msg: string): Reply => ({ status: 400, body: { error_code: 'EMULATOR.0400', error_msg: msg } });
    const json = (): unknown => {
      if (!body.length) return undefined;
      return parseJson(body);
    };
    try {
      switch (`${method} ${action.replace(/\/$/, '')}`) {
        case 'GET requests':
          return ok(this.requests);
        case 'DELETE requests':
          this.requests.length = 0;
          return ok();
        case 'GET connections':
          return ok(this.connections());
        case 'GET faults':
          return ok(this.faults.list());
        case 'POST faults':
          this.faults.add(json() as FaultRule | FaultRule[]);
          return ok(this.faults.list());
        case 'DELETE faults':
          this.faults.clear();
          return ok();
        case 'POST reset':
          this.reset();
          return ok();
        case 'GET state':
          return ok({ config: this.config(), ...this.state.snapshot() });
        case 'GET config':
          return ok(this.config());
        case 'POST config':
          this.setConfig(validateConfig(json()));
          return ok(this.config());
        case 'POST install-failures': {
          const b = json();
          if (!isObject(b) || typeof b.reason !== 'string' || !b.reason || (b.template !== undefined && typeof b.template !== 'string') || (b.pool !== undefined && typeof b.pool !== 'string')) {
            return bad('body must be {reason, template?, pool?}');
          }
          this.state.failNextInstall({ reason: b.reason, template: b.template as string | undefined, pool: b.pool as string | undefined });
          return ok();
        }
        case 'POST plugins': {
          const b = json();
          if (!isObject(b) || typeof b.projectId !== 'string' || typeof b.pool !== 'string' || !isObject(b.plugin)) {
            return bad('body must be {projectId, pool, plugin, isDefault?}');
          }
          const plugin = b.plugin as Plugin;
          if (!isObject(plugin.spec) || !isObject(plugin.spec.template) || typeof plugin.spec.template.name !== 'string') {
            return bad('plugin.spec.template.name is required');
          }
          const o = this.state.upsertPlugin(b.projectId, b.pool, plugin, b.isDefault === true || b.default === true);
          if (!o.ok) return { status: 404, body: { error_code: 'EMULATOR.0404', error_msg: `${o.refusal}: ${b.projectId}/${b.pool}` } };
          return ok(o.value);
        }
        default:
          return errorReply(apiNotFound(id));
      }
    } catch (e) {
      return bad((e as Error).message);
    }
  }
}

/** Starts an emulator; resolves once it listens. Always close() it. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = new EmulatorServer(options);
  await emulator.listen();
  return emulator;
}
