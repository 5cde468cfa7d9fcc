// Read-only texts for diff editors (scheme `modelarts-view`): the cloud / proposed / baseline sides
// of Apply and the two sides of Compare, whose URIs viewUri.ts builds. Each URI maps to a text set by its owner; a side can be
// given a loader so Refresh fetches it again. Both are let go of once no tab shows the side.
import * as vscode from 'vscode';
import { Disposable } from '../util/lifecycle';
import { VIEW_SCHEME } from './viewUri';

export class ViewDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly loaders = new Map<string, () => Promise<string>>();
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;

  constructor() {
    super();
    this.register(vscode.workspace.registerTextDocumentContentProvider(VIEW_SCHEME, this));
    // let go when no tab shows a side any more (VS Code may keep the document itself for minutes), or when VS Code closes it
    this.register(vscode.window.tabGroups.onDidChangeTabs((e) => {
      if (!e.closed.length) return;
      const shown = new Set(vscode.window.tabGroups.all.flatMap((g) => g.tabs).flatMap((t) => urisOf(t.input)).map((u) => u.toString()));
      for (const uri of e.closed.flatMap((t) => urisOf(t.input))) if (uri.scheme === VIEW_SCHEME && !shown.has(uri.toString())) this.forget(uri);
    }));
    this.register(vscode.workspace.onDidCloseTextDocument((d) => d.uri.scheme === VIEW_SCHEME && this.forget(d.uri)));
  }

  private forget(uri: vscode.Uri): void {
    this.texts.delete(uri.toString());
    this.loaders.delete(uri.toString());
  }

  /** Sets a side's text (and, optionally, how to load it again). */
  set(uri: vscode.Uri, text: string, loader?: () => Promise<string>): void {
    const key = uri.toString();
    const old = this.texts.get(key);
    this.texts.set(key, text);
    if (loader) this.loaders.set(key, loader);
    // (a text forgotten on close whose document VS Code still holds is announced too)
    if (old !== text && (old !== undefined || vscode.workspace.textDocuments.some((d) => d.uri.toString() === key))) this.changed.fire(uri);
  }

  text(uri: vscode.Uri): string | undefined {
    return this.texts.get(uri.toString());
  }

  /** Loads every side that has a loader and is still open (Refresh, or a changed view mode). */
  async reload(filter: (uri: vscode.Uri) => boolean = () => true): Promise<void> {
    const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    await Promise.all([...this.loaders].filter(([key]) => open.has(key) && filter(vscode.Uri.parse(key))).map(async ([key, load]) => {
      this.set(vscode.Uri.parse(key), await load());
    }));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
}

/** The documents a tab shows (both sides of a diff). */
function urisOf(input: unknown): vscode.Uri[] {
  if (input instanceof vscode.TabInputText) return [input.uri];
  if (input instanceof vscode.TabInputTextDiff) return [input.original, input.modified];
  return [];
}
