// `modelarts-plugins`: the extension's client on the command line, for scripts and pipelines.
// Exit codes: 0 success, 1 refused by the cloud or the network, 2 usage or validation (nothing sent).
// This file checks the command line and dispatches; the words are in usage.ts, the client in
// connect.ts, the commands in reads.ts, lifecycle.ts, inventory.ts and mcp.ts, the output in report.ts.
import type { ProjectRef } from '../api';
import { connect } from './connect';
import { inventoryCommand } from './inventory';
import { deleteCommand, installCommand, updateCommand } from './lifecycle';
import { pluginsCommand, poolsCommand, projectsCommand, showCommand, templatesCommand } from './reads';
import { printer, report, type CliIo } from './report';
import { USAGE, UsageError, VERSIONED_COMMANDS, parseCommandLine, programVersion, type CliOptions } from './usage';

export type { CliIo };

/** Runs the CLI and returns its exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseCommandLine(argv);
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
  if (!command && (parsed.programVersion || o.version !== undefined)) {
    io.stdout(programVersion() + '\n');
    return 0;
  }
  try {
    if (!command) throw new UsageError('a command is required.');
    if ((parsed.programVersion || o.version !== undefined) && !VERSIONED_COMMANDS.has(command)) {
      throw new UsageError(`${command} takes no --version; the program's version is "modelarts-plugins --version" alone.`);
    }
    if (parsed.programVersion) throw new UsageError(`${command} --version needs a value (the plug-in version).`);
    if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}".`);
    return await dispatch(command, o, io);
  } catch (e) {
    return report(e, io);
  }
}

async function dispatch(command: string, o: CliOptions, io: CliIo): Promise<number> {
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
  const print = printer(output, io);
  const write = { yes: !!o.yes, wait: !!o.wait, version: o.version, inputs: o.inputs, dryRun: !!o['dry-run'], print };

  switch (command) {
    case 'projects':
      return await projectsCommand(client, print);
    case 'pools':
      return await poolsCommand(client, project(), print);
    case 'plugins':
      return await pluginsCommand(client, project(), need('pool'), print);
    case 'show':
      return await showCommand(client, project(), need('pool'), need('plugin'), o.detail, print);
    case 'delete':
      return await deleteCommand(client, project(), need('pool'), need('plugin'), write, io);
    case 'templates':
      return await templatesCommand(client, project(), { pool: o.pool, template: o.template }, print);
    case 'install':
      return await installCommand(client, project(), need('pool'), need('template'), write, io);
    case 'update':
      return await updateCommand(client, project(), need('pool'), need('plugin'), { ...write, ifVersion: o['if-version'] }, io);
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
}
