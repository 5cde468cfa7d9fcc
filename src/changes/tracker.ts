// The one tracker of writes in flight (deletions, installs, upgrades and edits): it polls the cloud
// until the plug-in settles, ticks once a second while it waits, and publishes every step as a
// PluginChangeEvent. The tree and the documents listen (extension.ts wires them); nothing here
// reaches into them, so a change flows one way: tracker → event → view.
import * as vscode from 'vscode';
import type { PluginActivity, PluginChangeEvent } from '../core/pluginChange';
import { pluginKey, type PluginDocRef } from '../core/pluginRef';
import type { Log } from '../util/log';

/** How one tracking shows and ends; `T` is the outcome of its poll. */
export interface Follow<T extends { kind: string; elapsedMs: number }> {
  /** The window-progress title while it runs. */
  title: string;
  /** The row's activity and the document's text after `elapsedMs`. */
  tick: (elapsedMs: number) => { activity: PluginActivity; status: string };
  /** Polls until the outcome; aborts with the signal. */
  poll: (signal: AbortSignal) => Promise<T>;
  /** Says how it ended (messages, the document's text); runs after the tracker is no longer busy. */
  end: (outcome: T) => void;
}

export function refKey(ref: PluginDocRef): string {
  return pluginKey(ref.projectId, ref.pool, ref.template);
}

export class ChangeTracker implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<PluginChangeEvent>();
  /** Every step of every change in flight. */
  readonly onDidChange = this.emitter.event;
  private readonly running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private disposed = false;

  constructor(private readonly log: Log) {}

  publish(event: PluginChangeEvent): void {
    if (!this.disposed) this.emitter.fire(event);
  }

  isTracking(ref: PluginDocRef): boolean {
    return this.running.has(refKey(ref));
  }

  /**
   * Follows one plug-in until its poll ends. The ticker and the entry end in `finally`, whatever
   * happens: a tracking that cannot start (the profile was switched or signed out meanwhile, so
   * the client refuses) must not tick forever nor keep the plug-in busy. Resolves when it has ended
   * and said so; the pool is reloaded before the activity is dropped.
   */
  follow<T extends { kind: string; elapsedMs: number }>(ref: PluginDocRef, how: Follow<T>): Promise<void> {
    const key = refKey(ref);
    const controller = new AbortController();
    const started = Date.now();
    const tick = (): void => this.publish({ ref, ...how.tick(Date.now() - started) });
    const done = (async () => {
      tick();
      const ticker = setInterval(tick, 1000);
      let outcome: T;
      try {
        outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: how.title }, () => how.poll(controller.signal));
      } catch (e) {
        this.log.error('Tracking failed', e);
        outcome = { kind: 'cancelled', elapsedMs: Date.now() - started } as T;
      } finally {
        clearInterval(ticker);
        this.running.delete(key);
      }
      how.end(outcome);
      this.publish({ ref, reloadPool: true });
    })().catch((e) => this.log.error('Tracking failed', e));
    this.running.set(key, { controller, done });
    return done;
  }

  stop(ref: PluginDocRef): void {
    this.running.get(refKey(ref))?.controller.abort();
  }

  /** Stops every tracking; resolves when they have ended. */
  async stopAll(): Promise<void> {
    const running = [...this.running.values()];
    for (const t of running) t.controller.abort();
    await Promise.all(running.map((t) => t.done));
  }

  dispose(): void {
    // quiet at once: the views that listen are being disposed too
    this.disposed = true;
    void this.stopAll().finally(() => this.emitter.dispose());
  }
}
