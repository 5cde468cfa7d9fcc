// Install and PATCH, then tracking until the plug-in settles. `PluginChanges` owns what is in flight
// (a second write to the same plug-in sends nothing); the ChangeTracker follows each accepted write
// and publishes what the row ("installing…" / "upgrading…" / "updating…") and the document show.
// The end is reported where the user looks: a status-bar message for Running, a warning with the
// reason for Abnormal.
import * as vscode from 'vscode';
import { Plugin, trackUntilSettled, type SettleOptions, type SettleOutcome, type TrackingOptions, type UpdatePluginResult } from '../api';
import type { Session } from '../auth/session';
import type { PreparedUpdate } from '../core/patchPlan';
import { loadPatchPlan } from '../util/lazyBundles';
import { changeWord, type ChangeVerb } from '../core/pluginChange';
import { pluginKey, type PluginDocRef } from '../core/pluginRef';
import type { Log } from '../util/log';
import { reportError } from '../util/reportError';
import { refKey, type ChangeTracker } from './tracker';

export class PluginChanges {
  private readonly busy = new Set<string>();

  constructor(
    readonly session: Session,
    private readonly tracker: ChangeTracker,
    readonly log: Log,
    /** Polling schedule; tests shorten it. */
    readonly tracking: Omit<TrackingOptions, 'signal' | 'onPoll'> = {},
  ) {}

  isBusy(projectId: string, pool: string, template: string): boolean {
    return this.busy.has(pluginKey(projectId, pool, template));
  }

