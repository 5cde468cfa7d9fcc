// The emulator's plug-in template catalogue (API.md §1.10): several templates with several versions
// each, newest first, in the real shape — `inputs.parameters` with `custom` defaults and
// `flavor1…n` presets (one `is_default`), `translate.zh_CN` strings, and the display-name
// annotation. `fits` says which pools a template "meets the installation requirements" of (the
// `poolName` filter); the real rule is not documented, so the emulator's is by accelerator type.
import type { Pool, PluginTemplate, PluginTemplateVersion } from '../api/models';
import { TEMPLATE_DISPLAY_NAME_ANNOTATION } from '../api/templates';

type Accelerator = 'gpu' | 'npu';

interface CatalogEntry {
  template: PluginTemplate;
  /** Only pools whose flavour has this accelerator; any pool when absent. */
  requires?: Accelerator;
}

interface VersionInit {
  version: string;
  created: string;
  description: string;
  custom?: Record<string, unknown>;
  flavors?: Record<string, unknown>[];
  zh: string;
}

function version(v: VersionInit): PluginTemplateVersion {
  const parameters: Record<string, unknown> = {};
  if (v.custom) parameters.custom = v.custom;
  (v.flavors ?? []).forEach((f, i) => (parameters[`flavor${i + 1}`] = f));
  return {
    version: v.version,
    creationTimestamp: v.created,
    description: v.description,
    detail: '',
    inputs: { parameters },
    translate: { zh_CN: { plugintemplate: { description: v.zh } } },
  };
}

function template(name: string, displayName: string, opts: { optional: boolean; type?: string; versions: PluginTemplateVersion[] }): PluginTemplate {
  return {
    kind: 'PluginTemplate',
    apiVersion: 'v2',
    metadata: { name, annotations: { [TEMPLATE_DISPLAY_NAME_ANNOTATION]: displayName } },
    spec: {
      optional: opts.optional,
      type: opts.type ?? 'helm',
      versions: opts.versions,
      logoURL: `https://obs.com/plugintemplates/${name}logo.svg`,
    },
  };
}

const DNS_DESCRIPTION = 'NodeLocal DNSCache improves Cluster DNS performance by running a dns caching agent on cluster nodes as a DaemonSet.';
const DNS_ZH = 'NodeLocal DNSCache 通过在集群节点上以 DaemonSet 运行 DNS 缓存代理来提升集群 DNS 性能。';
const dnsResources = (replicas: number, cpu: string) => [
  { limitsCpu: '250m', limitsMem: '512Mi', name: 'node-local-dns-admission-controller', replicas, requestsCpu: '250m', requestsMem: '512Mi' },
  { limitsCpu: cpu, limitsMem: '512Mi', name: 'node-local-dns-cache', requestsCpu: '25m', requestsMem: '5Mi' },
];
const dnsVersion = (v: string, created: string) =>
  version({
    version: v,
    created,
    description: DNS_DESCRIPTION,
    zh: DNS_ZH,
    custom: { enable_dnsconfig_admission: false, nameserver: '', ndots: '5', search: '' },
    flavors: [
      { name: 'HA', description: 'High avaiable', size: 'large', is_default: true, resources: dnsResources(2, '500m') },
      { name: 'Single', description: 'Single instance', size: 'small', resources: dnsResources(1, '250m') },
    ],
  });

const LOG_DESCRIPTION = 'Collects the standard output and log files of training jobs and ships them to LTS.';
const logVersion = (v: string, created: string) =>
  version({
    version: v,
    created,
    description: LOG_DESCRIPTION,
    zh: '采集训练作业的标准输出和日志文件并上报到 LTS。',
    custom: { logLevel: 'info', collectStdout: true },
    flavors: [
      { name: 'Standard', size: 'medium', is_default: true, resources: [{ name: 'log-agent', limitsCpu: '1', limitsMem: '1Gi', requestsCpu: '100m', requestsMem: '200Mi' }] },
      { name: 'Light', size: 'small', resources: [{ name: 'log-agent', limitsCpu: '500m', limitsMem: '512Mi', requestsCpu: '50m', requestsMem: '100Mi' }] },
    ],
  });

const GPU_OP_DESCRIPTION = 'Manages the NVIDIA software components of GPU nodes: driver, container toolkit, device plug-in and monitoring.';
const gpuOperatorVersion = (v: string, created: string) =>
  version({
    version: v,
    created,
    description: GPU_OP_DESCRIPTION,
    zh: '管理 GPU 节点上的 NVIDIA 软件组件：驱动、容器工具包、设备插件和监控。',
    custom: { driver: { enabled: false }, toolkit: { enabled: true } },
    flavors: [{ name: 'Default', size: 'small', is_default: true, resources: [{ name: 'gpu-operator', replicas: 1, limitsCpu: '500m', limitsMem: '350Mi', requestsCpu: '200m', requestsMem: '100Mi' }] }],
  });

const DCGM_DESCRIPTION = 'Exports GPU metrics (utilisation, memory, temperature, XID errors) from NVIDIA DCGM for Prometheus.';
const NPU_EXPORTER_DESCRIPTION = 'Exports Ascend NPU metrics (utilisation, HBM, temperature, health) for Prometheus.';

