// The emulator's mutable world: projects → pools → plug-ins, copied from the seed, plus the two
// asynchronous lifecycles the real service has — an installed plug-in goes Pending → Running after
// installDelayMs, a deleted one shows Deleting and disappears after deleteDelayMs (API.md §5.3).
// Seeded Pending/Deleting plug-ins stay as they are, so tests and the demo always find one of each.
//
// Callers get deep copies, never the stored objects, so an HTTP answer or a test cannot change the
// state by accident. Timers are unref'd (they never keep a process alive) and cleared by dispose().
import type { Plugin, PluginTemplatePatch, Pool } from '../api/models';
import { defaultInputs, findTemplateVersion, templateVersions } from '../api/templates';
import { applyMergePatch } from '../api/mergePatch';
import { makePlugin, type SeedData, type SeedProjectInfo } from './seed';
import { getTemplate } from './templates';

export const PATCH_SEMANTICS = ['documented', 'merge'] as const;
/** How a PATCH treats the inputs it leaves out; see EmulatorConfig.patchSemantics. */
export type PatchSemantics = (typeof PATCH_SEMANTICS)[number];

export interface StateConfig {
  deleteDelayMs: number;
  installDelayMs: number;
  updateDelayMs: number;
  patchSemantics: PatchSemantics;
  /** FIDELITY #8: an upgrade ends Abnormal with this reason instead of Running ('' or absent: Running). */
  upgradeAbnormalReason?: string;
  /** FIDELITY #8: a deleted plug-in stays Deleting for ever. */
  stuckDeleting?: boolean;
}

/** Makes the next matching install end Abnormal with `reason` instead of Running (a fault hook). */
export interface InstallFailure {
  /** Template name; any when absent. */
  template?: string;
  /** Pool name; any when absent. */
  pool?: string;
  reason: string;
}

interface PluginEntry {
  plugin: Plugin;
  isDefault: boolean;
  timer?: NodeJS.Timeout;
}

interface PoolEntry {
  pool: Pool;
  plugins: Map<string, PluginEntry>;
}

interface ProjectEntry {
  project: SeedProjectInfo;
  pools: Map<string, PoolEntry>;
}

/** Why a plug-in operation was refused; server.ts maps each to the cloud's answer. */
export type PluginRefusal =
  | 'project-not-found'
  | 'pool-not-found'
  | 'plugin-not-found'
  | 'template-not-found'
  | 'already-installed'
  | 'default-plugin'
  | 'already-deleting'
  | 'unknown-version'
  | 'being-deleted'
  | 'name-change';

export type Outcome<T> = { ok: true; value: T } | { ok: false; refusal: PluginRefusal };

/** A plug-in as the state snapshot shows it. */
export interface PluginSnapshot {
  isDefault: boolean;
  plugin: Plugin;
}

export interface StateSnapshot {
  projects: {
    project: SeedProjectInfo;
    pools: { pool: Pool; plugins: PluginSnapshot[] }[];
  }[];
}

/**
 * The documented reading of a PATCH's inputs: the template defaults with `patch` merged over them.
 * Objects merge key by key; a `null` (or a left-out key) keeps the default, or leaves the key out
 * where the template has none; anything else replaces the default whole.
 */
export function mergeOverDefaults(defaults: Record<string, unknown>, patch: unknown): Record<string, unknown> {
  const out = structuredClone(defaults);
  if (!isObject(patch)) return out;
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || value === undefined) continue;
    out[key] = isObject(value) ? mergeOverDefaults(isObject(out[key]) ? out[key] : {}, value) : structuredClone(value);
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Removes `status.resources`: lists, plain show, delete and create answers do not carry it. */
export function withoutResources(plugin: Plugin): Plugin {
  const copy = structuredClone(plugin);
  if (copy.status) delete copy.status.resources;
  return copy;
}

export class EmulatorState {
  private projects = new Map<string, ProjectEntry>();
  private installFailures: InstallFailure[] = [];

  constructor(
    private readonly seed: SeedData,
    public config: StateConfig,
    private readonly now: () => number,
  ) {
    this.load();
  }

  /** Back to the seed; pending lifecycles are cancelled. */
  reset(): void {
    this.dispose();
    this.installFailures = [];
    this.load();
  }

  /** Cancels every pending lifecycle timer. */
  dispose(): void {
    for (const p of this.projects.values()) {
      for (const pool of p.pools.values()) for (const e of pool.plugins.values()) this.cancel(e);
    }
  }

  private load(): void {
    this.projects = new Map();
    for (const sp of structuredClone(this.seed.projects)) {
      const pools = new Map<string, PoolEntry>();
      for (const p of sp.pools) {
        const plugins = new Map<string, PluginEntry>();
        for (const sp2 of p.plugins) plugins.set(sp2.plugin.spec.template.name, { plugin: sp2.plugin, isDefault: sp2.isDefault });
        pools.set(p.pool.metadata.name, { pool: p.pool, plugins });
      }
      this.projects.set(sp.project.id, { project: sp.project, pools });
    }
  }

