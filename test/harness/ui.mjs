// npm run test:ui — the packaged extension (dist/modelarts-plugins.vsix) installed into a fresh
// code-server profile and driven in headless chromium the way a person would use it.
//
// Adding a check: append check('what the user sees', async (wb) => { ... }) below. Checks run in
// order on one shared page (so a check may build on the state the previous one left); `wb` is a
// Workbench (workbench.mjs: openView, runCommand, treeRow, contextMenu, inputBox, notifications).
// A failing check is screenshotted (.e2e/ui-*/NN-name.png), Escape closes what it left open and the
// next check runs. A final screenshot is kept as final.png.
//
// The extension host gets the emulator in its settings but no credentials: the UI signs in itself.
// `--locale zh-cn` runs the checkZh() checks instead, in a code-server started with --locale zh-cn
// and a minimal language pack (lib.mjs languagePack): the extension's own strings in Chinese.
//
// Env: VSCODE_HOST_VERBOSE=1 relays the whole browser console; MODELARTS_UI_SELFTEST_FAIL=1 adds a
// deliberately failing check (harness self-check); MODELARTS_UI_PICTURES=<folder> also writes the
// README's pictures there (npm run screenshots: media/screenshots/), cropped JPEGs of what the
// checks just verified, so they show the product as it is.
// Last line: "ui: N passed, M failed"; exit code 0 only if all passed.
import fs from 'node:fs';
import path from 'node:path';
import {
  ROOT, VSIX, createRun, emulatorSettings, installVsix, languagePack, launchBrowser, log, pruneRuns, relayConsole,
  requireFile, ensureHost, slimRun, startCodeServer, startEmulator, stopAll, writeUserSettings, runHarness,
} from './lib.mjs';
import { Workbench, escapeRe } from './workbench.mjs';

const LOCALE = process.argv.includes('--locale') ? process.argv[process.argv.indexOf('--locale') + 1] : undefined;
const checks = [];
const check = (name, fn) => !LOCALE && checks.push({ name, fn });
const checkZh = (name, fn) => LOCALE === 'zh-cn' && checks.push({ name, fn });
/** Set by main(): the emulator's URL and this run's output folder. */
const ctx = { emulatorUrl: '', runDir: '' };
const DEMO = { ak: 'DEMOACCESSKEY00000000', sk: 'demo-secret-key-not-a-real-one-0000000000' };
/** The emulator's second account (its own project, eu-west-101). */
const OPS = { ak: 'OPSACCESSKEY000000001', sk: 'ops-secret-key-not-a-real-one-00000000001' };
const PHASE_COLORS = { Running: ['rgb(137, 209, 133)', 'rgb(56, 138, 52)'] }; // contributes.colors: dark, light

/** A screenshot, and the page's text next to it (.txt) so the secrets check can read what was shown. */
async function snapshot(page, file) {
  await page.screenshot({ path: file });
  fs.writeFileSync(file.replace(/\.png$/, '.txt'), await page.evaluate(() => document.body.innerText));
}

const PICTURES = process.env.MODELARTS_UI_PICTURES ? path.resolve(process.env.MODELARTS_UI_PICTURES) : undefined;

const pictureFailures = [];

/**
 * A README picture: `target` (a locator, a page clip, or a function giving one) as a small JPEG,
 * when PICTURES is set. A picture that cannot be taken does not fail the check; it fails the run.
 */
async function picture(page, name, target) {
  if (!PICTURES) return;
  fs.mkdirSync(PICTURES, { recursive: true });
  const options = { path: path.join(PICTURES, `${name}.jpg`), type: 'jpeg', quality: 60, animations: 'disabled', caret: 'hide' };
  try {
    const t = typeof target === 'function' ? await target() : target;
    if (typeof t.screenshot === 'function') await t.screenshot(options);
    else await page.screenshot({ ...options, clip: t });
    log(`picture: ${path.relative(ROOT, options.path)}`);
  } catch (e) {
    pictureFailures.push(name);
    console.log(`  picture ${name} failed: ${String(e.message ?? e).split('\n')[0]}`);
  }
}

async function emulatorRequests() {
  const r = await fetch(`${ctx.emulatorUrl}/__emulator/requests`);
  return r.json();
}

// ---------------------------------------------------------------------------------------------
// the checks

