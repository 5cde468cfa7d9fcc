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
  mode: ProxyMode;
  close(): Promise<void>;
}

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[?::1\]?|localhost)$/i;

export async function startConnectProxy(): Promise<TestProxy> {
  const sockets = new Set<net.Socket>();
  const server = http.createServer((_req, res) => {
    res.writeHead(405, { 'Content-Type': 'text/plain' }).end('this test proxy only tunnels (CONNECT)\n');
  });
  const proxy: TestProxy = {
    url: '',
    tunnels: [],
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