  private cancel(e: PluginEntry): void {
    if (e.timer) clearTimeout(e.timer);
    e.timer = undefined;
  }

  private schedule(e: PluginEntry, delayMs: number, fn: () => void): void {
    this.cancel(e);
    e.timer = setTimeout(() => {
      e.timer = undefined;
      fn();
    }, delayMs);
    e.timer.unref();
  }

  /** The IAM account (domain) a project belongs to; undefined for an unknown project. */
  projectDomain(projectId: string): string | undefined {
    return this.projects.get(projectId)?.project.domain_id;
  }

  listProjects(): SeedProjectInfo[] {
    return [...this.projects.values()].map((p) => structuredClone(p.project));
  }

  /** Pools of a project; undefined for an unknown project. */
  listPools(projectId: string): Pool[] | undefined {
    const p = this.projects.get(projectId);
    return p && [...p.pools.values()].map((e) => structuredClone(e.pool));
  }

  getPool(projectId: string, poolName: string): Pool | undefined {
    const e = this.projects.get(projectId)?.pools.get(poolName);
    return e && structuredClone(e.pool);
  }

  private poolEntry(projectId: string, poolName: string): Outcome<PoolEntry> {
    const p = this.projects.get(projectId);
    if (!p) return { ok: false, refusal: 'project-not-found' };
    const pool = p.pools.get(poolName);
    return pool ? { ok: true, value: pool } : { ok: false, refusal: 'pool-not-found' };
  }

  /** Plug-ins of a pool, full objects (with `status.resources`). */
  listPlugins(projectId: string, poolName: string): Outcome<Plugin[]> {
    const pool = this.poolEntry(projectId, poolName);
    if (!pool.ok) return pool;
    return { ok: true, value: [...pool.value.plugins.values()].map((e) => structuredClone(e.plugin)) };
  }

  /** One plug-in by template name, full object. */
  getPlugin(projectId: string, poolName: string, templateName: string): Outcome<Plugin> {
    const pool = this.poolEntry(projectId, poolName);
    if (!pool.ok) return pool;
    const e = pool.value.plugins.get(templateName);
    return e ? { ok: true, value: structuredClone(e.plugin) } : { ok: false, refusal: 'plugin-not-found' };
  }

  /** The next install matching `failure` ends Abnormal with its reason. */
  failNextInstall(failure: InstallFailure): void {
    this.installFailures.push({ ...failure });
  }

  private takeInstallFailure(pool: string, template: string): InstallFailure | undefined {
    const i = this.installFailures.findIndex((f) => (!f.template || f.template === template) && (!f.pool || f.pool === pool));
    return i < 0 ? undefined : this.installFailures.splice(i, 1)[0];
  }

  /**
   * Installs a plug-in from the catalogue: stored as Pending, Running after installDelayMs (or
   * Abnormal with a reason, see failNextInstall). No version means the newest; the inputs are the
   * version's defaults with the given ones merged over them (FIDELITY #3: "parameters left out take
   * the template defaults"). Returns the new plug-in.
   */
  installPlugin(
    projectId: string,
    poolName: string,
    template: { name: string; version?: string; inputs?: Record<string, unknown> },
  ): Outcome<Plugin> {
    const pool = this.poolEntry(projectId, poolName);
    if (!pool.ok) return pool;
    if (pool.value.plugins.has(template.name)) return { ok: false, refusal: 'already-installed' };
    const t = getTemplate(template.name);
    if (!t) return { ok: false, refusal: 'template-not-found' };
    const version = template.version === undefined ? templateVersions(t)[0] : findTemplateVersion(t, template.version);
    if (!version) return { ok: false, refusal: 'unknown-version' };
    const { plugin } = makePlugin(poolName, template.name, {
      phase: 'Pending',
      reason: 'Installing',
      version: version.version,
      inputs: applyMergePatch(defaultInputs(version), template.inputs ?? {}) as Record<string, unknown>,
      created: new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    });
    // a plug-in the user installed is never a default one, whatever the template
    const entry: PluginEntry = { plugin, isDefault: false };
    pool.value.plugins.set(template.name, entry);
    const failure = this.takeInstallFailure(poolName, template.name);
    this.schedule(entry, this.config.installDelayMs, () => {
      if (!entry.plugin.status) return;
      entry.plugin.status.phase = failure ? 'Abnormal' : 'Running';
      entry.plugin.status.reason = failure ? failure.reason : 'Install complete';
    });
    return { ok: true, value: structuredClone(plugin) };
  }

