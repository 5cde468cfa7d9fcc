// Seed data of the emulator: the demo credentials, a few projects (regions, a sub-project, MOS, one
// without pools), pools in every pool phase and plug-ins in every plug-in phase, shaped like the
// examples of API.md §1. Everything is deterministic (fixed ids, fixed timestamps, uids derived by
// hashing), so tests, screenshots and benchmarks see the same data on every run.
//
// The seed is plain data; state.ts copies it into its mutable store and reset() copies it again.
import { createHash } from 'crypto';
import type { Plugin, PluginPhase, PluginResource, Pool, PoolPhase, Project } from '../api/models';

/** The access key pair every emulator accepts (printed by the CLI entry, used by tests and the demo). */
export const DEMO_CREDENTIALS = {
  accessKey: 'DEMOACCESSKEY00000000',
  secretKey: 'demo-secret-key-not-a-real-one-0000000000',
} as const;

/** The IAM account (domain) that owns every seeded project but the second account's. */
export const DEMO_DOMAIN_ID = 'd0a1b2c3d4e5f60718293a4b5c6d7e8f';

/** A second account (another IAM domain) with projects of its own: profiles are tested with both. */
export const OPS_CREDENTIALS = {
  accessKey: 'OPSACCESSKEY000000001',
  secretKey: 'ops-secret-key-not-a-real-one-00000000001',
} as const;
export const OPS_DOMAIN_ID = 'e1b2c3d4e5f60718293a4b5c6d7e8f90';
/** The second account's only project. */
export const PROJECT_OPS_EU = { id: '5a0d2e8b7f6c9d1e3f4a5b6c7d8e9f0a', name: 'eu-west-101' } as const;

export const PROJECT_CN_NORTH_4 = { id: '0b5e7f3c2a1d4e6f8a9b0c1d2e3f4a5b', name: 'cn-north-4' } as const;
export const PROJECT_AP_SOUTHEAST_1 = { id: '1c6f8a4d3b2e5f7a9b0c1d2e3f4a5b6c', name: 'ap-southeast-1' } as const;
/** A sub-project of cn-north-4 (IAM parent_id = the cn-north-4 project). */
export const PROJECT_ML_TEAM = { id: '2d7a9b5e4c3f6a8b0c1d2e3f4a5b6c7d', name: 'cn-north-4_ml-team' } as const;
/** A project without any pool. */
export const PROJECT_CN_SOUTH_1 = { id: '3e8b0c6f5d4a7b9c1d2e3f4a5b6c7d8e', name: 'cn-south-1' } as const;
/** OBS's built-in project: IAM lists it, clients drop it. */
export const PROJECT_MOS = { id: '4f9c1d7a6e5b8c0d2e3f4a5b6c7d8e9f', name: 'MOS' } as const;
/** Added only with the `generate` option: N pools × M plug-ins for benchmarks. */
export const PROJECT_BENCH = { id: 'be0c4000000000000000000000000001', name: 'bench' } as const;

/** Pool ids (`metadata.name`, the `{pool_name}` of the paths). */
export const POOL_IDS = {
  /** cn-north-4, Running, the API.md example pool: node-local-dns, defaults, an Abnormal and a Pending plug-in. */
  autoPoolOs: 'auto-pool-os-86c13962597848eeb29c5861153a391f',
  /** cn-north-4, Running: an Updating and a Deleting plug-in. */
  trainGpu: 'pool-4cd084d36f8bd3346036',
  /** cn-north-4, Running, no plug-ins at all ("No plug-ins installed"). */
  empty: 'pool-7b2c9d4e6f8a0b1c3d5e',
  /** cn-north-4, Creating. */
  creating: 'pool-9a3e1b7c5d2f4e6a8b0c',
  /** cn-north-4, Abnormal. */
  abnormal: 'pool-2f4a6c8e0b1d3f5a7c9e',
  /** ap-southeast-1, Running. */
  sgTrain: 'pool-5e7a9c1b3d5f7a9c1e3b',
  /** ap-southeast-1, Deleting. */
  sgDeleting: 'pool-8c0e2a4c6e8a0c2e4a6c',
  /** ap-southeast-1, Error. */
  sgError: 'pool-1a3c5e7a9c1e3a5c7e9a',
  /** ap-southeast-1, CreationFailed. */
  sgCreationFailed: 'pool-3c5e7a9c1e3a5c7e9a1c',
  /** cn-north-4_ml-team, ScalingFailed. */
  teamScaling: 'pool-6a8c0e2a4c6e8a0c2e4a',
  /** cn-north-4_ml-team, Waiting. */
  teamWaiting: 'pool-0e2a4c6e8a0c2e4a6c8e',
} as const;

