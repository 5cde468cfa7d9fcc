// Command-line entry of the emulator (bundled to dist/emulator.js). The first stdout line is the
// machine-readable `MODELARTS_EMULATOR_URL=…` that scripts (npm start, tests, benchmarks) wait
// for; the rest is for people. Everything else lives in server.ts and its parts so code can start
// it too.
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { validateConfig, type EmulatorOptions } from './config';
import { loadScenarioFile, parseGenerate } from './scenario';
import { DEMO_CREDENTIALS, OPS_CREDENTIALS } from './seed';
import { startEmulator, type Emulator } from './server';
import { assertCertificateName } from './tls';

const USAGE = `Usage: node dist/emulator.js [options]
  --port N                 port to listen on (default 0 = a free port)
  --host ADDRESS           address to bind (default 127.0.0.1)
  --scenario FILE          JSON scenario: faults, delays, latency, generated pools
  --delete-delay-ms N      how long a deleted plug-in stays Deleting (default 8000)
  --install-delay-ms N     how long an installed plug-in stays Pending (default 5000)
  --update-delay-ms N      how long a patched plug-in stays Updating (default 5000)
  --patch-semantics MODE   documented (default: a PATCH's left-out inputs take the target
                           version's template defaults, as the vendor's page says) or merge
                           (RFC 7386 over the current inputs, for comparison)
  --latency-ms N           added to every signed request (default 0)
  --pool-page-size N       ListPools answers N pools a page with metadata.continue (default 0: no pages)
  --pool-continue MODE     what pages do with ?continue=: honoured (default), repeat-token, repeat-page
  --missing-pool-on-plugin-paths 404|400
                           a missing pool on the plug-in paths: 404 ModelArts.50015001 (default) or
                           400 "Bad request. invalid nodepool name" (ShowPlugin's documented answer)
  --upgrade-abnormal REASON  every upgrade ends Abnormal with this reason (default: Running)
  --stuck-deleting         a deleted plug-in stays Deleting for ever
  --pools N                generate a "bench" project with N pools…
  --plugins-per-pool M     …of M plug-ins each
  --projects K             …in K such projects (bench, bench-2, …; default 1)
  --clock-offset SECONDS   run the emulator's clock this far from the machine's (may be negative)
  --tls                    serve https with a throw-away CA and server certificate (needs openssl)
  --tls-name NAME          also put this host name or address in the certificate (repeatable)
  --tls-dir DIR            where to write the CA's PEM (default: a new temporary folder)
  --help                   show this text

With --tls the second line printed is MODELARTS_EMULATOR_CA=<path of the CA's PEM>.`;

class UsageError extends Error {}

const NUMERIC: Record<string, keyof EmulatorOptions | 'pools' | 'pluginsPerPool' | 'projects'> = {
  '--port': 'port',
  '--delete-delay-ms': 'deleteDelayMs',
  '--install-delay-ms': 'installDelayMs',
  '--update-delay-ms': 'updateDelayMs',
  '--latency-ms': 'latencyMs',
  '--pool-page-size': 'poolPageSize',
  '--pools': 'pools',
  '--plugins-per-pool': 'pluginsPerPool',
  '--projects': 'projects',
};

/** The FIDELITY switches' flags and their config fields. */
const SWITCH_FLAGS: Record<string, string> = {
  '--pool-continue': 'poolContinue',
  '--missing-pool-on-plugin-paths': 'missingPoolOnPluginPaths',
  '--upgrade-abnormal': 'upgradeAbnormalReason',
  '--stuck-deleting': 'stuckDeleting',
  '--patch-semantics': 'patchSemantics',
};