  /**
   * PATCH (API.md §1.8): the plug-in shows Updating, then Running at the new version after
   * updateDelayMs; answers the new spec. The inputs follow `config.patchSemantics`: `documented`
   * (the vendor's page, FIDELITY.md #1) starts from the target version's template defaults and
   * merges the PATCH's inputs over them, a `null` leaving the default in place (#2); `merge` is
   * RFC 7386 over the current inputs, where `null` removes a key and a left-out key stays.
   */
  updatePlugin(projectId: string, poolName: string, templateName: string, patch: PluginTemplatePatch): Outcome<Plugin['spec']> {
    const pool = this.poolEntry(projectId, poolName);
    if (!pool.ok) return pool;
    const entry = pool.value.plugins.get(templateName);
    if (!entry) return { ok: false, refusal: 'plugin-not-found' };
    if (entry.plugin.status?.phase === 'Deleting') return { ok: false, refusal: 'being-deleted' };
    if (patch.name !== undefined && patch.name !== templateName) return { ok: false, refusal: 'name-change' };
    const t = getTemplate(templateName);
    if (patch.version !== undefined && !(t && findTemplateVersion(t, patch.version))) return { ok: false, refusal: 'unknown-version' };
    const { inputs: patchInputs, ...rest } = patch;
    const next = applyMergePatch(entry.plugin.spec.template, rest) as Plugin['spec']['template'];
    next.name = templateName;
    if (this.config.patchSemantics === 'merge') {
      next.inputs = applyMergePatch(entry.plugin.spec.template.inputs ?? {}, patchInputs ?? {}) as Record<string, unknown>;
    } else {
      const v = t && next.version !== undefined ? findTemplateVersion(t, next.version) : undefined;
      next.inputs = mergeOverDefaults(v ? defaultInputs(v) : {}, patchInputs);
    }
    entry.plugin.spec = { ...entry.plugin.spec, template: next };
    const target = next.version ?? entry.plugin.status?.version;
    const upgrade = target !== entry.plugin.status?.version;
    entry.plugin.status = { ...entry.plugin.status, phase: 'Updating', reason: upgrade ? `Upgrading to ${target}` : 'Updating' };
    this.schedule(entry, this.config.updateDelayMs, () => {
      entry.plugin.status = this.updateEnd(entry.plugin.status, target, upgrade);
    });
    return { ok: true, value: structuredClone(entry.plugin.spec) };
  }

  /**
   * How a PATCH ends: Running at the target version, or — FIDELITY #8, `upgradeAbnormalReason` — an
   * upgrade ends Abnormal with the reason, still at the version it had.
   */
  private updateEnd(status: Plugin['status'], target: string | undefined, upgrade: boolean): Plugin['status'] {
    const reason = this.config.upgradeAbnormalReason;
    if (upgrade && reason) return { ...status, phase: 'Abnormal', reason };
    return { ...status, phase: 'Running', version: target, reason: upgrade ? 'Upgrade complete' : 'Update complete' };
  }

  /**
   * Starts uninstalling: answers the plug-in as it was at this moment (API.md §1.9), then shows it
   * Deleting and removes it after deleteDelayMs.
   */
  deletePlugin(projectId: string, poolName: string, templateName: string): Outcome<Plugin> {
    const pool = this.poolEntry(projectId, poolName);
    if (!pool.ok) return pool;
    const entry = pool.value.plugins.get(templateName);
    if (!entry) return { ok: false, refusal: 'plugin-not-found' };
    if (entry.isDefault) return { ok: false, refusal: 'default-plugin' };
    if (entry.plugin.status?.phase === 'Deleting') return { ok: false, refusal: 'already-deleting' };
    const before = structuredClone(entry.plugin);
    entry.plugin.status = { ...entry.plugin.status, phase: 'Deleting', reason: 'Uninstalling' };
    const plugins = pool.value.plugins;
    // FIDELITY #8: "a long Deleting means something is wrong"; stuckDeleting is that, for ever
    if (this.config.stuckDeleting) return { ok: true, value: before };
    this.schedule(entry, this.config.deleteDelayMs, () => {
      // only remove what this delete started: the entry may have been replaced meanwhile
      if (plugins.get(templateName) === entry) plugins.delete(templateName);
    });
    return { ok: true, value: before };
  }

  /** Adds or overwrites a plug-in (control API and tests); no lifecycle is started. */
  upsertPlugin(projectId: string, poolName: string, plugin: Plugin, isDefault = false): Outcome<Plugin> {
    const pool = this.poolEntry(projectId, poolName);
    if (!pool.ok) return pool;
    const name = plugin.spec.template.name;
    const old = pool.value.plugins.get(name);
    if (old) this.cancel(old);
    pool.value.plugins.set(name, { plugin: structuredClone(plugin), isDefault });
    return { ok: true, value: structuredClone(plugin) };
  }

  /** Everything, for `GET /__emulator/state` and tests. */
  snapshot(): StateSnapshot {
    return {
      projects: [...this.projects.values()].map((p) => ({
        project: structuredClone(p.project),
        pools: [...p.pools.values()].map((pool) => ({
          pool: structuredClone(pool.pool),
          plugins: [...pool.plugins.values()].map((e) => ({ isDefault: e.isDefault, plugin: structuredClone(e.plugin) })),
        })),
      })),
    };
  }
}
