// The connection pools of every client: one keep-alive agent per scheme, created here and nowhere
// else. Keep them to keep-alive and `ca`: inside VS Code the proxy support replaces the agent of
// every request and keeps only its `ca`, so nothing else may depend on these agents. The CLI's
// proxy agents (src/cli/proxy.ts) come in through the client's `agentFor` option instead, so the
// extension bundle carries no proxy library.
import { createHash } from 'crypto';
import * as http from 'http';
import * as https from 'https';

const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 32 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 32 }),
};
/** How many `ca` lists keep an agent: each edit of the CA setting or its PEM files makes a new list. */
export const MAX_CA_AGENTS = 8;
/** https agents with an explicit `ca`, one per distinct list, least recently asked for first (clients are rebuilt when settings change). */
const withCa = new Map<string, https.Agent>();

/** The shared keep-alive agent for a base URL's scheme; for https with `ca`, one that trusts exactly those. */
export function agentFor(isHttps: boolean, ca?: readonly string[]): http.Agent {
  if (!isHttps) return agents.http;
  if (!ca) return agents.https;
  const key = createHash('sha256').update(ca.join('\n')).digest('hex');
  let agent = withCa.get(key);
  if (agent) withCa.delete(key); // re-inserted below: the most recently asked for
  else agent = new https.Agent({ keepAlive: true, maxSockets: 32, ca: [...ca] });
  withCa.set(key, agent);
  for (const [oldKey, old] of withCa) {
    if (withCa.size <= MAX_CA_AGENTS) break;
    withCa.delete(oldKey);
    closeIdle(old);
  }
  return agent;
}

/**
 * Lets go of an agent no longer handed out: its idle keep-alive connections close now; requests in
 * flight (a client built with it may still send) finish on their own connections.
 */
function closeIdle(agent: http.Agent): void {
  for (const sockets of Object.values(agent.freeSockets)) for (const socket of sockets ?? []) socket.destroy();
}
