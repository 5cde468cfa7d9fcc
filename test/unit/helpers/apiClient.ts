// The client as the unit tests use it against an in-process emulator: demo keys, short back-off and
// time-out; and the one way to expect an ApiError.
import * as assert from 'assert';
import { ApiError, Credentials, ModelArtsClient, type ClientOptions } from '../../../src/api';
import type { Emulator } from '../../../src/emulator/server';
import { DEMO_CREDENTIALS } from '../../../src/emulator/seed';

/** A client for `emu` (both endpoints), with the demo keys, 5–20 ms back-off and a 2 s time-out. */
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

/** Awaits `p`, which must reject with an ApiError, and returns that error. */
export async function rejectsApiError(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ApiError, `expected an ApiError, got ${e}`);
    return e;
  }
  assert.fail('expected the call to fail');
}
