// What a handler answers (Reply) and how it goes on the wire, and how a request's body is read.
// Every answer carries X-Request-Id, the JSON content type unless a fault says otherwise, and the
// emulator's own Date; a fault can add headers, a content coding, a cut-off or a slow body.
import { randomBytes } from 'crypto';
import type * as http from 'http';
import { brotliCompressSync, deflateSync, gzipSync } from 'zlib';
import type { ErrorReply } from './cloudErrors';

export const JSON_CONTENT_TYPE = 'application/json;charset=UTF-8';
/** Larger bodies get the gateway's 413 (API.md §4.2: "> 12 MB"). */
const MAX_BODY_BYTES = 12 * 1024 * 1024;
/** Content codings a fault can really apply; any other name is sent as the header only. */
const ENCODERS = new Map<string, (b: Buffer) => Buffer>([['gzip', gzipSync], ['deflate', deflateSync], ['br', brotliCompressSync]]);

export interface Reply {
  status: number;
  /** Serialised as JSON unless `raw` is given. */
  body?: unknown;
  raw?: string;
  /** Bytes sent as they are (bodies that are not valid UTF-8). */
  bytes?: Buffer;
  contentType?: string;
  retryAfter?: number;
  /** From a fault rule: extra headers, a content coding, a body cut off after this many bytes. */
  headers?: Record<string, string>;
  contentEncoding?: string;
  cutBodyAtBytes?: number;
}

export function requestId(): string {
  return randomBytes(16).toString('hex');
}

export function errorReply(e: ErrorReply): Reply {
  return { status: e.status, body: e.body };
}

export function parseJson(body: Buffer): unknown {
  return JSON.parse(body.toString('utf8'));
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** The whole body; undefined when it is larger than the gateway takes. */
export function readBody(req: http.IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Sends a reply. `nowMs` is the emulator's clock (its Date header, as the gateway sends its own);
 * `sleep` is the server's, which close() cancels, for a slow body.
 */
export function sendReply(
  res: http.ServerResponse,
  reply: Reply,
  id: string,
  nowMs: number,
  sleep: (ms: number) => Promise<void>,
  slowBodyMs = 0,
): Promise<void> {
  const text = reply.bytes ?? reply.raw ?? JSON.stringify(reply.body ?? {});
  const headers: http.OutgoingHttpHeaders = {
    'Content-Type': reply.contentType ?? JSON_CONTENT_TYPE,
    'X-Request-Id': id,
    // the emulator's own clock (node would send the machine's), as the gateway sends its own
    Date: new Date(nowMs).toUTCString(),
  };
  if (reply.retryAfter !== undefined) headers['Retry-After'] = String(reply.retryAfter);
  Object.assign(headers, reply.headers);
  let body: Buffer = Buffer.from(text);
  if (reply.contentEncoding !== undefined) {
    headers['Content-Encoding'] = reply.contentEncoding;
    const encode = ENCODERS.get(reply.contentEncoding);
    if (encode) body = encode(body);
  }
  if (reply.cutBodyAtBytes !== undefined) {
    // the whole length announced, part of the body sent, then the connection dropped
    headers['Content-Length'] = body.length;
    res.writeHead(reply.status, headers);
    res.write(body.subarray(0, Math.min(reply.cutBodyAtBytes, body.length - 1)), () => res.socket?.destroy());
    return Promise.resolve();
  }
  if (!slowBodyMs) {
    headers['Content-Length'] = body.length;
    res.writeHead(reply.status, headers);
    res.end(body);
    return Promise.resolve();
  }
  // Headers now, body later and in pieces: a client that times out on the body must notice.
  res.writeHead(reply.status, headers);
  res.flushHeaders();
  return (async () => {
    await sleep(slowBodyMs);
    const buf = body;
    const size = Math.max(1, Math.ceil(buf.length / 4));
    for (let i = 0; i < buf.length; i += size) {
      if (res.destroyed) return;
      res.write(buf.subarray(i, i + size));
      await sleep(10);
    }
    res.end();
  })();
}
