// Placeholder activation: the real wiring lands with the extension issue.
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('modelarts.refresh', () => undefined),
  );
}

export function deactivate(): void {
  // nothing to release: everything is in context.subscriptions
}
