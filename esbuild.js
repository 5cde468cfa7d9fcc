// Builds the three bundles that share src/api/: the extension (vscode external), the CLI and the
// emulator, plus the extension-host test bundle. `--production` minifies and drops source maps.
// Type checking is separate (`npm run typecheck`).
//
// node-fetch 3 reaches the web-streams-polyfill (60 KB minified) through fetch-blob/streams.cjs, which
// requires it only when `globalThis.ReadableStream` is missing and `node:stream/web` cannot be
// loaded: never on Node >= 18, which every VS Code since 1.82 has. `builtinPolyfills` resolves that
// require to `node:stream/web` itself, so the branch behaves the same and the bundle drops the
// polyfill (npm run bench shows the size with and without).
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
};

/** Polyfills of what Node has built in, resolved to the built-in module. */
const builtinPolyfills = {
  name: 'builtin-polyfills',
  setup(build) {
    build.onResolve({ filter: /^web-streams-polyfill(\/.*)?$/ }, () => ({ path: 'node:stream/web', namespace: 'builtin-polyfill' }));
    build.onLoad({ filter: /.*/, namespace: 'builtin-polyfill' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};
common.plugins = [builtinPolyfills];

const builds = [
  { entryPoints: { extension: 'src/extension.ts' }, external: ['vscode'], metafile: true },
  { entryPoints: { cli: 'src/cli/main.ts' } },
  { entryPoints: { emulator: 'src/emulator/main.ts' } },
];
if (!production && fs.existsSync('test/host/index.ts')) {
  // Extension-host tests: dist/test/index.js (the runner, loaded through extensionTestsPath) plus one
  // bundle per test/host/*.test.ts, which the runner finds next to itself. mocha stays a runtime require.
  const entryPoints = { 'test/index': 'test/host/index.ts' };
  for (const f of fs.readdirSync('test/host').filter((n) => n.endsWith('.test.ts')).sort()) {
    entryPoints[`test/${f.slice(0, -'.ts'.length)}`] = `test/host/${f}`;
  }
  // the zh-cn suites (test/host-zh/) run in a second, Chinese VS Code from dist/test/zh-cn/
  for (const f of fs.readdirSync('test/host-zh').filter((n) => n.endsWith('.test.ts')).sort()) {
    entryPoints[`test/zh-cn/${f.slice(0, -'.ts'.length)}`] = `test/host-zh/${f}`;
  }
  fs.rmSync('dist/test', { recursive: true, force: true }); // no stale bundles of deleted test files
  builds.push({ entryPoints, external: ['vscode', 'mocha'] });
}

async function main() {
  const started = Date.now();
  for (const b of builds) {
    const options = { ...common, ...b, outdir: 'dist' };
    if (watch) {
      const ctx = await esbuild.context(options);
      await ctx.watch();
      continue;
    }
    const result = await esbuild.build(options);
    if (result.metafile) {
      fs.writeFileSync(path.join('dist', 'extension.meta.json'), JSON.stringify(result.metafile));
    }
  }
  if (!watch && process.env.ESBUILD_QUIET !== '1') {
    console.log(`esbuild: ${builds.length} bundles${production ? ' (production)' : ''} in ${Date.now() - started} ms`);
  }
}

module.exports = { common, builtinPolyfills };

if (require.main === module) {
  main().catch((e) => {
    console.error(e.message || e);
    process.exit(1);
  });
}
