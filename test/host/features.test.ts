// Features no other test touched (issue 18, item 15) that need VS Code: Sign Out All Profiles,
// per-profile settings (modelarts.profiles) and Compare with any other plug-in. The CLI's parts are
// in test/unit/features.test.ts.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { PROJECT_OPS_EU } from '../../src/emulator/seed';
import { api, control, requests, row, rows, stub, waitFor, signInOps } from './tools';

interface Session {
  profile: string;
  signedIn: boolean;
  profiles(): string[];
  load(): Promise<void>;
}
const session = async (): Promise<Session> => (await api()).services.session as unknown as Session;
const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('modelarts');

/** What these tests change of the account state, to put it back as the other suites left it. */
interface Saved { secret?: string; signedOut?: boolean; names?: string[] }

async function saveAccounts(): Promise<Saved> {
  const { context } = await api();
  return {
    secret: await context.secrets.get('modelarts.credentials'),
    signedOut: context.globalState.get<boolean>('modelarts.signedOut'),
    names: context.globalState.get<string[]>('modelarts.profileNames'),
  };
}

async function restoreAccounts(saved: Saved): Promise<void> {
  const { context } = await api();
  if ((await session()).profile !== 'default') await vscode.commands.executeCommand('modelarts.switchProfile', 'default');
  await context.secrets.delete('modelarts.credentials.ops');
  if (saved.secret) await context.secrets.store('modelarts.credentials', saved.secret);
  else await context.secrets.delete('modelarts.credentials');
  await context.globalState.update('modelarts.signedOut', saved.signedOut);
  await context.globalState.update('modelarts.profileNames', saved.names);
  await (await session()).load();
  assert.ok((await session()).signedIn, 'signed in to default again');
}

suite('REVIEW #15 features no test touched (VS Code)', () => {
  let saved: Saved;
  setup(async () => {
    saved = await saveAccounts();
    await control('POST', 'reset');
    await control('DELETE', 'requests');
  });
  teardown(async () => {
    await config().update('profiles', undefined, vscode.ConfigurationTarget.Global);
    await restoreAccounts(saved);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('REVIEW #15 Sign Out All Profiles: asks first (cancel deletes nothing), then deletes every profile\'s keys and goes back to default, signed out', async function () {
    this.timeout(40_000);
    const { context } = await api();
    const s = await session();
    await signInOps('ops');
    await vscode.commands.executeCommand('modelarts.switchProfile', 'default');
    assert.ok(s.signedIn);
    let answer: string | undefined;
    const warning = stub('showWarningMessage', (_m, o) => ((o as vscode.MessageOptions)?.modal ? answer : undefined));
    const info = stub('showInformationMessage', () => undefined);
    try {
      await vscode.commands.executeCommand('modelarts.signOutAll'); // cancelled
      assert.match(String((warning.calls[0][1] as vscode.MessageOptions).detail), /default, ops/);
      assert.ok(await context.secrets.get('modelarts.credentials.ops'), 'cancelling kept the keys');
      assert.ok(s.signedIn);
      answer = 'Sign Out of All';
      await vscode.commands.executeCommand('modelarts.signOutAll');
    } finally {
      warning.restore();
      info.restore();
    }
    assert.strictEqual(await context.secrets.get('modelarts.credentials.ops'), undefined);
    assert.strictEqual(await context.secrets.get('modelarts.credentials'), undefined);
    assert.deepStrictEqual([s.profile, s.signedIn, s.profiles()], ['default', false, ['default']], 'the environment\'s keys are not used again until Sign In');
    await waitFor('the welcome view (no rows)', async () => (await rows()).length === 0);
  });

  test('REVIEW #15 per-profile settings: modelarts.profiles gives a profile its own projects; the others keep theirs', async function () {
    this.timeout(40_000);
    await config().update('profiles', { ops: { projects: [{ id: PROJECT_OPS_EU.id, name: 'ops-only' }] } }, vscode.ConfigurationTarget.Global);
    assert.ok((await session()).profiles().includes('ops'), 'a profile with settings is listed before it has keys');
    await signInOps('ops'); // Sign In checks the keys with IAM; the tree must not ask it for projects
    await control('DELETE', 'requests');
    (await api()).services.tree.refresh();
    const projects = (await rows()).filter((r) => r.node.kind === 'project');
    assert.deepStrictEqual(projects.map((r) => r.label), ['ops-only'], 'the projects of the profile\'s settings, not IAM\'s');
    const pools = await rows((await row(undefined, 'ops-only')).node);
    assert.deepStrictEqual(pools.map((p) => p.label).sort(), ['ops-infer', 'ops-train']);
    assert.ok((await requests()).every((r) => !r.path.startsWith('/v3/auth/projects')), 'IAM was not asked for the projects');
    await vscode.commands.executeCommand('modelarts.switchProfile', 'default');
    const top = (await rows()).map((r) => r.label);
    assert.ok(top.includes('cn-north-4') && !top.includes('ops-only'), `default keeps the top-level settings: ${top.join(', ')}`);
  });

  test('REVIEW #15 Compare with any other plug-in: "Another plug-in…" picks project, pool and plug-in, and diffs two templates', async function () {
    this.timeout(30_000);
    const dns = (await row((await row((await row(undefined, 'cn-north-4')).node, 'auto-pool-os')).node, 'node-local-dns')).node;
    const answers: ((i: vscode.QuickPickItem) => boolean)[] = [
      (i) => /Another plug-in/.test(i.label),
      (i) => i.label === 'cn-north-4',
      (i) => i.label === 'auto-pool-os',
      (i) => i.label === 'volcano',
    ];
    const titles: string[] = [];
    const pick = stub('showQuickPick', async (items, o) => {
      titles.push(String((o as vscode.QuickPickOptions)?.title));
      const offered = (await (items as Promise<vscode.QuickPickItem[]>)) ?? [];
      const want = answers.shift();
      const chosen = want && offered.find(want);
      assert.ok(chosen, `pick ${titles.length}: ${offered.map((i) => i.label).join(', ')}`);
      return chosen;
    });
    try {
      await vscode.commands.executeCommand('modelarts.comparePlugin', dns);
    } finally {
      pick.restore();
    }
    assert.deepStrictEqual(answers, [], `every step was offered: ${titles.join(' | ')}`);
    const tab = await waitFor('the diff', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs)
      .find((t) => t.input instanceof vscode.TabInputTextDiff && t.label === 'node-local-dns (auto-pool-os) ↔ volcano (auto-pool-os)'));
    const { views } = (await api()).services;
    const input = tab.input as vscode.TabInputTextDiff;
    assert.strictEqual(JSON.parse(views.text(input.original)!).name, 'node-local-dns');
    assert.strictEqual(JSON.parse(views.text(input.modified)!).name, 'volcano');
  });
});