/** What the emulator knows about a plug-in template: defaults for install, and whether it is a default plug-in. */
export interface PluginTemplateInfo {
  readonly version: string;
  /** Default plug-ins are installed with every pool and cannot be uninstalled (API.md §1.5). */
  readonly isDefault: boolean;
  readonly inputs?: Record<string, unknown>;
  /** Workloads reported by `?detail=true`. */
  readonly workloads: readonly { kind: 'DaemonSet' | 'Deployment'; name: string; namespace: string; replicas?: number; cpu: [string, string]; mem: [string, string] }[];
}

const NODE_LOCAL_DNS_INPUTS = {
  custom: { enable_dnsconfig_admission: true, nameserver: '135.0.0.1', ndots: '8', search: '1321' },
  flavor: {
    description: 'High avaiable',
    name: 'HA',
    resources: [
      {
        limitsCpu: '250m',
        limitsMem: '512Mi',
        name: 'node-local-dns-admission-controller',
        replicas: 2,
        requestsCpu: '250m',
        requestsMem: '512Mi',
      },
      { limitsCpu: '500m', limitsMem: '512Mi', name: 'node-local-dns-cache', requestsCpu: '25m', requestsMem: '5Mi' },
    ],
    size: 'large',
  },
};

const OS_NODE_AGENT_INPUTS = {
  configs: {
    metric_config: {
      backNodeUp: true,
      enable: true,
      exporter: { enable: false, port: '10120' },
      namespaces: ['monitoring'],
      prometheus: { accessCode: '', prometheusId: '' },
      uplink: 'both',
    },
  },
};

/** What the seed needs to know of a template (its catalogue entry for installs is in templates.ts). */
export const PLUGIN_TEMPLATES: Readonly<Record<string, PluginTemplateInfo>> = {
  'node-local-dns': {
    version: '1.6.36',
    isDefault: false,
    inputs: NODE_LOCAL_DNS_INPUTS,
    workloads: [
      { kind: 'DaemonSet', name: 'node-local-dns', namespace: 'kube-system', cpu: ['25m', '500m'], mem: ['5Mi', '512Mi'] },
      {
        kind: 'Deployment',
        name: 'node-local-dns-admission-controller',
        namespace: 'kube-system',
        replicas: 2,
        cpu: ['250m', '250m'],
        mem: ['512Mi', '512Mi'],
      },
    ],
  },
  'gpu-beta': {
    version: '1.2.15',
    isDefault: true,
    workloads: [{ kind: 'DaemonSet', name: 'gpu-beta', namespace: 'kube-system', cpu: ['50m', '500m'], mem: ['64Mi', '512Mi'] }],
  },
  'os-node-agent': {
    version: '6.8.0-20250219120620',
    isDefault: true,
    inputs: OS_NODE_AGENT_INPUTS,
    workloads: [{ kind: 'DaemonSet', name: 'os-node-agent', namespace: 'kube-system', cpu: ['100m', '1'], mem: ['128Mi', '1Gi'] }],
  },
  volcano: {
    version: '1.15.6',
    isDefault: true,
    workloads: [
      { kind: 'Deployment', name: 'volcano-scheduler', namespace: 'kube-system', replicas: 2, cpu: ['500m', '2'], mem: ['500Mi', '2Gi'] },
      { kind: 'Deployment', name: 'volcano-controller', namespace: 'kube-system', replicas: 1, cpu: ['200m', '1'], mem: ['256Mi', '1Gi'] },
    ],
  },
  'log-agent': {
    version: '1.5.7',
    isDefault: false,
    inputs: {
      custom: { logLevel: 'info', collectStdout: true },
      flavor: { name: 'Standard', size: 'medium', resources: [{ name: 'log-agent', limitsCpu: '1', limitsMem: '1Gi', requestsCpu: '100m', requestsMem: '200Mi' }] },
    },
    workloads: [{ kind: 'DaemonSet', name: 'log-agent', namespace: 'monitoring', cpu: ['100m', '1'], mem: ['200Mi', '1Gi'] }],
  },
  'gpu-operator': {
    version: '2.7.1',
    isDefault: false,
    inputs: {
      custom: { driver: { enabled: false }, toolkit: { enabled: true } },
      flavor: { name: 'Default', size: 'small', resources: [{ name: 'gpu-operator', replicas: 1, limitsCpu: '500m', limitsMem: '350Mi', requestsCpu: '200m', requestsMem: '100Mi' }] },
    },
    workloads: [{ kind: 'Deployment', name: 'gpu-operator', namespace: 'gpu-operator', replicas: 1, cpu: ['200m', '500m'], mem: ['100Mi', '350Mi'] }],
  },
};

