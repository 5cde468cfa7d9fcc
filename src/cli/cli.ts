// `modelarts-plugins`: the extension's client on the command line, for scripts and pipelines.
// Exit codes: 0 success, 1 refused by the cloud or the network, 2 usage or validation (nothing sent).
import { readFileSync } from 'fs';
import { parseArgs } from 'util';
import {
  ApiError, Credentials, ENV_AK, ENV_SK, ModelArtsClient, Plugin, ProjectRef, assertName, poolDisplayName, projectRegion, trackDeletion,
} from '../api';

import { INVENTORY_COLUMNS, inventoryRows, renderInventory } from '../core/inventory';
import { installedByDefault } from '../core/defaultPlugin';
import { formatStatusValues, statusValues } from '../core/statusValues';
import { describeFailure, scanFleet, type ScanProject } from '../core/scan';
import * as path from 'path';
import { trustedCertificates } from '../api/trust';
import { describeProxy } from '../api/endpoints';
import { proxyAgents, proxyFor } from './proxy';
import { installCommand, printDryRun, templatesCommand, updateCommand, UsageError } from './lifecycle';
import { renderTable } from './table';
import type { Readable, Writable } from 'stream';

/** Like the SDKs' other HUAWEICLOUD_SDK_* variables: PEM files of extra CAs, separated by the path delimiter. */
const ENV_CA_FILE = 'HUAWEICLOUD_SDK_CA_FILE';

const USAGE = `Usage: modelarts-plugins [options] <command>

Commands:
  projects                                           list the projects (regions) of the account
  pools    --project <id>                            list the resource pools of a project
  plugins  --project <id> --pool <name>              list the plug-ins of a pool
  show     --project <id> --pool <name> --plugin <template> [--detail]
                                                     show one plug-in
  delete   --project <id> --pool <name> --plugin <template> [--yes] [--wait] [--dry-run]
                                                     uninstall a plug-in from every node of the pool
  templates --project <id> [--pool <name>] [--template <name>]
                                                     list plug-in templates (those that fit a pool)
  install  --project <id> --pool <name> --template <name> [--version <v>] [--inputs <file.json|->] [--yes] [--wait] [--dry-run]
                                                     install a plug-in (--inputs: the inputs object; what it
                                                     leaves out takes the template's defaults)
  update   --project <id> --pool <name> --plugin <template> [--version <v>] [--inputs <file.json|->]
           [--if-version <v>] [--yes] [--wait] [--dry-run]
                                                     upgrade or change a plug-in. --inputs: a merge patch of
                                                     the inputs, applied here to the plug-in's current inputs;
                                                     the full result is sent (null: back to the default).
                                                     Reads the plug-in just before the write and prints what is
                                                     kept, changed and new on stderr; --if-version refuses
                                                     unless the plug-in is at that version
  inventory [--project <id>]... [--output json|csv|table]
                                                     every plug-in of every pool, one row each
                                                     (all projects unless --project is given)
  mcp [--allow-writes] [--no-confirm]                an MCP server on stdin/stdout for AI agents;
                                                     read-only unless --allow-writes; asks before a
                                                     delete or upgrade where the client can ask,
                                                     unless --no-confirm

Options:
  --cloud huaweicloud|otc|custom   default huaweicloud
  --region <region>                region of the ModelArts endpoint (huaweicloud), e.g. cn-north-4
  --endpoint <url>                 ModelArts endpoint for --cloud custom (may contain {region})
  --iam-endpoint <url>             IAM endpoint for --cloud custom
  --timeout <seconds>              per request, default 30
  --ca-file <pem>                  also trust the CAs in this PEM file (repeatable; a private cloud
                                   or a TLS-inspecting proxy); also HUAWEICLOUD_SDK_CA_FILE
  --dry-run                        print the request a write would send (no credentials) and
                                   send nothing
  --output json|table              default json: exactly what the cloud returned
                                   (inventory: json|csv|table, json is an array of rows)
  -h, --help                       this text
  --version                        the program's version (with no command; after install or
                                   update it is the plug-in's version)

Credentials come from HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK and, for temporary
credentials, HUAWEICLOUD_SDK_SECURITY_TOKEN. Proxies from HTTPS_PROXY / HTTP_PROXY and
NO_PROXY, as curl reads them (localhost, 127.0.0.1 and ::1 always go direct).
Exit codes: 0 success, 1 refused by the cloud or the network, 2 usage or validation error.`;

