// Typing through an input method (Japanese, Chinese, Korean): the Enter that accepts a conversion and the
// Escape that cancels one belong to the input method, not to the outline or the detail panel (review36b
// finding 6). The composition is made with Chromium's own IME calls (CDP Input.imeSetComposition), so the
// keys arrive as a person's would while a conversion is open: keydown with isComposing.
import { expect, test, type CDPSession, type Page } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { DetailPanel } from './pages/detail-panel.js';
import { LibraryPage } from './pages/library-page.js';
import { OutlinePage, rowName } from './pages/outline-page.js';
import { expectAccessible } from './support/axe.js';
import { typeCascade } from './support/outline-steps.js';
import { startSyncServer, type RunningProcess } from './support/server.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

/** Opens a conversion showing `text` in the focused field, as an input method does while a word is being converted. */
async function compose(ime: CDPSession, text: string): Promise<void> {
  await ime.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
}

/** Accepts the conversion as `text`, as the input method does once its Enter has been handled. */
async function acceptConversion(ime: CDPSession, text: string): Promise<void> {
  await ime.send('Input.insertText', { text });
}

async function planWithOneStrategy(page: Page): Promise<OutlinePage> {
  const outline = new OutlinePage(page);
  await new AppShell(page).open(server.url);
  await new LibraryPage(page).createPlan('売上計画');
  await typeCascade(outline, ['Grow in Japan']);
  return outline;
}

test('a conversion\'s Enter and Escape stay with the input method: the title is the converted word, on one line, in the outline and the detail panel', async ({ page }) => {
  const outline = await planWithOneStrategy(page);
  const ime = await page.context().newCDPSession(page);

  // A new line below the strategy; "うりあげ" typed and converted to "売上"; Enter accepts the conversion.
  await outline.select('strategy', 'Grow in Japan');
  await outline.focus();
  await outline.press('Enter');
  await expect(outline.titleEditor).toBeFocused();
  await compose(ime, 'うりあげ');
  await compose(ime, '売上');
  await page.keyboard.press('Enter');
  // Still the same line, still being typed: no row committed with half a title, no further line opened.
  await expect(outline.titleEditor).toBeFocused();
  await expect(outline.titleEditor).toHaveValue('売上');
  await expect(outline.rows).toHaveCount(2);
  // Escape while a conversion is open cancels the conversion, not the whole line.
  await page.keyboard.press('Escape');
  await expect(outline.titleEditor).toBeFocused();
  await acceptConversion(ime, '売上');
  await page.keyboard.type(' 2027');
  // Now, with no conversion open, Enter is ours: it commits the line.
  await outline.press('Enter');
  await outline.press('Escape');
  await expect(outline.row('strategy', '売上 2027')).toBeVisible();
  await expect(outline.rows).toHaveCount(2);

  // The detail panel's title: the conversion's Enter does not save half a word.
  await outline.select('strategy', '売上 2027');
  const detail = new DetailPanel(page);
  const title = detail.field('Title');
  await title.click();
  await page.keyboard.press('End');
  await compose(ime, 'もくひょう');
  await page.keyboard.press('Enter');
  await expect(outline.row('strategy', '売上 2027')).toBeVisible();
  await expect(outline.rows.filter({ hasText: 'もくひょう' })).toHaveCount(0);
  await acceptConversion(ime, '目標');
  await page.keyboard.press('Enter');
  await expect(outline.rows.nth(1)).toHaveAccessibleName(rowName('strategy', '売上 2027目標'));

  await page.screenshot({ path: 'docs/screenshots/ime-composition.png' });
  await expectAccessible(page, 'the outline after typing through an input method');
});
