// Show Plug-in: opens the plug-in's read-only document with the detailed answer of ShowPlugin, or
// the plug-in as listed where the cloud does not serve ShowPlugin (documented only for OTC).
import * as vscode from 'vscode';
import { ApiError } from '../api';
import { pluginArgument } from './pickPlugin';
import type { Services } from './services';

export async function showPlugin(s: Services, node?: unknown): Promise<void> {
  const target = await pluginArgument(s, node, vscode.l10n.t('Show Plug-in'));
  if (!target) return;
  const client = s.session.clientFor(target.pool.project.profile);
  try {
    const r = await vscode.window.withProgress(
      { location: { viewId: 'modelarts.pools' } },
      () => client.showPlugin(target.pool.project.ref, target.pool.name, target.template, { detail: true }),
    );
    await s.documents.show(target.docRef, r.text);
  } catch (e) {
    if (!(e instanceof ApiError) || e.kind === 'validation' || e.isAuthError) throw e;
    s.log.warn(`Showing ${target.template} as listed: the detailed view failed (${e.describe()}).`);
    await s.documents.show(target.docRef, JSON.stringify(target.plugin), vscode.l10n.t('as listed; details unavailable ({0})', e.errorCode ?? e.status ?? e.kind));
  }
}
