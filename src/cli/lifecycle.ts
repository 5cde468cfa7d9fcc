// The life-cycle commands of the CLI: `templates`, `install`, `update`. Writes ask first (or need
// --yes), are never retried, and with --wait follow the plug-in until it is Running (exit 0) or
// Abnormal / timed out (exit 1, the reason on stderr). `--inputs` is the whole inputs object for
// install, and for update a merge patch of the inputs (RFC 7386: null means "back to the default"),
// applied here to the plug-in's current inputs: update sends the complete result (core/patchPlan.ts),
// because the cloud resets every input a PATCH leaves out. `--dry-run` prints the exact request
// (no credentials) and sends nothing.
import { readFileSync } from 'fs';
import {
  ModelArtsClient, ProjectRef, RequestPreview, SettleOptions, assertName, templateDisplayName, templateVersions, trackUntilSettled
} from '../api';
import { isJsonObject, type JsonObject } from '../api/mergePatch';
import { prepareUpdate, sendUpdate, summarizePlan } from '../core/patchPlan';
import { renderTable } from './table';

export class UsageError extends Error {}

export interface LifecycleIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  confirm?: (question: string) => Promise<boolean>;
  /** The whole of standard input (for `--inputs -`). */
  readStdin?: () => Promise<string>;
}

export interface WriteOptions {
  yes: boolean;
  wait: boolean;
  version?: string;
  inputs?: string;
  /** update: refuse unless the plug-in is at this version. */
  ifVersion?: string;
  /** Print the request that would be sent, send nothing. */
  dryRun?: boolean;
  print: (text: string, table: () => string) => void;
}

/** `--dry-run`: the request as it would go out, on stdout; exit 0. */
export function printDryRun(io: LifecycleIo, preview: RequestPreview): number {
  const lines = [`${preview.method} ${preview.url}`, ...Object.entries(preview.headers).map(([k, v]) => `${k}: ${v}`)];
  if (preview.body !== undefined) lines.push('', JSON.stringify(preview.body, null, 2));
  io.stdout(lines.join('\n') + '\n');
  io.stderr('Dry run: nothing was sent.\n');
  return 0;
}

export async function templatesCommand(client: ModelArtsClient, project: ProjectRef, filter: { pool?: string; template?: string }, print: WriteOptions['print']): Promise<number> {
  const r = await client.listTemplates(project, filter);
  print(r.text, () => renderTable(['TEMPLATE', 'NAME', 'LATEST', 'VERSIONS'], r.data.items.map((t) => {
    const versions = templateVersions(t).map((v) => v.version);
    return [t.metadata.name, templateDisplayName(t), versions[0] ?? '', versions.join(', ')];
  })));
  return 0;
}

