// The version-drift preview: the drift report's Markdown (src/core/drift.ts), rendered by VS Code's
// own Markdown engine into one reused webview panel whose only command links are Upgrade links
// (`enableCommandUris` lists the upgrade command alone). Read-only: there is nothing to edit.
import * as vscode from 'vscode';
import { UPGRADE_COMMAND } from '../core/drift';
import { Disposable } from '../util/lifecycle';
import { Log } from '../util/log';

export class DriftView extends Disposable {
  private panel: vscode.WebviewPanel | undefined;
  /** The Markdown last shown. */
  markdown = '';

  constructor(private readonly log: Log) {
    super();
    // once, not per panel: the panel comes and goes as the user closes and reopens it
    this.register({ dispose: () => this.panel?.dispose() });
  }

  async show(markdown: string): Promise<vscode.WebviewPanel> {
    this.markdown = markdown;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('modelarts.versionDrift', vscode.l10n.t('ModelArts: Version Drift'), vscode.ViewColumn.Active, {
        enableScripts: false,
        enableCommandUris: [UPGRADE_COMMAND],
        localResourceRoots: [],
      });
      const closed = this.panel.onDidDispose(() => {
        closed.dispose();
        this.panel = undefined;
      });
    }
    this.panel.webview.html = page(await this.render(markdown), this.panel.webview.cspSource);
    this.panel.reveal();
    return this.panel;
  }

  /** The panel's current HTML (for tests). */
  get html(): string | undefined {
    return this.panel?.webview.html;
  }

  private async render(markdown: string): Promise<string> {
    try {
      const html = await vscode.commands.executeCommand<string>('markdown.api.render', markdown);
      if (typeof html === 'string' && html) return html;
    } catch (e) {
      this.log.warn(`The Markdown engine is not available (${(e as Error).message}); showing the drift as text.`);
    }
    return `<pre>${escapeHtml(markdown)}</pre>`;
  }
}

function page(body: string, cspSource: string): string {
  return `<!DOCTYPE html>
<html lang="${vscode.env.language}"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'unsafe-inline'; img-src ${cspSource};">
<style>
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1.5em 2em; }
table { border-collapse: collapse; margin-bottom: 1em; }
th, td { border: 1px solid var(--vscode-panel-border, #8884); padding: 2px 8px; text-align: left; }
a { color: var(--vscode-textLink-foreground); }
</style></head>
<body>${body}</body></html>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
