// Deletions in flight and their tracking. `Deletions` owns what is in flight, so a second Delete on
// the same plug-in sends nothing, and every tracker stops when the extension is disposed. Built once
// in extension.ts; the Delete commands (deletePlugin.ts) hand it confirmed plug-ins.
import * as vscode from 'vscode';
import { ApiError, trackDeletion, TrackingOptions, type TrackingOutcome } from '../api';
import type { Session } from '../auth/session';
import { installedByDefault } from '../core/defaultPlugin';
import type { PluginDocuments } from '../documents/pluginDocuments';
import { PluginNode } from '../tree/nodes';
import { pluginKey } from '../core/pluginRef';
import { PoolsTreeProvider } from '../tree/provider';
import type { Log } from '../util/log';
import { reportError } from '../util/reportError';

export class Deletions implements vscode.Disposable {
  private readonly inFlight = new Set<string>();
  private readonly trackers = new Map<string, AbortController>();
  private disposed = false;

  constructor(
    readonly session: Session,
    private readonly tree: PoolsTreeProvider,
    private readonly documents: PluginDocuments,
    readonly log: Log,
    /** Polling schedule; tests shorten it. */
    readonly tracking: Omit<TrackingOptions, 'signal' | 'onPoll'> = {},
  ) {}

  isBusy(node: PluginNode): boolean {
    const key = keyOf(node);
    return this.inFlight.has(key) || this.trackers.has(key);
  }

