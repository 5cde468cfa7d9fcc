// Deletions in flight and their tracking. `Deletions` owns what is in flight, so a second Delete on
// the same plug-in sends nothing; the ChangeTracker follows each accepted DELETE and publishes what
// the row and the document show. The Delete commands (commands/deletePlugin.ts) hand it confirmed
// plug-ins by their document reference.
import * as vscode from 'vscode';
import { ApiError, trackDeletion, TrackingOptions, type TrackingOutcome } from '../api';
import type { Session } from '../auth/session';
import { installedByDefault } from '../core/defaultPlugin';
import type { PluginDocRef } from '../core/pluginRef';
import type { Log } from '../util/log';
import { reportError } from '../util/reportError';
import { refKey, type ChangeTracker } from './tracker';

export class Deletions {
  private readonly inFlight = new Set<string>();

  constructor(
    readonly session: Session,
    private readonly tracker: ChangeTracker,
    readonly log: Log,
    /** Polling schedule; tests shorten it. */
    readonly tracking: Omit<TrackingOptions, 'signal' | 'onPoll'> = {},
  ) {}

  isBusy(ref: PluginDocRef): boolean {
    return this.inFlight.has(refKey(ref)) || this.tracker.isTracking(ref);
  }

  /** Deletes already-confirmed plug-ins: one request each, one progress notification for all. */
  async run(refs: PluginDocRef[]): Promise<void> {
    const todo = refs.filter((r) => !this.isBusy(r));
    if (todo.length < refs.length) {
      vscode.window.setStatusBarMessage(vscode.l10n.t('A deletion of that plug-in is already running.'), 4000);
    }
    if (!todo.length) return;
    for (const ref of todo) {
      this.inFlight.add(refKey(ref));
      this.tracker.publish({ ref, activity: { state: 'deleting' } });
    }
    const title = todo.length === 1
      ? vscode.l10n.t('Deleting plug-in {0} from {1}…', todo[0].template, todo[0].poolLabel)
      : vscode.l10n.t('Deleting {0} plug-ins…', todo.length);
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, (progress) =>
      Promise.all(todo.map(async (ref) => {
        await this.deleteOne(ref);
        if (todo.length > 1) progress.report({ increment: 100 / todo.length, message: vscode.l10n.t('{0} done', ref.template) });
      })),
    );
  }

  private async deleteOne(ref: PluginDocRef): Promise<void> {
    const project = { id: ref.projectId, region: ref.region };
    try {
      const r = await this.session.clientFor(ref.profile).deletePlugin(project, ref.pool, ref.template);
      // the document first (it is stored at once): the tracker's status, even one that ends at once, lands on it
      this.tracker.publish({ ref, open: { text: r.text }, status: vscode.l10n.t('deleting…') });
      this.follow(ref);
    } catch (e) {
      this.tracker.publish({ ref, reloadPool: true });
      // the cloud's 400 does not say why: only the template's `optional: false` may (FIDELITY #7)
      const isDefault = e instanceof ApiError && e.status === 400 && (await installedByDefault(this.session.clientFor(ref.profile), project, ref.template)) === true;
      const prefix = isDefault
        ? vscode.l10n.t('Could not delete {0} from {1}: it is one of the plug-ins ModelArts installs by default, which cannot be uninstalled.', ref.template, ref.poolLabel) + ' '
        : vscode.l10n.t('Could not delete {0} from {1}:', ref.template, ref.poolLabel) + ' ';
      void reportError(this, e, () => this.run([ref]), prefix);
    } finally {
      this.inFlight.delete(refKey(ref));
    }
  }

  /** Polls until the plug-in is gone, then says how it ended. */
  private follow(ref: PluginDocRef): void {
    void this.tracker.follow<TrackingOutcome>(ref, {
      title: vscode.l10n.t('Deleting {0}', ref.template),
      tick: (elapsedMs) => ({ activity: { state: 'tracking', elapsedMs }, status: vscode.l10n.t('deleting… {0} s', Math.round(elapsedMs / 1000)) }),
      poll: (signal) => trackDeletion(this.session.clientFor(ref.profile), { id: ref.projectId, region: ref.region }, ref.pool, ref.template, { ...this.tracking, signal }),
      end: (outcome) => this.report(ref, outcome),
    });
  }

  private report(ref: PluginDocRef, outcome: TrackingOutcome): void {
    const time = new Date().toLocaleTimeString(undefined, { hour12: false });
    const status = (text: string): void => this.tracker.publish({ ref, status: text });
    switch (outcome.kind) {
      case 'removed':
        status(vscode.l10n.t('removed at {0}', time));
        this.log.info(`${ref.template} was removed from ${ref.pool} after ${Math.round(outcome.elapsedMs / 1000)} s.`);
        vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('{0} was removed from {1}.', ref.template, ref.poolLabel)}`, 5000);
        break;
      case 'timeout':
        status(vscode.l10n.t('still {0} after {1} min; stopped tracking at {2}', outcome.phase ?? vscode.l10n.t('listed'), Math.round(outcome.elapsedMs / 60000), time));
        // past the tracking limit a Deleting is stuck: "a long Deleting means something is wrong" (FIDELITY #8)
        void vscode.window.showWarningMessage(outcome.phase === 'Deleting'
          ? vscode.l10n.t('Deleting {0} from {1} is stuck: still Deleting after {2}. A long Deleting means something is wrong in the pool: check its nodes and the plug-in\'s instances in the ModelArts console, and ask support if it stays.', ref.template, ref.poolLabel, outcome.elapsedMs < 120_000 ? vscode.l10n.t('{0} s', Math.round(outcome.elapsedMs / 1000)) : vscode.l10n.t('{0} min', Math.round(outcome.elapsedMs / 60000)))
          : vscode.l10n.t('{0} is still {1} in {2} after {3} min. Check it in the ModelArts console.', ref.template, outcome.phase ?? vscode.l10n.t('listed'), ref.poolLabel, Math.max(1, Math.round(outcome.elapsedMs / 60000))));
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

  stop(ref: PluginDocRef): void {
    this.tracker.stop(ref);
  }

  /** Stops every tracking (deletions and changes alike: one tracker follows both); resolves when they have ended. */
  stopAll(): Promise<void> {
    return this.tracker.stopAll();
  }
}
