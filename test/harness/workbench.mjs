// Page helpers for driving the VS Code web workbench the way a person does (click, type, keys).
// Every helper waits on a visible condition, never on a fixed delay; the only settles are the short
// retries around clicks VS Code is known to swallow right after a menu or list renders.
const T = { short: 5_000, normal: 20_000, long: 60_000 };

/** Only the visible matches (VS Code keeps hidden copies of some widgets in the DOM). */
const visible = (locator) => locator.filter({ visible: true });

export class Workbench {
  /** @param {import('playwright-core').Page} page */
  constructor(page) {
    this.page = page;
    this.quickInput = page.locator('.quick-input-widget');
    this.sidebar = page.locator('[id="workbench.parts.sidebar"]');
  }

  async open(url) {
    await this.page.goto(url, { timeout: T.long });
    await this.page.locator('.monaco-workbench').waitFor({ timeout: T.long });
    // the activity bar is filled once the extension host has registered contributed containers
    await this.page.locator('.activitybar .action-item').first().waitFor({ timeout: T.long });
  }

  /** The activity-bar entry of a view container, by its title ("ModelArts"). */
  activityItem(title) {
    return this.page.locator('.activitybar li.action-item', {
      // a badge adds its tooltip to the label: "ModelArts - 3 plug-ins Abnormal in 3 pools"
      has: this.page.locator(`a.action-label[aria-label="${title}"], a.action-label[aria-label^="${title} ("], a.action-label[aria-label^="${title} - "]`),
    });
  }

  /**
   * Opens the view container `container` from the activity bar and returns the pane of view `view`,
   * expanded. Works both for a container with one view (VS Code then hides the pane header and shows
   * "Container: View" as the side bar title) and with several.
   */
  async openView(container, view) {
    const item = this.activityItem(container);
    await item.waitFor({ timeout: T.long });
    // clicking the active container's entry would close the side bar
    if ((await item.getAttribute('aria-selected')) !== 'true' || !(await this.sidebar.isVisible())) {
      await item.locator('a.action-label').click();
    }
    const pane = this.sidebar.locator('.pane', { has: this.page.locator(`.pane-header[aria-label="${view} Section"]`) });
    await pane.waitFor({ timeout: T.normal });
    const header = pane.locator('.pane-header');
    if (!(await header.evaluate((h) => h.classList.contains('hidden'))) && (await header.getAttribute('aria-expanded')) !== 'true') {
      await header.click();
    }
    await pane.locator('.pane-body').waitFor({ timeout: T.normal });
    return pane;
  }

  /** What the side bar shows as the view's title: "Container: View" (single view) or the pane header. */
  async viewTitle(pane) {
    const header = pane.locator('.pane-header');
    if (await header.evaluate((h) => h.classList.contains('hidden'))) return (await this.sidebar.locator('.composite.title h2').innerText()).trim();
    return (await header.locator('h3.title').innerText()).trim();
  }

  /** A tree row (in `scope`, default the side bar) whose label text is `label` (string: exact, or RegExp). */
  treeRow(label, scope = this.sidebar) {
    const text = typeof label === 'string' ? new RegExp(`^\\s*${escapeRe(label)}\\s*$`) : label;
    return scope.locator('.monaco-list-row', { has: this.page.locator('.label-name, .monaco-highlighted-label', { hasText: text }) });
  }

  /**
   * Right-clicks `row` and clicks the context-menu entry `item`. VS Code sometimes ignores a click that
   * lands right after the menu opened (seen in the recipe), so settle briefly and retry while it is open.
   */
  async contextMenu(row, item) {
    await row.click({ button: 'right' });
    const menu = visible(this.page.locator('.monaco-menu-container'));
    const entry = menu.locator('.action-item', { has: this.page.locator('.action-label', { hasText: item }) }).first();
    await entry.waitFor({ timeout: T.normal });
    for (let attempt = 1; ; attempt++) {
      await this.page.waitForTimeout(150);
      if (await entry.isVisible()) await entry.click().catch(() => {});
      try {
        await menu.first().waitFor({ state: 'hidden', timeout: 2_000 });
        return;
      } catch (e) {
        if (attempt >= 5) throw new Error(`context menu entry "${item}" did not run: ${e.message.split('\n')[0]}`);
      }
    }
  }

