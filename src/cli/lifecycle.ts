// The life-cycle commands of the CLI: `install`, `update`, `delete`. Writes ask first (or need
// --yes, through one confirmWrite), are never retried, and with --wait follow the plug-in until it
// is Running (exit 0) or Abnormal / timed out (exit 1, the reason on stderr), a deletion until it
// is gone. `--inputs` is the whole inputs object for install, and for update a merge patch of the
// inputs (RFC 7386: null means "back to the default"), applied here to the plug-in's current
// inputs: update sends the complete result (core/patchPlan.ts), because the cloud resets every
// input a PATCH leaves out. `--dry-run` prints the exact request (no credentials) and sends nothing.
import { readFileSync } from 'fs';
import {
  ApiError, ModelArtsClient, ProjectRef, RequestPreview, SettleOptions, assertName, trackDeletion, trackUntilSettled
} from '../api';
import type { JsonObject } from '../api/mergePatch';
import { installedByDefault } from '../core/defaultPlugin';
import { parseJsonObject } from '../core/jsonObject';
import { prepareUpdate, sendUpdate, summarizePlan } from '../core/patchPlan';
import { UsageError } from './usage';

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
  // the CLI prints English: with no l10n bundle loaded, l10n.t answers the English text
  const parsed = parseJsonObject(text, `--inputs ${source}`);
  if (!parsed.ok) throw new UsageError(parsed.message);
  return parsed.value;
}

/** What a cancelled write says was not done. */
const NOT_DONE = { install: 'installed', update: 'changed', delete: 'deleted' } as const;

/** --yes, or the person at the terminal says yes; without a terminal a write needs --yes. */
async function confirmWrite(io: LifecycleIo, yes: boolean, what: keyof typeof NOT_DONE, question: string): Promise<boolean> {
  if (yes) return true;
  if (!io.confirm) throw new UsageError(`refusing to ${what} without --yes: standard input is not a terminal.`);
  if (await io.confirm(question)) return true;
  io.stderr(`Cancelled; nothing was ${NOT_DONE[what]}.\n`);
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

export async function deleteCommand(client: ModelArtsClient, project: ProjectRef, pool: string, template: string, opts: WriteOptions, io: LifecycleIo): Promise<number> {
  assertName('pool name', pool);
  assertName('plug-in template name', template);
  if (opts.dryRun) return printDryRun(io, client.previewWrite({ delete: template }, project, pool));
  if (!(await confirmWrite(io, opts.yes, 'delete', `Delete plug-in "${template}" from every node of pool "${pool}" in project ${project.id}? [y/N] `))) return 0;
  let r;
  try {
    r = await client.deletePlugin(project, pool, template);
  } catch (e) {
    // said only where the template says so, never from the 400 alone (FIDELITY #7)
    if (e instanceof ApiError && e.status === 400 && (await installedByDefault(client, project, template))) {
      io.stderr(`modelarts-plugins: ${template} is installed by default (its template says optional: false); such plug-ins cannot be uninstalled.\n`);
    }
    throw e;
  }
  opts.print(r.text, () => `Deletion of ${template} accepted (request id ${r.requestId ?? 'n/a'}).`);
  return opts.wait ? waitGone(client, project, pool, template, io) : 0;
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

async function waitGone(client: ModelArtsClient, project: ProjectRef, pool: string, template: string, io: LifecycleIo): Promise<number> {
  io.stderr(`Waiting for ${template} to disappear from ${pool}…\n`);
  const outcome = await trackDeletion(client, project, pool, template, {
    onPoll: (state) => io.stderr(`  ${Math.round(state.elapsedMs / 1000)} s: ${state.phase ?? 'gone'}\n`),
  });
  if (outcome.kind === 'removed') {
    io.stderr(`${template} was removed after ${Math.round(outcome.elapsedMs / 1000)} s.\n`);
    return 0;
  }
  if (outcome.kind === 'error') throw outcome.error;
  if (outcome.kind === 'timeout' && outcome.phase === 'Deleting') {
    // "a long Deleting means something is wrong" (FIDELITY #8)
    io.stderr(`Deleting ${template} from ${pool} is stuck: still Deleting after ${Math.round(outcome.elapsedMs / 1000)} s. A long Deleting means something is wrong in the pool: check its nodes and the plug-in's instances in the ModelArts console, and ask support if it stays.\n`);
    return 1;
  }
  io.stderr(`Gave up waiting after ${Math.round(outcome.elapsedMs / 1000)} s; ${template} is still ${outcome.phase ?? 'listed'}.\n`);
  return 1;
}
