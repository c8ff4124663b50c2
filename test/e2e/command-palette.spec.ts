import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { CommandPalettePage } from './pages/command-palette.js';
import { LibraryPage } from './pages/library-page.js';
import { OutlinePage } from './pages/outline-page.js';
import { expectAccessible } from './support/axe.js';
import { startSyncServer, type RunningProcess } from './support/server.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('the command palette finds commands by fuzzy label and runs them; the keyboard help lists every key', async ({ page }) => {
  const shell = new AppShell(page);
  const palette = new CommandPalettePage(page);
  const outline = new OutlinePage(page);
  await shell.open(server.url);
  await new LibraryPage(page).createPlan('Palette plan');

  // The palette runs outline commands on the selection: two lines, the second a child of the first.
  await page.getByRole('tree', { name: 'Plan outline' }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.type('Grow the business');
  await page.keyboard.press('Enter'); // commits the line; Escape then drops the empty next one
  await expect(outline.titleEditor).toHaveValue('');
  await page.keyboard.press('Escape');
  await expect(outline.titleEditor).toHaveCount(0);
  await palette.open();
  await palette.search.fill('nchild');
  await expect(palette.options.first()).toContainText('New child line');
  await expect(palette.options.first()).toHaveAttribute('aria-selected', 'true');
  await expectAccessible(page, 'the command palette');
  await page.screenshot({ path: 'docs/screenshots/command-palette.png' });
  await page.keyboard.press('Enter');
  await expect(palette.dialog).toBeHidden();
  await page.keyboard.type('Win new customers');
  await page.keyboard.press('Enter'); // commits the line; Escape then drops the empty next one
  await expect(outline.titleEditor).toHaveValue('');
  await page.keyboard.press('Escape');
  await expect(outline.titleEditor).toHaveCount(0);
  await expect(outline.rows).toHaveCount(2);
  await expect(outline.rows.nth(1)).toHaveAttribute('aria-level', '2');

  // Commands that cannot run now are listed disabled, with the reason.
  await palette.open();
  await palette.search.fill('go to outline');
  await expect(palette.option('Go to Outline')).toHaveAttribute('aria-disabled', 'true');
  await expect(palette.option('Go to Outline')).toContainText('Outline is already shown.');
  // A typo in each word still finds the command ("inport spredsheet").
  await palette.search.fill('inport spredsheet');
  await expect(palette.options.first()).toContainText('Import from spreadsheet');
  // Arrow keys move the highlight; Escape closes without running anything.
  await palette.search.fill('go to');
  await page.keyboard.press('ArrowDown');
  await expect(palette.options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Escape');
  await expect(palette.dialog).toBeHidden();
  await expect(page.getByRole('tree', { name: 'Plan outline' })).toBeVisible();
  // The focus is back in the tree, as it was (it used to fall to the page's body): its keys work at once.
  await expect(outline.tree).toBeFocused();
  await page.keyboard.press('Home');
  await expect(outline.selectedRow).toHaveAttribute('aria-level', '1');

  // Going to a view from the palette.
  await palette.run('pulse');
  const pulseTab = page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Execution pulse' });
  await expect(pulseTab).toHaveAttribute('aria-current', 'page');
  // The tree the focus was in is gone with the outline: the focus lands on the new view's tab (it used
  // to fall to the page's body, so Tab started again from the top and a screen reader said nothing).
  await expect(pulseTab).toBeFocused();
  await expectAccessible(page, 'a view opened from the palette, its tab focused');
  await page.screenshot({ path: 'docs/screenshots/palette-view-focus.png' });

  // The keyboard help (?) shows the keys of the view it is opened in, from the same registry.
  await palette.run('outline');
  await page.getByRole('tree', { name: 'Plan outline' }).focus();
  await palette.openHelp();
  await expect(palette.help.getByRole('region', { name: 'In the outline' })).toContainText('Indent (one level down the cascade)');
  await expect(palette.help.getByRole('region', { name: 'Anywhere in the window' })).toContainText('Ctrl+K');
  await expect(palette.help.getByText('Tab', { exact: true })).toBeVisible();
  await expectAccessible(page, 'the keyboard help');
  await page.screenshot({ path: 'docs/screenshots/keyboard-help.png' });
  await page.keyboard.press('Escape');
  await expect(palette.help).toBeHidden();

  // Undo still answers Ctrl+Z from the registry.
  await page.getByRole('tree', { name: 'Plan outline' }).focus();
  await expect(outline.tree).toContainText('Win new customers');
  await page.keyboard.press('Control+z');
  await expect(outline.tree).not.toContainText('Win new customers');
});
