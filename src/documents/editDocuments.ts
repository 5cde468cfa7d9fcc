// Editable documents on their own scheme (`modelarts-edit`, see editUri.ts), served by a
// FileSystemProvider so that Ctrl+S works: saving only keeps a draft here (auto-save included) and
// never sends anything. Two kinds: a plug-in's `spec.template` for Edit Plug-in… (with the baseline
// Apply compares against, and a first-line CodeLens), and the inputs of an install, whose save is
// checked as JSON (refused with the parser's message) and hands the inputs to the waiting wizard.
// The same provider serves the JSON schema of the edit documents (`jsonValidation` in package.json).
import * as vscode from 'vscode';
import type { PluginTemplate } from '../api';
import type { Session } from '../auth/session';
import { DEFAULT_PROFILE } from '../config';
import { editSchema } from '../core/editSchema';
import type { JsonObject } from '../api/mergePatch';
import { parseJsonObject } from '../core/jsonObject';
import { editableTemplate, editText } from '../core/pluginEdit';
import { Disposable } from '../util/lifecycle';
import { EDIT_SCHEMA_URI, EDIT_SCHEME, EditDocRef, fromEditUri, isEditSchemaUri, toEditUri } from './editUri';

interface Entry {
  content: Uint8Array;
  ctime: number;
  mtime: number;
  /** Plug-in edits: the cloud's spec.template when the editor opened (or after the last Apply). */
  baseline?: JsonObject;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class EditDocuments extends Disposable implements vscode.FileSystemProvider {
  private readonly entries = new Map<string, Entry>();
  private readonly templates = new Map<string, PluginTemplate>();
  private readonly inputWaiters = new Map<string, (inputs: JsonObject | undefined) => void>();
  private readonly savedInputs = new Map<string, JsonObject>();
  private readonly changed = this.register(new vscode.EventEmitter<vscode.FileChangeEvent[]>());
  readonly onDidChangeFile = this.changed.event;
  private readonly lensesChanged = this.register(new vscode.EventEmitter<void>());

  constructor(private readonly session: Session) {
    super();
    this.register(vscode.workspace.registerFileSystemProvider(EDIT_SCHEME, this, { isCaseSensitive: true }));
    this.register(vscode.languages.registerCodeLensProvider({ scheme: EDIT_SCHEME }, {
      onDidChangeCodeLenses: this.lensesChanged.event,
      provideCodeLenses: (doc) => this.codeLenses(doc),
    }));
    this.register(vscode.workspace.onDidSaveTextDocument((doc) => {
      const key = doc.uri.toString();
      const value = this.savedInputs.get(key);
      this.savedInputs.delete(key);
      if (value) this.inputWaiters.get(key)?.(value);
    }));
    // closing the inputs tab cancels the wizard waiting for them. Entries stay: VS Code may still
    // stat a file it has just saved, and a plug-in edit opened again starts afresh (openPlugin).
    this.register(vscode.window.tabGroups.onDidChangeTabs((e) => {
      for (const tab of e.closed) {
        const uri = tab.input instanceof vscode.TabInputText ? tab.input.uri : undefined;
        if (uri?.scheme === EDIT_SCHEME && !this.isOpen(uri)) this.inputWaiters.get(uri.toString())?.(undefined);
      }
    }));
  }

  /** Ends every wizard still waiting for its inputs (as if the tab closed): nothing is sent after this. */
  override dispose(): void {
    for (const settle of [...this.inputWaiters.values()]) settle(undefined);
    super.dispose();
  }

  /** Opens the edit document of a plug-in; an edit still open in a tab keeps its draft and baseline. */
  async openPlugin(ref: EditDocRef, plugin: Parameters<typeof editableTemplate>[0]): Promise<vscode.TextEditor> {
    const uri = toEditUri({ ...ref, kind: 'plugin' });
    if (!this.isOpen(uri) || !this.entries.has(uri.toString())) {
      this.setEntry(uri, editableTemplate(plugin), true);
      this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
    }
    return this.showJson(uri);
  }

  /** Opens an install's inputs as JSON and resolves with them on a valid save, or undefined when the tab closes. */
  async editInputs(ref: EditDocRef, inputs: JsonObject): Promise<JsonObject | undefined> {
    const uri = toEditUri({ ...ref, kind: 'inputs' });
    this.setContent(uri, editText(inputs));
    this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]); // a document VS Code still holds reloads
    this.inputWaiters.get(uri.toString())?.(undefined);
    const saved = new Promise<JsonObject | undefined>((resolve) => this.inputWaiters.set(uri.toString(), (v) => {
      this.inputWaiters.delete(uri.toString());
      resolve(v);
    }));
    await this.showJson(uri);
    return saved;
  }

  /** The baseline of a plug-in edit document. */
  baseline(uri: vscode.Uri): JsonObject | undefined {
    return this.entries.get(uri.toString())?.baseline;
  }

  /** After Apply: the new state becomes the baseline and the document's content. */
  rebase(uri: vscode.Uri, template: JsonObject): void {
    this.setEntry(uri, template, true);
    this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  /** Adds templates to the schema every edit document is validated with. */
  addTemplates(templates: readonly PluginTemplate[]): void {
    let added = false;
    for (const t of templates) {
      if (!this.templates.has(t.metadata.name)) added = true;
      this.templates.set(t.metadata.name, t);
    }
    if (added) this.changed.fire([{ type: vscode.FileChangeType.Changed, uri: EDIT_SCHEMA_URI }]);
  }

  // ---- FileSystemProvider ----

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    if (isEditSchemaUri(uri)) return { type: vscode.FileType.File, ctime: 0, mtime: this.templates.size, size: 0 };
    const e = this.entries.get(uri.toString());
    if (!e) throw vscode.FileSystemError.FileNotFound(uri);
    return { type: vscode.FileType.File, ctime: e.ctime, mtime: e.mtime, size: e.content.byteLength };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    if (isEditSchemaUri(uri)) return encoder.encode(JSON.stringify(editSchema([...this.templates.values()]), null, 1));
    const e = this.entries.get(uri.toString());
    if (e) return e.content;
    // an edit tab restored after a reload: start again from the cloud
    const ref = fromEditUri(uri);
    if (ref?.kind !== 'plugin') throw vscode.FileSystemError.FileNotFound(uri);
    const r = await this.session.clientFor(ref.profile ?? DEFAULT_PROFILE).showPlugin({ id: ref.projectId, region: ref.region }, ref.pool, ref.template);
    return this.setEntry(uri, editableTemplate(r.data), true).content;
  }

  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    const ref = fromEditUri(uri);
    if (!ref) throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Only plug-in edit documents can be saved here.'));
    if (ref.kind === 'inputs') {
      const parsed = parseJsonObject(decoder.decode(content), vscode.l10n.t('the inputs document'));
      // VS Code shows this as the reason the save failed; the wizard keeps waiting
      if (!parsed.ok) throw new vscode.FileSystemError(vscode.l10n.t('Not saved: {0} Nothing was sent.', parsed.message));
      this.setContent(uri, decoder.decode(content));
      // handed over once VS Code has finished the save (onDidSaveTextDocument), so the wizard can close the tab
      this.savedInputs.set(uri.toString(), parsed.value);
      return;
    }
    // a plug-in edit: the draft is kept, nothing is sent (Apply sends)
    this.setContent(uri, decoder.decode(content));
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Plug-in documents have no folders.'));
  }

  delete(uri: vscode.Uri): void {
    this.entries.delete(uri.toString());
  }

  rename(): void {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Plug-in documents cannot be renamed.'));
  }

  // ---- helpers ----

  private isOpen(uri: vscode.Uri): boolean {
    return vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString()));
  }

  private setEntry(uri: vscode.Uri, template: JsonObject, asBaseline: boolean): Entry {
    const e = this.setContent(uri, editText(template));
    if (asBaseline) e.baseline = template;
    this.lensesChanged.fire();
    return e;
  }

  private setContent(uri: vscode.Uri, text: string): Entry {
    const now = Date.now();
    const old = this.entries.get(uri.toString());
    const e: Entry = { content: encoder.encode(text), ctime: old?.ctime ?? now, mtime: Math.max(now, (old?.mtime ?? 0) + 1), baseline: old?.baseline };
    this.entries.set(uri.toString(), e);
    return e;
  }

  private async showJson(uri: vscode.Uri): Promise<vscode.TextEditor> {
    const doc = await vscode.workspace.openTextDocument(uri);
    if (doc.languageId !== 'json') await vscode.languages.setTextDocumentLanguage(doc, 'json');
    return vscode.window.showTextDocument(doc, { preview: false });
  }

  private codeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const ref = fromEditUri(doc.uri);
    if (!ref) return [];
    const range = new vscode.Range(0, 0, 0, 0);
    if (ref.kind === 'inputs') {
      return [new vscode.CodeLens(range, { title: vscode.l10n.t('Inputs of {0} for {1} ({2}) · save (Ctrl+S) to continue', `${ref.template} ${ref.version ?? ''}`.trim(), ref.poolLabel, ref.projectName), command: '' })];
    }
    return [new vscode.CodeLens(range, {
      title: vscode.l10n.t('Editing {0} in {1} ({2}) · Apply…', ref.template, ref.poolLabel, ref.projectName),
      command: 'modelarts.applyPluginEdit',
      arguments: [doc.uri],
    })];
  }
}