async function readInputs(source: string | undefined, io: LifecycleIo): Promise<JsonObject | undefined> {
  if (source === undefined) return undefined;
  let text: string;
  try {
    if (source === '-') {
      if (!io.readStdin) throw new UsageError('--inputs - needs standard input.');
      text = await io.readStdin();
    } else {
      text = readFileSync(source, 'utf8');
    }
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read --inputs ${source}: ${(e as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--inputs ${source} is not valid JSON: ${(e as Error).message}`);
  }
  if (!isJsonObject(value)) throw new UsageError(`--inputs ${source} must hold a JSON object.`);
  return value;
}

async function confirmWrite(io: LifecycleIo, yes: boolean, what: string, question: string): Promise<boolean> {
  if (yes) return true;
  if (!io.confirm) throw new UsageError(`refusing to ${what} without --yes: standard input is not a terminal.`);
  if (await io.confirm(question)) return true;
  io.stderr(`Cancelled; nothing was ${what === 'install' ? 'installed' : 'changed'}.\n`);
  return false;
}

export async function installCommand(client: ModelArtsClient, project: ProjectRef, pool: string, template: string, opts: WriteOptions, io: LifecycleIo): Promise<number> {
  assertName('pool name', pool);
  assertName('plug-in template name', template);
  const inputs = await readInputs(opts.inputs, io);
  const v = opts.version ?? 'the newest version';
  if (opts.dryRun) return printDryRun(io, client.previewWrite({ create: { name: template, version: opts.version, inputs } }, project, pool));
  if (!(await confirmWrite(io, opts.yes, 'install', `Install plug-in "${template}" ${v} into pool "${pool}" in project ${project.id}? [y/N] `))) return 0;
  const r = await client.createPlugin(project, pool, { name: template, version: opts.version, inputs });
  opts.print(r.text, () => `Installation of ${template} accepted (request id ${r.requestId ?? 'n/a'}).`);
  // the documented answer has no status (FIDELITY #4): tracking does not look for one
  return opts.wait ? waitSettled(client, project, pool, template, { version: r.data.spec?.template?.version ?? opts.version, afterInstall: true }, opts, io) : 0;
}

export async function updateCommand(client: ModelArtsClient, project: ProjectRef, pool: string, template: string, opts: WriteOptions, io: LifecycleIo): Promise<number> {
  assertName('pool name', pool);
  assertName('plug-in template name', template);
  const inputs = await readInputs(opts.inputs, io);
  if (opts.version === undefined && inputs === undefined) throw new UsageError('update needs --version or --inputs (or both).');
  // the read just before the write: the plan starts from the inputs the cloud has now
  const prepared = await prepareUpdate(client, project, pool, template, { version: opts.version, inputs }, { ifVersion: opts.ifVersion });
  const { plan } = prepared;
  io.stderr(`${template} in ${pool}:\n${summarizePlan(plan).map((l) => `  ${l}\n`).join('')}`);
  if (opts.dryRun) return printDryRun(io, client.previewWrite({ update: plan.body }, project, pool));
  const to = plan.to !== undefined && plan.to !== plan.from ? `from ${plan.from ?? '?'} to ${plan.to}` : 'with the inputs above';
  if (!(await confirmWrite(io, opts.yes, 'update', `Update plug-in "${template}" in pool "${pool}" in project ${project.id} ${to}? [y/N] `))) return 0;
  const r = await sendUpdate(client, prepared);
  opts.print(r.text, () => `Update of ${template} accepted (request id ${r.requestId ?? 'n/a'}).`);
  return opts.wait ? waitSettled(client, project, pool, template, { version: plan.to }, opts, io) : 0;
}

async function waitSettled(client: ModelArtsClient, project: ProjectRef, pool: string, template: string, target: Pick<SettleOptions, 'version' | 'answeredBusy' | 'afterInstall'>, opts: WriteOptions, io: LifecycleIo): Promise<number> {
  const version = target.version;
  io.stderr(`Waiting for ${template} to be Running${version ? ` at ${version}` : ''} in ${pool}…\n`);
  const outcome = await trackUntilSettled(client, project, pool, template, {
    ...target,
    onPoll: (state) => io.stderr(`  ${Math.round(state.elapsedMs / 1000)} s: ${state.phase ?? (target.afterInstall ? 'not listed yet' : 'not listed')}\n`),
  });
  const s = (ms: number): number => Math.round(ms / 1000);
  switch (outcome.kind) {
    case 'settled': {
      const p = outcome.plugin;
      if (p.status?.phase === 'Running') {
        io.stderr(`${template} is Running at ${p.status?.version ?? version ?? '?'} after ${s(outcome.elapsedMs)} s.\n`);
        return 0;
      }
      // an install or upgrade that ends Abnormal failed (FIDELITY #8)
      io.stderr(`Failed: ${template} is ${p.status?.phase} in ${pool}: ${p.status?.reason || 'no reason given'}\n`);
      return 1;
    }
    case 'gone':
      io.stderr(`${template} is no longer listed in ${pool}.\n`);
      return 1;
    case 'error':
      throw outcome.error;
    default:
      io.stderr(`Gave up waiting after ${s(outcome.elapsedMs)} s; ${template} is still ${outcome.phase ?? 'not Running'}.\n`);
      return 1;
  }
}