const CATALOG: readonly CatalogEntry[] = [
  {
    template: template('node-local-dns', 'NodeLocal DNSCache', {
      optional: true,
      versions: [dnsVersion('1.6.63', '2023-05-20T08:50:31Z'), dnsVersion('1.6.36', '2022-11-02T03:10:00Z'), dnsVersion('1.5.2', '2022-04-18T09:30:00Z')],
    }),
  },
  {
    template: template('log-agent', 'Log Agent', {
      optional: true,
      versions: [logVersion('1.6.0', '2025-01-15T10:00:00Z'), logVersion('1.5.7', '2024-09-03T10:00:00Z'), logVersion('1.4.2', '2024-02-20T10:00:00Z')],
    }),
  },
  {
    requires: 'gpu',
    template: template('gpu-operator', 'NVIDIA GPU Operator', {
      optional: true,
      versions: [gpuOperatorVersion('2.8.0', '2025-02-01T00:00:00Z'), gpuOperatorVersion('2.7.1', '2024-07-10T00:00:00Z'), gpuOperatorVersion('2.6.0', '2024-01-22T00:00:00Z')],
    }),
  },
  {
    requires: 'gpu',
    template: template('dcgm-exporter', 'DCGM Exporter', {
      optional: true,
      versions: [
        version({ version: '3.3.5', created: '2024-10-01T00:00:00Z', description: DCGM_DESCRIPTION, zh: '从 NVIDIA DCGM 导出 GPU 指标。', custom: { interval: '30000', port: '9400' }, flavors: [{ name: 'Default', is_default: true, size: 'small' }] }),
        version({ version: '3.1.8', created: '2023-08-01T00:00:00Z', description: DCGM_DESCRIPTION, zh: '从 NVIDIA DCGM 导出 GPU 指标。', custom: { interval: '30000', port: '9400' }, flavors: [{ name: 'Default', is_default: true, size: 'small' }] }),
      ],
    }),
  },
  {
    requires: 'npu',
    template: template('npu-exporter', 'Ascend NPU Exporter', {
      optional: true,
      versions: [version({ version: '6.0.0', created: '2024-12-01T00:00:00Z', description: NPU_EXPORTER_DESCRIPTION, zh: '导出昇腾 NPU 指标。', custom: { port: '8082' }, flavors: [{ name: 'Default', is_default: true, size: 'small' }] })],
    }),
  },
  {
    template: template('volcano', 'Volcano Scheduler', {
      optional: false,
      versions: [
        version({ version: '1.16.1', created: '2025-01-20T00:00:00Z', description: 'Batch scheduler for AI and big-data jobs.', zh: '面向 AI 和大数据作业的批量调度器。', flavors: [{ name: 'Default', is_default: true, size: 'medium' }] }),
        version({ version: '1.15.6', created: '2024-06-20T00:00:00Z', description: 'Batch scheduler for AI and big-data jobs.', zh: '面向 AI 和大数据作业的批量调度器。', flavors: [{ name: 'Default', is_default: true, size: 'medium' }] }),
      ],
    }),
  },
  {
    template: template('os-node-agent', 'ModelArts Node Agent', {
      optional: false,
      versions: [
        version({ version: '6.8.0-20250219120620', created: '2025-02-19T12:06:20Z', description: 'Node agent of ModelArts resource pools: health checks and metrics.', zh: 'ModelArts 资源池节点代理：健康检查和指标。' }),
        version({ version: '6.7.3-20241105093000', created: '2024-11-05T09:30:00Z', description: 'Node agent of ModelArts resource pools: health checks and metrics.', zh: 'ModelArts 资源池节点代理：健康检查和指标。' }),
      ],
    }),
  },
  {
    requires: 'gpu',
    template: template('gpu-beta', 'AI Suite (NVIDIA GPU)', {
      optional: false,
      versions: [
        version({ version: '1.2.15', created: '2024-10-10T00:00:00Z', description: 'NVIDIA GPU device plug-in and driver management.', zh: 'NVIDIA GPU 设备插件和驱动管理。' }),
        version({ version: '1.2.11', created: '2024-05-10T00:00:00Z', description: 'NVIDIA GPU device plug-in and driver management.', zh: 'NVIDIA GPU 设备插件和驱动管理。' }),
      ],
    }),
  },
];

function accelerator(pool: Pool): Accelerator | undefined {
  const flavors = (pool.spec?.resources ?? []).map((r) => r.flavor ?? '').join(' ');
  return /\.npu\./.test(flavors) ? 'npu' : /\.gpu\./.test(flavors) ? 'gpu' : undefined;
}

/** Every template, or those that fit `pool` (deep copies). */
export function listTemplates(pool?: Pool): PluginTemplate[] {
  const acc = pool && accelerator(pool);
  return CATALOG.filter((e) => !pool || !e.requires || e.requires === acc).map((e) => structuredClone(e.template));
}

/** One template by name (a deep copy), or undefined. */
export function getTemplate(name: string): PluginTemplate | undefined {
  const e = CATALOG.find((c) => c.template.metadata.name === name);
  return e && structuredClone(e.template);
}
