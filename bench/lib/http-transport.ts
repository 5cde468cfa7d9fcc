// The transport proposed for src/api/client.ts in place of node-fetch: node:http(s) directly, the
// same FetchLike contract (status, ok, headers.get, text(), abort through init.signal). The bench runs
// ModelArtsClient with it injected (ClientOptions.fetch) as variant b′, so the proposal is measured,
// not guessed. Differences from node-fetch: no redirects followed (a signed API never needs them), no
// Accept-Encoding/decompression (add zlib gunzip if the gateway's lists get large), no WHATWG streams.
import * as http from 'http';
import * as https from 'https';
import type { FetchInit, FetchResponse } from '../../src/api';

export function httpTransport(url: string, init: FetchInit): Promise<FetchResponse> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = (u.protocol === 'https:' ? https : http).request(
      u,
      { method: init.method, headers: init.headers, agent: init.agent as http.Agent | undefined },
      (res) => {
        const chunks: Buffer[] = [];
        const text = new Promise<string>((ok, fail) => {
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
          res.on('error', fail);
          res.on('close', () => {
            if (!res.complete) fail(new Error('the connection closed before the whole answer arrived'));
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
