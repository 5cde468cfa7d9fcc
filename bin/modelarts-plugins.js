#!/usr/bin/env node
// The CLI is bundled by `npm run build`; this shim only points at the bundle.
const path = require('path');
const fs = require('fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(bundle)) {
  process.stderr.write('modelarts-plugins: not built yet. Run `npm run build` first.\n');
  process.exit(2);
}
require(bundle);
