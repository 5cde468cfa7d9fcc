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
  // '…', '→', '·' stay UTF-8 (3 bytes) instead of \u escapes (6): Node reads sources as UTF-8
  charset: 'utf8',
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
/**
 * node-fetch parses multipart bodies only in Body.formData(), which nothing here calls (the cloud
 * answers JSON): that module (4 KB minified) becomes one that says so if it ever is called.
 */
const noMultipart = {
  name: 'no-multipart',
  setup(build) {
    build.onResolve({ filter: /\/multipart-parser\.js$/ }, (args) => (/node-fetch/.test(args.importer) ? { path: 'multipart-parser', namespace: 'no-multipart' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'no-multipart' }, () => ({
      contents: 'exports.toFormData = async () => { throw new Error("formData() is not supported by this build"); };',
      loader: 'js',
    }));
  },
};
/**
 * The rest of node-fetch's body types: FormData bodies (formdata-polyfill), Blob bodies and
 * res.blob() (fetch-blob), and data: URLs (data-uri-to-buffer). The client sends JSON and reads
 * text from http(s) endpoints only, so none is reachable; each becomes a stand-in that fails
 * loudly if it ever is (6 KB minified off dist/extension.js, SPEC §12).
 */
const noBodyTypes = {
  name: 'no-body-types',
  setup(build) {
    const stubs = {
      'formdata-polyfill/esm.min.js': 'class FormData {} exports.FormData = FormData; exports.formDataToBlob = () => { throw new Error("FormData bodies are not supported by this build"); };',
      'fetch-blob': 'class Blob { constructor() { throw new Error("Blob is not supported by this build"); } } module.exports = Blob; module.exports.default = Blob; module.exports.Blob = Blob;',
      'fetch-blob/from.js': 'const no = () => { throw new Error("Blob and File are not supported by this build"); }; class Blob { constructor() { no(); } } class File extends Blob {} Object.assign(exports, { Blob, File, default: no, fileFrom: no, fileFromSync: no, blobFrom: no, blobFromSync: no });',
      'data-uri-to-buffer': 'module.exports = () => { throw new Error("data: URLs are not supported by this build"); }; module.exports.default = module.exports;',
    };
    build.onResolve({ filter: /^(formdata-polyfill\/esm\.min\.js|fetch-blob(\/from\.js)?|data-uri-to-buffer)$/ }, (args) => (/node-fetch/.test(args.importer) ? { path: args.path, namespace: 'no-body-types' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'no-body-types' }, (args) => ({ contents: stubs[args.path], loader: 'js' }));
  },
};
common.plugins = [builtinPolyfills, noMultipart, noBodyTypes];

// dist/agents.js (the agent tools, src/agents/) and dist/patchPlan.js (the PATCH planner), which the
// extension loads on first use instead of carrying them in dist/extension.js (SPEC §12 budget). What
// they share with the extension must be the extension's own instances (ApiError is checked with
// instanceof; @vscode/l10n holds the bundle loaded at activation), so those imports read the modules
// the extension hands over (src/util/lazyBundles.ts, AGENTS_SHARED) instead of bundling copies.
// agents.js carries its own copy of the planner (on the shared ApiError). The CLI bundles both normally.
const AGENTS_SHARED = {
  'src/api/index.ts': 'api',
  // modules whose exports the index re-exports (src/core/patchPlan.ts imports them directly)
  'src/api/client.ts': 'api',
  'src/api/errors.ts': 'api',
  'src/api/models.ts': 'api',
  'src/api/templates.ts': 'api',
  'src/api/tracking.ts': 'api',
  'src/core/drift.ts': 'drift',
  'src/core/inventory.ts': 'inventory',
  'src/api/mergePatch.ts': 'mergePatch',
  'src/core/scan.ts': 'scan',
  '@vscode/l10n': 'l10n',
};
const fromExtension = {
  name: 'from-extension',
  setup(build) {
    build.onResolve({ filter: /.*/ }, async (args) => {
      if (args.kind === 'entry-point' || args.pluginData === 'resolving') return undefined;
      let key = AGENTS_SHARED[args.path];
      if (!key) {
        const r = await build.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: 'resolving' });
        key = AGENTS_SHARED[path.relative(__dirname, r.path).split(path.sep).join('/')];
      }
      return key ? { path: key, namespace: 'extension-shared' } : undefined;
    });
    build.onLoad({ filter: /.*/, namespace: 'extension-shared' }, (args) => ({
      contents: `module.exports = globalThis[Symbol.for('modelarts-plugins.agents.shared')].${args.path};`,
      loader: 'js',
    }));
  },
};

const builds = [
  { entryPoints: { extension: 'src/extension.ts' }, external: ['vscode', './agents.js', './patchPlan.js'], metafile: true },
  { entryPoints: { agents: 'src/agents/tools.ts' }, external: ['vscode'], plugins: [builtinPolyfills, noMultipart, noBodyTypes, fromExtension] },
  // the PATCH planner, loaded on the first Upgrade or Apply (src/util/lazyBundles.ts), on the same shared modules
  { entryPoints: { patchPlan: 'src/core/patchPlan.ts' }, external: ['vscode'], plugins: [builtinPolyfills, noMultipart, noBodyTypes, fromExtension] },
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

module.exports = { common, builtinPolyfills, AGENTS_SHARED };

if (require.main === module) {
  main().catch((e) => {
    console.error(e.message || e);
    process.exit(1);
  });
}
