// Harness self-check: MODELARTS_HOST_SELFTEST_FAIL=1 npm run test:host must report one failure and exit non-zero.
import * as assert from 'assert';

if (process.env.MODELARTS_HOST_SELFTEST_FAIL === '1') {
  suite('harness self-check', () => {
    test('deliberately fails (MODELARTS_HOST_SELFTEST_FAIL=1)', () => {
      assert.fail('deliberate failure: the harness must report this and exit non-zero');
    });
  });
}