/** Turns argv into emulator options; CLI flags win over the scenario file. */
export function parseArgs(argv: readonly string[]): EmulatorOptions | 'help' {
  const numbers: Record<string, number> = {};
  /** The FIDELITY switches, checked as the scenario file's are. */
  const switches: Record<string, unknown> = {};
  let host: string | undefined;
  let scenario: string | undefined;
  let clockOffset: number | undefined;
  let tls = false;
  let tlsDir: string | undefined;
  const tlsNames: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let value: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    if (arg === '--help' || arg === '-h') return 'help';
    const takeValue = () => {
      if (value !== undefined) return value;
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    if (arg in NUMERIC) {
      const raw = takeValue();
      const n = Number(raw);
      if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n)) throw new UsageError(`${arg} needs a non-negative integer, got "${raw}"`);
      if (arg === '--port' && n > 65535) throw new UsageError('--port must be from 0 to 65535');
      numbers[NUMERIC[arg]] = n;
    } else if (arg === '--clock-offset') {
      const raw = takeValue();
      clockOffset = Number(raw);
      if (!/^[-+]?\d+$/.test(raw) || Math.abs(clockOffset) > 10 * 366 * 86_400) {
        throw new UsageError(`--clock-offset needs a whole number of seconds (at most ten years either way), got "${raw}"`);
      }
    } else if (arg === '--missing-pool-on-plugin-paths') switches.missingPoolOnPluginPaths = Number(takeValue());
    else if (arg === '--stuck-deleting' && value === undefined) switches.stuckDeleting = true;
    else if (arg in SWITCH_FLAGS && arg !== '--stuck-deleting') switches[SWITCH_FLAGS[arg]] = takeValue();
    else if (arg === '--tls' && value === undefined) tls = true;
    else if (arg === '--tls-name') tlsNames.push(takeValue());
    else if (arg === '--tls-dir') tlsDir = takeValue();
    else if (arg === '--host') host = takeValue();
    else if (arg === '--scenario') scenario = takeValue();
    else throw new UsageError(`unknown argument "${argv[i]}"`);
  }

  let options: EmulatorOptions = { deleteDelayMs: 8000, installDelayMs: 5000, updateDelayMs: 5000 };
  if (scenario !== undefined) {
    try {
      options = { ...options, ...loadScenarioFile(scenario) };
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  const { pools, pluginsPerPool, projects, ...rest } = numbers;
  try {
    options = { ...options, ...rest, ...validateConfig(switches) };
  } catch (e) {
    const key = /^config field "(\w+)"/.exec((e as Error).message)?.[1];
    const flag = Object.entries(SWITCH_FLAGS).find(([, k]) => k === key)?.[0];
    throw new UsageError(flag ? (e as Error).message.replace(/^config field "\w+"/, flag) : (e as Error).message);
  }
  if (host !== undefined) options.host = host;
  if (clockOffset !== undefined) options.clockOffsetMs = clockOffset * 1000;
  if ((tlsNames.length || tlsDir !== undefined) && !tls) throw new UsageError('--tls-name and --tls-dir need --tls');
  if (tls) {
    for (const n of tlsNames) {
      try {
        assertCertificateName(n);
      } catch (e) {
        throw new UsageError(`--tls-name: ${(e as Error).message}`);
      }
    }
    options.tls = { caDir: tlsDir ?? mkdtempSync(path.join(tmpdir(), 'modelarts-emulator-')), names: tlsNames };
  }
  if (pools !== undefined || pluginsPerPool !== undefined || projects !== undefined) {
    try {
      options.generate = parseGenerate({
        ...options.generate, pools: pools ?? options.generate?.pools, pluginsPerPool: pluginsPerPool ?? options.generate?.pluginsPerPool, projects: projects ?? options.generate?.projects,
      });
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  return options;
}

function banner(emulator: Emulator): string {
  const { accessKey, secretKey } = DEMO_CREDENTIALS;
  const u = emulator.url;
  const clock = emulator.config().clockOffsetMs;
  return [
    `MODELARTS_EMULATOR_URL=${u}`,
    ...(emulator.caFile ? [`MODELARTS_EMULATOR_CA=${emulator.caFile}`] : []),
    `ModelArts + IAM emulator listening on ${u}`,
    ...(emulator.caFile ? [`https with a throw-away CA; trust it with modelarts.caCertificates or --ca-file ${emulator.caFile}`] : []),
    ...(clock ? [`Its clock runs ${Math.abs(clock) / 1000} s ${clock > 0 ? 'ahead of' : 'behind'} this machine's.`] : []),
    `Demo access key: ${accessKey}`,
    `Demo secret key: ${secretKey}`,
    `  export HUAWEICLOUD_SDK_AK=${accessKey}`,
    `  export HUAWEICLOUD_SDK_SK=${secretKey}`,
    `A second account (its own project, for profiles): ${OPS_CREDENTIALS.accessKey} / ${OPS_CREDENTIALS.secretKey}`,
    `Point the CLI at it:  modelarts-plugins projects --cloud custom --endpoint ${u} --iam-endpoint ${u}`,
    `or in VS Code set modelarts.cloud = "custom", modelarts.endpoint = "${u}", modelarts.iamEndpoint = "${u}".`,
    `Control API (unsigned, loopback only): ${u}/__emulator/state, /requests, /faults, /config, /reset, /connections`,
    'Press Ctrl+C to stop.',
  ].join('\n');
}

async function main(): Promise<void> {
  let options: EmulatorOptions | 'help';
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`emulator: ${e.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (options === 'help') {
    process.stdout.write(USAGE + '\n');
    return;
  }
  let emulator: Emulator;
  try {
    emulator = await startEmulator(options);
  } catch (e) {
    // a port in use or an address that cannot be bound: a usage problem, not a crash
    process.stderr.write(`emulator: cannot start: ${(e as Error).message}\n`);
    process.exit(2);
  }
  process.stdout.write(banner(emulator) + '\n');

  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(0); // a second Ctrl+C does not wait
    stopping = true;
    emulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

// only when run as a program, so tests can import parseArgs
if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`emulator: ${(e as Error)?.stack ?? e}\n`);
    process.exit(1);
  });
}
