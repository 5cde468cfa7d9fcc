// A throw-away certificate authority and server certificate for `--tls`, made by the system's
// `openssl` (never by hand): an EC P-256 CA valid for two days, and a server certificate it signs
// for 127.0.0.1, ::1, localhost and any names asked for. Only the CA's PEM is kept on disk (the
// file a client trusts); both private keys live in memory once read, their files are deleted.
import { execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { isIP } from 'net';
import { tmpdir } from 'os';
import * as path from 'path';

export interface ServerCertificate {
  /** PEM of the server certificate. */
  cert: string;
  /** PEM of its private key (memory only). */
  key: string;
  /** PEM of the CA that signed it. */
  caPem: string;
  /** Where the CA's PEM was written. */
  caFile: string;
}

const NAME = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** Checks a name for the certificate: an IP address or a DNS name. */
export function assertCertificateName(name: string): string {
  if (isIP(name) || NAME.test(name)) return name;
  throw new Error(`"${name}" is neither an IP address nor a host name`);
}

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as { code?: string; stderr?: Buffer };
    if (err.code === 'ENOENT') throw new Error('--tls needs the "openssl" command; install it (Debian: apt-get install openssl)');
    throw new Error(`openssl ${args[0]} failed: ${err.stderr?.toString().trim() || String(e)}`);
  }
}

/** Makes a new CA and a server certificate for loopback plus `names`; writes the CA to `caDir/emulator-ca.pem`. */
export function makeServerCertificate(caDir: string, names: readonly string[] = []): ServerCertificate {
  const all = [...new Set(['127.0.0.1', '::1', 'localhost', ...names.map(assertCertificateName)])];
  const san = all.map((n) => (isIP(n) ? `IP:${n}` : `DNS:${n}`)).join(',');
  const work = mkdtempSync(path.join(tmpdir(), 'modelarts-emulator-tls-'));
  try {
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    openssl(['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2',
      '-subj', '/CN=ModelArts emulator throw-away CA', '-addext', 'basicConstraints=critical,CA:TRUE',
      '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], work);
    openssl(['req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', `/CN=${all[0]}`], work);
    writeFileSync(path.join(work, 'ext.cnf'),
      `basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=${san}\n`);
    openssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial',
      '-days', '2', '-sha256', '-extfile', 'ext.cnf', '-out', 'server.pem'], work);
    const read = (f: string) => readFileSync(path.join(work, f), 'utf8');
    const caPem = read('ca.pem');
    mkdirSync(caDir, { recursive: true });
    const caFile = path.resolve(caDir, 'emulator-ca.pem');
    writeFileSync(caFile, caPem);
    return { cert: read('server.pem'), key: read('server.key'), caPem, caFile };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
