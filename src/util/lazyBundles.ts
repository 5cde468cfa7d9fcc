// Code the extension loads on first use instead of carrying it in dist/extension.js (SPEC §12
// budget): the agent tools (dist/agents.js) and the PATCH planner (dist/patchPlan.js). Such a
// bundle runs on this bundle's own client, core and l10n modules (one ApiError for `instanceof`, the
// zh-cn strings loaded at activation): esbuild.js resolves their imports to the objects handed over
// here, under the keys of its AGENTS_SHARED.
import * as l10n from '@vscode/l10n';
import * as api from '../api';
import * as mergePatch from '../api/mergePatch';
import * as drift from '../core/drift';
import * as inventory from '../core/inventory';
import type * as PatchPlan from '../core/patchPlan';
import * as scan from '../core/scan';

const SHARED = { api, drift, inventory, mergePatch, scan, l10n };
const SHARED_KEY = Symbol.for('modelarts-plugins.agents.shared');

/** Requires a lazily built bundle next to dist/extension.js, with the shared modules in place. */
export function loadBundle<T>(file: './agents.js' | './patchPlan.js'): T {
  (globalThis as Record<symbol, unknown>)[SHARED_KEY] = SHARED;
  // a literal require per file: esbuild keeps both external (esbuild.js)
  return (file === './agents.js' ? require('./agents.js') : require('./patchPlan.js')) as T;
}

let patchPlan: typeof PatchPlan | undefined;
/** The PATCH planner (src/core/patchPlan.ts), loaded on the first Upgrade, Apply or PATCH. */
export function loadPatchPlan(): typeof PatchPlan {
  return (patchPlan ??= loadBundle<typeof PatchPlan>('./patchPlan.js'));
}
