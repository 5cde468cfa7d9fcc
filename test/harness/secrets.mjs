// The last step of `npm test`: nothing a test run leaves behind may hold the secret key or the
// security token the tests used. It reads every file of the newest host and UI run folders under
// .e2e/ — VS Code's logs (the ModelArts output channel among them), code-server's log, the
// emulator's log and request log, settings, documents, the text of every screenshot's page — as
// bytes, and looks for each secret as it is, URL-encoded and base64-encoded. One hit fails the run.
//
// Usage: node test/harness/secrets.mjs [folder…]   (default: the newest host-* and ui-* runs)
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEMO_CREDENTIALS, E2E_DIR, ROOT, TEST_SECURITY_TOKEN } from './lib.mjs';

/** The secrets the test runs use, by name. */
export const TEST_SECRETS = {
  'secret key': DEMO_CREDENTIALS.HUAWEICLOUD_SDK_SK,
  'security token': TEST_SECURITY_TOKEN,
};

function forms(secret) {
  return [...new Set([secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')])].map((f) => Buffer.from(f));
}

function* files(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (e.isFile()) yield p;
  }
}

/** Every place one of `secrets` ({name: value}) appears in the files under `dirs`, and how much was read. */
export function findSecrets(dirs, secrets = TEST_SECRETS) {
  const needles = Object.entries(secrets).flatMap(([name, value]) => forms(value).map((bytes) => ({ name, bytes })));
  const hits = [];
  let count = 0;
  let bytes = 0;
  for (const dir of dirs) {
    for (const file of files(dir)) {
      const data = fs.readFileSync(file);
      count++;
      bytes += data.length;
      for (const { name, bytes: needle } of needles) {
        const at = data.indexOf(needle);
        if (at >= 0) hits.push({ file, name, at });
      }
    }
  }
  return { hits, files: count, bytes };
}

/** The newest run folder of each kind (host-…, ui-…, and their zh-cn passes). */
export function newestRuns(kinds = ['host', 'ui', 'host-zh-cn', 'ui-zh-cn']) {
  if (!fs.existsSync(E2E_DIR)) return [];
  const names = fs.readdirSync(E2E_DIR);
  return kinds.flatMap((kind) => {
    const re = new RegExp(`^${kind}-\\d{8}T\\d{6}-\\d+$`);
    const newest = names.filter((n) => re.test(n)).sort().pop();
    return newest ? [path.join(E2E_DIR, newest)] : [];
  });
}

function main() {
  const dirs = process.argv.length > 2 ? process.argv.slice(2).map((d) => path.resolve(d)) : newestRuns();
  if (!dirs.length) {
    console.error('secrets check: no test run folders under .e2e/ to check; run the host and UI tests first');
    process.exit(1);
  }
  const { hits, files: count, bytes } = findSecrets(dirs);
  for (const h of hits) console.error(`  LEAK  the ${h.name} is in ${path.relative(ROOT, h.file)} at byte ${h.at}`);
  const where = dirs.map((d) => path.relative(ROOT, d)).join(', ');
  console.log(`secrets check: ${count} files (${(bytes / 1e6).toFixed(1)} MB) in ${where}: ${hits.length ? `${hits.length} leak(s)` : 'neither the secret key nor the security token'}`);
  process.exit(hits.length ? 1 : 0);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
