// The phase colours of package.json: a value for every theme kind (dark, light, high contrast dark
// and light), each readable on that kind's editor background (WCAG contrast of at least 3:1, the
// level for bold text and icons, which is how the tree and the document show a phase).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'));
const BACKGROUND: Record<string, string> = { dark: '#1e1e1e', light: '#ffffff', highContrast: '#000000', highContrastLight: '#ffffff' };

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

suite('phase colours', () => {
  const phases = (pkg.contributes.colors as { id: string; defaults: Record<string, string> }[]).filter((c) => c.id.startsWith('modelarts.phase.'));

  test('the contrast formula can fail (black on white 21, grey on grey 1)', () => {
    assert.strictEqual(Math.round(contrast('#000000', '#ffffff')), 21);
    assert.strictEqual(contrast('#777777', '#777777'), 1);
  });

  test('every plug-in phase has a colour', () => {
    assert.deepStrictEqual(phases.map((c) => c.id).sort(), ['abnormal', 'deleting', 'pending', 'running', 'updating'].map((p) => `modelarts.phase.${p}`));
  });

  test('each has dark, light, highContrast and highContrastLight values, readable on that background (>= 3:1)', () => {
    for (const c of phases) {
      for (const [kind, bg] of Object.entries(BACKGROUND)) {
        const value = c.defaults[kind];
        assert.match(value ?? '', /^#[0-9a-f]{6}$/i, `${c.id} has no ${kind} value`);
        const ratio = contrast(value, bg);
        assert.ok(ratio >= 3, `${c.id} ${kind} ${value} on ${bg}: contrast ${ratio.toFixed(2)} < 3`);
      }
    }
  });
});