/**
 * The program's version is the package's: package.json next to the bundle (dist/../package.json) or
 * above the source (src/cli/../../package.json). A copy in the code went stale at the first release.
 */
function programVersion(): string {
  for (const up of ['..', '../..']) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(__dirname, up, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'modelarts-plugins' && pkg.version) return pkg.version;
    } catch {
      // not here: look one level higher
    }
  }
  return 'unknown';
}

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: NodeJS.ProcessEnv;
  /** Asks a yes/no question on the terminal; undefined when stdin is not a terminal. */
  confirm?: (question: string) => Promise<boolean>;
  /** The whole of standard input (for `--inputs -`). */
  readStdin?: () => Promise<string>;
  /** The byte streams `mcp` speaks the protocol on; default the process's stdin and stdout. */
  streams?: { stdin: Readable; stdout: Writable };
}

/** Commands whose `--version <v>` is the plug-in's version, not a request for the program's. */
const VERSIONED_COMMANDS = new Set(['install', 'update']);

/**
 * `--version` is the program's version when it has no value (alone, or followed by another
 * option), and a plug-in version after install/update. Marks the first kind so parseArgs can take
 * `--version` as a string option.
 */
function splitVersionFlag(argv: string[]): { args: string[]; programVersion: boolean } {
  const args: string[] = [];
  let programVersion = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--version' && (i + 1 >= argv.length || argv[i + 1].startsWith('-'))) programVersion = true;
    else args.push(argv[i]);
  }
  return { args, programVersion };
}

