// Read-only texts for diff editors (scheme `modelarts-view`): the cloud / proposed / baseline sides
// of Apply and the two sides of Compare. Each URI maps to a text set by its owner; a side can be
// given a loader so Refresh fetches it again.
import * as vscode from 'vscode';
import { Disposable } from '../util/lifecycle';

export const VIEW_SCHEME = 'modelarts-view';

export class ViewDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly loaders = new Map<string, () => Promise<string>>();
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;

  constructor() {
    super();
    this.register(vscode.workspace.registerTextDocumentContentProvider(VIEW_SCHEME, this));
  }

  /** A URI under this scheme; `path` ends with the name the tab shows. */
  static uri(path: string, query: Record<string, string> = {}): vscode.Uri {
    return vscode.Uri.from({ scheme: VIEW_SCHEME, path, query: new URLSearchParams(query).toString() });
  }

  /** Sets a side's text (and, optionally, how to load it again). */
  set(uri: vscode.Uri, text: string, loader?: () => Promise<string>): void {
    const key = uri.toString();
    const old = this.texts.get(key);
    this.texts.set(key, text);
    if (loader) this.loaders.set(key, loader);
    if (old !== undefined && old !== text) this.changed.fire(uri);
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
