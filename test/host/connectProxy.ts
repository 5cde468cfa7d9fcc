// A small real CONNECT proxy for the proxy tests (unit tests for the CLI, host tests for VS Code's
// proxy support). It tunnels only to loopback addresses (test traffic never leaves the machine),
// records every tunnel, and can misbehave on purpose: answer 407, or accept and drop the tunnel.
import * as http from 'http';
import * as net from 'net';

export type ProxyMode = 'tunnel' | 'auth-required' | 'drop';

export interface TestProxy {
  readonly url: string;
  /** host:port of every CONNECT received, in order. */
  readonly tunnels: string[];
  /** host:port of every plain http request forwarded, in order. */
  readonly forwarded: string[];
  mode: ProxyMode;
  close(): Promise<void>;
}

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[?::1\]?|localhost)$/i;

export async function startConnectProxy(): Promise<TestProxy> {
  const sockets = new Set<net.Socket>();
  // plain http through the proxy: an absolute URL in the request line, forwarded to loopback only
  const server = http.createServer((req, res) => {
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end();
      return;
    }
    proxy.forwarded.push(target.host);
    if (target.protocol !== 'http:' || !LOOPBACK.test(target.hostname)) {
      res.writeHead(403).end();
      return;
    }
    if (proxy.mode !== 'tunnel') {
      res.writeHead(407, { 'Proxy-Authenticate': 'Basic realm="test"' }).end();
      return;
    }
    // raw bytes over net (inside VS Code's extension host http.request itself is proxied: a loop)
    const head = [`${req.method} ${target.pathname}${target.search} HTTP/1.1`];
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      if (!/^(proxy-|connection$|keep-alive$)/i.test(req.rawHeaders[i])) head.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
    }
    head.push('Connection: close', '', '');
    const client = req.socket;
    const upstream = net.connect(Number(target.port || 80), target.hostname, () => {
      upstream.write(head.join('\r\n'));
      req.pipe(upstream);
      upstream.pipe(client); // the answer goes back as it is; both ends close when it is done
    });
    upstream.on('error', () => client.destroy());
    upstream.on('close', () => client.destroy());
  });
  const proxy: TestProxy = {
    url: '',
    tunnels: [],
    forwarded: [],
    mode: 'tunnel',
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const target = req.url ?? '';
    proxy.tunnels.push(target);
    const m = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(target);
    client.on('error', () => undefined);
    if (!m || !LOOPBACK.test(m[1])) {
      client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (proxy.mode === 'auth-required') {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (proxy.mode === 'drop') {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      client.destroy();
      return;
    }
    const upstream = net.connect(Number(m[2]), m[1].replace(/^\[|\]$/g, ''), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  (proxy as { url: string }).url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return proxy;
}