check('the ModelArts activity-bar container shows the Resource Pools view', async (wb) => {
  const pane = await wb.openView('ModelArts', 'Resource Pools');
  const title = await wb.viewTitle(pane);
  if (!title.includes('Resource Pools')) throw new Error(`the side bar shows ${JSON.stringify(title)}`);
});

check('Sign In from the welcome view: typing AK and SK into the input boxes shows the projects', async (wb) => {
  const pane = await wb.openView('ModelArts', 'Resource Pools');
  const button = pane.locator('.welcome-view-content .monaco-button', { hasText: 'Sign In' });
  await button.waitFor({ timeout: 30_000 });
  await button.click();
  await wb.inputBox('default', { expect: 'Profile name' });
  await wb.inputBox(DEMO.ak, { expect: 'Access key' });
  await wb.inputBox(DEMO.sk, { expect: 'Secret access key', password: true });
  await wb.inputBox('', { expect: 'Security token', password: true });
  await wb.waitForNotification(/Signed in to ModelArts as default · DEMO…0000/, 30_000);
  await wb.treeRow('cn-north-4').waitFor({ timeout: 20_000 });
  if (await wb.treeRow('MOS').count()) throw new Error('MOS is listed');
});

check('expanding a project and a pool shows the plug-ins with version and phase', async (wb) => {
  await wb.treeRow('cn-north-4').click();
  await wb.treeRow('auto-pool-os').click();
  const row = wb.treeRow('node-local-dns');
  await row.waitFor({ timeout: 20_000 });
  const text = await row.innerText();
  if (!/1\.6\.36 · Running/.test(text)) throw new Error(`row shows ${JSON.stringify(text)}`);
  await wb.treeRow('log-agent').hover(); // the tooltip stays closed: the picture is of the rows
  await wb.page.mouse.move(0, 0);
  await picture(wb.page, 'tree', async () => {
    const tree = await wb.sidebar.boundingBox();
    const last = await wb.treeRow('log-agent').boundingBox();
    return { x: tree.x, y: tree.y, width: Math.min(tree.width, 420), height: Math.min(last.y + last.height - tree.y, 520) };
  });
});

check('"ModelArts: Refresh" from the command palette reloads the tree', async (wb) => {
  const projectCalls = async () => (await emulatorRequests()).filter((r) => r.path === '/v3/auth/projects').length;
  const before = await projectCalls();
  await wb.runCommand('ModelArts: Refresh');
  const deadline = Date.now() + 20_000;
  while ((await projectCalls()) === before) {
    if (Date.now() > deadline) throw new Error('the refresh sent no request to IAM');
    await new Promise((r) => setTimeout(r, 100));
  }
  await wb.treeRow('cn-north-4').waitFor({ timeout: 20_000 });
  // REVIEW #13: the command ran (IAM was asked) and the tree is drawn again: a "command not found" or
  // a failed load would be showing by now, so look once instead of waiting 1.5 s for nothing
  await wb.expectNoNotification(/not found|failed|error/i);
});

check('REVIEW #11 Delete Plug-in from the context menu: modal confirmation, the row shows Deleting, then the response document with its phase decoration', async (wb) => {
  await wb.contextMenu(wb.treeRow('node-local-dns'), 'Delete Plug-in');
  const shown = await wb.dialog('node-local-dns', 'Delete', { before: (box) => picture(wb.page, 'delete-confirmation', box) });
  for (const part of ['node-local-dns', 'auto-pool-os', 'cn-north-4', 'every node of the pool']) {
    if (!shown.includes(part)) throw new Error(`the confirmation does not mention "${part}": ${JSON.stringify(shown)}`);
  }
  // read now, while the emulator still has it (it goes after deleteDelayMs): a row that is already
  // gone, or never said Deleting, fails here (this read used to fall back to '' and check nothing)
  await rowReads(wb, 'node-local-dns', /Deleting/, 5_000);
  // a tall window, so monaco renders the whole document (it only renders what is in view)
  const viewport = wb.page.viewportSize();
  await wb.page.setViewportSize({ width: viewport.width, height: 2400 });
  try {
    await checkDocument(wb);
  } finally {
    await wb.page.setViewportSize(viewport);
  }
});