  /** POST an already-confirmed install into the pool of `ref`; resolves with the answer once accepted (tracking goes on). */
  async install(ref: PluginDocRef, template: { name: string; version?: string; inputs?: Record<string, unknown> }): Promise<Plugin | undefined> {
    const key = refKey(ref);
    if (!this.claim(key)) return undefined;
    try {
      const r = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Installing {0} into {1}…', `${template.name} ${template.version ?? ''}`.trim(), ref.poolLabel) },
        () => this.session.clientFor(ref.profile).createPlugin({ id: ref.projectId, region: ref.region }, ref.pool, template),
      );
      this.tracker.publish({ ref, activity: { state: 'installing' }, reloadPool: true, open: { text: r.text }, status: `${changeWord('installing')}…` });
      // the documented answer has no status (FIDELITY #4): tracking does not look for one
      void this.follow(ref, 'installing', { version: r.data.spec?.template?.version ?? template.version, afterInstall: true });
      return r.data;
    } catch (e) {
      this.busy.delete(key);
      this.tracker.publish({ ref, reloadPool: true });
      void reportError(this, e, () => this.install(ref, template), vscode.l10n.t('Could not install {0} into {1}:', template.name, ref.poolLabel) + ' ');
      return undefined;
    }
  }

  /**
   * Sends an already-confirmed PATCH planned by core/patchPlan (the complete inputs); sendUpdate
   * reads the plug-in once more and sends nothing if it changed since the plan. Resolves with the
   * answer once accepted, and tracks until Running.
   */
  async update(ref: PluginDocRef, prepared: PreparedUpdate, verb: 'upgrading' | 'updating'): Promise<UpdatePluginResult | undefined> {
    const key = refKey(ref);
    if (!this.claim(key)) return undefined;
    try {
      const r = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: verb === 'upgrading' ? vscode.l10n.t('Upgrading {0} in {1}…', ref.template, ref.poolLabel) : vscode.l10n.t('Updating {0} in {1}…', ref.template, ref.poolLabel) },
        () => loadPatchPlan().sendUpdate(this.session.clientFor(ref.profile), prepared),
      );
      this.tracker.publish({ ref, activity: { state: verb } });
      void this.follow(ref, verb, { version: prepared.plan.to ?? r.data.spec?.template?.version });
      return r.data;
    } catch (e) {
      this.busy.delete(key);
      void reportError(this, e, () => this.update(ref, prepared, verb), vscode.l10n.t('Could not update {0} in {1}:', ref.template, ref.poolLabel) + ' ');
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

  private follow(ref: PluginDocRef, verb: ChangeVerb, target: Pick<SettleOptions, 'version' | 'answeredBusy' | 'afterInstall'>): Promise<void> {
    return this.tracker.follow<SettleOutcome>(ref, {
      title: `${changeWord(verb)} ${ref.template}`,
      tick: (elapsedMs) => ({ activity: { state: verb, elapsedMs }, status: `${changeWord(verb)}… ${vscode.l10n.t('{0} s', Math.round(elapsedMs / 1000))}` }),
      poll: (signal) => trackUntilSettled(this.session.clientFor(ref.profile), { id: ref.projectId, region: ref.region }, ref.pool, ref.template, { ...this.tracking, ...target, signal }),
      end: (outcome) => {
        this.busy.delete(refKey(ref));
        this.report(ref, verb, outcome);
      },
    });
  }

  private report(ref: PluginDocRef, verb: ChangeVerb, outcome: SettleOutcome): void {
    const time = new Date().toLocaleTimeString(undefined, { hour12: false });
    const what = vscode.l10n.t('{0} in {1}', ref.template, ref.poolLabel);
    const status = (text: string): void => this.tracker.publish({ ref, status: text });
    switch (outcome.kind) {
      case 'settled': {
        const plugin = outcome.plugin.status;
        this.tracker.publish({ ref, status: vscode.l10n.t('{0} at {1}', String(plugin?.phase), time), refreshDocument: true });
        if (plugin?.phase === 'Running') {
          this.log.info(`${what} is Running at ${plugin.version ?? '?'} after ${Math.round(outcome.elapsedMs / 1000)} s.`);
          vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('{0} is Running ({1}).', what, plugin.version ?? '?')}`, 8000);
        } else {
          const show = vscode.l10n.t('Show Plug-in');
          // an install or upgrade that ends Abnormal failed (FIDELITY #8): say so, with the cloud's reason
          const reason = typeof plugin?.reason === 'string' && plugin.reason ? plugin.reason : vscode.l10n.t('no reason given');
          const failed = verb === 'upgrading'
            ? vscode.l10n.t('The upgrade of {0} failed: it is {1}: {2}', what, String(plugin?.phase), reason)
            : verb === 'installing'
              ? vscode.l10n.t('The installation of {0} failed: it is {1}: {2}', what, String(plugin?.phase), reason)
              : vscode.l10n.t('The update of {0} failed: it is {1}: {2}', what, String(plugin?.phase), reason);
          void vscode.window.showWarningMessage(failed, show).then((c) => {
            if (c === show) void vscode.commands.executeCommand('modelarts.showPlugin', { projectId: ref.projectId, poolName: ref.pool, pluginName: ref.template });
          });
        }
        break;
      }
      case 'gone':
        status(vscode.l10n.t('no longer listed at {0}', time));
        void vscode.window.showWarningMessage(vscode.l10n.t('{0} is no longer listed: it disappeared while {1}.', what, changeWord(verb)));
        break;
      case 'timeout':
        status(vscode.l10n.t('still {0} after {1} min; stopped tracking at {2}', outcome.phase ?? vscode.l10n.t('not Running'), Math.round(outcome.elapsedMs / 60000), time));
        void vscode.window.showWarningMessage(vscode.l10n.t('{0} is still {1} after 15 minutes. Check it in the console.', what, outcome.phase ?? vscode.l10n.t('not Running')));
        break;
      case 'cancelled':
        status(vscode.l10n.t('tracking stopped at {0}', time));
        break;
      case 'error':
        status(vscode.l10n.t('tracking failed at {0}: {1}', time, outcome.error.errorCode ?? outcome.error.kind));
        void reportError(this, outcome.error, undefined, vscode.l10n.t('Stopped tracking {0}:', ref.template) + ' ');
        break;
    }
  }

  /** Stops every tracking (changes and deletions alike: one tracker follows both); resolves when they have ended. */
  stopAll(): Promise<void> {
    return this.tracker.stopAll();
  }
}
