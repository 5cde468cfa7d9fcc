// The control API under /__emulator/ for tests and scripts: read the request log and the state,
// add faults, change the configuration, reset, prepare install failures and plug-ins. It is
// unsigned, so it answers loopback clients only and no browser page (a cross-site request carries
// Origin); the server never logs it, never faults it, never counts its connections.
import type * as http from 'http';
import { isLoopbackHost } from '../api/endpoints';
import type { Plugin } from '../api/models';
import { apiNotFound } from './cloudErrors';
import { validateConfig, type EmulatorConfig } from './config';
import type { ConnectionStats } from './connections';
import type { FaultList, FaultRule } from './faults';
import { errorReply, isObject, parseJson, type Reply } from './reply';
import type { RequestLogEntry } from './requestLog';
import type { EmulatorState } from './state';

export const CONTROL_PREFIX = '/__emulator/';

/** What both code (the Emulator object) and the control API can do to a running emulator. */
export interface EmulatorControls {
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
}

function isLoopback(address: string | undefined): boolean {
  // a socket's remote address, possibly IPv4-mapped IPv6 (::ffff:127.0.0.1)
  return !!address && isLoopbackHost(address.replace(/^::ffff:/i, ''));
}

/** Answers a control request; `action` is the path after CONTROL_PREFIX. */
export function control(emulator: EmulatorControls, req: http.IncomingMessage, method: string, action: string, body: Buffer, id: string): Reply {
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
        return ok(emulator.requests);
      case 'DELETE requests':
        emulator.requests.length = 0;
        return ok();
      case 'GET connections':
        return ok(emulator.connections());
      case 'GET faults':
        return ok(emulator.faults.list());
      case 'POST faults':
        emulator.faults.add(json() as FaultRule | FaultRule[]);
        return ok(emulator.faults.list());
      case 'DELETE faults':
        emulator.faults.clear();
        return ok();
      case 'POST reset':
        emulator.reset();
        return ok();
      case 'GET state':
        return ok({ config: emulator.config(), ...emulator.state.snapshot() });
      case 'GET config':
        return ok(emulator.config());
      case 'POST config':
        emulator.setConfig(validateConfig(json()));
        return ok(emulator.config());
      case 'POST install-failures': {
        const b = json();
        if (!isObject(b) || typeof b.reason !== 'string' || !b.reason || (b.template !== undefined && typeof b.template !== 'string') || (b.pool !== undefined && typeof b.pool !== 'string')) {
          return bad('body must be {reason, template?, pool?}');
        }
        emulator.state.failNextInstall({ reason: b.reason, template: b.template as string | undefined, pool: b.pool as string | undefined });
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
        const o = emulator.state.upsertPlugin(b.projectId, b.pool, plugin, b.isDefault === true || b.default === true);
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