async function checkDocument(wb) {
  const editor = await wb.editor('node-local-dns · auto-pool-os.json');
  const deletes = (await emulatorRequests()).filter((r) => r.method === 'DELETE');
  if (deletes.length !== 1) throw new Error(`the emulator saw ${deletes.length} DELETE requests`);
  const expected = JSON.stringify(JSON.parse(deletes[0].responseBody), null, 2);
  await wb.page.waitForFunction(() => document.querySelector('.editor-instance .view-lines')?.textContent.includes('"phase"'), null, { timeout: 20_000 });
  const text = await wb.editorText(editor);
  if (JSON.stringify(JSON.parse(text)) !== JSON.stringify(JSON.parse(expected))) {
    throw new Error(`the document differs from the emulator's answer:\n${text}\n---\n${expected}`);
  }
  if (text.trimEnd() !== expected) throw new Error(`the document is not the answer pretty-printed with 2 spaces:\n${text}`);

  // the phase value is coloured and followed by the reason and tracking state
  const deco = await wb.page.waitForFunction(() => {
    const spans = [...document.querySelectorAll('.editor-instance .view-line span span')].filter((e) => e.textContent === 'Running' && /ced-/.test(e.className));
    const span = spans[0];
    if (!span) return undefined;
    const after = [...document.querySelectorAll('.editor-instance .view-line [class*="ced-"]')]
      .map((e) => getComputedStyle(e, '::after').content).find((c) => c && c !== 'none' && c !== 'normal');
    return after ? { color: getComputedStyle(span).color, after } : undefined;
  }, null, { timeout: 20_000 }).then((h) => h.jsonValue());
  if (!PHASE_COLORS.Running.includes(deco.color)) throw new Error(`"Running" is coloured ${deco.color}`);
  if (!/Install complete/.test(deco.after) || !/deleting/.test(deco.after)) throw new Error(`after-text is ${deco.after}`);
  await picture(wb.page, 'document', () => documentClip(wb, editor));
  await snapshot(wb.page, path.join(ctx.runDir, 'document.png'));

  // read-only: typing changes nothing
  await editor.locator('.view-lines').click();
  await wb.page.keyboard.type('ZZZ');
  if ((await wb.editorText(editor)).includes('ZZZ')) throw new Error('the document accepted typing');
  // and VS Code says why, with the file system's isReadonly message
  const said = await wb.page.waitForFunction(() => [...document.querySelectorAll('.monaco-editor-overlaymessage, .monaco-editor .message')]
    .map((e) => e.textContent).find((t) => t && t.includes('Edit Plug-in')), null, { timeout: 5_000 }).then((h) => h.jsonValue()).catch(() => undefined);
  if (!said) throw new Error('typing showed no message pointing to "Edit Plug-in…"');
}

check('the row disappears when the emulator has removed the plug-in (it showed Deleting before, checked above)', async (wb) => {
  await wb.treeRow('node-local-dns').waitFor({ state: 'detached', timeout: 30_000 });
  await wb.treeRow('gpu-beta').waitFor({ timeout: 5_000 }); // the rest of the pool is still there
});

// the life cycle: the previous check left auto-pool-os without node-local-dns

/** Waits until the tree row `label` reads `pattern` (the row may first have to appear). */
async function rowReads(wb, label, pattern, timeout = 30_000) {
  const row = wb.treeRow(label);
  const deadline = Date.now() + timeout;
  let text = '';
  for (;;) {
    text = await row.innerText({ timeout: 1_000 }).catch(() => text);
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`the row ${label} shows ${JSON.stringify(text)}, not ${pattern}`);
    await wb.page.waitForTimeout(100);
  }
}

check('Install Plug-in… from the pool\'s context menu: template, version, inputs, confirmation, then a Running row', async (wb) => {
  await wb.contextMenu(wb.treeRow('auto-pool-os'), 'Install Plug-in…');
  await wb.quickPick('NodeLocal DNSCache', { expect: 'Install Plug-in into auto-pool-os' });
  await picture(wb.page, 'install-version', async () => {
    const widget = wb.quickInput.filter({ visible: true }).first();
    await widget.locator('.quick-input-list .monaco-list-row', { hasText: '1.6.36' }).first().waitFor({ timeout: 20_000 });
    return widget;
  });
  await wb.quickPick('1.6.36');
  await wb.quickPick('Template defaults');
  const shown = await wb.dialog('NodeLocal DNSCache', 'Install', { before: (box) => picture(wb.page, 'install-confirmation', box) });
  for (const part of ['node-local-dns', '1.6.36', 'auto-pool-os', 'cn-north-4']) {
    if (!shown.includes(part)) throw new Error(`the confirmation does not mention "${part}": ${JSON.stringify(shown)}`);
  }
  await rowReads(wb, 'node-local-dns', /installing…|Pending|Running/);
  await rowReads(wb, 'node-local-dns', /^\s*node-local-dns\s*1\.6\.36 · Running\s*$/);
  const posts = (await emulatorRequests()).filter((r) => r.method === 'POST');
  if (posts.length !== 1 || JSON.parse(posts[0].requestBody).spec.template.version !== '1.6.36') throw new Error(`POSTs: ${JSON.stringify(posts)}`);
});

