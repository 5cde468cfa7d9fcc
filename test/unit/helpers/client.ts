// The one way the test suites and the benchmarks build a client against an emulator (demo keys),
// and the assertion that a call fails with an ApiError.
import * as assert from 'assert';
import { ApiError, ClientOptions, Credentials, ModelArtsClient } from '../../../src/api';
import { DEMO_CREDENTIALS } from '../../../src/emulator/seed';

/** Unit suites provoke failures: a fast back-off and a short time-out keep them quick. */
const FAST: Partial<ClientOptions> = { backoffBaseMs: 5, backoffMaxMs: 20, timeoutMs: 2000 };

/**
 * A client signed with the demo keys, pointed at an emulator (in process or a child): with `fast`
 * defaults for the unit suites, or the `product`'s own (as the extension and the CLI build it) for
 * benchmarks; then `overrides`.
 */
export function emulatorClient(emu: { url: string }, overrides: Partial<ClientOptions> = {}, defaults: 'fast' | 'product' = 'fast'): ModelArtsClient {
  return new ModelArtsClient({
    credentials: new Credentials(DEMO_CREDENTIALS.accessKey, DEMO_CREDENTIALS.secretKey),
    endpoints: { cloud: 'custom', endpoint: emu.url, iamEndpoint: emu.url },
    ...(defaults === 'fast' ? FAST : {}),
    ...overrides,
  });
}

/** Awaits `p` and returns the ApiError it fails with; fails the test when it succeeds or throws something else. */
export async function rejects(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ApiError, `expected an ApiError, got ${e}`);
    return e;
  }
  assert.fail('expected the call to fail');
}
