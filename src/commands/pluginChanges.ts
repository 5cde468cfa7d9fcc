// Install and PATCH, then tracking until the plug-in settles. `PluginChanges` owns what is in
// flight (a second write to the same plug-in sends nothing) and every tracker, which stops when the
// extension is disposed. While tracking, the row spins with "installing…" / "upgrading…" /
// "updating…", the plug-in's document says so after its phase, and the end is reported where the
// user looks: a status-bar message for Running, a warning with the reason for Abnormal.
import * as vscode from 'vscode';
import { Plugin, trackUntilSettled, type SettleOptions, type SettleOutcome, type TrackingOptions, type UpdatePluginResult } from '../api';
import type { Session } from '../auth/session';
import { sendUpdate, type PreparedUpdate } from '../core/patchPlan';
import type { PluginDocuments } from '../documents/pluginDocuments';
import type { PluginDocRef } from '../documents/pluginUri';
import { PluginNode, PoolNode, changeWord } from '../tree/nodes';
import { pluginKey } from '../core/pluginRef';
import { PoolsTreeProvider } from '../tree/provider';
import type { Log } from '../util/log';
import { reportError } from '../util/reportError';

export type ChangeVerb = 'installing' | 'upgrading' | 'updating';

export class PluginChanges implements vscode.Disposable {
  private readonly busy = new Set<string>();
  private readonly trackers = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private disposed = false;

  constructor(
    readonly session: Session,
    private readonly tree: PoolsTreeProvider,
    private readonly documents: PluginDocuments,
    readonly log: Log,
    /** Polling schedule; tests shorten it. */
    readonly tracking: Omit<TrackingOptions, 'signal' | 'onPoll'> = {},
  ) {}

  isBusy(projectId: string, pool: string, template: string): boolean {
    return this.busy.has(pluginKey(projectId, pool, template));
  }

