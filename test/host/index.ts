// Mocha runner for the extension-host tests. VS Code loads the bundle (dist/test/index.js) through
// extensionTestsPath and calls run(); it runs every dist/test/*.test.js next to it.
//
// Two channels back to the harness (test/harness/host.mjs or electron.mjs):
//  * every output line is tagged "[test] " so the harness can pick it out of the workbench console;
//  * a JSON result file { passes, failures, pending } at $MODELARTS_HOST_RESULT_FILE
//    (default .e2e/host-result.json), because the exit code alone cannot tell "0 tests ran" from success.
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
// mocha is not bundled (esbuild external): it is required at run time from the repo's node_modules
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Mocha = require('mocha');


export function run(): Promise<void> {
  // The extension host's console methods cannot usefully be reassigned and mocha keeps its own reference,
  // so hook mocha's reporter output and format it ourselves (one console.log call per line).
  const raw = console.log.bind(console);
  let blank = false; // mocha's spec reporter pads with runs of empty lines: keep one
  const out = (...args: unknown[]): void => {
    for (const line of util.format(...args).split('\n')) {
      if (!line.trim() && blank) continue;
      blank = !line.trim();
      raw(`[test] ${line}`);
    }
  };
  Mocha.reporters.Base.consoleLog = out;
  Mocha.reporters.Base.useColors = false;

  // diff: false — Node's AssertionError message already carries the diff
  // MODELARTS_HOST_GREP runs only the tests whose full title matches (while working on one suite)
  const grep = process.env.MODELARTS_HOST_GREP;
  const mocha = new Mocha({ ui: 'tdd', color: false, diff: false, timeout: 20_000, reporter: 'spec', ...(grep ? { grep } : {}) });
  // MODELARTS_HOST_SUITES_DIR runs other bundled suites (the benchmarks' host part) instead of the tests
  const dir = process.env.MODELARTS_HOST_SUITES_DIR ? path.resolve(process.env.MODELARTS_HOST_SUITES_DIR) : __dirname;
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort();
  for (const f of files) mocha.addFile(path.join(dir, f));

  const resultFile =
    process.env.MODELARTS_HOST_RESULT_FILE || path.resolve(__dirname, '../../.e2e/host-result.json');
  fs.rmSync(resultFile, { force: true });

  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures: number) => {
        const stats = runner.stats ?? {};
        const result = { passes: stats.passes ?? 0, failures, pending: stats.pending ?? 0, files };
        fs.mkdirSync(path.dirname(resultFile), { recursive: true });
        fs.writeFileSync(resultFile, JSON.stringify(result, null, 1));
        if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
        else if (result.passes === 0) reject(new Error('no extension-host tests ran'));
        else resolve();
      });
    } catch (e) {
      // a test file that throws while loading ends up here
      out(`test run could not start: ${e instanceof Error ? e.stack : String(e)}`);
      reject(e);
    }
  });
}