check('Upgrade Plug-in… keeps a changed input: pick the new version, confirm from → to with the kept parameters, the complete inputs sent, Running at it', async (wb) => {
  // the user's configuration: not the template defaults, which the cloud would fall back to
  const plugin = await emulatorPlugin('node-local-dns');
  plugin.spec.template.inputs.custom.nameserver = '10.0.0.10';
  plugin.spec.template.inputs.custom.ndots = '2';
  await fetch(`${ctx.emulatorUrl}/__emulator/plugins`, { method: 'POST', body: JSON.stringify({ projectId: plugin.projectId, pool: plugin.pool, plugin: stripLocation(plugin) }) });
  await wb.runCommand('ModelArts: Refresh');
  await rowReads(wb, 'node-local-dns', /^\s*node-local-dns\s*1\.6\.36 · Running\s*$/);
  await wb.contextMenu(wb.treeRow('node-local-dns'), 'Upgrade Plug-in…');
  await wb.quickPick('1.6.63', { expect: 'Upgrade node-local-dns' });
  const shown = await wb.dialog('from 1.6.36 to 1.6.63', 'Upgrade', { before: (box) => picture(wb.page, 'upgrade-confirmation', box) });
  if (!shown.includes('auto-pool-os')) throw new Error(`the confirmation does not name the pool: ${JSON.stringify(shown)}`);
  if (!/\d+ installation parameter\(s\) kept as they are; the complete inputs are sent/.test(shown)) throw new Error(`the confirmation does not say what is kept: ${JSON.stringify(shown)}`);
  await rowReads(wb, 'node-local-dns', /^\s*node-local-dns\s*1\.6\.63 · Running\s*$/);
  const patches = (await emulatorRequests()).filter((r) => r.method === 'PATCH');
  const sent = patches.length === 1 && JSON.parse(patches[0].requestBody).spec.template;
  if (!sent || sent.version !== '1.6.63' || sent.inputs?.custom?.nameserver !== '10.0.0.10') throw new Error(`PATCHes: ${JSON.stringify(patches)}`);
  const after = await emulatorPlugin('node-local-dns');
  if (after.spec.template.inputs.custom.nameserver !== '10.0.0.10' || after.spec.template.inputs.custom.ndots !== '2') throw new Error(`the upgrade reset the inputs: ${JSON.stringify(after.spec.template.inputs)}`);
});

/** node-local-dns of auto-pool-os (cn-north-4) as the emulator holds it, with where it lives. */
async function emulatorPlugin(name) {
  const state = await (await fetch(`${ctx.emulatorUrl}/__emulator/state`)).json();
  for (const p of state.projects) {
    for (const pool of p.pools) {
      if (!pool.pool.metadata.name.startsWith('auto-pool-os-')) continue;
      const found = pool.plugins.find((x) => x.plugin.spec.template.name === name);
      if (found) return { ...found.plugin, projectId: p.project.id, pool: pool.pool.metadata.name };
    }
  }
  throw new Error(`${name} is not in auto-pool-os`);
}

const stripLocation = ({ projectId, pool, ...plugin }) => plugin;

check('Compare Plug-in with… opens a diff editor titled with both pools', async (wb) => {
  await wb.contextMenu(wb.treeRow('node-local-dns'), 'Compare Plug-in with…');
  await wb.quickPick('sg-train', { expect: 'Compare node-local-dns in auto-pool-os' });
  const title = 'node-local-dns: auto-pool-os ↔ sg-train';
  await visible(wb.page.locator('.tabs-container .tab', { hasText: title })).first().waitFor({ timeout: 20_000 });
  const diff = visible(wb.page.locator('.editor-instance .monaco-diff-editor')).first();
  await diff.waitFor({ timeout: 20_000 });
  // the two sides differ in the version: 1.6.63 (upgraded) on the left, 1.6.36 on the right
  await wb.page.waitForFunction(() => {
    const text = (sel) => [...document.querySelectorAll(`.monaco-diff-editor ${sel} .view-line`)].map((l) => l.textContent).join('\n');
    return text('.editor.original').includes('1.6.63') && text('.editor.modified').includes('1.6.36');
  }, null, { timeout: 20_000 });
});

