// JSON shapes of the ModelArts v2 resource-pool API and IAM (API.md §1, §2). Every object keeps
// the fields it was sent: the index signatures say so, and the client never rebuilds objects, so
// the plug-in document shows exactly what the cloud returned.
import * as l10n from '@vscode/l10n';

export type PluginPhase = 'Pending' | 'Running' | 'Updating' | 'Abnormal' | 'Deleting';

export type PoolPhase =
  | 'Creating'
  | 'Running'
  | 'Abnormal'
  | 'Deleting'
  | 'Error'
  | 'CreationFailed'
  | 'ScalingFailed'
  | 'Waiting';

interface Open {
  [key: string]: unknown;
}

export interface ObjectMeta extends Open {
  name: string;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface PluginTemplateRef extends Open {
  name: string;
  version?: string;
  inputs?: Record<string, unknown>;
}

export interface PluginResource extends Open {
  involvedObject?: {
    kind?: string;
    apiVersion?: string;
    namespace?: string;
    name?: string;
    uid?: string;
    resourceVersion?: string;
  };
  replicas?: number;
  limits?: Record<string, string>;
  requests?: Record<string, string>;
}

export interface PluginStatus extends Open {
  /** A PluginPhase, but a cloud may add more: kept as a string. */
  phase?: PluginPhase | string;
  version?: string;
  reason?: string;
  values?: string;
  resources?: PluginResource[];
}

export interface Plugin extends Open {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  spec: { template: PluginTemplateRef } & Open;
  status?: PluginStatus;
}

export interface PluginList extends Open {
  apiVersion?: string;
  kind?: string;
  items: Plugin[];
}

export interface PoolScopeStatus extends Open {
  scopeType?: string;
  state?: string;
  plugins?: { name?: string; phase?: string }[];
  message?: string;
}

export interface Pool extends Open {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec?: {
    type?: string;
    scope?: string[];
    resources?: { flavor?: string; count?: number; maxCount?: number }[];
  } & Open;
  status?: {
    phase?: PoolPhase | string;
    message?: string;
    scope?: PoolScopeStatus[];
  } & Open;
}

export interface PoolList extends Open {
  apiVersion?: string;
  kind?: string;
  items: Pool[];
  metadata?: { continue?: string; remainingItemCount?: number } & Open;
}

export interface Project extends Open {
  id: string;
  name: string;
  enabled?: boolean;
  domain_id?: string;
  description?: string;
}

export interface ProjectList extends Open {
  projects: Project[];
  links?: { self?: string; next?: string | null; previous?: string | null };
}

/** Body of POST …/plugins (API.md §1.7). */
export interface CreatePluginBody {
  apiVersion: 'v2';
  kind: 'Plugin';
  spec: { template: PluginTemplateRef };
}

/** The part of `spec.template` a PATCH may carry (API.md §1.8): a merge patch, so `null` removes a key. */
export interface PluginTemplatePatch {
  name?: string;
  version?: string;
  inputs?: Record<string, unknown> | null;
}

/** Body of PATCH …/plugins/{template_name} (API.md §1.8). */
export interface UpdatePluginBody {
  spec: { template: PluginTemplatePatch };
}

/** What PATCH answers: an echo of the spec only (API.md §1.8). */
export interface UpdatePluginResult extends Open {
  spec: { template: PluginTemplateRef } & Open;
}

/** One version of a plug-in template (API.md §1.10, `PluginTemplateVersionV2`). */
export interface PluginTemplateVersion extends Open {
  version: string;
  creationTimestamp?: string;
  description?: string;
  detail?: string;
  /** `{ parameters: { custom: {...}, flavor1: {..., is_default?}, flavor2: … } }` */
  inputs?: { parameters?: Record<string, unknown> } & Open;
  translate?: Record<string, unknown>;
}

/** A plug-in template (API.md §1.10, `PluginTemplateV2`). */
export interface PluginTemplate extends Open {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec: {
    optional?: boolean;
    type?: string;
    logoURL?: string;
    description?: string;
    /** Newest first, as the cloud lists them. */
    versions: PluginTemplateVersion[];
  } & Open;
}

export interface PluginTemplateList extends Open {
  apiVersion?: string;
  kind?: string;
  items: PluginTemplate[];
}

/** The pool's display name: label `os.modelarts/name`, else `metadata.name`. */
export function poolDisplayName(pool: Pool): string {
  return pool.metadata.labels?.['os.modelarts/name'] || pool.metadata.name;
}

/** A project's region: its name up to the first `_` (sub-projects are `region_suffix`). */
export function projectRegion(project: Pick<Project, 'name'>): string {
  const i = project.name.indexOf('_');
  return i < 0 ? project.name : project.name.slice(0, i);
}

/** What each plug-in phase means (API.md §1.5), for hovers and tooltips. */
// Getters, so each read is in the language the extension loaded (@vscode/l10n; English in the CLI).
export const PLUGIN_PHASE_MEANING: Readonly<Record<PluginPhase, string>> = {
  get Pending() { return l10n.t('Being installed. If its instances cannot be scheduled it turns Abnormal after 10 minutes.'); },
  get Running() { return l10n.t('Installed: all instances are running.'); },
  get Updating() { return l10n.t('Being upgraded to a new version or new parameters.'); },
  get Abnormal() { return l10n.t('Unusable: installation or upgrade failed. The reason says why.'); },
  get Deleting() { return l10n.t('Being uninstalled from every node of the pool. If this lasts long, something is wrong.'); },
};