  /** POST an already-confirmed install; resolves with the answer once accepted (tracking goes on). */
  async install(pool: PoolNode, template: { name: string; version?: string; inputs?: Record<string, unknown> }): Promise<Plugin | undefined> {
    const key = pluginKey(pool.project.projectId, pool.name, template.name);
    if (!this.claim(key)) return undefined;
    const ref = pool.docRef(template.name);
    try {
      const r = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Installing {0} into {1}…', `${template.name} ${template.version ?? ''}`.trim(), pool.label) },
        () => this.session.clientFor(pool.project.profile).createPlugin(pool.project.ref, pool.name, template),
      );
      this.tree.setActivityAt(key, { state: 'installing' }, pool);
      this.tree.refreshNode(pool);
      // the documented answer has no status (FIDELITY #4): tracking does not look for one
      void this.track(key, ref, pool, 'installing', { version: r.data.spec?.template?.version ?? template.version, afterInstall: true });
      await this.documents.show(ref, r.text, `${changeWord('installing')}…`).then(undefined, (e) => this.log.error('Opening the plug-in document failed', e));
      return r.data;
    } catch (e) {
      this.busy.delete(key);
      this.tree.refreshNode(pool);
      void reportError(this, e, () => this.install(pool, template), vscode.l10n.t('Could not install {0} into {1}:', template.name, pool.label) + ' ');
      return undefined;
    }
  }

  /**
   * Sends an already-confirmed PATCH planned by core/patchPlan (the complete inputs); sendUpdate
   * reads the plug-in once more and sends nothing if it changed since the plan. Resolves with the
   * answer once accepted, and tracks until Running.
   */
  async update(node: PluginNode, prepared: PreparedUpdate, verb: 'upgrading' | 'updating'): Promise<UpdatePluginResult | undefined> {
    const key = pluginKey(node.pool.project.projectId, node.pool.name, node.template);
    if (!this.claim(key)) return undefined;
    try {
      const r = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: verb === 'upgrading' ? vscode.l10n.t('Upgrading {0} in {1}…', node.template, node.pool.label) : vscode.l10n.t('Updating {0} in {1}…', node.template, node.pool.label) },
        () => sendUpdate(this.session.clientFor(node.pool.project.profile), prepared),
      );
      this.tree.setActivity(node, { state: verb });
      void this.track(key, node.docRef, node.pool, verb, { version: prepared.plan.to ?? r.data.spec?.template?.version });
      return r.data;
    } catch (e) {
      this.busy.delete(key);
      void reportError(this, e, () => this.update(node, prepared, verb), vscode.l10n.t('Could not update {0} in {1}:', node.template, node.pool.label) + ' ');
      return undefined;
    }
  }

  private claim(key: string): boolean {
    if (this.busy.has(key)) {
      vscode.window.setStatusBarMessage(vscode.l10n.t('A change to that plug-in is already running.'), 4000);
      return false;
    }
    this.busy.add(key);
    return true;
  }

  private track(key: string, ref: PluginDocRef, pool: PoolNode, verb: ChangeVerb, target: Pick<SettleOptions, 'version' | 'answeredBusy' | 'afterInstall'>): Promise<void> {
    const controller = new AbortController();
    const done = this.follow(key, ref, pool, verb, target, controller);
    this.trackers.set(key, { controller, done });
    return done;
  }

  private async follow(key: string, ref: PluginDocRef, pool: PoolNode, verb: ChangeVerb, target: Pick<SettleOptions, 'version' | 'answeredBusy' | 'afterInstall'>, controller: AbortController): Promise<void> {
    const started = Date.now();
    const show = (): void => {
      const elapsedMs = Date.now() - started;
      this.tree.setActivityAt(key, { state: verb, elapsedMs }, this.tree.loadedPlugin(ref.projectId, ref.pool, ref.template) ?? pool);
      this.documents.setStatus(ref, `${changeWord(verb)}… ${vscode.l10n.t('{0} s', Math.round(elapsedMs / 1000))}`);
    };
    show();
    const ticker = setInterval(show, 1000);
    let outcome: SettleOutcome;
    try {
      outcome = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: `${changeWord(verb)} ${ref.template}` },
        () => trackUntilSettled(this.session.clientFor(pool.project.profile), pool.project.ref, pool.name, ref.template, { ...this.tracking, ...target, signal: controller.signal }),
      );
    } catch (e) {
      this.log.error('Tracking failed', e);
      outcome = { kind: 'cancelled', elapsedMs: Date.now() - started };
    } finally {
      clearInterval(ticker);
      this.trackers.delete(key);
      this.busy.delete(key);
    }
    this.report(ref, pool, verb, outcome);
    // reload first, then drop the spinner: the row never flashes a stale phase
    if (!this.disposed) this.tree.refreshNode(pool);
    this.tree.setActivityAt(key, undefined, pool);
  }

  private report(ref: PluginDocRef, pool: PoolNode, verb: ChangeVerb, outcome: SettleOutcome): void {
    const time = new Date().toLocaleTimeString(undefined, { hour12: false });
    const what = vscode.l10n.t('{0} in {1}', ref.template, pool.label);
    switch (outcome.kind) {
      case 'settled': {
        const status = outcome.plugin.status;
        this.documents.setStatus(ref, vscode.l10n.t('{0} at {1}', String(status?.phase), time));
        void this.documents.refreshIfOpen(ref);
        if (status?.phase === 'Running') {
          this.log.info(`${what} is Running at ${status.version ?? '?'} after ${Math.round(outcome.elapsedMs / 1000)} s.`);
          vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('{0} is Running ({1}).', what, status.version ?? '?')}`, 8000);
        } else {
          const show = vscode.l10n.t('Show Plug-in');
          // an install or upgrade that ends Abnormal failed (FIDELITY #8): say so, with the cloud's reason
          const reason = typeof status?.reason === 'string' && status.reason ? status.reason : vscode.l10n.t('no reason given');
          const failed = verb === 'upgrading'
            ? vscode.l10n.t('The upgrade of {0} failed: it is {1}: {2}', what, String(status?.phase), reason)
            : verb === 'installing'
              ? vscode.l10n.t('The installation of {0} failed: it is {1}: {2}', what, String(status?.phase), reason)
              : vscode.l10n.t('The update of {0} failed: it is {1}: {2}', what, String(status?.phase), reason);
          void vscode.window.showWarningMessage(failed, show).then((c) => {
            if (c === show) void vscode.commands.executeCommand('modelarts.showPlugin', { projectId: ref.projectId, poolName: ref.pool, pluginName: ref.template });
          });
        }
        break;
      }
      case 'gone':
        this.documents.setStatus(ref, vscode.l10n.t('no longer listed at {0}', time));
        void vscode.window.showWarningMessage(vscode.l10n.t('{0} is no longer listed: it disappeared while {1}.', what, changeWord(verb)));
        break;
      case 'timeout':
        this.documents.setStatus(ref, vscode.l10n.t('still {0} after {1} min; stopped tracking at {2}', outcome.phase ?? vscode.l10n.t('not Running'), Math.round(outcome.elapsedMs / 60000), time));
        void vscode.window.showWarningMessage(vscode.l10n.t('{0} is still {1} after 15 minutes. Check it in the console.', what, outcome.phase ?? vscode.l10n.t('not Running')));
        break;
      case 'cancelled':
        this.documents.setStatus(ref, vscode.l10n.t('tracking stopped at {0}', time));
        break;
      case 'error':
        this.documents.setStatus(ref, vscode.l10n.t('tracking failed at {0}: {1}', time, outcome.error.errorCode ?? outcome.error.kind));
        void reportError(this, outcome.error, undefined, vscode.l10n.t('Stopped tracking {0}:', ref.template) + ' ');
        break;
    }
  }

  /** Stops every tracker; resolves when they have ended. */
  async stopAll(): Promise<void> {
    const running = [...this.trackers.values()];
    for (const t of running) t.controller.abort();
    await Promise.all(running.map((t) => t.done));
  }

  dispose(): void {
    this.disposed = true;
    void this.stopAll();
  }
}