check('Edit Plug-in…: save keeps a draft, Apply from the CodeLens shows the diff, confirms and sends the complete inputs with the change', async (wb) => {
  await wb.contextMenu(wb.treeRow('node-local-dns'), 'Edit Plug-in…');
  const editor = await wb.editor('node-local-dns · auto-pool-os (edit).json');
  const state = await (await fetch(`${ctx.emulatorUrl}/__emulator/state`)).json();
  const pool = state.projects.flatMap((p) => p.pools).find((p) => p.pool.metadata.name.startsWith('auto-pool-os-'));
  const template = structuredClone(pool.plugins.find((p) => p.plugin.spec.template.name === 'node-local-dns').plugin.spec.template);
  template.inputs.custom.ndots = '3';
  delete template.inputs.custom.search;
  const patchesBefore = (await emulatorRequests()).filter((r) => r.method === 'PATCH').length;
  await editor.locator('.view-lines').click();
  await wb.page.keyboard.press('ControlOrMeta+A');
  // one line (typed newlines would be auto-indented), then drop what the editor auto-closed after the cursor
  await wb.page.keyboard.insertText(JSON.stringify(sortKeys(template)));
  await wb.page.keyboard.press('Shift+End');
  await wb.page.keyboard.press('Delete');
  await wb.page.keyboard.press('ControlOrMeta+S');
  await visible(wb.page.locator('.tabs-container .tab.dirty', { hasText: '(edit).json' })).first().waitFor({ state: 'detached', timeout: 20_000 });
  if ((await emulatorRequests()).filter((r) => r.method === 'PATCH').length !== patchesBefore) throw new Error('saving sent a PATCH');
  const lens = visible(wb.page.locator('.codelens-decoration a', { hasText: 'Apply…' })).first();
  await lens.waitFor({ timeout: 20_000 });
  const lensText = await lens.innerText();
  if (!/Editing node-local-dns in auto-pool-os \(cn-north-4\)/.test(lensText)) throw new Error(`the CodeLens reads ${JSON.stringify(lensText)}`);
  await lens.click();
  await visible(wb.page.locator('.tabs-container .tab', { hasText: 'node-local-dns in auto-pool-os: cloud ↔ sent' })).first().waitFor({ timeout: 20_000 });
  const shown = await wb.dialog('Apply to auto-pool-os in cn-north-4?', 'Apply');
  if (!/inputs\.custom\.ndots/.test(shown) || !/inputs\.custom\.search is removed/.test(shown)) throw new Error(`the confirmation reads ${JSON.stringify(shown)}`);
  await rowReads(wb, 'node-local-dns', /updating…/);
  await rowReads(wb, 'node-local-dns', /^\s*node-local-dns\s*1\.6\.63 · Running\s*$/);
  const patch = (await emulatorRequests()).filter((r) => r.method === 'PATCH').pop();
  const sent = patch && JSON.parse(patch.requestBody).spec.template;
  const want = { ...template.inputs.custom, search: null };
  if (!sent || JSON.stringify(sortKeys(sent.inputs.custom)) !== JSON.stringify(sortKeys(want)) || sent.inputs.flavor?.name !== template.inputs.flavor?.name || sent.version !== '1.6.63') {
    throw new Error(`the PATCH sent ${patch?.requestBody}`);
  }
});

const visible = (locator) => locator.filter({ visible: true });
const sortKeys = (v) => (Array.isArray(v) ? v.map(sortKeys) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])])) : v);

