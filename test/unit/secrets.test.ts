// The secrets check that ends `npm test` (test/harness/secrets.mjs) must be able to fail: it finds a
// planted secret key or security token, raw, URL-encoded or base64, in text and in binary files.
import * as assert from 'assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

interface SecretsModule {
  TEST_SECRETS: Record<string, string>;
  findSecrets(dirs: string[], secrets?: Record<string, string>): { hits: { file: string; name: string; at: number }[]; files: number };
}

suite('secrets check (test/harness/secrets.mjs)', () => {
  let mod: SecretsModule;
  suiteSetup(async () => {
    mod = (await import(path.resolve(__dirname, '../harness/secrets.mjs'))) as SecretsModule;
  });

  test('finds each secret as it is, URL-encoded and base64-encoded, in nested and binary files', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'secrets-check-'));
    const { 'secret key': sk, 'security token': token } = mod.TEST_SECRETS;
    assert.ok(sk && token);
    mkdirSync(path.join(dir, 'logs/deep'), { recursive: true });
    writeFileSync(path.join(dir, 'clean.log'), 'GET /v2/x/pools 200 12 ms\n');
    writeFileSync(path.join(dir, 'logs/deep/exthost.log'), `headers: {"X-Security-Token":"${token}"}`);
    writeFileSync(path.join(dir, 'blob.bin'), Buffer.concat([Buffer.from([0, 255, 7]), Buffer.from(Buffer.from(sk).toString('base64')), Buffer.from([0])]));
    writeFileSync(path.join(dir, 'page.txt'), `url ?sk=${encodeURIComponent(sk)}`);
    const { hits, files } = mod.findSecrets([dir]);
    assert.strictEqual(files, 4);
    assert.deepStrictEqual(hits.map((h) => `${path.relative(dir, h.file)} ${h.name}`).sort(), [
      'blob.bin secret key',
      'logs/deep/exthost.log security token',
      'page.txt secret key',
    ]);
  });

  test('a folder without secrets passes', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'secrets-check-'));
    writeFileSync(path.join(dir, 'a.log'), 'DEMOACCESSKEY00000000 is the access key, which is not secret');
    assert.deepStrictEqual(mod.findSecrets([dir]).hits, []);
  });
});
