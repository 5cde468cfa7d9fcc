// The client's default transport: node:http(s) directly, behind the small FetchLike contract
// (status, ok, headers.get, text(), abort through init.signal). Chosen over node-fetch after
// measuring it (bench/): node-fetch 3 with its WHATWG-streams polyfill was 88 KB of a 136 KB
// extension bundle and doubled the CPU per request. A signed API needs none of what it adds:
// no redirects are followed, no Accept-Encoding is sent (so nothing to decompress).
import * as http from 'http';
import * as https from 'https';
import type { FetchInit, FetchResponse } from './client';

/** One request; resolves at the response headers, `text()` reads the whole body as UTF-8. */
export function httpTransport(url: string, init: FetchInit): Promise<FetchResponse> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = (u.protocol === 'https:' ? https : http).request(
      u,
      { method: init.method, headers: init.headers, agent: init.agent as http.Agent | undefined },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const text = new Promise<string>((ok, fail) => {
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (init.maxBytes !== undefined && size > init.maxBytes) {
              chunks.length = 0;
              res.destroy(Object.assign(new Error(`the answer is larger than ${init.maxBytes} bytes`), { code: 'ERESPONSETOOLARGE' }));
              return;
            }
            chunks.push(c);
          });
          res.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
          res.on('error', fail);
          res.on('close', () => {
            if (!res.complete) fail(Object.assign(new Error('the connection closed before the whole answer arrived'), { code: 'ECONNRESET' }));
          });
        });
        text.catch(() => undefined); // a caller that never reads the body must not cause an unhandled rejection
        const status = res.statusCode ?? 0;
        resolve({
          status,
          ok: status >= 200 && status < 300,
          headers: {
            get(name: string): string | null {
              const v = res.headers[name.toLowerCase()];
              return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
            },
          },
          text: () => text,
        });
      },
    );
    const onAbort = (): void => {
      req.destroy(new Error('aborted'));
    };
    if (init.signal.aborted) onAbort();
    else init.signal.addEventListener('abort', onAbort, { once: true });
    req.on('close', () => init.signal.removeEventListener('abort', onAbort));
    req.on('error', reject);
    req.end(init.body);
  });
}
