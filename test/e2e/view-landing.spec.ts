// leftovers45a: where the keyboard lands after a command that changes what is shown.
// - "Go to Outline" from the palette gave the focus back to what had it when the palette opened: after "Go to Pulse"
//   that was the Pulse tab, so ↑↓ did nothing and a screen reader heard nothing of the outline. The other views and
//   "Go to all plans" left it on a tab or on the page's body (Tab then started again from the top).
// - C (check in) showed "Loading the check-in form…" with the focus left on the tree: an arrow pressed meanwhile moved
//   the selection the dialog then opened on, and Escape went to the details before the dialog took the focus back.
import { expect, test, type Page } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { CommandPalettePage } from './pages/command-palette.js';
import { LibraryPage } from './pages/library-page.js';
import { OutlinePage } from './pages/outline-page.js';
import { expectAccessible } from './support/axe.js';
import { startSyncServer, type RunningProcess } from './support/server.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });
test.beforeEach(async ({ context }) => {
  await context.addInitScript(() => window.localStorage.setItem('throughline:automation', '1'));
});

async function openSample(page: Page): Promise<void> {
  await new AppShell(page).open(server.url);
  await new LibraryPage(page).openSample();
}

test('every "Go to" command lands the keyboard in the view it shows: the outline on its tree, the others on their heading', async ({ page }) => {
  test.setTimeout(180_000);
  await openSample(page);
  const outline = new OutlinePage(page);
  const palette = new CommandPalettePage(page);

  // From the Pulse (its heading has the focus, the palette gives it back): the tree takes the keys, on its first row.
  for (const [command, heading] of [['Go to Pulse', 'Execution pulse'], ['Go to Review', 'Review'], ['Go to My work', 'Whose work?'], ['Go to People', 'People & teams']] as const) {
    await palette.run(command);
    await expect(page.getByRole('heading', { name: heading, level: 2 })).toBeFocused();
    await palette.run('Go to Outline');
    await expect(outline.tree).toBeFocused();
    await expect(outline.selectedRow).toHaveCount(1);
  }
  // No row was selected: the first one is, and it is the tree's active row, so ↓ goes on from it at once.
  await expect(outline.selectedRow).toHaveAccessibleName(/^STR Win the mid-market/);
  await expect(outline.tree).toHaveAttribute('aria-activedescendant', /^row-/);
  await page.keyboard.press('ArrowDown');
  await expect(outline.selectedRow).toHaveAccessibleName(/^OBJ Grow recurring revenue/);

  // A row chosen before: the landing keeps it.
  await palette.run('Go to Pulse');
  await palette.run('Go to Outline');
  await expect(outline.tree).toBeFocused();
  await expect(outline.selectedRow).toHaveAccessibleName(/^OBJ Grow recurring revenue/);

  // Tab from a view's heading goes on into the view, not back to the page's top.
  await palette.run('Go to Pulse');
  await expect(page.getByRole('heading', { name: 'Execution pulse', level: 2 })).toBeFocused();
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.closest('.pulse') !== null)).toBe(true);
  // (That control may be a field, where Ctrl+K is the field's: back to the views' tabs first.)
  await page.keyboard.press('Shift+Tab');
  // The palette gives the focus back to that control (outside the views) before the command runs: the landing still happens.
  await palette.run('Go to People');
  await expect(page.getByRole('heading', { name: 'People & teams', level: 2 })).toBeFocused();
  await expectAccessible(page, 'people and teams, landed on its heading');
  await page.screenshot({ path: test.info().outputPath('go-to-people-heading.png') });

  // A click on a tab is no command: the focus stays on the tab.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Outline' }).click();
  await expect(outline.tree).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Outline' })).toBeFocused();

  // "Go to all plans": the list's heading, not the page's body.
  await outline.focus();
  await palette.run('Go to all plans');
  await expect(page.getByRole('heading', { name: 'Plans', level: 2 })).toBeFocused();
  await expectAccessible(page, 'all plans, landed on its heading');
});

test('C opens the check-in dialog at once with the focus in its first field; keys pressed meanwhile stay in it', async ({ page }) => {
  test.setTimeout(120_000);
  const loading: string[] = [];
  page.on('console', (message) => { if (message.text().includes('Loading the check-in form')) loading.push(message.text()); });
  await openSample(page);
  const outline = new OutlinePage(page);
  await outline.select('key result', 'Grow ARR from 8.0 M€ to 9.5 M€');
  await outline.focus();
  // Watch for the loading words: they were shown while the keys still went to the tree.
  await page.evaluate(() => {
    new MutationObserver(() => {
      if (document.body.textContent?.includes('Loading the check-in form')) console.log('Loading the check-in form seen');
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });

  // C, then at once ↓ and C again, as a fast typist would: one dialog, on the row C was pressed on.
  await page.keyboard.press('c');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('c');
  const dialog = page.getByRole('dialog', { name: 'Check in: Grow ARR from 8.0 M€ to 9.5 M€' });
  await expect(dialog).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(1);
  // In the form's first field, named: a screen reader hears the dialog and the field.
  await expect(dialog.getByLabel('New value (M€)')).toBeFocused();
  // The second C went where the focus was, into that field, as any key in a dialog does (and is seen there).
  await expect(dialog.getByLabel('New value (M€)')).toHaveValue('c');
  await expect(outline.selectedRow).toHaveAccessibleName(/^KR Grow ARR from 8.0 M€ to 9.5 M€/);
  await expectAccessible(page, 'the check-in dialog opened with C');
  await page.screenshot({ path: test.info().outputPath('check-in-opened-with-c.png') });

  // Escape closes it, back on the tree and the same row: no dialog opens later from a load still under way.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(outline.tree).toBeFocused();
  await expect(outline.selectedRow).toHaveAccessibleName(/^KR Grow ARR from 8.0 M€ to 9.5 M€/);
  await page.waitForTimeout(300);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(loading).toEqual([]);
});
