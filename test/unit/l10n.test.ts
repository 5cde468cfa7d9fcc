// Localisation checks: every string the code passes to l10n.t (extracted with @vscode/l10n-dev, the
// same extraction as `npm run l10n:export`) has a Simplified Chinese entry and no entry is stale;
// every contributed string of package.json is a %key% with an English and a Chinese text; and no
// user-facing string slips past l10n as a bare literal in the extension's UI code.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { getL10nJson } from '@vscode/l10n-dev';
import { versionDescription } from '../../src/api/templates';

const ROOT = path.resolve(__dirname, '../..');
const read = (p: string): string => fs.readFileSync(path.join(ROOT, p), 'utf8');
const readJson = <T = Record<string, string>>(p: string): T => JSON.parse(read(p)) as T;

function tsFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const p = path.posix.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const placeholders = (s: string): string[] => (s.match(/\{\d+\}/g) ?? []).sort();
const CJK = /[\u4e00-\u9fff]/;
// the product's own name and the view container's name stay as they are in every language
const BRAND = new Set(['ModelArts']);
// The command ids, setting names and cloud identifiers that translations must keep verbatim.
const IDENTIFIERS = /command:[\w.?%]+|modelarts\.[A-Za-z.]+|\b(?:Running|Pending|Updating|Abnormal|Deleting)\b|`[^`]+`/g;

suite('l10n: code strings (l10n/bundle.l10n.zh-cn.json)', () => {
  let extracted: Record<string, unknown>;
  const zh = readJson('l10n/bundle.l10n.zh-cn.json');

  suiteSetup(async function () {
    this.timeout(60_000);
    extracted = await getL10nJson(tsFiles('src').map((f) => ({ contents: read(f), extension: '.ts' })));
  });

  test('the extraction finds the strings (it can fail)', () => {
    assert.ok(Object.keys(extracted).length > 100, `only ${Object.keys(extracted).length} strings extracted`);
    assert.ok('Delete Plug-in' in extracted);
  });

  test('every string used in code has a zh-cn entry', () => {
    const missing = Object.keys(extracted).filter((k) => !(k in zh));
    assert.deepStrictEqual(missing, [], `add these to l10n/bundle.l10n.zh-cn.json:\n${missing.join('\n')}`);
  });

  test('every zh-cn entry is still used in code', () => {
    const unused = Object.keys(zh).filter((k) => !(k in extracted));
    assert.deepStrictEqual(unused, [], `no longer used, remove from l10n/bundle.l10n.zh-cn.json:\n${unused.join('\n')}`);
  });

  test('translations are Chinese and keep every placeholder', () => {
    for (const [en, text] of Object.entries(zh)) {
      assert.ok(CJK.test(text), `not Chinese: "${en}" → "${text}"`);
      assert.deepStrictEqual(placeholders(text), placeholders(en), `placeholders differ: "${en}" → "${text}"`);
    }
  });

  test('the English bundle for translators is current (npm run l10n:export)', () => {
    assert.deepStrictEqual(Object.keys(readJson('l10n/bundle.l10n.json')).sort(), Object.keys(extracted).sort());
  });
});

suite('l10n: nothing shown to the user skips l10n.t (a walk over the syntax tree)', () => {
  // The walk (test/unit/helpers/untranslated.mjs) sees toasts and their buttons, thrown errors,
  // quick-pick and input-box texts, tree-item texts, diff titles and the nouns passed into messages;
  // the CLI and the emulator stay English.
  let walk: typeof import('./helpers/untranslated.mjs');
  suiteSetup(async () => {
    walk = await import('./helpers/untranslated.mjs');
  });

  // Literals the walk reports that are never shown, each with why.
  const NOT_SHOWN: Record<string, string> = {
    'src/api/client.ts: "true"': 'the value of the query parameter detail=true',
    'src/api/transport.ts: "cancelled"': 'an internal signal, turned into the translated "was cancelled" ApiError before anyone sees it',
    'src/api/concurrency.ts: "limit must be at least 1"': 'a programming error (a RangeError from a constructor argument), not a user\'s',
    'src/languageModelTools.ts: `${name} is contributed but not in src/agents/tools.ts`': 'a packaging error (package.json and the tool table disagree), which the agents unit test rules out',
  };
  const withoutLine = (f: string): string => f.replace(/^([^:]+):\d+: /, '$1: ');

  test('REVIEW #9 the walk sees English in every shape that reaches the user, and nothing inside l10n.t', function () {
    this.timeout(60_000);
    const fixture = 'test/unit/fixtures/untranslated.ts';
    const expected = read(fixture).split('\n').flatMap((l, i) => (/\/\/ SEEN\b/.test(l) ? [i + 1] : []));
    const found = walk.untranslatedStrings(ROOT, [fixture]).map((f) => Number(/:(\d+):/.exec(f)?.[1]));
    assert.ok(expected.length >= 12, 'the fixture marks its shapes');
    assert.deepStrictEqual(found, expected, walk.untranslatedStrings(ROOT, [fixture]).join('\n'));
    assert.ok(walk.isEnglish('Sign in first.') && !walk.isEnglish('$(sync~spin) modelarts.signIn 1.6.36 ModelArts CSV'));
  });

  test('REVIEW #9 no English reaches the user without l10n.t: messages, errors, picks, titles, nouns put into messages', function () {
    this.timeout(60_000);
    // what the agent tools tell a model (src/agents) stays English, as the CLI's output does
    const files = tsFiles('src').filter((f) => !/^src\/(cli|emulator|agents)\//.test(f));
    const found = walk.untranslatedStrings(ROOT, files);
    const unexplained = found.filter((f) => !(withoutLine(f) in NOT_SHOWN));
    assert.deepStrictEqual(unexplained, [], 'wrap these in l10n.t(…) (vscode.l10n.t outside src/api and src/core) and translate them');
    const stale = [...Object.keys(NOT_SHOWN).filter((k) => !found.some((f) => withoutLine(f) === k))];
    assert.deepStrictEqual(stale, [], 'no longer found: remove from NOT_SHOWN');
  });
});

suite('l10n: contributed strings (package.nls.json, package.nls.zh-cn.json)', () => {
  const pkg = readJson<Record<string, unknown>>('package.json');
  const en = readJson('package.nls.json');
  const zh = readJson('package.nls.zh-cn.json');

  /** Every user-facing string of the manifest, with where it is. */
  function contributed(): { where: string; value: string }[] {
    const out: { where: string; value: string }[] = [];
    const c = pkg.contributes as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const add = (where: string, value: unknown): void => {
      if (typeof value === 'string') out.push({ where, value });
    };
    add('displayName', pkg.displayName);
    add('description', pkg.description);
    for (const [id, v] of Object.entries(c.viewsContainers ?? {}).flatMap(([, l]) => (l as { id: string; title: string }[]).map((x) => [x.id, x.title] as const))) add(`viewsContainers ${id}`, v);
    for (const v of Object.values(c.views ?? {}).flat() as { id: string; name: string; contextualTitle?: string }[]) {
      add(`views ${v.id}`, v.name);
      add(`views ${v.id} contextualTitle`, v.contextualTitle);
    }
    for (const w of c.viewsWelcome ?? []) add(`viewsWelcome ${w.view}`, w.contents);
    for (const cmd of c.commands ?? []) {
      add(`command ${cmd.command}`, cmd.title);
      add(`command ${cmd.command} category`, cmd.category);
    }
    add('configuration title', c.configuration?.title);
    const setting = (id: string, p: Record<string, any>): void => { // eslint-disable-line @typescript-eslint/no-explicit-any
      add(`${id} description`, p.description);
      add(`${id} markdownDescription`, p.markdownDescription);
      (p.enumDescriptions ?? []).forEach((d: string, i: number) => add(`${id} enumDescriptions[${i}]`, d));
      (p.markdownEnumDescriptions ?? []).forEach((d: string, i: number) => add(`${id} markdownEnumDescriptions[${i}]`, d));
      for (const [n, q] of Object.entries(p.properties ?? {})) setting(`${id}.${n}`, q as Record<string, unknown>);
      if (p.items) setting(`${id}[]`, p.items);
    };
    for (const [id, p] of Object.entries(c.configuration?.properties ?? {})) setting(id, p as Record<string, unknown>);
    for (const col of c.colors ?? []) add(`color ${col.id}`, col.description);
    for (const w of c.walkthroughs ?? []) {
      add(`walkthrough ${w.id} title`, w.title);
      add(`walkthrough ${w.id} description`, w.description);
      for (const s of w.steps ?? []) {
        add(`walkthrough step ${s.id} title`, s.title);
        add(`walkthrough step ${s.id} description`, s.description);
      }
    }
    for (const tool of c.languageModelTools ?? []) {
      add(`languageModelTool ${tool.name} displayName`, tool.displayName);
      add(`languageModelTool ${tool.name} userDescription`, tool.userDescription);
    }
    const untrusted = (pkg.capabilities as Record<string, any> | undefined)?.untrustedWorkspaces; // eslint-disable-line @typescript-eslint/no-explicit-any
    add('capabilities.untrustedWorkspaces', untrusted?.description);
    return out;
  }

  test('the manifest points VS Code at the code bundles', () => {
    assert.strictEqual(pkg.l10n, './l10n');
    assert.ok(fs.existsSync(path.join(ROOT, 'l10n/bundle.l10n.zh-cn.json')));
  });

  test('every contributed string is a %key% (only the brand name stays literal)', () => {
    const all = contributed();
    assert.ok(all.length > 50, `only ${all.length} contributed strings found`);
    const literal = all.filter((s) => !/^%.+%$/.test(s.value) && !BRAND.has(s.value));
    assert.deepStrictEqual(literal.map((s) => `${s.where}: ${s.value}`), [], 'move these to package.nls.json');
  });

  test('keys use only letters, digits, _ and . (vsce leaves others untranslated)', () => {
    const bad = contributed().map((s) => /^%(.+)%$/.exec(s.value)?.[1]).filter((k): k is string => !!k && !/^[A-Za-z0-9_.]+$/.test(k));
    assert.deepStrictEqual(bad, []);
  });

  test('every %key% has an English and a zh-cn text, and every entry is used', () => {
    const used = new Set(contributed().map((s) => /^%(.+)%$/.exec(s.value)?.[1]).filter(Boolean) as string[]);
    assert.deepStrictEqual([...used].filter((k) => !(k in en)), [], 'missing in package.nls.json');
    assert.deepStrictEqual([...used].filter((k) => !(k in zh)), [], 'missing in package.nls.zh-cn.json');
    assert.deepStrictEqual(Object.keys(en).filter((k) => !used.has(k)), [], 'unused in package.nls.json');
    assert.deepStrictEqual(Object.keys(zh).filter((k) => !used.has(k)), [], 'unused in package.nls.zh-cn.json');
  });

  test('zh-cn texts are Chinese and keep command links, setting names, phases and code spans', () => {
    for (const [k, text] of Object.entries(zh)) {
      assert.ok(CJK.test(text), `not Chinese: ${k} → ${text}`);
      assert.deepStrictEqual((text.match(IDENTIFIERS) ?? []).sort(), (en[k].match(IDENTIFIERS) ?? []).sort(), `identifiers differ in ${k}`);
    }
  });
});

suite('l10n: the cloud\'s own Chinese texts', () => {
  const v = { version: '1.0.0', description: 'Caches DNS on every node.', translate: { zh_CN: { plugintemplate: { description: '在每个节点上缓存 DNS。' } } } };

  test('a template version\'s description is Simplified Chinese for zh-cn, English otherwise (zh-tw too: the cloud sends zh_CN only)', () => {
    assert.strictEqual(versionDescription(v, 'zh-cn'), '在每个节点上缓存 DNS。');
    assert.strictEqual(versionDescription(v, 'zh-tw'), 'Caches DNS on every node.');
    assert.strictEqual(versionDescription(v, 'en'), 'Caches DNS on every node.');
    assert.strictEqual(versionDescription(v, 'de'), 'Caches DNS on every node.');
  });

  test('without a usable translation the English description stays', () => {
    assert.strictEqual(versionDescription({ version: '1', description: 'x' }, 'zh-cn'), 'x');
    assert.strictEqual(versionDescription({ version: '1', description: 'x', translate: { zh_CN: { plugintemplate: { description: ' ' } } } }, 'zh-cn'), 'x');
    assert.strictEqual(versionDescription({ version: '1', description: 'x', translate: { zh_CN: 'oops' } }, 'zh-cn'), 'x');
  });
});