check('Scan All Pools puts the number of Abnormal plug-ins on the activity-bar icon', async (wb) => {
  const state = await (await fetch(`${ctx.emulatorUrl}/__emulator/state`)).json();
  const abnormal = state.projects
    .filter((p) => p.project.domain_id === 'd0a1b2c3d4e5f60718293a4b5c6d7e8f')
    .flatMap((p) => p.pools.flatMap((pool) => pool.plugins))
    .filter((x) => x.plugin.status?.phase === 'Abnormal').length;
  await wb.runCommand('ModelArts: Scan All Pools');
  const badge = wb.activityItem('ModelArts').locator('.badge .badge-content');
  await badge.filter({ hasText: new RegExp(`^${abnormal}$`) }).waitFor({ timeout: 30_000 });
  await wb.page.screenshot({ path: path.join(ctx.runDir, 'badge.png') });
  // the pools now show their counts without being expanded
  const row = wb.treeRow('sg-broken');
  await wb.treeRow('ap-southeast-1').click();
  await row.waitFor({ timeout: 20_000 });
  const text = await row.innerText();
  if (!/1 plug-in, 1 Abnormal/.test(text)) throw new Error(`sg-broken shows ${JSON.stringify(text)}`);
});

check('Export Inventory… as CSV opens a CSV document with the inventory columns', async (wb) => {
  await wb.runCommand('ModelArts: Export Inventory…');
  await wb.quickPick('CSV', { expect: 'Export Inventory: format' });
  const editor = await wb.editor('Untitled');
  const text = await wb.editorText(editor);
  const first = text.split('\n')[0];
  if (first !== 'project_id,project,pool,pool_display_name,plugin,version,phase,reason') throw new Error(`the document starts with ${JSON.stringify(first)}`);
  if (!/,auto-pool-os,log-agent,1\.5\.7,Abnormal,/.test(text)) throw new Error(`no log-agent row in:\n${text.slice(0, 400)}`);
});

check('the status bar switches profiles: sign in to a second account, then back without typing keys', async (wb) => {
  // each step names itself, so a time-out says which one
  const step = async (what, fn) => {
    try {
      return await fn();
    } catch (e) {
      throw new Error(`${what}: ${String(e.message ?? e).split('\n')[0]}`);
    }
  };
  // the view is still open from the checks before: its status bar item shows
  const profileItem = wb.page.locator('.statusbar-item', { hasText: /^\s*(default|ops)\s*$/ }).first();
  await step('the status bar item', () => profileItem.waitFor({ timeout: 20_000 }));
  const label = await profileItem.innerText();
  if (label.trim() !== 'default') throw new Error(`the status bar shows ${JSON.stringify(label)}`);
  await profileItem.click();
  await step('the profile pick', () => wb.inputBox('Sign in to a new profile', { expect: 'Switch Profile' }));
  await step('the profile name', () => wb.inputBox('ops', { expect: 'Profile name' }));
  await step('the access key', () => wb.inputBox(OPS.ak, { expect: 'Access key' }));
  await step('the secret key', () => wb.inputBox(OPS.sk, { expect: 'Secret access key', password: true }));
  await step('the token', () => wb.inputBox('', { expect: 'Security token', password: true }));
  await step('the second account\'s project', () => wb.treeRow('eu-west-101').waitFor({ timeout: 20_000 }));
  if (await wb.treeRow('cn-north-4').count()) throw new Error('the first account\'s projects are still listed');
  await step('the status bar to say ops', () => wb.page.locator('.statusbar-item', { hasText: /^\s*ops\s*$/ }).waitFor({ timeout: 10_000 }));
  await wb.page.locator('.statusbar-item', { hasText: /^\s*ops\s*$/ }).click();
  await step('the pick back', () => wb.inputBox('default', { expect: 'Switch Profile' }));
  await step('the first account\'s projects', () => wb.treeRow('cn-north-4').waitFor({ timeout: 20_000 }));
  const requests = await emulatorRequests();
  const wrong = requests.filter((r) => r.path.startsWith('/v2/') && r.path.startsWith('/v2/5a0d2e8b7f6c9d1e3f4a5b6c7d8e9f0a') !== (r.accessKey === OPS.ak));
  if (wrong.length) throw new Error(`requests signed with the other account's key: ${wrong.map((r) => r.path).join(', ')}`);
  if (!requests.some((r) => r.accessKey === OPS.ak)) throw new Error('the second account sent nothing');
});

