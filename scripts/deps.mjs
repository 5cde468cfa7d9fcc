// npm run deps: draws the import graph of src/ as Mermaid into docs/dependencies.md, one box per
// layer (folder) and one per file, from the same dependency-cruiser run that `npm test` checks
// against the rules in .dependency-cruiser.cjs.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const depcruise = path.join(root, 'node_modules', '.bin', 'depcruise');
const mermaid = (collapse) =>
  execFileSync(depcruise, ['src', '--config', '.dependency-cruiser.cjs', '--include-only', '^src/', '--output-type', 'mermaid', ...(collapse ? ['--collapse', collapse] : [])], { cwd: root, encoding: 'utf8' }).trim();

const text = `# Dependencies of src/

Drawn by \`npm run deps\` from the code's imports (dependency-cruiser, the same run \`npm test\`
checks against the rules of \`.dependency-cruiser.cjs\`; see ARCHITECTURE.md). Do not edit by hand.

## Layers

\`\`\`mermaid
${mermaid('^src/[^/]+')}
\`\`\`

## Files

\`\`\`mermaid
${mermaid()}
\`\`\`
`;
writeFileSync(path.join(root, 'docs', 'dependencies.md'), text);
console.log(`docs/dependencies.md: ${text.split('\n').length} lines`);
