// Helpers for the extension-host suites: the extension's services, the emulator's control API, the
// tree as VS Code sees it (getChildren + getTreeItem), condition waits, and stubs of window prompts.
// The test bundles are separate from the extension bundle, so nodes are inspected by shape, never
// with instanceof.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { OPS_CREDENTIALS } from '../../src/emulator/seed';
import { activatedExtension } from './ext';

// The parts of the extension's API these suites use (see src/extension.ts ExtensionApi).
export interface Node {
  kind: 'project' | 'pool' | 'plugin' | 'message';
  id: string;
}
/** Where a plug-in's document lives (core/pluginRef.ts): the trackers take plug-ins by it. */
export type DocRef = Record<string, string>;
/** A pool row names its plug-ins' references; a plug-in row has its own. */
export const poolRef = (pool: Node, template: string): DocRef => (pool as unknown as { docRef(t: string): DocRef }).docRef(template);
export const pluginRef = (plugin: Node): DocRef => (plugin as unknown as { docRef: DocRef }).docRef;
interface Services {
  context: vscode.ExtensionContext;
  tree: vscode.TreeDataProvider<Node> & {
    refresh(): void;
    refreshNode(n: Node): void;
    setFilter(text: string): void;
  };
  session: { signedIn: boolean; profile: string; credentialSource?: string; load(o?: { onlyIfChanged?: boolean }): Promise<void>; onDidChange: vscode.Event<void> };
  documents: { entry(uri: vscode.Uri): { text: string; status?: string } | undefined };
  deletions: { stopAll(): Promise<void>; tracking: Record<string, unknown> };
  treeView: vscode.TreeView<Node>;
  changes: { stopAll(): Promise<void> };
  editDocuments: { baseline(uri: vscode.Uri): Record<string, unknown> | undefined };
  views: { text(uri: vscode.Uri): string | undefined };
}
export interface Api {
  context: vscode.ExtensionContext;
  contextValues: string[];
  commandIds: string[];
  services: Services;
}

export async function api(): Promise<Api> {
  return (await activatedExtension()).exports as unknown as Api;
}

export const EMULATOR = (): string => {
  const url = process.env.MODELARTS_EMULATOR_URL;
  assert.ok(url, 'MODELARTS_EMULATOR_URL is not set');
  return url;
};