  /** F1, type the command's title ("ModelArts: Refresh"), choose exactly that entry, Enter. */
  async runCommand(title) {
    await this.page.keyboard.press('F1');
    const input = this.quickInput.locator('input');
    await input.waitFor({ timeout: T.normal });
    await input.pressSequentially(title);
    const rows = this.quickInput.locator('.quick-input-list .monaco-list-row');
    const exact = rows.filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRe(title)}$`) }) }).first();
    try {
      await exact.waitFor({ timeout: T.normal });
    } catch {
      const offered = await rows.locator('.label-name').allInnerTexts().catch(() => []);
      throw new Error(`command palette has no "${title}"; it offers: ${JSON.stringify(offered.slice(0, 8))}`);
    }
    if ((await exact.getAttribute('class'))?.split(/\s+/).includes('focused')) await this.page.keyboard.press('Enter');
    else await exact.click();
    // the palette is gone once the widget is hidden, or reused by the command for its own input box
    // or quick pick (then the value no longer starts with the palette's ">")
    await this.page.waitForFunction(() => {
      const w = document.querySelector('.quick-input-widget');
      const i = w?.querySelector('input');
      return !w || getComputedStyle(w).display === 'none' || w.classList.contains('quick-input-widget-closing') || !i?.value.startsWith('>');
    }, null, { timeout: T.normal });
  }

  /**
   * Answers the open input box (or quick pick): waits for it, optionally checks its prompt/title text
   * contains `expect`, types `value` and presses Enter. Returns the text the box showed.
   */
  async inputBox(value, { expect, password = false } = {}) {
    const input = visible(this.quickInput.locator('input'));
    await input.waitFor({ timeout: T.normal });
    if (expect) {
      await visible(this.quickInput.filter({ hasText: expect })).waitFor({ timeout: T.normal }).catch(async () => {
        throw new Error(`input box shows ${JSON.stringify(await this.quickInput.innerText())}, expected "${expect}"`);
      });
    }
    const shown = (await visible(this.quickInput).innerText()).trim();
    if (password && (await input.getAttribute('type')) !== 'password') throw new Error('input box does not mask its value');
    await input.fill(value);
    await this.page.keyboard.press('Enter');
    return shown;
  }

  /**
   * Chooses the item labelled `label` (exactly, codicons aside) in the open quick pick, optionally
   * after checking its title contains `expect`. Waits for the items to load (the pick may be busy).
   */
  async quickPick(label, { expect } = {}) {
    const widget = visible(this.quickInput);
    await widget.waitFor({ timeout: T.normal });
    if (expect) {
      await visible(this.quickInput.filter({ hasText: expect })).waitFor({ timeout: T.normal }).catch(async () => {
        throw new Error(`quick pick shows ${JSON.stringify(await this.quickInput.innerText())}, expected "${expect}"`);
      });
    }
    const rows = widget.locator('.quick-input-list .monaco-list-row');
    const row = rows.filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRe(label)}\\s*$`) }) }).first();
    try {
      await row.waitFor({ timeout: T.normal });
    } catch {
      const offered = await rows.locator('.label-name').allInnerTexts().catch(() => []);
      throw new Error(`quick pick has no "${label}"; it offers: ${JSON.stringify(offered.slice(0, 12))}`);
    }
    // by keyboard: a hover over the previous step's item may cover the row a click would aim at
    await this.page.mouse.move(0, 0);
    for (let i = 0; i < 60 && !(await row.getAttribute('class'))?.split(/\s+/).includes('focused'); i++) {
      await widget.locator('input').press('ArrowDown');
    }
    if (!(await row.getAttribute('class'))?.split(/\s+/).includes('focused')) throw new Error(`could not move to "${label}" in the quick pick`);
    await widget.locator('input').press('Enter');
  }

  /**
   * Waits for a modal dialog whose text matches `text`, returns its text, and clicks `button`
   * (after `before(box)`, e.g. a screenshot, when given).
   */
  async dialog(text, button, { before } = {}) {
    const box = visible(this.page.locator('.monaco-dialog-box', { hasText: text })).first();
    await box.waitFor({ timeout: T.normal });
    const shown = (await box.innerText()).trim();
    await before?.(box);
    await box.locator('.monaco-button', { hasText: new RegExp(`^\\s*${escapeRe(button)}\\s*$`) }).first().click();
    await box.waitFor({ state: 'hidden', timeout: T.normal });
    return shown;
  }

  /** The active editor of the tab titled `title`: waits for the tab, returns the editor element. */
  async editor(title) {
    await visible(this.page.locator('.tabs-container .tab', { hasText: title })).first().waitFor({ timeout: T.normal });
    const editor = visible(this.page.locator('.editor-instance .monaco-editor')).first();
    await editor.locator('.view-lines .view-line').first().waitFor({ timeout: T.normal });
    return editor;
  }

  /** The rendered lines of an editor, top to bottom (monaco positions lines absolutely, not in DOM order). */
  async editorText(editor) {
    return editor.locator('.view-lines').evaluate((el) => [...el.querySelectorAll('.view-line')]
      .map((l) => ({ top: parseFloat(l.style.top) || 0, text: l.textContent.replace(/\u00a0/g, ' ') }))
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text)
      .join('\n'));
  }

  /** Visible notification toasts, as text. */
  notificationTexts() {
    return visible(this.page.locator('.notification-toast')).allInnerTexts();
  }

  /** Waits for a toast whose text matches `text` (string or RegExp) and returns its text. */
  async waitForNotification(text, timeout = T.normal) {
    const toast = visible(this.page.locator('.notification-toast', { hasText: text })).first();
    await toast.waitFor({ timeout });
    return (await toast.innerText()).trim();
  }

  /**
   * Fails if a toast matching `text` is showing now. Call it once the event that would have come with
   * the toast has happened (the request is in the emulator's log, the row is drawn): a check, not a
   * window of time to wait through and hope.
   */
  async expectNoNotification(text) {
    const found = await visible(this.page.locator('.notification-toast', { hasText: text })).allInnerTexts();
    if (found.length) throw new Error(`unexpected notification: ${found.join(' | ')}`);
  }
}

export function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
