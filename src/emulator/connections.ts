// Connection tracking: which sockets carried ModelArts / IAM requests, so a test can see keep-alive
// reuse (few connections opened for many requests) and close() can drop every connection, also one
// still in its TLS handshake. Control API traffic is not counted.
import type * as http from 'http';
import type * as https from 'https';
import type { Socket } from 'net';

/** The connections that carried ModelArts / IAM requests (control API traffic is not counted). */
export interface ConnectionStats {
  /** Opened since the start or the last reset. */
  opened: number;
  /** Open now (whenever they were opened). */
  open: number;
  /** Of the open ones, those with a request in progress. */
  busy: number;
}

interface ConnectionInfo {
  serial: number;
  /** Has carried a ModelArts / IAM request, so it is counted in `opened`. */
  carried: boolean;
  inFlight: number;
}

export class ConnectionTracker {
  private readonly sockets = new Map<Socket, ConnectionInfo>();
  private readonly handshaking = new Set<Socket>();
  private serial = 0;
  private opened = 0;

  constructor(server: http.Server | https.Server, tls: boolean) {
    // over https a request's socket is the TLS socket, so count those
    server.on(tls ? 'secureConnection' : 'connection', (socket: Socket) => {
      this.sockets.set(socket, { serial: ++this.serial, carried: false, inFlight: 0 });
      socket.on('close', () => this.sockets.delete(socket));
    });
    // a TLS handshake still under way at close() has no TLS socket yet: close its TCP socket
    if (tls) {
      server.on('connection', (raw: Socket) => {
        this.handshaking.add(raw);
        raw.on('close', () => this.handshaking.delete(raw));
      });
    }
  }

  /** Counts a ModelArts / IAM request on its connection until `res` closes; the connection's serial number, 0 when unknown. */
  carry(req: http.IncomingMessage, res: http.ServerResponse): number {
    const conn = this.sockets.get(req.socket);
    if (!conn) return 0;
    if (!conn.carried) {
      conn.carried = true;
      this.opened++;
    }
    conn.inFlight++;
    res.once('close', () => conn.inFlight--);
    return conn.serial;
  }

  stats(): ConnectionStats {
    let open = 0;
    let busy = 0;
    for (const c of this.sockets.values()) {
      if (!c.carried) continue;
      open++;
      if (c.inFlight > 0) busy++;
    }
    return { opened: this.opened, open, busy };
  }

  /** After a reset, `opened` counts from zero again. */
  resetOpened(): void {
    this.opened = 0;
  }

  /** Drops every connection (close()). */
  destroyAll(): void {
    for (const s of this.sockets.keys()) s.destroy();
    for (const s of this.handshaking) s.destroy();
  }
}