  /** Deletes already-confirmed plug-ins: one request each, one progress notification for all. */
  async run(nodes: PluginNode[]): Promise<void> {
    const todo = nodes.filter((n) => !this.isBusy(n));
    if (todo.length < nodes.length) {
      vscode.window.setStatusBarMessage(vscode.l10n.t('A deletion of that plug-in is already running.'), 4000);
    }
    if (!todo.length) return;
    for (const n of todo) {
      this.inFlight.add(keyOf(n));
      this.tree.setActivity(n, { state: 'deleting' });
    }
    const title = todo.length === 1
      ? vscode.l10n.t('Deleting plug-in {0} from {1}…', todo[0].template, todo[0].pool.label)
      : vscode.l10n.t('Deleting {0} plug-ins…', todo.length);
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, (progress) =>
      Promise.all(todo.map(async (n) => {
        await this.deleteOne(n);
        if (todo.length > 1) progress.report({ increment: 100 / todo.length, message: vscode.l10n.t('{0} done', n.template) });
      })),
    );
  }

  private async deleteOne(node: PluginNode): Promise<void> {
    const key = keyOf(node);
    let accepted = false;
    try {
      const r = await this.session.clientFor(node.pool.project.profile).deletePlugin(node.pool.project.ref, node.pool.name, node.template);
      accepted = true;
      // the document's entry first (show() stores it at once): the tracker's status, even one that ends at once, lands on it
      const shown = this.documents.show(node.docRef, r.text, vscode.l10n.t('deleting…'));
      this.track(node);
      await shown;
    } catch (e) {
      if (accepted) throw e; // the document failed to open; tracking goes on
      this.tree.setActivity(node, undefined);
      this.tree.refreshNode(node.pool);
      // the cloud's 400 does not say why: only the template's `optional: false` may (FIDELITY #7)
      const isDefault = e instanceof ApiError && e.status === 400 && (await installedByDefault(this.session.clientFor(node.pool.project.profile), node.pool.project.ref, node.template)) === true;
      const prefix = isDefault
        ? vscode.l10n.t('Could not delete {0} from {1}: it is one of the plug-ins ModelArts installs by default, which cannot be uninstalled.', node.template, node.pool.label) + ' '
        : vscode.l10n.t('Could not delete {0} from {1}:', node.template, node.pool.label) + ' ';
      void reportError(this, e, () => this.run([node]), prefix);
    } finally {
      this.inFlight.delete(key);
    }
  }

  private track(node: PluginNode): void {
    const key = keyOf(node);
    const controller = new AbortController();
    this.trackers.set(key, controller);
    void this.follow(node, controller).catch((e) => this.log.error('Tracking failed', e));
  }

  /**
   * Polls until the plug-in is gone. The ticker and the tracker entry end in `finally`, whatever
   * happens: a tracker that cannot start (the profile was switched or signed out while the DELETE
   * was in flight, so `clientFor` refuses) must not tick forever nor keep the plug-in busy.
   */
  private async follow(node: PluginNode, controller: AbortController): Promise<void> {
    const key = keyOf(node);
    const started = Date.now();
    const show = (): void => {
      const elapsedMs = Date.now() - started;
      this.tree.setActivity(node, { state: 'tracking', elapsedMs });
      this.documents.setStatus(node.docRef, vscode.l10n.t('deleting… {0} s', Math.round(elapsedMs / 1000)));
    };
    show();
    const ticker = setInterval(show, 1000);
    let outcome: TrackingOutcome;
    try {
      outcome = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Deleting {0}', node.template) },
        () => trackDeletion(this.session.clientFor(node.pool.project.profile), node.pool.project.ref, node.pool.name, node.template, { ...this.tracking, signal: controller.signal }),
      );
    } catch (e) {
      this.log.error('Tracking failed', e);
      outcome = { kind: 'cancelled', elapsedMs: Date.now() - started };
    } finally {
      clearInterval(ticker);
      this.trackers.delete(key);
    }
    const time = new Date().toLocaleTimeString(undefined, { hour12: false });
    switch (outcome.kind) {
      case 'removed':
        this.documents.setStatus(node.docRef, vscode.l10n.t('removed at {0}', time));
        this.log.info(`${node.template} was removed from ${node.pool.name} after ${Math.round(outcome.elapsedMs / 1000)} s.`);
        vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('{0} was removed from {1}.', node.template, node.pool.label)}`, 5000);
        break;
      case 'timeout':
        this.documents.setStatus(node.docRef, vscode.l10n.t('still {0} after {1} min; stopped tracking at {2}', outcome.phase ?? vscode.l10n.t('listed'), Math.round(outcome.elapsedMs / 60000), time));
        // past the tracking limit a Deleting is stuck: "a long Deleting means something is wrong" (FIDELITY #8)
        void vscode.window.showWarningMessage(outcome.phase === 'Deleting'
          ? vscode.l10n.t('Deleting {0} from {1} is stuck: still Deleting after {2}. A long Deleting means something is wrong in the pool: check its nodes and the plug-in\'s instances in the ModelArts console, and ask support if it stays.', node.template, node.pool.label, outcome.elapsedMs < 120_000 ? vscode.l10n.t('{0} s', Math.round(outcome.elapsedMs / 1000)) : vscode.l10n.t('{0} min', Math.round(outcome.elapsedMs / 60000)))
          : vscode.l10n.t('{0} is still {1} in {2} after {3} min. Check it in the ModelArts console.', node.template, outcome.phase ?? vscode.l10n.t('listed'), node.pool.label, Math.max(1, Math.round(outcome.elapsedMs / 60000))));
        break;
      case 'cancelled':
        this.documents.setStatus(node.docRef, vscode.l10n.t('tracking stopped at {0}', time));
        break;
      case 'error':
        this.documents.setStatus(node.docRef, vscode.l10n.t('tracking failed at {0}: {1}', time, outcome.error.errorCode ?? outcome.error.kind));
        void reportError(this, outcome.error, undefined, vscode.l10n.t('Stopped tracking {0}:', node.template) + ' ');
        break;
    }
    // reload first, then drop the spinner: the row never flashes its stale pre-delete phase
    // (not after a profile switch: the pool is not in the tree any more)
    if (!this.disposed && node.pool.project.profile === this.session.profile) this.tree.refreshNode(node.pool);
    this.tree.setActivity(node, undefined);
  }

  stop(node: PluginNode): void {
    this.trackers.get(keyOf(node))?.abort();
  }

  stopAll(): void {
    for (const c of this.trackers.values()) c.abort();
  }

  dispose(): void {
    this.disposed = true;
    this.stopAll();
  }
}

function keyOf(node: PluginNode): string {
  return pluginKey(node.pool.project.projectId, node.pool.name, node.template);
}