check('a plug-in tab survives a window reload: VS Code wakes the extension for it and it fetches itself', async (wb) => {
  // after the profile switch the tree was rebuilt: open the pool again where needed
  if (!(await wb.treeRow('gpu-beta').count())) {
    if (!(await wb.treeRow('auto-pool-os').count())) await wb.treeRow('cn-north-4').click();
    await wb.treeRow('auto-pool-os').click();
  }
  await wb.contextMenu(wb.treeRow('gpu-beta'), 'Show Plug-in');
  await wb.editor('gpu-beta · auto-pool-os.json');
  // hide the ModelArts view, so only the restored tab can activate the extension after the reload
  await wb.runCommand('View: Show Explorer');
  const before = (await emulatorRequests()).filter((r) => r.path.endsWith('/plugins/gpu-beta')).length;
  // VS Code's own reload (it saves the window's state first, which a bare page reload may not)
  await wb.runCommand('Developer: Reload Window');
  await wb.page.waitForEvent('load', { timeout: 60_000 });
  await wb.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  const editor = await wb.editor('gpu-beta · auto-pool-os.json');
  await wb.page.waitForFunction(() => document.querySelector('.editor-instance .view-lines')?.textContent.includes('"gpu-beta"'), null, { timeout: 30_000 });
  const text = await wb.editorText(editor);
  if (JSON.parse(text).spec?.template?.name !== 'gpu-beta') throw new Error(`the restored tab shows ${JSON.stringify(text.slice(0, 200))}`);
  const after = (await emulatorRequests()).filter((r) => r.path.endsWith('/plugins/gpu-beta')).length;
  if (after <= before) throw new Error('the restored tab did not fetch the plug-in from the emulator');
  await snapshot(wb.page, path.join(ctx.runDir, 'restored-tab.png'));
});

// harness self-check: MODELARTS_UI_SELFTEST_FAIL=1 npm run test:ui must report one failure (with a
// screenshot), still run the other checks, and exit non-zero
if (process.env.MODELARTS_UI_SELFTEST_FAIL === '1') {
  check('deliberately fails (MODELARTS_UI_SELFTEST_FAIL=1)', async (wb) => {
    await wb.runCommand('ModelArts: No Such Command');
  });
}

// ---------------------------------------------------------------------------------------------
// the runner

// ---------------------------------------------------------------------------------------------
// the checks in Simplified Chinese (--locale zh-cn): the extension's strings as the workbench shows
// them; the workbench's own strings stay English (the test language pack translates nothing)

checkZh('the view\'s welcome text and its button are Chinese', async (wb) => {
  const pane = await wb.openView('ModelArts', '资源池');
  const welcome = pane.locator('.welcome-view-content');
  await welcome.waitFor({ timeout: 30_000 });
  const text = await welcome.innerText();
  for (const part of ['使用华为云访问密钥（AK）和秘密访问密钥（SK）登录', '密钥保存在 VS Code 的机密存储中']) {
    if (!text.includes(part)) throw new Error(`the welcome text does not say "${part}": ${JSON.stringify(text)}`);
  }
  await welcome.locator('.monaco-button', { hasText: '登录' }).waitFor({ timeout: 5_000 });
});

checkZh('the command palette lists the commands by their Chinese titles', async (wb) => {
  // one query per title: the palette renders only the rows in view
  for (const title of ['ModelArts: 删除插件…', 'ModelArts: 登录', 'ModelArts: 切换配置文件…']) {
    await wb.page.keyboard.press('F1');
    const input = wb.quickInput.locator('input');
    await input.waitFor({ timeout: 20_000 });
    await input.pressSequentially(title);
    const rows = wb.quickInput.locator('.quick-input-list .monaco-list-row .label-name');
    try {
      await rows.filter({ hasText: new RegExp(`^${escapeRe(title)}$`) }).first().waitFor({ timeout: 20_000 });
    } catch {
      throw new Error(`the palette has no "${title}"; it offers ${JSON.stringify(await rows.allInnerTexts())}`);
    } finally {
      await wb.page.keyboard.press('Escape');
    }
  }
});

