// The client the unit suites build against an emulator (demo keys, short back-off), and the
// assertion that a call fails with an ApiError.
import * as assert from 'assert';
import { ApiError, ClientOptions, Credentials, ModelArtsClient } from '../../../src/api';
import type { Emulator } from '../../../src/emulator/server';
import { DEMO_CREDENTIALS } from '../../../src/emulator/seed';

/** A client signed with the demo keys, pointed at `emu`. */
export function emulatorClient(emu: Emulator, overrides: Partial<ClientOptions> = {}): ModelArtsClient {
  return new ModelArtsClient({
    credentials: new Credentials(DEMO_CREDENTIALS.accessKey, DEMO_CREDENTIALS.secretKey),
    endpoints: { cloud: 'custom', endpoint: emu.url, iamEndpoint: emu.url },
    backoffBaseMs: 5,
    backoffMaxMs: 20,
    timeoutMs: 2000,
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
