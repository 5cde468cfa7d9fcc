// Read-only plug-in documents: a read-only FileSystemProvider over an in-memory store of what the
// cloud answered, plus the phase decorations and hover. A file system (not a content provider)
// because VS Code activates the extension for it (`onFileSystem:modelarts-plugin`) when it restores
// a tab after a reload, and the provider then fetches the plug-in itself; and because its
// `isReadonly` message can say why the document cannot be edited and what to use instead.
// Tracking status ("deleting… 40 s", "removed at …") is decoration after-text, never in the JSON.
import * as vscode from 'vscode';
import { ApiError, PLUGIN_PHASE_MEANING, Plugin } from '../api';
import { Session } from '../auth/session';
import type { PluginChangeEvent } from '../core/pluginChange';
import { phaseColorId } from '../core/phase';
import { Disposable } from '../util/lifecycle';
import { Log } from '../util/log';
import { formatStatusValues, statusValues } from '../core/statusValues';
import { PhaseLocation, findPhase, findStatusValuesLine } from './phase';
import { PLUGIN_SCHEME, PluginDocRef, fromPluginUri, toPluginUri } from './pluginUri';

interface Entry {
  text: string;
  bytes: Uint8Array;
  /** What the cloud answered (any JSON value); undefined when it could not be loaded. */
  plugin: Plugin | undefined;
  mtime: number;
  /** Tracking state shown after the phase, e.g. "deleting… 40 s". */
  status?: string;
}

/** Shown by VS Code when someone tries to type into a plug-in document. */
export function readonlyMessage(): string {
  return vscode.l10n.t('This is what the cloud answered for the plug-in; it is read-only so it always shows the cloud\'s state. To change the plug-in, use **Edit Plug-in…** (from the plug-in in the ModelArts view or the command palette).');
}

export class PluginDocuments extends Disposable implements vscode.FileSystemProvider {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<Entry>>();
  private readonly fileChanged = this.register(new vscode.EventEmitter<vscode.FileChangeEvent[]>());
  readonly onDidChangeFile = this.fileChanged.event;
  private readonly types = new Map<string, vscode.TextEditorDecorationType>();

  constructor(private readonly session: Session, private readonly log: Log) {
    super();
    this.register(vscode.workspace.registerFileSystemProvider(PLUGIN_SCHEME, this, {
      isCaseSensitive: true,
      isReadonly: new vscode.MarkdownString(readonlyMessage()),
    }));
    this.register(vscode.languages.registerHoverProvider({ scheme: PLUGIN_SCHEME }, { provideHover: (d, p) => this.hover(d, p) }));
    this.register(vscode.window.onDidChangeVisibleTextEditors(() => this.decorateAll()));
    this.register(vscode.workspace.onDidChangeTextDocument((e) => e.document.uri.scheme === PLUGIN_SCHEME && this.decorateAll()));
    this.register(vscode.workspace.onDidCloseTextDocument((d) => d.uri.scheme === PLUGIN_SCHEME && this.forgetIfUnused(d.uri)));
  }

