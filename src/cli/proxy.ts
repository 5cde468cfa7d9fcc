// Proxies for the command line, the way curl and the official SDKs read them: HTTPS_PROXY /
// HTTP_PROXY / ALL_PROXY and NO_PROXY, lower or upper case (proxy-from-env decides), except that
// localhost, 127.0.0.1 and ::1 always go direct, as in VS Code. The tunnel itself is
// https-proxy-agent's (CONNECT), with the client's `ca` applied to the endpoint's certificate.
import type * as http from 'http';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { getProxyForUrl } from 'proxy-from-env';

const ALWAYS_DIRECT = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** The proxy URL a request to `url` goes through, or undefined for a direct connection. */
export function proxyFor(url: URL): string | undefined {
  if (ALWAYS_DIRECT.has(url.hostname.toLowerCase())) return undefined;
  return getProxyForUrl(url.href) || undefined;
}

/** A proxy URL without user name and password, for messages. */
export function describeProxy(proxy: string): string {
  try {
    const u = new URL(proxy);
    return `${u.protocol}//${u.host}`;
  } catch {
    return '(an unreadable proxy URL)';
  }
}

/** One agent per proxy and scheme, made on first use: keep-alive to the proxy, `ca` for the endpoints behind it. */
export function proxyAgents(ca: string[] | undefined): (url: URL) => http.Agent | undefined {
  const made = new Map<string, http.Agent>();
  return (url) => {
    const proxy = proxyFor(url);
    if (!proxy) return undefined;
    const key = `${url.protocol} ${proxy}`;
    let agent = made.get(key);
    if (!agent) {
      agent = url.protocol === 'https:'
        ? new HttpsProxyAgent(proxy, { keepAlive: true, ...(ca ? { ca } : {}) })
        : new HttpProxyAgent(proxy, { keepAlive: true });
      made.set(key, agent);
    }
    return agent;
  };
}
