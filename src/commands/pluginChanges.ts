// Install and PATCH, then tracking until the plug-in settles. `PluginChanges` owns what is in
// flight (a second write to the same plug-in sends nothing) and every tracker, which stops when the
// extension is disposed. While tracking, the row spins with "installing…" / "upgrading…" /
// "updating…", the plug-in's document says so after its phase, and the end is reported where the
// user looks: a status-bar message for Running, a warning with the reason for Abnormal.
import * as vscode from 'vscode';
import { Plugin, PluginTemplatePatch, trackUntilSettled, type SettleOutcome, type TrackingOptions, type UpdatePluginResult } from '../api';
import type { Session } from '../auth/session';
import type { PluginDocuments } from '../documents/pluginDocuments';
import type { PluginDocRef } from '../documents/pluginUri';
import { PluginNode, PoolNode } from '../tree/nodes';
import { PoolsTreeProvider, pluginKey } from '../tree/provider';
import type { Log } from '../util/log';
import { reportError } from './registerCommands';

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
    const ref: PluginDocRef = { projectId: pool.project.projectId, region: pool.project.region, pool: pool.name, poolLabel: pool.label, template: template.name };
    try {
      const r = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Installing ${template.name} ${template.version ?? ''} into ${pool.label}…` },
        () => this.session.client().createPlugin(pool.project.ref, pool.name, template),
      );
      this.tree.setActivityAt(key, { state: 'installing' }, pool);
      this.tree.refreshNode(pool);
      void this.track(key, ref, pool, 'installing', r.data.spec?.template?.version ?? template.version);
      await this.documents.show(ref, r.text, 'installing…').then(undefined, (e) => this.log.error('Opening the plug-in document failed', e));
      return r.data;
    } catch (e) {
      this.busy.delete(key);
      this.tree.refreshNode(pool);
      void reportError(this, e, () => this.install(pool, template), `Could not install ${template.name} into ${pool.label}: `);
      return undefined;
    }
  }

  /** PATCH an already-confirmed change; resolves with the answer once accepted, and tracks until Running. */
  async update(node: PluginNode, patch: PluginTemplatePatch, verb: 'upgrading' | 'updating'): Promise<UpdatePluginResult | undefined> {
    const key = pluginKey(node.pool.project.projectId, node.pool.name, node.template);
    if (!this.claim(key)) return undefined;
    try {
      const r = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `${verb === 'upgrading' ? 'Upgrading' : 'Updating'} ${node.template} in ${node.pool.label}…` },
        () => this.session.client().updatePlugin(node.pool.project.ref, node.pool.name, node.template, patch),
      );
      this.tree.setActivity(node, { state: verb });
      void this.track(key, node.docRef, node.pool, verb, patch.version ?? r.data.spec?.template?.version);
      return r.data;
    } catch (e) {
      this.busy.delete(key);
      void reportError(this, e, () => this.update(node, patch, verb), `Could not update ${node.template} in ${node.pool.label}: `);
      return undefined;
    }
  }

  private claim(key: string): boolean {
    if (this.busy.has(key)) {
      vscode.window.setStatusBarMessage('A change to that plug-in is already running.', 4000);
      return false;
    }
    this.busy.add(key);
    return true;
  }

  private track(key: string, ref: PluginDocRef, pool: PoolNode, verb: ChangeVerb, version: string | undefined): Promise<void> {
    const controller = new AbortController();
    const done = this.follow(key, ref, pool, verb, version, controller);
    this.trackers.set(key, { controller, done });
    return done;
  }

  private async follow(key: string, ref: PluginDocRef, pool: PoolNode, verb: ChangeVerb, version: string | undefined, controller: AbortController): Promise<void> {
    const started = Date.now();
    const show = (): void => {
      const elapsedMs = Date.now() - started;
      this.tree.setActivityAt(key, { state: verb, elapsedMs }, this.tree.loadedPlugin(ref.projectId, ref.pool, ref.template) ?? pool);
      this.documents.setStatus(ref, `${verb}… ${Math.round(elapsedMs / 1000)} s`);
    };
    show();
    const ticker = setInterval(show, 1000);
    let outcome: SettleOutcome;
    try {
      outcome = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: `${verb[0].toUpperCase()}${verb.slice(1)} ${ref.template}` },
        () => trackUntilSettled(this.session.client(), pool.project.ref, pool.name, ref.template, { ...this.tracking, version, signal: controller.signal }),
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
    const what = `${ref.template} in ${pool.label}`;
    switch (outcome.kind) {
      case 'settled': {
        const status = outcome.plugin.status;
        this.documents.setStatus(ref, `${status?.phase} at ${time}`);
        void this.documents.refreshIfOpen(ref);
        if (status?.phase === 'Running') {
          this.log.info(`${what} is Running at ${status.version ?? '?'} after ${Math.round(outcome.elapsedMs / 1000)} s.`);
          vscode.window.setStatusBarMessage(`$(check) ${what} is Running (${status.version ?? '?'}).`, 8000);
        } else {
          void vscode.window.showWarningMessage(`${what} is ${status?.phase}: ${status?.reason ?? 'no reason given'}`, 'Show Plug-in').then((c) => {
            if (c === 'Show Plug-in') void vscode.commands.executeCommand('modelarts.showPlugin', { projectId: ref.projectId, poolName: ref.pool, pluginName: ref.template });
          });
        }
        break;
      }
      case 'gone':
        this.documents.setStatus(ref, `no longer listed at ${time}`);
        void vscode.window.showWarningMessage(`${what} is no longer listed: it disappeared while ${verb}.`);
        break;
      case 'timeout':
        this.documents.setStatus(ref, `still ${outcome.phase ?? 'not Running'} after ${Math.round(outcome.elapsedMs / 60000)} min; stopped tracking at ${time}`);
        void vscode.window.showWarningMessage(`${what} is still ${outcome.phase ?? 'not Running'} after 15 minutes. Check it in the console.`);
        break;
      case 'cancelled':
        this.documents.setStatus(ref, `tracking stopped at ${time}`);
        break;
      case 'error':
        this.documents.setStatus(ref, `tracking failed at ${time}: ${outcome.error.errorCode ?? outcome.error.kind}`);
        void reportError(this, outcome.error, undefined, `Stopped tracking ${ref.template}: `);
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
