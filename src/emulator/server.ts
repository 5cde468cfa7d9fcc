// The ModelArts + IAM emulator: one node:http server for both the IAM paths (/v3/…) and the
// ModelArts paths (/v2/…), plus an unsigned control API under /__emulator/ for tests and scripts.
//
// How a request flows (the order mirrors the real gateway, then the service):
//   1. /__emulator/… → control API (control.ts; loopback clients only), never logged, never faulted.
//   2. The whole body is read: the signature covers its exact bytes.
//   3. Fault injection (faults.ts): the first matching rule may delay, drop the connection, or
//      replace the answer (status, raw or non-JSON body, Retry-After, slow body).
//   4. Route lookup: an unknown path or method is the gateway's 404 APIGW.0101.
//   5. Signature and date check (auth.ts): 401 APIGW.0301 / APIGW.0303.
//   6. Global latency, then the handler (routes.ts), which reads and changes state.ts.
// Every answer carries X-Request-Id and the JSON content type (reply.ts); every non-control request
// lands in the request log (requestLog.ts, never with its Authorization header) and is counted on its
// connection (connections.ts). The switches are in config.ts. This file keeps the life cycle (start,
// listen, reset, close) and the flow above. The library never writes to the console; main.ts is the
// command-line face.
import * as http from 'http';
import * as https from 'https';
import type { AddressInfo } from 'net';
import { decodeOrKeep } from '../api/decode';
import { verifyRequest, type EmulatorCredential } from './auth';
import { apiNotFound, faultBody, gatewayError, internalError, projectMismatch } from './cloudErrors';
import { DEFAULT_CONFIG, pickConfig, stateConfigOf, type EmulatorConfig, type EmulatorOptions } from './config';
import { ConnectionTracker, type ConnectionStats } from './connections';
import { control, CONTROL_PREFIX, type EmulatorControls } from './control';
import { FaultList } from './faults';
import { mutateBody } from './mutate';
import { errorReply, readBody, requestId, sendReply, type Reply } from './reply';
import { RequestLog, type RequestLogEntry } from './requestLog';
import { ModelArtsRoutes, type Route } from './routes';
import { createSeed, DEMO_CREDENTIALS, DEMO_DOMAIN_ID, OPS_CREDENTIALS, OPS_DOMAIN_ID } from './seed';
import { EmulatorState } from './state';
import { makeServerCertificate } from './tls';

export type { EmulatorCredential } from './auth';
export type { FaultRule } from './faults';
export { validateConfig, type EmulatorConfig, type EmulatorOptions } from './config';
export type { ConnectionStats } from './connections';
export { CONTROL_PREFIX, type EmulatorControls } from './control';
export type { RequestLogEntry } from './requestLog';
export { JSON_CONTENT_TYPE } from './reply';

/** A running emulator: what code can do with it, besides what the control API can (EmulatorControls). */
export interface Emulator extends EmulatorControls {
  /** Base URL, e.g. `http://127.0.0.1:40123`: both the ModelArts and the IAM endpoint. */
  readonly url: string;
  readonly port: number;
  /** With `tls`: the file holding the CA's PEM that a client must trust. */
  readonly caFile?: string;
  /** With `tls`: the CA's PEM. */
  readonly caPem?: string;
  /** The demo pair. */
  readonly credentials: { readonly accessKey: string; readonly secretKey: string };
  close(): Promise<void>;
}

class EmulatorServer implements Emulator {
  private readonly log: RequestLog;
  readonly requests: RequestLogEntry[];
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
  private readonly routes: Route[];
  private closing?: Promise<void>;

  constructor(private readonly options: EmulatorOptions) {
    const machineNow = options.now ?? Date.now;
    this.log = new RequestLog(options.maxLogEntries ?? 10_000);
    this.requests = this.log.entries;
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
    this.log.restart();
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

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const started = Date.now();
    const generation = this.log.current;
    const arrived = new Date(this.now()).toISOString();
    const id = requestId();
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const query = q < 0 ? '' : rawUrl.slice(q + 1);
    const method = (req.method ?? 'GET').toUpperCase();

    if (path === CONTROL_PREFIX.slice(0, -1) || path.startsWith(CONTROL_PREFIX)) {
      const body = (await readBody(req)) ?? Buffer.alloc(0);
      this.send(res, control(this, req, method, path.slice(CONTROL_PREFIX.length), body, id), id);
      return;
    }

    const connection = this.connectionTracker.carry(req, res);
    const entry: RequestLogEntry = { time: arrived, method, path, query, status: 0, requestId: id, durationMs: 0, connection };
    const accessKey = /Access=([^,\s]+)/.exec(String(req.headers.authorization ?? ''))?.[1];
    if (accessKey) entry.accessKey = accessKey;
    const finish = (status: number) => {
      entry.status = status;
      entry.durationMs = Date.now() - started;
      this.log.add(entry, generation);
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
}

/** Starts an emulator; resolves once it listens. Always close() it. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = new EmulatorServer(options);
  await emulator.listen();
  return emulator;
}
