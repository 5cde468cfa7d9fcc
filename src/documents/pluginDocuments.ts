// Read-only plug-in documents: a TextDocumentContentProvider over an in-memory store of what the
// cloud answered, plus the phase decorations and hover. Tracking status ("deleting… 40 s",
// "removed at …") is decoration after-text, never part of the JSON.
import * as vscode from 'vscode';
import { ApiError, PLUGIN_PHASE_MEANING, Plugin } from '../api';
import { Session } from '../auth/session';
import { phaseColorId } from '../tree/nodes';
import { Disposable } from '../util/lifecycle';
import { Log } from '../util/log';
import { PhaseLocation, findPhase } from './phase';
import { PLUGIN_SCHEME, PluginDocRef, fromPluginUri, toPluginUri } from './pluginUri';

interface Entry {
  text: string;
  plugin: Plugin;
  /** Tracking state shown after the phase, e.g. "deleting… 40 s". */
  status?: string;
}

export class PluginDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly entries = new Map<string, Entry>();
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;
  private readonly types = new Map<string, vscode.TextEditorDecorationType>();

  constructor(private readonly session: Session, private readonly log: Log) {
    super();
    this.register(vscode.workspace.registerTextDocumentContentProvider(PLUGIN_SCHEME, this));
    this.register(vscode.languages.registerHoverProvider({ scheme: PLUGIN_SCHEME }, { provideHover: (d, p) => this.hover(d, p) }));
    this.register(vscode.window.onDidChangeVisibleTextEditors(() => this.decorateAll()));
    this.register(vscode.workspace.onDidChangeTextDocument((e) => e.document.uri.scheme === PLUGIN_SCHEME && this.decorateAll()));
    this.register(vscode.workspace.onDidCloseTextDocument((d) => d.uri.scheme === PLUGIN_SCHEME && this.forgetIfUnused(d.uri)));
  }

  provideTextDocumentContent(uri: vscode.Uri): string | Thenable<string> {
    const entry = this.entries.get(uri.toString());
    if (entry) return entry.text;
    // a tab restored after a reload: fetch it again
    return this.fetch(uri).then(
      () => this.entries.get(uri.toString())?.text ?? '',
      (e) => {
        this.log.warn(`Could not load ${uri.toString()}: ${e instanceof ApiError ? e.describe() : String(e)}`);
        return `// ${e instanceof ApiError ? e.describe() : String(e)}\n`;
      },
    );
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

  private async fetch(uri: vscode.Uri): Promise<void> {
    const ref = fromPluginUri(uri);
    if (!ref) throw new ApiError({ kind: 'validation', message: `Not a plug-in document: ${uri.toString()}` });
    const r = await this.session.clientFor(ref.profile ?? 'default').showPlugin({ id: ref.projectId, region: ref.region }, ref.pool, ref.template, { detail: true });
    this.put(ref, r.text, this.entries.get(uri.toString())?.status);
  }

  private put(ref: PluginDocRef, responseText: string, status?: string): vscode.Uri {
    const uri = toPluginUri(ref);
    const plugin = JSON.parse(responseText) as Plugin;
    const text = JSON.stringify(plugin, null, 2) + '\n';
    const previous = this.entries.get(uri.toString());
    this.entries.set(uri.toString(), { text, plugin, status });
    if (previous && previous.text !== text) this.changed.fire(uri);
    else if (previous) this.decorateAll();
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
    const reason = entry?.plugin.status?.reason;
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
    const found = findPhase(doc.getText());
    if (!found || pos.line !== found.line) return undefined;
    const range = rangeOf(found);
    if (!range.with({ start: range.start.translate(0, -1), end: range.end.translate(0, 1) }).contains(pos)) return undefined;
    const entry = this.entries.get(doc.uri.toString());
    const meaning = (PLUGIN_PHASE_MEANING as Record<string, string>)[found.phase] ?? 'A phase this extension does not know.';
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${found.phase}**: `).appendText(meaning);
    if (entry?.plugin.status?.reason) md.appendMarkdown('\n\nReason: ').appendText(entry.plugin.status.reason);
    if (entry?.status) md.appendMarkdown('\n\nTracking: ').appendText(entry.status);
    return new vscode.Hover(md, range);
  }
}

function rangeOf(p: PhaseLocation): vscode.Range {
  return new vscode.Range(p.line, p.start, p.line, p.end);
}
