// Proxies for the command line, the way curl and the official SDKs read them: HTTPS_PROXY /
// HTTP_PROXY / ALL_PROXY and NO_PROXY, lower or upper case (proxy-from-env decides), except that
// localhost, 127.0.0.1 and ::1 always go direct, as in VS Code. The tunnel itself is
// https-proxy-agent's (CONNECT), with the client's `ca` applied to the endpoint's certificate.
import type * as http from 'http';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { getProxyForUrl } from 'proxy-from-env';
import { isNeverProxied } from '../api/endpoints';

/** The proxy URL a request to `url` goes through, or undefined for a direct connection. */
export function proxyFor(url: URL): string | undefined {
  if (isNeverProxied(url.hostname)) return undefined;
  return getProxyForUrl(url.href) || undefined;
}

/**
 * https-proxy-agent applies its constructor's TLS options to the connection to the proxy; the
 * endpoint's certificate is checked with the request's options, so `ca` goes in there.
 */
class TunnelAgent extends HttpsProxyAgent<string> {
  constructor(proxy: string, private readonly ca: string[] | undefined) {
    super(proxy, { keepAlive: true });
  }

  override connect(req: http.ClientRequest, opts: Parameters<HttpsProxyAgent<string>['connect']>[1]): ReturnType<HttpsProxyAgent<string>['connect']> {
    return super.connect(req, this.ca ? ({ ...opts, ca: this.ca } as typeof opts) : opts);
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
      agent = url.protocol === 'https:' ? new TunnelAgent(proxy, ca) : new HttpProxyAgent(proxy, { keepAlive: true });
      made.set(key, agent);
    }
    return agent;
  };
}
