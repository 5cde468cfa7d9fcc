// The command line's words: the usage text, the options parseArgs takes, `--version` (the program's
// or a plug-in's), and the error that means "usage or validation, nothing sent" (exit 2).
import { readFileSync } from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';

/** A usage or validation error: reported with a pointer to --help, exit code 2, nothing sent. */
export class UsageError extends Error {}

export const USAGE = `Usage: modelarts-plugins [options] <command>

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
export function programVersion(): string {
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

/** Commands whose `--version <v>` is the plug-in's version, not a request for the program's. */
export const VERSIONED_COMMANDS = new Set(['install', 'update']);

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

/** The options every command shares; parseArgs refuses any other (strict). */
const OPTIONS = {
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
} as const;

/**
 * The command line as parseArgs reads it, and whether `--version` asked for the program's version.
 * Throws parseArgs' own error for an unknown or malformed option.
 */
export function parseCommandLine(argv: string[]): { values: CliOptions; positionals: string[]; programVersion: boolean } {
  const split = splitVersionFlag(argv);
  const { values, positionals } = parse(split.args);
  return { values, positionals, programVersion: split.programVersion };
}

/** The options as parsed: strings, booleans, and lists for the repeatable ones. */
export type CliOptions = ReturnType<typeof parse>['values'];

function parse(args: string[]) {
  return parseArgs({ args, allowPositionals: true, strict: true, options: OPTIONS });
}
