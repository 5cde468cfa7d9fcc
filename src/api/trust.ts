// Which certificate authorities a client trusts. Without private CAs: none set, so the runtime's
// defaults apply (and inside VS Code its own `http.systemCertificates` support keeps working).
// With them: Node's bundled roots, plus the operating system's where the runtime offers them, plus
// the given PEM files — an explicit `ca` replaces the defaults, so they must be listed too.
import { readFileSync } from 'fs';
import { homedir } from 'os';
import * as path from 'path';
import * as tls from 'tls';
import * as l10n from '@vscode/l10n';
import { validationError } from './errors';

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The certificates of a PEM file; throws a validation error naming the file and `origin` (the setting or flag it came from, in the user's language). */
export function readPemFile(file: string, origin: string, read: (f: string) => string = (f) => readFileSync(f, 'utf8')): string[] {
  const resolved = file.startsWith('~/') ? path.join(homedir(), file.slice(2)) : file;
  if (!path.isAbsolute(resolved)) throw validationError(l10n.t('The CA file "{0}" in {1} must be an absolute path.', file, origin));
  let text: string;
  try {
    text = read(resolved);
  } catch (e) {
    throw validationError(l10n.t('The CA file "{0}" in {1} cannot be read ({2}).', file, origin, (e as NodeJS.ErrnoException).code ?? (e as Error).message));
  }
  const certs = text.match(PEM_CERT);
  if (!certs) throw validationError(l10n.t('The CA file "{0}" in {1} holds no PEM certificate ({2}).', file, origin, '-----BEGIN CERTIFICATE-----'));
  return certs;
}

/** The system's certificates where the runtime can read them (Node ≥ 22.15 / 23.5), else none. */
function systemCertificates(): string[] {
  const get = (tls as { getCACertificates?: (type: 'system') => string[] }).getCACertificates;
  try {
    return typeof get === 'function' ? get('system') : [];
  } catch {
    return [];
  }
}

/**
 * The `ca` option for the agents: undefined without extra files (the runtime's defaults apply),
 * else Node's roots + the system's + the files' certificates.
 */
export function trustedCertificates(files: readonly string[], origin: string, read?: (f: string) => string): string[] | undefined {
  if (!files.length) return undefined;
  const extra = files.flatMap((f) => readPemFile(f, origin, read));
  return [...new Set([...tls.rootCertificates, ...systemCertificates(), ...extra])];
}