/** A plug-in as the emulator stores it: the full object (with `status.resources`) and whether it can be uninstalled. */
export interface SeedPlugin {
  plugin: Plugin;
  /** Installed by default: DELETE answers 400. */
  isDefault: boolean;
}

export interface SeedPool {
  pool: Pool;
  plugins: SeedPlugin[];
}

/** An IAM project as `GET /v3/auth/projects` returns it, minus `links` (built from the request's host). */
export interface SeedProjectInfo extends Project {
  enabled: boolean;
  domain_id: string;
  description: string;
  is_domain: boolean;
  parent_id: string;
}

export interface SeedProject {
  project: SeedProjectInfo;
  pools: SeedPool[];
}

export interface SeedData {
  projects: SeedProject[];
}

export interface GenerateOptions {
  pools: number;
  pluginsPerPool: number;
  /** How many bench projects (`bench`, `bench-2`, …), each with `pools` pools; default 1. */
  projects?: number;
}

/** Deterministic Kubernetes-style uid from any string (a hash, so no randomness in the seed). */
export function stableUid(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function stableNumber(key: string, max: number): number {
  return parseInt(createHash('sha256').update(key).digest('hex').slice(0, 8), 16) % max;
}

/** `status.resources` of a plug-in of a known template (the `?detail=true` part). */
export function templateResources(poolName: string, templateName: string): PluginResource[] {
  const t = PLUGIN_TEMPLATES[templateName];
  const workloads = t?.workloads ?? [
    { kind: 'DaemonSet' as const, name: templateName, namespace: 'kube-system', cpu: ['100m', '500m'] as [string, string], mem: ['128Mi', '512Mi'] as [string, string] },
  ];
  return workloads.map((w) => {
    const r: PluginResource = {
      limits: { cpu: w.cpu[1], memory: w.mem[1] },
      requests: { cpu: w.cpu[0], memory: w.mem[0] },
      involvedObject: {
        kind: w.kind,
        namespace: w.namespace,
        name: w.name,
        uid: stableUid(`${poolName}/${templateName}/${w.name}`),
        apiVersion: 'apps/v1',
        resourceVersion: String(700000 + stableNumber(`${poolName}/${w.name}`, 99999)),
      },
    };
    if (w.replicas !== undefined) r.replicas = w.replicas;
    return r;
  });
}

interface PluginInit {
  phase: PluginPhase;
  reason?: string;
  version?: string;
  created?: string;
  /** Leave `spec.template.version`/`inputs` out, as some list items do (API.md §1.4). */
  bare?: boolean;
  inputs?: Record<string, unknown>;
  isDefault?: boolean;
}

const DEFAULT_REASON: Record<PluginPhase, string> = {
  Pending: 'Installing',
  Running: 'Install complete',
  Updating: 'Upgrading',
  Abnormal: 'Install failed',
  Deleting: 'Uninstalling',
};

/** Builds a stored plug-in of a template in a pool. Exported for the generator and tests. */
export function makePlugin(poolName: string, templateName: string, init: PluginInit): SeedPlugin {
  const t = PLUGIN_TEMPLATES[templateName];
  const version = init.version ?? t?.version ?? '1.0.0';
  const template: Plugin['spec']['template'] = { name: templateName };
  if (!init.bare) {
    template.version = version;
    const inputs = init.inputs ?? t?.inputs;
    if (inputs) template.inputs = structuredClone(inputs);
  }
  const plugin: Plugin = {
    kind: 'Plugin',
    apiVersion: 'v2',
    metadata: { name: `${poolName}-${templateName}`, creationTimestamp: init.created ?? '2025-03-17T12:29:18Z' },
    spec: { template },
    status: {
      phase: init.phase,
      version,
      reason: init.reason ?? DEFAULT_REASON[init.phase],
      resources: templateResources(poolName, templateName),
    },
  };
  return { plugin, isDefault: init.isDefault ?? t?.isDefault ?? false };
}

interface PoolInit {
  id: string;
  displayName: string;
  phase: PoolPhase;
  projectId: string;
  created: string;
  flavor: string;
  count: number;
  scope?: string[];
  message?: string;
  description?: string;
}

const PHASE_SCOPE_STATE: Record<PoolPhase, string> = {
  Creating: 'Enabling',
  Running: 'Enabled',
  Abnormal: 'Enabled',
  Deleting: 'Disabling',
  Error: 'EnableFailed',
  CreationFailed: 'EnableFailed',
  ScalingFailed: 'Enabled',
  Waiting: 'Enabling',
};

/** Builds a Pool shaped like API.md §1.2. Exported for the generator and tests. */
export function makePool(init: PoolInit): Pool {
  const scope = init.scope ?? ['Train', 'Infer'];
  const resource = { flavor: init.flavor, count: init.count, maxCount: init.count * 2 };
  const azs = [{ az: 'az-7c', count: init.count }];
  const resources: Record<string, unknown[]> = {};
  if (init.phase === 'Creating' || init.phase === 'Waiting') resources.creating = [{ ...resource, azs }];
  else if (init.phase === 'Deleting') resources.deleting = [{ ...resource, azs }];
  else if (init.phase === 'Abnormal' || init.phase === 'Error' || init.phase === 'CreationFailed') {
    resources.abnormal = [{ ...resource, azs }];
  } else resources.available = [{ ...resource, azs }];
  const status: NonNullable<Pool['status']> = {
    phase: init.phase,
    root: init.id,
    scope: scope.map((s) => ({ scopeType: s, state: PHASE_SCOPE_STATE[init.phase] })),
    resources,
  };
  if (init.message) status.message = init.message;
  return {
    kind: 'Pool',
    apiVersion: 'v2',
    metadata: {
      name: init.id,
      creationTimestamp: init.created,
      labels: {
        'os.modelarts/name': init.displayName,
        'os.modelarts/workspace.id': '0',
        'os.modelarts/resource.id': `maos-${init.displayName}-${init.id.slice(-5)}`,
        'os.modelarts/tenant.domain.id': DEMO_DOMAIN_ID,
        'os.modelarts/tenant.project.id': init.projectId,
        'os.modelarts/create-from': 'console',
        'os.modelarts.pool/biz': 'private',
        'os.modelarts/sharing': 'unshared',
      },
      annotations: {
        'os.modelarts/description': init.description ?? '',
        'os.modelarts/billing.mode': '0',
        'os.modelarts/flavor.resource.ids': `{"${init.flavor}":"${init.id.slice(-12)}"}`,
        'os.modelarts/tms.tags': '[]',
      },
    },
    spec: {
      type: 'Dedicate',
      scope,
      resources: [resource],
      network: { name: `network-${init.id.slice(-12)}` },
    },
    status,
  };
}

function iamProject(p: { id: string; name: string }, parentId: string = DEMO_DOMAIN_ID, description = '', domainId = DEMO_DOMAIN_ID): SeedProjectInfo {
  return { id: p.id, name: p.name, enabled: true, domain_id: domainId, description, is_domain: false, parent_id: parentId };
}

/** The second account's project: one healthy pool with an older log-agent, one with an Abnormal plug-in. */
function opsEu(): SeedProject {
  const pid = PROJECT_OPS_EU.id;
  const a = 'pool-0a1b2c3d4e5f6a7b8c9d';
  const b = 'pool-1b2c3d4e5f6a7b8c9d0e';
  return {
    project: iamProject(PROJECT_OPS_EU, OPS_DOMAIN_ID, 'second account', OPS_DOMAIN_ID),
    pools: [
      {
        pool: makePool({ id: a, displayName: 'ops-train', phase: 'Running', projectId: pid, created: '2025-02-02T02:02:02Z', flavor: 'modelarts.vm.cpu.8u', count: 2 }),
        plugins: [
          makePlugin(a, 'log-agent', { phase: 'Running', version: '1.4.2', created: '2025-02-02T02:30:00Z' }),
          makePlugin(a, 'os-node-agent', { phase: 'Running', reason: 'Upgrade complete', created: '2025-02-02T02:30:00Z' }),
        ],
      },
      {
        pool: makePool({ id: b, displayName: 'ops-infer', phase: 'Running', projectId: pid, created: '2025-02-03T03:03:03Z', flavor: 'modelarts.vm.cpu.8u', count: 1, scope: ['Infer'] }),
        plugins: [makePlugin(b, 'node-local-dns', { phase: 'Abnormal', reason: INSUFFICIENT_CPU, created: '2025-02-03T03:30:00Z' })],
      },
    ],
  };
}

const INSUFFICIENT_CPU = 'Insufficient CPU: 0/3 nodes are available';

function cnNorth4(): SeedProject {
  const pid = PROJECT_CN_NORTH_4.id;
  const auto = POOL_IDS.autoPoolOs;
  const train = POOL_IDS.trainGpu;
  return {
    project: iamProject(PROJECT_CN_NORTH_4),
    pools: [
      {
        pool: makePool({ id: auto, displayName: 'auto-pool-os', phase: 'Running', projectId: pid, created: '2022-09-16T03:10:40Z', flavor: 'modelarts.vm.cpu.4ud', count: 2 }),
        plugins: [
          makePlugin(auto, 'node-local-dns', { phase: 'Running', reason: 'Install complete' }),
          makePlugin(auto, 'gpu-beta', { phase: 'Running', reason: 'Upgrade complete', bare: true, created: '2025-01-22T03:01:53Z' }),
          makePlugin(auto, 'os-node-agent', { phase: 'Running', reason: 'Upgrade complete', created: '2025-01-22T03:01:53Z' }),
          makePlugin(auto, 'volcano', { phase: 'Running', created: '2025-01-22T03:01:53Z' }),
          makePlugin(auto, 'log-agent', { phase: 'Abnormal', reason: INSUFFICIENT_CPU, created: '2025-03-20T08:14:02Z' }),
          makePlugin(auto, 'gpu-operator', { phase: 'Pending', reason: 'Installing', created: '2025-03-21T10:45:11Z' }),
        ],
      },
      {
        pool: makePool({ id: train, displayName: 'train-gpu-a', phase: 'Running', projectId: pid, created: '2024-11-02T07:21:09Z', flavor: 'modelarts.bm.gpu.8v100', count: 4, scope: ['Train'], description: 'GPU training pool' }),
        plugins: [
          makePlugin(train, 'gpu-beta', { phase: 'Running', reason: 'Upgrade complete', created: '2024-11-02T07:40:00Z' }),
          makePlugin(train, 'os-node-agent', { phase: 'Running', reason: 'Upgrade complete', created: '2024-11-02T07:40:00Z' }),
          makePlugin(train, 'node-local-dns', { phase: 'Updating', reason: 'Upgrading to 1.6.63', created: '2025-02-10T09:00:00Z' }),
          makePlugin(train, 'log-agent', { phase: 'Deleting', reason: 'Uninstalling', created: '2025-02-11T09:00:00Z' }),
        ],
      },
      {
        pool: makePool({ id: POOL_IDS.empty, displayName: 'empty-pool', phase: 'Running', projectId: pid, created: '2025-01-05T12:00:00Z', flavor: 'modelarts.vm.cpu.8u', count: 1, scope: ['Notebook'] }),
        plugins: [],
      },
      {
        pool: makePool({ id: POOL_IDS.creating, displayName: 'infer-cpu', phase: 'Creating', projectId: pid, created: '2025-03-22T01:02:03Z', flavor: 'modelarts.vm.cpu.8u', count: 3, scope: ['Infer'] }),
        plugins: [makePlugin(POOL_IDS.creating, 'os-node-agent', { phase: 'Pending', created: '2025-03-22T01:05:00Z' })],
      },
      {
        pool: makePool({ id: POOL_IDS.abnormal, displayName: 'notebook-npu', phase: 'Abnormal', projectId: pid, created: '2024-06-30T16:30:00Z', flavor: 'modelarts.bm.npu.arm.8snt9b3.d', count: 2, scope: ['Notebook'], message: '1 node(s) NotReady' }),
        plugins: [
          makePlugin(POOL_IDS.abnormal, 'os-node-agent', { phase: 'Abnormal', reason: 'DaemonSet os-node-agent: 1/2 pods are not ready', created: '2024-06-30T16:45:00Z' }),
          makePlugin(POOL_IDS.abnormal, 'volcano', { phase: 'Running', created: '2024-06-30T16:45:00Z' }),
        ],
      },
    ],
  };
}

function apSoutheast1(): SeedProject {
  const pid = PROJECT_AP_SOUTHEAST_1.id;
  const sg = POOL_IDS.sgTrain;
  return {
    project: iamProject(PROJECT_AP_SOUTHEAST_1),
    pools: [
      {
        pool: makePool({ id: sg, displayName: 'sg-train', phase: 'Running', projectId: pid, created: '2024-08-08T08:08:08Z', flavor: 'modelarts.bm.gpu.8a100', count: 2 }),
        plugins: [
          makePlugin(sg, 'gpu-operator', { phase: 'Running', created: '2024-08-08T08:30:00Z' }),
          makePlugin(sg, 'volcano', { phase: 'Running', created: '2024-08-08T08:30:00Z' }),
          makePlugin(sg, 'node-local-dns', { phase: 'Running', created: '2024-09-01T10:00:00Z' }),
          makePlugin(sg, 'os-node-agent', { phase: 'Running', reason: 'Upgrade complete', created: '2024-08-08T08:30:00Z' }),
        ],
      },
      {
        pool: makePool({ id: POOL_IDS.sgDeleting, displayName: 'sg-old', phase: 'Deleting', projectId: pid, created: '2023-05-01T00:00:00Z', flavor: 'modelarts.vm.cpu.4ud', count: 2 }),
        plugins: [makePlugin(POOL_IDS.sgDeleting, 'os-node-agent', { phase: 'Deleting', created: '2023-05-01T00:20:00Z' })],
      },
      {
        pool: makePool({ id: POOL_IDS.sgError, displayName: 'sg-broken', phase: 'Error', projectId: pid, created: '2025-02-14T14:14:14Z', flavor: 'modelarts.vm.cpu.4ud', count: 1, message: 'cluster unavailable' }),
        plugins: [makePlugin(POOL_IDS.sgError, 'os-node-agent', { phase: 'Abnormal', reason: INSUFFICIENT_CPU, created: '2025-02-14T14:30:00Z' })],
      },
      {
        pool: makePool({ id: POOL_IDS.sgCreationFailed, displayName: 'sg-failed', phase: 'CreationFailed', projectId: pid, created: '2025-03-01T09:00:00Z', flavor: 'modelarts.bm.gpu.8a100', count: 8, message: 'Insufficient resources: flavor modelarts.bm.gpu.8a100 sold out in az-7c' }),
        plugins: [],
      },
    ],
  };
}

function mlTeam(): SeedProject {
  const pid = PROJECT_ML_TEAM.id;
  const scaling = POOL_IDS.teamScaling;
  return {
    project: iamProject(PROJECT_ML_TEAM, PROJECT_CN_NORTH_4.id, 'ML team sub-project'),
    pools: [
      {
        pool: makePool({ id: scaling, displayName: 'ml-team-train', phase: 'ScalingFailed', projectId: pid, created: '2024-12-12T12:12:12Z', flavor: 'modelarts.bm.gpu.8v100', count: 2, scope: ['Train'], message: 'scale out failed: quota exceeded' }),
        plugins: [
          makePlugin(scaling, 'log-agent', { phase: 'Running', created: '2024-12-12T12:40:00Z' }),
          makePlugin(scaling, 'node-local-dns', { phase: 'Running', created: '2024-12-12T12:40:00Z' }),
          makePlugin(scaling, 'gpu-beta', { phase: 'Running', reason: 'Upgrade complete', created: '2024-12-12T12:40:00Z' }),
        ],
      },
      {
        pool: makePool({ id: POOL_IDS.teamWaiting, displayName: 'ml-team-queue', phase: 'Waiting', projectId: pid, created: '2025-03-23T03:03:03Z', flavor: 'modelarts.vm.cpu.8u', count: 1, scope: ['Train'] }),
        plugins: [makePlugin(POOL_IDS.teamWaiting, 'os-node-agent', { phase: 'Pending', created: '2025-03-23T03:10:00Z' })],
      },
    ],
  };
}

const BENCH_TEMPLATES = ['node-local-dns', 'gpu-beta', 'os-node-agent', 'volcano', 'log-agent', 'gpu-operator'];

/** Bench project number `index` (0: `bench`, 1: `bench-2`, …): its id and name. */
export function benchProject(index: number): { id: string; name: string } {
  if (index === 0) return PROJECT_BENCH;
  return { id: `${PROJECT_BENCH.id.slice(0, -4)}${(index + 1).toString(16).padStart(4, '0')}`, name: `bench-${index + 1}` };
}

/** A `bench` project: `pools` pools × `pluginsPerPool` plug-ins, every 10th plug-in Abnormal. */
export function generateBenchProject(opts: GenerateOptions, index = 0): SeedProject {
  const project = benchProject(index);
  const pools: SeedPool[] = [];
  for (let i = 0; i < opts.pools; i++) {
    const id = `pool-bench${index ? `${index}-` : ''}${i.toString(16).padStart(6, '0')}`;
    const plugins: SeedPlugin[] = [];
    for (let j = 0; j < opts.pluginsPerPool; j++) {
      const name = j < BENCH_TEMPLATES.length ? BENCH_TEMPLATES[j] : `bench-plugin-${String(j).padStart(3, '0')}`;
      const abnormal = j % 10 === 9;
      plugins.push(makePlugin(id, name, { phase: abnormal ? 'Abnormal' : 'Running', reason: abnormal ? INSUFFICIENT_CPU : undefined, created: '2025-01-01T00:00:00Z' }));
    }
    pools.push({
      pool: makePool({ id, displayName: `bench-${i}`, phase: 'Running', projectId: project.id, created: '2025-01-01T00:00:00Z', flavor: 'modelarts.vm.cpu.4ud', count: 2 }),
      plugins,
    });
  }
  return { project: iamProject(project, DEMO_DOMAIN_ID, 'generated for benchmarks'), pools };
}

/** The full seed: the fixed projects, plus the `bench` project when `generate` is given. */
export function createSeed(options: { generate?: GenerateOptions } = {}): SeedData {
  const projects = [
    cnNorth4(),
    apSoutheast1(),
    mlTeam(),
    { project: iamProject(PROJECT_CN_SOUTH_1), pools: [] },
    { project: iamProject(PROJECT_MOS, DEMO_DOMAIN_ID, 'built-in project of OBS'), pools: [] },
    opsEu(),
  ];
  for (let i = 0; i < (options.generate ? options.generate.projects ?? 1 : 0); i++) projects.push(generateBenchProject(options.generate!, i));
  return { projects };
}