/** Runs the CLI and returns its exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  const split = splitVersionFlag(argv);
  try {
    parsed = parseArgs({
      args: split.args,
      allowPositionals: true,
      strict: true,
      options: {
        cloud: { type: 'string' },
        region: { type: 'string' },
        endpoint: { type: 'string' },
        'iam-endpoint': { type: 'string' },
        timeout: { type: 'string' },
        'ca-file': { type: 'string', multiple: true },
        output: { type: 'string' },
        project: { type: 'string', multiple: true },
        pool: { type: 'string' },
        plugin: { type: 'string' },
        template: { type: 'string' },
        inputs: { type: 'string' },
        detail: { type: 'boolean' },
        yes: { type: 'boolean', short: 'y' },
        wait: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        'if-version': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'string' },
        'allow-writes': { type: 'boolean' },
        'no-confirm': { type: 'boolean' },
      },
    });
  } catch (e) {
    io.stderr(`modelarts-plugins: ${(e as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values: o, positionals } = parsed;
  if (o.help) {
    io.stdout(USAGE + '\n');
    return 0;
  }
  const [command, ...extra] = positionals;
  if (!command && (split.programVersion || o.version !== undefined)) {
    io.stdout(programVersion() + '\n');
    return 0;
  }
  try {
    if (!command) throw new UsageError('a command is required.');
    if ((split.programVersion || o.version !== undefined) && !VERSIONED_COMMANDS.has(command)) {
      throw new UsageError(`${command} takes no --version; the program's version is "modelarts-plugins --version" alone.`);
    }
    if (split.programVersion) throw new UsageError(`${command} --version needs a value (the plug-in version).`);
    if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}".`);
    const output = o.output ?? 'json';
    if (output !== 'json' && output !== 'table' && !(output === 'csv' && command === 'inventory')) {
      throw new UsageError(command === 'inventory' ? '--output must be json, csv or table.' : '--output must be json or table.');
    }
    const timeout = o.timeout === undefined ? 30 : Number(o.timeout);
    if (!(timeout > 0 && timeout <= 3600)) throw new UsageError('--timeout must be a number of seconds between 0 and 3600.');

    if ((o['allow-writes'] || o['no-confirm']) && command !== 'mcp') throw new UsageError(`--allow-writes and --no-confirm are options of mcp only.`);
    const client = connect(o, timeout, io);
    if (command !== 'inventory' && (o.project?.length ?? 0) > 1) throw new UsageError(`${command} takes one --project.`);
    const need = (name: 'project' | 'pool' | 'plugin' | 'template'): string => {
      const v = name === 'project' ? o.project?.[0] : o[name];
      if (!v) throw new UsageError(`${command} needs --${name}.`);
      return v;
    };
    const project = (): ProjectRef => {
      if (client.endpoints.cloud === 'huaweicloud' && !o.region) throw new UsageError('--region is required with --cloud huaweicloud.');
      return { id: need('project'), region: o.region };
    };
    const print = (text: string, table: () => string, problems?: string[]): void => {
      io.stdout((output === 'json' ? text.trimEnd() : table()) + '\n');
      if (problems?.length) {
        io.stderr(`modelarts-plugins: warning: ${problems.length} entr${problems.length === 1 ? 'y' : 'ies'} of the answer ${output === 'json' ? 'would be' : 'were'} left out by the table view: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? '; …' : ''}\n`);
      }
    };

    switch (command) {
      case 'projects': {
        const r = await client.listProjects();
        print(r.text, () => renderTable(['ID', 'NAME', 'REGION', 'ENABLED'], r.data.map((p) => [p.id, p.name, projectRegion(p), typeof p.enabled === 'boolean' ? String(p.enabled) : ''])), r.problems);
        return 0;
      }
      case 'pools': {
        const r = await client.listPools(project());
        print(r.text, () => renderTable(['NAME', 'POOL NAME (ID)', 'PHASE', 'TYPE', 'CREATED'], r.data.items.map((p) => [
          poolDisplayName(p), p.metadata.name, p.status?.phase ?? '', p.spec?.type ?? '', p.metadata.creationTimestamp ?? '',
        ])), r.problems);
        return 0;
      }
      case 'plugins': {
        const r = await client.listPlugins(project(), need('pool'));
        print(r.text, () => renderTable(['PLUG-IN', 'VERSION', 'PHASE', 'REASON'], r.data.items.map(pluginRow)), r.problems);
        return 0;
      }
      case 'show': {
        const r = await client.showPlugin(project(), need('pool'), need('plugin'), { detail: o.detail });
        print(r.text, () => renderTable(['PLUG-IN', 'VERSION', 'PHASE', 'REASON'], [pluginRow(r.data)]) + valuesSection(r.data));
        return 0;
      }
      case 'delete':
        return await deleteCommand(client, project(), need('pool'), need('plugin'), { yes: !!o.yes, wait: !!o.wait, dryRun: !!o['dry-run'], print }, io);
      case 'templates':
        return await templatesCommand(client, project(), { pool: o.pool, template: o.template }, print);
      case 'install':
        return await installCommand(client, project(), need('pool'), need('template'), { yes: !!o.yes, wait: !!o.wait, version: o.version, inputs: o.inputs, dryRun: !!o['dry-run'], print }, io);
      case 'update':
        return await updateCommand(client, project(), need('pool'), need('plugin'), {
          yes: !!o.yes, wait: !!o.wait, version: o.version, inputs: o.inputs, ifVersion: o['if-version'], dryRun: !!o['dry-run'], print,
        }, io);
      case 'inventory':
        return await inventoryCommand(client, { projects: o.project ?? [], region: o.region, output }, io);
      case 'mcp':
        if (o.project?.length || o.pool || o.plugin || o.template || o.inputs || o.detail || o.yes || o.wait || o.output) {
          throw new UsageError('mcp takes only the global options, --allow-writes and --no-confirm (the tools take project, pool and plug-in).');
        }
        // loaded only here: the other commands do not evaluate the MCP SDK
        return await (await import('./mcp')).serveMcp(client, {
          allowWrites: !!o['allow-writes'], confirm: !o['no-confirm'], region: o.region, version: programVersion(),
          log: (line) => io.stderr(`modelarts-plugins mcp: ${line}\n`),
        }, io.streams ?? { stdin: process.stdin, stdout: process.stdout });
      default:
        throw new UsageError(`unknown command "${command}".`);
    }
  } catch (e) {
    return report(e, io);
  }
}

/** The client every command signs with: credentials from the environment, CAs, proxies, endpoints. */
function connect(o: { cloud?: string; endpoint?: string; 'iam-endpoint'?: string; 'ca-file'?: string[] }, timeout: number, io: CliIo): ModelArtsClient {
  const credentials = Credentials.fromEnvironment(io.env);
  if (!credentials) throw new UsageError(`set ${ENV_AK} and ${ENV_SK} to an access key and secret key.`);
  const caFiles = [...(o['ca-file'] ?? []), ...(io.env[ENV_CA_FILE] ?? '').split(path.delimiter).filter(Boolean)];
  const ca = trustedCertificates(caFiles, `--ca-file / ${ENV_CA_FILE}`);
  const client = new ModelArtsClient({
    credentials,
    ca,
    agentFor: proxyAgents(ca),
    proxyFor: (url) => {
      const proxy = proxyFor(url);
      return proxy && describeProxy(proxy);
    },
    trustHint: `pass its PEM file with --ca-file <pem> (or ${ENV_CA_FILE})`,
    endpoints: { cloud: o.cloud, endpoint: o.endpoint, iamEndpoint: o['iam-endpoint'] },
    timeoutMs: timeout * 1000,
    onClockSkew: (message) => io.stderr(`modelarts-plugins: ${message}\n`),
  });
  return client;
}

