import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { DetailPanel } from './pages/detail-panel.js';
import { LibraryPage } from './pages/library-page.js';
import { OutlinePage, rowName } from './pages/outline-page.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { typeCascade } from './support/outline-steps.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('a cascade built with the keyboard alone rolls a check-in up to the strategy', async ({ page }) => {
  const shell = new AppShell(page);
  const library = new LibraryPage(page);
  const outline = new OutlinePage(page);
  const detail = new DetailPanel(page);
  await shell.open(server.url);

  // The plan itself, by keyboard too: type its name and press Enter.
  await page.getByLabel('New plan name').focus();
  await page.keyboard.type('Europe 2027');
  await page.keyboard.press('Enter');
  await expect(outline.tree).toBeFocused();

  // Enter opens a new line; Tab turns a new line into the next level of the cascade.
  await typeCascade(outline);
  await expect(outline.tree).toBeFocused();

  await expect(outline.row('strategy', 'Grow in Europe')).toHaveAttribute('aria-level', '1');
  await expect(outline.row('objective', 'Win the DACH market')).toHaveAttribute('aria-level', '2');
  await expect(outline.row('key result', 'Revenue from DACH')).toHaveAttribute('aria-level', '3');
  await expect(outline.row('initiative', 'Open a Munich office')).toHaveAttribute('aria-level', '4');
  await expect(outline.row('task', 'Sign the office lease')).toHaveAttribute('aria-level', '5');
  await expect(outline.rows).toHaveCount(5);

  // Arrow keys walk the tree; F2 renames in place.
  await outline.press('ArrowUp');
  await outline.press('ArrowUp');
  await expect(outline.selectedRow).toHaveAccessibleName(rowName('key result', 'Revenue from DACH'));
  await outline.press('F2');
  await page.keyboard.press('End');
  await page.keyboard.type(' (k€)');
  await page.keyboard.press('Enter');  // Enter commits a rename
  await expect(outline.row('key result', 'Revenue from DACH (k€)')).toBeVisible();

  // The key result gets a metric; the detail panel validates what is typed.
  await detail.setField('Start value', 'ten');
  await expect(detail.fieldError('"ten" is not a number.')).toBeVisible();
  await detail.setField('Start value', '0');
  await detail.setField('Target value', '200');
  await expect(detail.progress).toHaveText('0%');
  // A row's progress is shown as a bar with its figure, and read as part of the row's description.
  const strategyProgress = outline.row('strategy', 'Grow in Europe').locator('.progress-value');
  await expect(strategyProgress).toHaveText('0%');
  await expect(outline.row('strategy', 'Grow in Europe')).toHaveAccessibleDescription(/Progress 0%/);

  await detail.addCheckIn({ value: '80', confidence: 6, status: 'On track', note: 'Two pilots signed' });
  await expect(detail.history).toHaveCount(1);
  await expect(detail.history.first()).toContainText('Two pilots signed');
  await expect(detail.chart).toBeVisible();
  await expect(detail.progress).toHaveText('40%');
  // The roll-up: key result → objective → strategy.
  await expect(outline.row('objective', 'Win the DACH market')).toHaveAccessibleDescription(/Progress 40%/);
  await expect(strategyProgress).toHaveText('40%');
  await page.screenshot({ path: 'docs/screenshots/outline-new-plan.png' });

  // Undo is per user and reaches the outline: Ctrl+Z in the tree undoes the rename. Right after a check-in
  // the first Ctrl+Z only says a check-in cannot be undone and what the next one would take back (undo38).
  await outline.select('key result', 'Revenue from DACH (k€)');
  await outline.focus();
  await page.keyboard.press('Control+z');
  await expect(shell.notice(/^A check-in cannot be undone\. Your check-in on “Revenue from DACH \(k€\)” stays/)).toBeVisible();
  await expect(outline.row('key result', 'Revenue from DACH (k€)')).toBeVisible();
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect(outline.row('key result', 'Revenue from DACH')).toBeVisible();
  await page.keyboard.press('Control+Shift+z');
  await page.keyboard.press('Control+Shift+z');
  await page.keyboard.press('Control+Shift+z');
  await expect(outline.row('key result', 'Revenue from DACH (k€)')).toBeVisible();

  // Delete, then undo from the notice.
  await outline.select('task', 'Sign the office lease');
  await outline.focus();
  await outline.press('Delete');
  await expect(outline.row('task', 'Sign the office lease')).toHaveCount(0);
  await shell.notice('Deleted "Sign the office lease".').getByRole('button', { name: 'Undo' }).click();
  await expect(outline.row('task', 'Sign the office lease')).toBeVisible();
  await expect(library.heading).toHaveCount(0);

  // A dialog opened from the tree gives the focus back to it when it closes, by Escape or by saving:
  // a keyboard user carries on where they were (it used to fall to the page's body).
  await outline.select('key result', 'Revenue from DACH (k€)');
  await outline.focus();
  await outline.press('c');
  const checkIn = page.getByRole('dialog', { name: 'Check in: Revenue from DACH (k€)' });
  await expect(checkIn.getByLabel(/^New value/)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(checkIn).toHaveCount(0);
  await expect(outline.tree).toBeFocused();
  await outline.press('c');
  await page.keyboard.type('120');
  await page.keyboard.press('Enter');
  await expect(checkIn).toHaveCount(0);
  await expect(detail.progress).toHaveText('60%');
  await expect(outline.tree).toBeFocused();
  await outline.press('ArrowDown');
  await expect(outline.selectedRow).toHaveAccessibleName(rowName('initiative', 'Open a Munich office'));

  // Tab changes a row's level, so Escape is the way out of the tree: to the details, where Tab moves on.
  await outline.press('Escape');
  await expect(detail.root.locator(':focus')).toHaveCount(1);
  await expect(outline.row('initiative', 'Open a Munich office')).toHaveAttribute('aria-level', '4');
});
