// usercheck21: the window's shortcuts acted behind an open dialog.
//
// Keyboard only, in the check-in form (opened with "c" on a key result): the note typed, Tab to
// "Add check-in", and "?" (to look up a key) replaced the form with the keyboard help — the app has
// one dialog at a time — and after Escape the form was gone. Ctrl+Z there undid the rename made just
// before, behind the modal form where nobody could see it; Ctrl+K swapped the form for the palette.
// Every dialog is modal, so the window's keys now wait until it is closed.
import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { LibraryPage } from './pages/library-page.js';
import { OutlinePage, rowName } from './pages/outline-page.js';
import { CommandPalettePage } from './pages/command-palette.js';
import { expectAccessible } from './support/axe.js';
import { startSyncServer, type RunningProcess } from './support/server.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('?, Ctrl+Z and Ctrl+K pressed in the check-in form leave the form, its words and the plan alone', async ({ page }) => {
  const outline = new OutlinePage(page);
  const palette = new CommandPalettePage(page);
  await new AppShell(page).open(server.url);
  await new LibraryPage(page).openSample();

  // A rename by keyboard (the edit Ctrl+Z would undo), then "c" opens the check-in form on the row.
  await outline.select('key result', 'Grow ARR from 8.0 M€ to 9.5 M€');
  await outline.press('F2');
  await page.keyboard.press('End');
  await page.keyboard.type(' (EU)');
  await page.keyboard.press('Enter');
  const renamed = outline.row('key result', 'Grow ARR from 8.0 M€ to 9.5 M€ (EU)');
  await expect(renamed).toBeVisible();
  await outline.press('c');
  const form = page.getByRole('dialog', { name: 'Check in: Grow ARR from 8.0 M€ to 9.5 M€ (EU)' });
  await expect(form).toBeVisible();
  await form.getByLabel(/^New value/).fill('8.6');
  await form.getByLabel('Note', { exact: true }).fill('Two renewals moved to January? Ask Ana.');
  const add = form.getByRole('button', { name: 'Add check-in' });
  await add.focus();

  await page.keyboard.press('?');
  await expect(palette.help).toHaveCount(0);
  await expect(form).toBeVisible();
  await expect(add).toBeFocused();
  await expect(form.getByLabel('Note', { exact: true })).toHaveValue('Two renewals moved to January? Ask Ana.');
  // Ctrl+Z: the browser's own undo may take back the note's typing (its text undo, as in any page);
  // the plan's undo must not run behind the form.
  await page.keyboard.press('Control+z');
  await expect(renamed).toHaveCount(1);
  await expect(form).toBeVisible();
  await page.keyboard.press('Control+k');
  await expect(palette.dialog).toHaveCount(0);
  await expect(form).toBeVisible();
  await form.getByLabel('Note', { exact: true }).fill('Two renewals moved to January? Ask Ana.');
  await expectAccessible(page, 'the check-in form after ?, Ctrl+Z and Ctrl+K on its button');
  await page.screenshot({ path: 'docs/screenshots/keys-in-check-in-form.png' });

  // The check-in is added on the renamed key result, and the keys work again once the form is closed.
  await add.click();
  await expect(form).toBeHidden();
  await expect(renamed).toBeVisible();
  await expect(outline.tree).toBeFocused();
  await expect(outline.selectedRow).toHaveAccessibleName(rowName('key result', 'Grow ARR from 8.0 M€ to 9.5 M€ (EU)'));
  const details = page.getByRole('complementary', { name: 'Details' });
  await expect(details.getByRole('list', { name: 'Check-in history' }).getByRole('listitem').first()).toContainText('Two renewals moved to January? Ask Ana.');
  await page.keyboard.press('?');
  await expect(palette.help).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(outline.tree).toBeFocused();
});
