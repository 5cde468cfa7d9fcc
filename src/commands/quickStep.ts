// One step of a multi-step quick pick (the Install wizard): a QuickPick with a Back button after
// the first step, items that may still be loading (the pick shows busy meanwhile), and three ways
// out — an item, Back, or Escape (undefined). Disposed on every way out.
import * as vscode from 'vscode';

export const BACK = Symbol('back');

export interface StepOptions<T extends vscode.QuickPickItem> {
  title: string;
  step: number;
  totalSteps: number;
  placeholder: string;
  items: T[] | Promise<T[]>;
}

/** Shows one step; resolves to the accepted item, BACK, or undefined on Escape. A load failure rejects. */
export function quickStep<T extends vscode.QuickPickItem>(opts: StepOptions<T>): Promise<T | typeof BACK | undefined> {
  const qp = vscode.window.createQuickPick<T>();
  qp.title = opts.title;
  qp.step = opts.step;
  qp.totalSteps = opts.totalSteps;
  qp.placeholder = opts.placeholder;
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  qp.ignoreFocusOut = true;
  qp.buttons = opts.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  const disposables: vscode.Disposable[] = [qp];
  return new Promise<T | typeof BACK | undefined>((resolve, reject) => {
    let settled = false;
    const finish = (v: T | typeof BACK | undefined, error?: unknown): void => {
      if (settled) return;
      settled = true;
      disposables.forEach((d) => d.dispose());
      if (error !== undefined) reject(error);
      else resolve(v);
    };
    disposables.push(
      qp.onDidAccept(() => {
        const item = qp.selectedItems[0] ?? qp.activeItems[0];
        if (item) finish(item);
      }),
      qp.onDidTriggerButton((b) => b === vscode.QuickInputButtons.Back && finish(BACK)),
      qp.onDidHide(() => finish(undefined)),
    );
    if (Array.isArray(opts.items)) qp.items = opts.items;
    else {
      qp.busy = true;
      opts.items.then((items) => {
        qp.items = items;
        qp.busy = false;
      }, (e) => finish(undefined, e));
    }
    qp.show();
  });
}
