// The host tests' own tools (tools.ts) must fail when what they script cannot happen.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { control, row, scriptQuickPicks } from './tools';

suite('harness tools', () => {
  test('REVIEW #12 a scripted quick pick that names no item fails the test at once, and the command ends', async function () {
    // before: the assertion ran inside `void (async …)`: an unhandled rejection, the pick stayed
    // open and the test waited for its time-out
    this.timeout(15_000);
    await control('POST', 'reset');
    const pool = (await row((await row(undefined, 'cn-north-4')).node, 'empty-pool')).node;
    const qp = scriptQuickPicks(() => 'No such template');
    let failure: unknown;
    try {
      await vscode.commands.executeCommand('modelarts.installPlugin', pool); // ends: the pick was closed
    } finally {
      try {
        qp.restore();
      } catch (e) {
        failure = e;
      }
    }
    assert.match(String(failure), /no item "No such template" in step 1: .*NodeLocal DNSCache/);
    assert.strictEqual(qp.shown.length, 1);
  });
});