/** Calls the emulator's unsigned control API (/__emulator/…). */
export async function control<T = unknown>(method: string, action: string, body?: unknown): Promise<T> {
  const r = await fetch(`${EMULATOR()}/__emulator/${action}`, {
    method,
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  assert.ok(r.ok, `control ${method} ${action}: ${r.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: string;
  status: number;
  responseBody?: string;
  requestBody?: string;
  contentType?: string;
}

export const requests = (): Promise<LoggedRequest[]> => control<LoggedRequest[]>('GET', 'requests');

export interface Row {
  node: Node;
  label: string;
  description: string;
  contextValue: string;
  tooltip: string;
  /** What a screen reader says for the row. */
  accessibility?: string;
  /** The row's icon: codicon id and colour id, when it is a theme icon. */
  icon?: { id: string; color?: string };
}

/**
 * The children of a node as the view shows them. Every row's contextValue must be one the extension
 * declares (exports.contextValues, derived from the code), since package.json's menus are checked
 * against that list: a row outside it could have menus nobody checked.
 */
export async function rows(parent?: Node): Promise<Row[]> {
  const { services: { tree }, contextValues } = await api();
  const nodes = ((await tree.getChildren(parent)) ?? []) as Node[];
  const shown = await Promise.all(nodes.map(async (node) => {
    const item = await tree.getTreeItem(node);
    const label = typeof item.label === 'string' ? item.label : item.label?.label ?? '';
    const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip ?? '');
    const icon = item.iconPath instanceof vscode.ThemeIcon ? { id: item.iconPath.id, color: item.iconPath.color?.id } : undefined;
    return { node, label, description: String(item.description ?? ''), contextValue: item.contextValue ?? '', tooltip, accessibility: item.accessibilityInformation?.label, icon };
  }));
  const undeclared = shown.filter((r) => !contextValues.includes(r.contextValue)).map((r) => `${r.label}: ${r.contextValue}`);
  assert.deepStrictEqual(undeclared, [], 'rows with a contextValue missing from exports.contextValues');
  return shown;
}

/** The row with this label, failing with the labels that are there. */
export async function row(parent: Node | undefined, label: string): Promise<Row> {
  const all = await rows(parent);
  const found = all.find((r) => r.label === label);
  assert.ok(found, `no row "${label}" under ${parent?.id ?? 'the root'}; rows: ${all.map((r) => r.label).join(', ')}`);
  return found;
}

export { waitFor } from '../unit/helpers/waitFor';

type WindowFn = 'showWarningMessage' | 'showErrorMessage' | 'showInformationMessage' | 'showInputBox' | 'showQuickPick';

/** Replaces a vscode.window prompt (the extension shares this API object) and records its calls. */
export function stub(name: WindowFn, answer: (...args: unknown[]) => unknown): { calls: unknown[][]; restore(): void } {
  const w = vscode.window as unknown as Record<string, unknown>;
  const original = w[name];
  const calls: unknown[][] = [];
  w[name] = (...args: unknown[]) => {
    calls.push(args);
    return Promise.resolve(answer(...args));
  };
  return { calls, restore: () => (w[name] = original) };
}

/** One step of a multi-step quick pick as the extension showed it. */
export interface ShownStep {
  title?: string;
  step?: number;
  labels: string[];
  descriptions: string[];
  hasBack: boolean;
}

/** How a scripted step ends: accept the item with this label, press Back, or Escape. */
export type StepAnswer = string | { back: true } | { escape: true };

/**
 * Replaces vscode.window.createQuickPick with a scripted one: when the extension shows a pick (and
 * its items have loaded), `answer` decides. Everything the extension showed is recorded. A script
 * that cannot be followed (no such item, items that never load, `answer` throwing) closes the pick
 * as Escape would, so the command ends, and restore() — called in the test's finally — throws why:
 * the test fails at once instead of waiting for its time-out behind an unhandled rejection.
 */
export function scriptQuickPicks(answer: (shown: ShownStep, index: number) => StepAnswer): { shown: ShownStep[]; restore(): void } {
  const w = vscode.window as unknown as Record<string, unknown>;
  const original = w.createQuickPick;
  const shown: ShownStep[] = [];
  let failure: unknown;
  w.createQuickPick = () => {
    const accept = new vscode.EventEmitter<void>();
    const button = new vscode.EventEmitter<vscode.QuickInputButton>();
    const hide = new vscode.EventEmitter<void>();
    const qp: Record<string, unknown> = {
      items: [] as vscode.QuickPickItem[], selectedItems: [], activeItems: [], buttons: [], busy: false, value: '',
      onDidAccept: accept.event, onDidTriggerButton: button.event, onDidHide: hide.event,
      onDidChangeValue: new vscode.EventEmitter<string>().event, onDidChangeActive: new vscode.EventEmitter<unknown>().event,
      onDidChangeSelection: new vscode.EventEmitter<unknown>().event, onDidTriggerItemButton: new vscode.EventEmitter<unknown>().event,
      hide: () => hide.fire(),
      dispose: () => undefined,
      show: () => {
        void (async () => {
          const deadline = Date.now() + 10_000;
          while (qp.busy && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
          assert.ok(!qp.busy, `the items of "${String(qp.title)}" did not load within 10 s`);
          const items = qp.items as vscode.QuickPickItem[];
          const step: ShownStep = {
            title: qp.title as string, step: qp.step as number, labels: items.map((i) => i.label), descriptions: items.map((i) => i.description ?? ''),
            hasBack: (qp.buttons as vscode.QuickInputButton[]).includes(vscode.QuickInputButtons.Back),
          };
          shown.push(step);
          const a = answer(step, shown.length - 1);
          if (typeof a === 'string') {
            const item = items.find((i) => i.label === a);
            assert.ok(item, `no item "${a}" in step ${step.step}: ${step.labels.join(', ')}`);
            qp.selectedItems = [item];
            accept.fire();
          } else if ('back' in a) button.fire(vscode.QuickInputButtons.Back);
          else hide.fire();
        })().catch((e: unknown) => {
          failure ??= e;
          hide.fire();
        });
      },
    };
    return qp;
  };
  return {
    shown,
    restore: () => {
      w.createQuickPick = original;
      if (failure) throw failure;
    },
  };
}

/** Signs in to profile `name` (which becomes current) with the emulator's second account, as a user types the keys. */
export async function signInOps(name = 'ops'): Promise<void> {
  const typed = [name, OPS_CREDENTIALS.accessKey, OPS_CREDENTIALS.secretKey, ''];
  const input = stub('showInputBox', () => typed.shift());
  const info = stub('showInformationMessage', () => undefined);
  try {
    await vscode.commands.executeCommand('modelarts.signIn');
  } finally {
    input.restore();
    info.restore();
  }
  assert.strictEqual((await api()).services.session.profile, name);
}