  // ---- the read-only file system ----

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined); // changes are announced through onDidChangeFile anyway
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const e = await this.load(uri);
    return { type: vscode.FileType.File, ctime: e.mtime, mtime: e.mtime, size: e.bytes.byteLength, permissions: vscode.FilePermission.Readonly };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return (await this.load(uri)).bytes;
  }

  readDirectory(): never {
    throw vscode.FileSystemError.FileNotADirectory(vscode.l10n.t('Plug-in documents are single files.'));
  }

  createDirectory(): never {
    throw this.readOnly();
  }

  writeFile(): never {
    throw this.readOnly();
  }

  delete(): never {
    throw this.readOnly();
  }

  rename(): never {
    throw this.readOnly();
  }

  private readOnly(): vscode.FileSystemError {
    return vscode.FileSystemError.NoPermissions(vscode.l10n.t('Plug-in documents are read-only; use "Edit Plug-in…" to change a plug-in.'));
  }

  /** The stored entry, or the plug-in fetched from the cloud (a tab restored after a reload). */
  private load(uri: vscode.Uri): Promise<Entry> {
    const key = uri.toString();
    const entry = this.entries.get(key);
    if (entry) return Promise.resolve(entry);
    let pending = this.loading.get(key);
    if (!pending) {
      pending = this.fetch(uri).then(
        (e) => e,
        (e) => {
          // the tab shows why (VS Code's own error page would only say "unexpected error"); Refresh tries again
          const message = e instanceof ApiError ? e.describe() : String(e);
          this.log.warn(`Could not load ${uri.toString()}: ${message}`);
          const text = JSON.stringify({
            error: vscode.l10n.t('Could not load this plug-in: {0}', message),
            next: vscode.l10n.t('Refresh Plug-in (the button above) tries again; the plug-in may have been removed.'),
          }, null, 2) + '\n';
          const failed: Entry = { text, bytes: new TextEncoder().encode(text), plugin: undefined, mtime: Date.now() };
          if (!this.entries.has(key)) this.entries.set(key, failed);
          return failed;
        },
      ).finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    return pending;
  }

  /** Stores a response body for a plug-in and opens (or updates) its read-only JSON document. */
  async show(ref: PluginDocRef, responseText: string, status?: string): Promise<vscode.TextEditor> {
    const uri = this.put(ref, responseText, status);
    const doc = await vscode.workspace.openTextDocument(uri);
    if (doc.languageId !== 'json') await vscode.languages.setTextDocumentLanguage(doc, 'json');
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    this.decorate(editor);
    return editor;
  }

  /**
   * A step of a change in flight (src/changes/ publishes it): open the cloud's answer, set the text
   * after the phase, or read the plug-in again once the change has settled.
   */
  applyChange(e: PluginChangeEvent): void {
    if (e.open) {
      void this.show(e.ref, e.open.text, e.status).then(undefined, (err) => this.log.error('Opening the plug-in document failed', err));
      return;
    }
    if (e.status !== undefined) this.setStatus(e.ref, e.status);
    if (e.refreshDocument) void this.refreshIfOpen(e.ref);
  }

  /** Sets the tracking after-text of a document, if it exists. */
  setStatus(ref: PluginDocRef, status: string | undefined): void {
    const uri = toPluginUri(ref);
    const entry = this.entries.get(uri.toString());
    if (!entry || entry.status === status) return;
    entry.status = status;
    this.decorateAll();
  }

  /** The stored entry (for tests and Copy JSON). */
  entry(uri: vscode.Uri): Readonly<Entry> | undefined {
    return this.entries.get(uri.toString());
  }

  /** Fetches a plug-in's document again when it is open (after a tracked change ends). */
  async refreshIfOpen(ref: PluginDocRef): Promise<void> {
    const uri = toPluginUri(ref);
    if (!this.entries.has(uri.toString())) return;
    await this.fetch(uri).catch((e) => this.log.warn(`Could not refresh ${ref.template}: ${e instanceof ApiError ? e.describe() : String(e)}`));
  }

  /** Fetches the plug-in again (with resource usage where the cloud supports it) and updates the document. */
  async refresh(uri: vscode.Uri): Promise<void> {
    await this.fetch(uri);
  }

  private async fetch(uri: vscode.Uri): Promise<Entry> {
    const ref = fromPluginUri(uri);
    if (!ref) throw new ApiError({ kind: 'validation', message: vscode.l10n.t('Not a plug-in document: {0}', uri.toString()) });
    await this.session.ready(); // right after activation for a restored tab, the keys may not be read yet
    const r = await this.session.clientFor(ref.profile).showPlugin({ id: ref.projectId, region: ref.region }, ref.pool, ref.template, { detail: true });
    const stored = this.put(ref, r.text, this.entries.get(uri.toString())?.status);
    return this.entries.get(stored.toString())!;
  }

  private put(ref: PluginDocRef, responseText: string, status?: string): vscode.Uri {
    const uri = toPluginUri(ref);
    const plugin = JSON.parse(responseText) as Plugin;
    let text: string;
    try {
      text = JSON.stringify(plugin, null, 2) + '\n';
    } catch {
      text = responseText; // nested too deeply to pretty-print: show it as it came
    }
    const previous = this.entries.get(uri.toString());
    if (previous && previous.text === text) {
      previous.status = status;
      this.decorateAll();
      return uri;
    }
    // mtime only ever grows, so VS Code reloads an open document whose content changed
    const mtime = Math.max(Date.now(), (previous?.mtime ?? 0) + 1);
    this.entries.set(uri.toString(), { text, bytes: new TextEncoder().encode(text), plugin, status, mtime });
    if (previous) this.fileChanged.fire([{ type: vscode.FileChangeType.Changed, uri }]);
    return uri;
  }

  private forgetIfUnused(uri: vscode.Uri): void {
    // keep entries whose tab is still open elsewhere; closed documents are fetched again when reopened
    if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) this.entries.delete(uri.toString());
  }

  private decorateAll(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.scheme === PLUGIN_SCHEME) this.decorate(editor);
    }
  }

  private decorate(editor: vscode.TextEditor): void {
    const found = findPhase(editor.document.getText());
    const entry = this.entries.get(editor.document.uri.toString());
    for (const [phase, type] of this.types) if (phase !== found?.phase) editor.setDecorations(type, []);
    if (!found) return;
    const reason = reasonOf(entry?.plugin);
    const after = [reason, entry?.status].filter(Boolean).join(' · ');
    editor.setDecorations(this.typeFor(found.phase), [{
      range: rangeOf(found),
      renderOptions: after ? { after: { contentText: `  ${after}` } } : undefined,
    }]);
  }

  private typeFor(phase: string): vscode.TextEditorDecorationType {
    let type = this.types.get(phase);
    if (!type) {
      const colorId = phaseColorId(phase);
      const color = colorId ? new vscode.ThemeColor(colorId) : undefined;
      type = this.register(vscode.window.createTextEditorDecorationType({
        color,
        fontWeight: 'bold',
        overviewRulerColor: color,
        overviewRulerLane: vscode.OverviewRulerLane.Right,
        after: { color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic', margin: '0 0 0 1em' },
      }));
      this.types.set(phase, type);
    }
    return type;
  }

  private hover(doc: vscode.TextDocument, pos: vscode.Position): vscode.Hover | undefined {
    if (pos.line === findStatusValuesLine(doc.getText())) return this.valuesHover(doc, pos);
    const found = findPhase(doc.getText());
    if (!found || pos.line !== found.line) return undefined;
    const range = rangeOf(found);
    if (!range.with({ start: range.start.translate(0, -1), end: range.end.translate(0, 1) }).contains(pos)) return undefined;
    const entry = this.entries.get(doc.uri.toString());
    const meaning = (PLUGIN_PHASE_MEANING as Record<string, string>)[found.phase] ?? vscode.l10n.t('A phase this extension does not know.');
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${found.phase}**: `).appendText(meaning);
    const reason = reasonOf(entry?.plugin);
    if (reason) md.appendMarkdown(`\n\n${vscode.l10n.t('Reason:')} `).appendText(reason);
    if (entry?.status) md.appendMarkdown(`\n\n${vscode.l10n.t('Tracking:')} `).appendText(entry.status);
    return new vscode.Hover(md, range);
  }

  /** `status.values` is a String (FIDELITY #9): the hover shows it parsed where it is JSON, as sent otherwise. */
  private valuesHover(doc: vscode.TextDocument, pos: vscode.Position): vscode.Hover | undefined {
    const entry = this.entries.get(doc.uri.toString());
    let plugin: unknown = entry?.plugin;
    if (plugin === undefined) {
      try {
        plugin = JSON.parse(doc.getText());
      } catch {
        return undefined;
      }
    }
    const values = statusValues(plugin);
    const text = formatStatusValues(values);
    if (text === undefined) return undefined;
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${vscode.l10n.t('Installation parameters')}** (\`status.values\`)`);
    md.appendMarkdown(`\n\n${values.kind === 'json' ? vscode.l10n.t('As the cloud sent them, parsed:') : vscode.l10n.t('Not JSON; shown as the cloud sent it:')}\n\n`);
    md.appendCodeblock(text.length > 5000 ? `${text.slice(0, 5000)}\n…` : text, values.kind === 'json' ? 'json' : 'text');
    return new vscode.Hover(md, doc.lineAt(pos.line).range);
  }
}

/** status.reason when it is text (a document shows any answer, well-formed or not). */
function reasonOf(plugin: unknown): string | undefined {
  const reason = (plugin as Plugin | null | undefined)?.status?.reason;
  return typeof reason === 'string' ? reason.slice(0, 500) : undefined;
}

function rangeOf(p: PhaseLocation): vscode.Range {
  return new vscode.Range(p.line, p.start, p.line, p.end);
}
