// The connection pools of every client: one keep-alive agent per scheme, created here and nowhere
// else. Keep them to keep-alive (and, later, `ca`): inside VS Code the proxy support replaces the
// agent of every request and keeps only its `ca`, so nothing else may depend on these agents; a CLI
// proxy agent or a private CA option belongs in this file.
import * as http from 'http';
import * as https from 'https';

const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 32 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 32 }),
};

/** The shared keep-alive agent for a base URL's scheme. */
export function agentFor(isHttps: boolean): http.Agent {
  return isHttps ? agents.https : agents.http;
}
