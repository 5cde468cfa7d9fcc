// Shared by the extension-host tests: the extension under test, activated, and its test API.
import * as assert from 'assert';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'modelarts-plugins.modelarts-plugins';

/** console.log for tests: tagged so the harness relays it (plain console output stays in the host log). */
export function testLog(message: string): void {
  console.log(`[test]       ${message}`);
}

/** What activate() returns. The extension promises this contract to its tests. */
export interface ExtensionTestApi {
  context?: vscode.ExtensionContext;
  contextValues?: unknown;
}

export async function activatedExtension(): Promise<vscode.Extension<ExtensionTestApi | undefined>> {
  const ext = vscode.extensions.getExtension<ExtensionTestApi | undefined>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded in this extension host`);
  await ext.activate();
  return ext;
}

/** The exported API, failing with a message that says what the extension must provide. */
export async function extensionApi(field: keyof ExtensionTestApi): Promise<ExtensionTestApi> {
  const api = (await activatedExtension()).exports;
  assert.ok(
    api && typeof api === 'object' && api[field] !== undefined,
    `activate() must return an object with "${field}" (the extension's test API); it returned ${describe(api)}`,
  );
  return api;
}

function describe(v: unknown): string {
  if (v === undefined || v === null) return String(v);
  if (typeof v === 'object') return `an object with keys [${Object.keys(v).join(', ')}]`;
  return typeof v;
}