/** `status.values` under the table: parsed where it is JSON, as sent otherwise (FIDELITY #9). */
function valuesSection(p: Plugin): string {
  const v = statusValues(p);
  const text = formatStatusValues(v);
  if (text === undefined) return '';
  return `\n\nInstallation parameters (status.values${v.kind === 'text' ? ', not JSON, as sent' : ''}):\n${text}`;
}

function pluginRow(p: Plugin): string[] {
  return [p.spec?.template?.name ?? '', p.status?.version ?? p.spec?.template?.version ?? '', p.status?.phase ?? '', p.status?.reason ?? ''];
}

async function deleteCommand(
  client: ModelArtsClient,
  project: ProjectRef,
  pool: string,
  template: string,
  opts: { yes: boolean; wait: boolean; dryRun: boolean; print: (text: string, table: () => string) => void },
  io: CliIo,
): Promise<number> {
  assertName('pool name', pool);
  assertName('plug-in template name', template);
  if (opts.dryRun) return printDryRun(io, client.previewWrite({ delete: template }, project, pool));
  if (!opts.yes) {
    if (!io.confirm) throw new UsageError('refusing to delete without --yes: standard input is not a terminal.');
    const ok = await io.confirm(`Delete plug-in "${template}" from every node of pool "${pool}" in project ${project.id}? [y/N] `);
    if (!ok) {
      io.stderr('Cancelled; nothing was deleted.\n');
      return 0;
    }
  }
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
  if (!opts.wait) return 0;
  io.stderr(`Waiting for ${template} to disappear from ${pool}…\n`);
  const outcome = await trackDeletion(client, project, pool, template, {
    onPoll: (state) => io.stderr(`  ${Math.round(state.elapsedMs / 1000)} s: ${state.phase ?? 'gone'}\n`),
  });
  if (outcome.kind === 'removed') {
    io.stderr(`${template} was removed after ${Math.round(outcome.elapsedMs / 1000)} s.\n`);
    return 0;
  }
  if (outcome.kind === 'error') return report(outcome.error, io);
  if (outcome.kind === 'timeout' && outcome.phase === 'Deleting') {
    // "a long Deleting means something is wrong" (FIDELITY #8)
    io.stderr(`Deleting ${template} from ${pool} is stuck: still Deleting after ${Math.round(outcome.elapsedMs / 1000)} s. A long Deleting means something is wrong in the pool: check its nodes and the plug-in's instances in the ModelArts console, and ask support if it stays.\n`);
    return 1;
  }
  io.stderr(`Gave up waiting after ${Math.round(outcome.elapsedMs / 1000)} s; ${template} is still ${outcome.phase ?? 'listed'}.\n`);
  return 1;
}

