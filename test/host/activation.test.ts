import * as assert from 'assert';
import * as vscode from 'vscode';
import { activatedExtension, extensionApi, EXTENSION_ID, testLog } from './ext';

suite('activation', () => {
  test(`${EXTENSION_ID} activates in the real extension host`, async () => {
    const ext = await activatedExtension();
    assert.strictEqual(ext.isActive, true);
    testLog(`VS Code ${vscode.version}, Node ${process.version}, remote ${vscode.env.remoteName ?? 'none'}`);
  });

  test('the harness points the extension at the emulator', () => {
    const url = process.env.MODELARTS_EMULATOR_URL;
    assert.ok(url, 'MODELARTS_EMULATOR_URL is not set: the harness did not start the emulator');
    const cfg = vscode.workspace.getConfiguration('modelarts');
    assert.strictEqual(cfg.get('cloud'), 'custom');
    assert.strictEqual(cfg.get('endpoint'), url);
    assert.strictEqual(cfg.get('iamEndpoint'), url);
  });

  test('SecretStorage round-trips through the extension context', async () => {
    const { context } = await extensionApi('context');
    const secrets = context!.secrets;
    const key = `modelarts.test.${Date.now()}`;
    const value = `s3cret-${Math.random().toString(36).slice(2)}`;
    assert.strictEqual(await secrets.get(key), undefined);
    await secrets.store(key, value);
    assert.strictEqual(await secrets.get(key), value);
    await secrets.delete(key);
    assert.strictEqual(await secrets.get(key), undefined);
  });
});
