// The one "ModelArts" log channel: a line per request (method, path, status, duration, request id),
// error bodies, and stacks of unexpected errors. Never headers, never secrets, never shown unasked.
import * as vscode from 'vscode';
import { RequestLogEntry } from '../api';

export class Log implements vscode.Disposable {
  private readonly output: vscode.LogOutputChannel;
  private disposed = false;

  constructor() {
    this.output = vscode.window.createOutputChannel('ModelArts', { log: true });
  }

  /**
   * The channel, or nothing once disposed: a disposed channel throws on every write, and trackers
   * stopped at deactivation still report their end after it.
   */
  private get channel(): vscode.LogOutputChannel | undefined {
    return this.disposed ? undefined : this.output;
  }

  request(e: RequestLogEntry): void {
    const retry = e.attempt > 1 ? ` (attempt ${e.attempt})` : '';
    const line = `${e.method} ${e.path} ${e.status ?? '-'} ${e.durationMs} ms${e.requestId ? ` request-id=${e.requestId}` : ''}${retry}`;
    if (!e.error) {
      this.channel?.info(line);
      return;
    }
    const code = e.error.errorCode ? ` ${e.error.errorCode}` : '';
    this.channel?.error(`${line} ${e.error.kind}${code}: ${e.error.message}${e.error.body ? `\n  body: ${e.error.body}` : ''}`);
  }

  info(message: string): void {
    this.channel?.info(message);
  }

  warn(message: string): void {
    this.channel?.warn(message);
  }

  error(message: string, err?: unknown): void {
    this.channel?.error(err instanceof Error ? `${message}: ${err.stack ?? err.message}` : message);
  }

  show(): void {
    this.channel?.show(true);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.output.dispose();
  }
}