/** Every plug-in of every pool of the projects (all of them when none is named); exit 1 when a part failed. */
async function inventoryCommand(client: ModelArtsClient, opts: { projects: string[]; region?: string; output: string }, io: CliIo): Promise<number> {
  for (const id of opts.projects) assertName('project id', id);
  let known: ScanProject[] | undefined;
  try {
    known = (await client.listProjects()).data.map((p) => ({ id: p.id, name: p.name, region: projectRegion(p) }));
  } catch (e) {
    // with named projects the inventory can go on without IAM (names are then the ids)
    if (!opts.projects.length) throw e;
    io.stderr(`modelarts-plugins: could not read project names from IAM (${e instanceof ApiError ? e.errorCode ?? e.kind : 'error'}); using ids.\n`);
  }
  const projects: ScanProject[] = opts.projects.length
    ? opts.projects.map((id) => {
        const p = known?.find((k) => k.id === id);
        const region = opts.region ?? p?.region ?? '';
        if (!region && client.endpoints.cloud === 'huaweicloud') throw new UsageError(`--region is required for project ${id} with --cloud huaweicloud.`);
        return { id, name: p?.name ?? id, region };
      })
    : known!.filter((p) => !opts.region || p.region === opts.region);
  const scan = await scanFleet(client, projects);
  const rows = inventoryRows(scan);
  if (opts.output === 'table') {
    io.stdout(renderTable(INVENTORY_COLUMNS.map((c) => c.toUpperCase()), rows.map((r) => INVENTORY_COLUMNS.map((c) => r[c].replace(/\s+/g, ' ')))) + '\n');
  } else {
    io.stdout(renderInventory(rows, opts.output === 'csv' ? 'csv' : 'json'));
  }
  for (const f of scan.failures) io.stderr(`modelarts-plugins: ${describeFailure(f)}\n`);
  if (scan.failures.length) io.stderr(`modelarts-plugins: ${scan.failures.length} part(s) of the inventory could not be read; the output above is incomplete.\n`);
  return scan.failures.length ? 1 : 0;
}

function report(e: unknown, io: CliIo): number {
  if (e instanceof UsageError) {
    io.stderr(`modelarts-plugins: ${e.message}\nRun with --help for usage.\n`);
    return 2;
  }
  if (e instanceof ApiError) {
    if (e.kind === 'validation') {
      io.stderr(`modelarts-plugins: ${e.message}\n`);
      return 2;
    }
    const lines = [`modelarts-plugins: ${e.message}`];
    if (e.status !== undefined) lines.push(`  HTTP status: ${e.status}`);
    if (e.errorCode) lines.push(`  error_code:  ${e.errorCode}`);
    if (e.errorMsg) lines.push(`  error_msg:   ${e.errorMsg}`);
    if (e.requestId) lines.push(`  request id:  ${e.requestId}`);
    io.stderr(lines.join('\n') + '\n');
    return 1;
  }
  io.stderr(`modelarts-plugins: unexpected error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  return 1;
}
