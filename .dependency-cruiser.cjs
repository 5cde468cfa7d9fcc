// The layers of docs/ARCHITECTURE.md, kept by a machine: `npm test` runs dependency-cruiser with
// these rules and fails on any violation; `npm run deps` draws the graph into docs/.
//   extension → commands → tree | documents | changes → auth → config/util → core → api
//   cli, emulator and agents stand on core/api only.
/** Folders a layer may import besides itself (npm packages and Node's built-ins are always fine). */
const MAY_IMPORT = {
  api: [],
  core: ['api'],
  util: ['core', 'api'],
  config: ['util', 'core', 'api'],
  auth: ['config', 'util', 'core', 'api'],
  changes: ['auth', 'config', 'util', 'core', 'api'],
  tree: ['auth', 'config', 'util', 'core', 'api'],
  documents: ['auth', 'config', 'util', 'core', 'api'],
  commands: ['tree', 'documents', 'changes', 'auth', 'config', 'util', 'core', 'api'],
  agents: ['core', 'api'],
  cli: ['agents', 'core', 'api'],
  emulator: ['api'],
};
const LAYERS = Object.keys(MAY_IMPORT);
// a layer is a folder under src/ (config is src/config.ts)
const layerPath = (l) => (l === 'config' ? '^src/config\\.ts$' : `^src/${l}/`);

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'no import loops', from: {}, to: { circular: true } },
    ...LAYERS.map((l) => ({
      name: `layer-${l}`,
      severity: 'error',
      comment: `${l} may import ${MAY_IMPORT[l].join(', ') || 'nothing of src'} (docs/ARCHITECTURE.md)`,
      from: { path: layerPath(l) },
      to: { path: '^src/', pathNot: [layerPath(l), ...MAY_IMPORT[l].map(layerPath), '^src/types/'] },
    })),
    {
      name: 'entry-points-stand-alone',
      severity: 'error',
      comment: 'nothing imports the extension entry point or the language-model tool registration except the extension',
      from: { pathNot: '^src/extension\\.ts$' },
      to: { path: '^src/(extension|languageModelTools)\\.ts$' },
    },
    {
      name: 'no-vscode-below-the-ui',
      severity: 'error',
      comment: 'api, core, agents, cli and emulator run without VS Code (mocha, the CLI, the emulator)',
      from: { path: '^src/(api|core|agents|cli|emulator)/' },
      // "vscode" is not installed: it resolves to its types (@types/vscode) or stays unresolved
      to: { path: '^vscode$|^node_modules/@types/vscode/' },
    },
    { name: 'no-tests-from-src', severity: 'error', from: { path: '^src/' }, to: { path: '^test/' } },
  ],
  options: {
    parser: 'swc',
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
  },
};
