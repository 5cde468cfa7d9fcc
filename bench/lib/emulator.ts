// The emulator in its own process (dist/emulator.js), so the client under test never shares an event
// loop with the server, plus the unsigned control API (/__emulator/…) used between timed rounds.
import { spawn, type ChildProcess } from 'child_process';
import * as http from 'http';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '../../..'); // bench/results/build → repo root

export interface ChildEmulator {
  url: string;
  host: string;
  port: number;
  proc: ChildProcess;
  control<T = unknown>(method: string, action: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

export interface ChildEmulatorOptions {
  pools?: number;
  pluginsPerPool?: number;
  /** How many generated projects of `pools` pools each (default 1). */
  projects?: number;
  latencyMs?: number;
  /** Deleted plug-ins stay Deleting this long; long by default so state does not change during a round. */
  deleteDelayMs?: number;
}

const controlAgent = new http.Agent({ keepAlive: false });

export async function startChildEmulator(o: ChildEmulatorOptions = {}): Promise<ChildEmulator> {
  const args = [path.join(ROOT, 'dist/emulator.js'), '--port', '0', '--delete-delay-ms', String(o.deleteDelayMs ?? 3_600_000)];
  if (o.pools !== undefined) args.push('--pools', String(o.pools), '--plugins-per-pool', String(o.pluginsPerPool ?? 0));
  if (o.projects !== undefined) args.push('--projects', String(o.projects));
  if (o.latencyMs !== undefined) args.push('--latency-ms', String(o.latencyMs));
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (c) => (stderr += c));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const onData = (c: Buffer): void => {
      out += c.toString();
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      const m = /^MODELARTS_EMULATOR_URL=(\S+)/.exec(out.slice(0, nl));
      proc.stdout!.off('data', onData);
      proc.stdout!.resume(); // drain the banner
      if (m) resolve(m[1]);
      else reject(new Error(`emulator printed "${out.slice(0, nl)}" instead of its URL`));
    };
    proc.stdout!.on('data', onData);
    proc.once('exit', (code) => reject(new Error(`emulator exited (${code}) before printing its URL: ${stderr}`)));
    setTimeout(() => reject(new Error('emulator did not start within 20 s')), 20_000).unref();
  });
  const u = new URL(url);
  const control = <T>(method: string, action: string, body?: unknown): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const data = body === undefined ? undefined : JSON.stringify(body);
      const req = http.request(
        { host: u.hostname, port: u.port, method, path: `/__emulator/${action}`, agent: controlAgent, headers: data ? { 'Content-Type': 'application/json' } : {} },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (res.statusCode !== 200) reject(new Error(`control ${method} ${action}: HTTP ${res.statusCode} ${text.slice(0, 300)}`));
            else resolve(JSON.parse(text) as T);
          });
        },
      );
      req.on('error', reject);
      req.end(data);
    });
  return {
    url,
    host: u.host,
    port: Number(u.port),
    proc,
    control,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}