checkZh('Sign In in Chinese, then the delete confirmation in Chinese; cancelling sends nothing', async (wb) => {
  const pane = await wb.openView('ModelArts', '资源池');
  await pane.locator('.welcome-view-content .monaco-button', { hasText: '登录' }).click();
  await wb.inputBox('default', { expect: '配置文件名称' });
  await wb.inputBox(DEMO.ak, { expect: '访问密钥 ID' });
  await wb.inputBox(DEMO.sk, { expect: '秘密访问密钥', password: true });
  await wb.inputBox('', { expect: '安全令牌', password: true });
  await wb.waitForNotification(/已登录 ModelArts：default · DEMO…0000/, 30_000);
  await wb.treeRow('cn-north-4').click();
  await wb.treeRow('auto-pool-os').click();
  await wb.treeRow('node-local-dns').waitFor({ timeout: 20_000 });
  await wb.contextMenu(wb.treeRow('node-local-dns'), '删除插件');
  const shown = await wb.dialog('node-local-dns', 'Cancel');
  for (const part of ['要删除项目“cn-north-4”中资源池“auto-pool-os”上的“node-local-dns”插件吗？', '这会从资源池的所有节点上卸载该插件', '删除']) {
    if (!shown.includes(part)) throw new Error(`the confirmation does not say "${part}": ${JSON.stringify(shown)}`);
  }
  const deletes = (await emulatorRequests()).filter((r) => r.method === 'DELETE');
  if (deletes.length) throw new Error(`Cancel sent ${deletes.length} DELETE request(s)`);
});

/** The plug-in document around its status block: the coloured phase and its decoration. */
async function documentClip(wb, editor) {
  const box = await editor.boundingBox();
  const phase = await wb.page.locator('.editor-instance .view-line span span', { hasText: /^Running$/ }).first().boundingBox();
  const top = Math.max(box.y, phase.y - 190);
  return { x: box.x, y: top, width: Math.min(box.width, 760), height: Math.min(phase.y + 90, box.y + box.height) - top };
}

const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);

async function main() {
  ensureHost();
  requireFile(VSIX, 'build it with: npm run package');
  const name = LOCALE ? `ui-${LOCALE}` : 'ui';
  pruneRuns(name);
  const run = createRun(name);
  const rel = (f) => path.relative(ROOT, f);

  // the delete check reads "deleting…" in the document while the deletion runs: give a loaded machine time for it
  const emulator = await startEmulator(run, { deleteDelayMs: 6000, installDelayMs: 500, updateDelayMs: 500 });
  log(`emulator at ${emulator.url}`);
  ctx.emulatorUrl = emulator.url;
  ctx.runDir = run.dir;
  writeUserSettings(run, emulatorSettings(emulator.url));
  log(`installed ${installVsix(run)}`);
  if (LOCALE) languagePack(run, LOCALE);
  const server = await startCodeServer(run, { env: { ...run.env, MODELARTS_EMULATOR_URL: emulator.url }, args: LOCALE ? ['--locale', LOCALE] : [] });
  log(`code-server at ${server.base}`);

  const { page } = await launchBrowser(run);
  relayConsole(page);
  const wb = new Workbench(page);
  let passed = 0;
  let failed = 0;
  try {
    await wb.open(server.url);
    log('workbench ready');
    for (const [i, { name, fn }] of checks.entries()) {
      const started = Date.now();
      try {
        await fn(wb);
        passed++;
        console.log(`  ok    ${name} (${Date.now() - started} ms)`);
      } catch (e) {
        failed++;
        const shot = path.join(run.dir, `${String(i + 1).padStart(2, '0')}-${slug(name)}.png`);
        await snapshot(page, shot).catch(() => {});
        console.log(`  FAIL  ${name}\n        ${String(e.message ?? e).split('\n')[0]}\n        screenshot: ${rel(shot)}`);
        for (let k = 0; k < 2; k++) await page.keyboard.press('Escape').catch(() => {}); // close menus / quick input
      }
    }
  } catch (e) {
    // the workbench itself did not come up: every check counts as failed
    failed = checks.length - passed;
    const shot = path.join(run.dir, '00-workbench.png');
    await snapshot(page, shot).catch(() => {});
    console.log(`  FAIL  workbench did not load: ${String(e.message ?? e).split('\n')[0]}\n        screenshot: ${rel(shot)}`);
  }
  const final = path.join(run.dir, 'final.png');
  await snapshot(page, final).catch(() => {});
  log(`final screenshot: ${rel(final)}`);
  await stopAll();
  if (pictureFailures.length) console.log(`  pictures not taken: ${pictureFailures.join(', ')} (the README keeps the old ones)`);
  const ok = failed === 0 && passed === checks.length && !pictureFailures.length;
  if (ok) slimRun(run);
  return { ok, passes: passed, failures: failed };
}

runHarness(LOCALE ? `test:ui (${LOCALE})` : 'test:ui', main, { failuresOnCrash: checks.length || 1 });
