// How every failure is shown, by commands and by the trackers alike: a cancelled action is silent,
// an ApiError becomes a message with its code, text and request id plus Show Logs (and Retry where it
// can help), refused credentials become the session's Sign In offer, anything else is logged with its
// stack.
import * as vscode from 'vscode';
import { ApiError } from '../api';
import type { Log } from './log';

/** What reporting needs: the log, and the session's handling of refused credentials. */
export interface ErrorReporting {
  log: Log;
  session: { handleError(e: ApiError): boolean };
}

/** Shows an error the way every command does; `retry` is offered when the error is transient. */
export async function reportError(services: ErrorReporting, e: unknown, retry?: () => unknown, prefix = ''): Promise<void> {
  if (isCancellation(e)) return;
  if (e instanceof ApiError) {
    if (e.kind !== 'validation') services.log.error(`${prefix}${e.describe()}`);
    // refused credentials: the Sign In offer says it all (one notification, not two)
    if (services.session.handleError(e)) return;
    const showLogs = vscode.l10n.t('Show Logs');
    const retryButton = vscode.l10n.t('Retry');
    const buttons = [showLogs, ...(retry && e.retryable ? [retryButton] : [])];
    const choice = await vscode.window.showErrorMessage(`${prefix}${e.describe()}`, ...buttons);
    if (choice === showLogs) services.log.show();
    else if (choice === retryButton) await retry?.();
    return;
  }
  services.log.error('Unexpected error', e);
  const showLogs = vscode.l10n.t('Show Logs');
  const choice = await vscode.window.showErrorMessage(prefix + vscode.l10n.t('Unexpected error: {0}', e instanceof Error ? e.message : String(e)), showLogs);
  if (choice === showLogs) services.log.show();
}

function isCancellation(e: unknown): boolean {
  return e instanceof vscode.CancellationError || (e instanceof ApiError && e.kind === 'cancelled');
}
