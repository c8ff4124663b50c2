// desk36 (review36b findings 2, 3, 5, 7): the desktop menu's commands go through the same gate as the
// window's keys. The menu is driven as main.ts drives it: a click is `webContents.send('menu:command', id)`,
// through a bridge shaped like the preload's; `window.__menu` is what the page last sent for the menu.
// Before: Edit ▸ Undo undid a rename behind the open check-in form, Edit ▸ New child line retargeted the
// form to a new "Untitled" line, Help ▸ Keyboard shortcuts replaced the form; Undo was enabled on a plan
// with nothing to undo; Delete stayed grey right after a row was clicked; the header said "Ctrl+Z" on a Mac.
import { expect, test, type Page } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { LibraryPage } from './pages/library-page.js';
import { expectAccessible } from './support/axe.js';
import { exposeDesktopBridge } from './support/desktop-bridge.js';
import { startSyncServer, type RunningProcess } from './support/server.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

interface SentMenuCommand { id: string; enabled: boolean; reason: string | null }
const menuItem = (page: Page, id: string) => page.evaluate((wanted) => ((window as unknown as { __menu?: SentMenuCommand[] }).__menu ?? []).find((item) => item.id === wanted) ?? null, id);
const clickMenu = (page: Page, id: string) => page.evaluate((command) => (window as unknown as { __desktopSend: (channel: string, payload: unknown) => void }).__desktopSend('menu:command', command), id);
const expectMenu = (page: Page, id: string, enabled: boolean) => expect.poll(async () => (await menuItem(page, id))?.enabled, { message: `${id} enabled in the menu` }).toBe(enabled);

test('the menu does nothing behind the check-in form, its Undo undoes the note\'s typing, and its state follows the plan and the selection', async ({ page, context }) => {
  await exposeDesktopBridge(context, {});
  await new AppShell(page).open(server.url);
  await new LibraryPage(page).openSample();
  const header = page.getByRole('banner');
  const undoButton = header.getByRole('button', { name: 'Undo', exact: true });

  // Nothing of this person's to undo yet: the header's ↶ and Edit ▸ Undo are disabled, and say so.
  await expect(undoButton).toBeDisabled();
  await expect(undoButton).toHaveAttribute('title', 'Undo (Ctrl+Z): nothing to undo');
  await expect(header.getByRole('button', { name: 'Redo', exact: true })).toHaveAttribute('title', 'Redo (Ctrl+Shift+Z or Ctrl+Y): nothing to redo');
  await expectMenu(page, 'edit.undo', false);
  expect(await menuItem(page, 'edit.undo')).toMatchObject({ reason: 'Nothing to undo.' });

  // A row clicked: Edit ▸ Delete and Rename are enabled at once, not one step later.
  const kr = page.getByRole('treeitem', { name: /Grow ARR from 8\.0 M€ to 9\.5 M€$/ });
  await kr.click();
  await expectMenu(page, 'outline.delete', true);
  await expectMenu(page, 'outline.rename', true);

  await page.keyboard.press('F2');
  await page.keyboard.press('End');
  await page.keyboard.type(' (EU)');
  await page.keyboard.press('Enter');
  const renamed = page.getByRole('treeitem', { name: /Grow ARR from 8\.0 M€ to 9\.5 M€ \(EU\)$/ });
  await expect(renamed).toBeVisible();
  await expect(undoButton).toBeEnabled();
  await expectMenu(page, 'edit.undo', true);

  await renamed.click();
  await page.keyboard.press('c');
  const form = page.getByRole('dialog', { name: /Check in/ });
  await expect(form).toBeVisible();
  const heading = await form.getByRole('heading').first().innerText();
  const note = form.getByLabel('Note', { exact: true });
  await note.click();
  await page.keyboard.type('Two renewals moved to January.');
  // While the form is open the menu's plan commands are grey, with the reason.
  await expectMenu(page, 'outline.newChild', false);
  await expectMenu(page, 'app.keyboardHelp', false);
  expect(await menuItem(page, 'app.keyboardHelp')).toMatchObject({ reason: 'Close the open dialog first.' });

  // Edit ▸ Undo (⌘Z on a Mac, which Chromium leaves to the menu) in the note: the note's typing goes, the rename stays.
  await clickMenu(page, 'edit.undo');
  await expect(note).not.toHaveValue('Two renewals moved to January.');
  await expect(renamed).toHaveCount(1);
  await note.fill('Two renewals moved to January.');

  // Out of the field, the menu's commands do nothing behind the form (clicked although grey, as a late menu could).
  await form.getByRole('heading').first().click();
  await clickMenu(page, 'edit.undo');
  await clickMenu(page, 'outline.newChild');
  await clickMenu(page, 'app.keyboardHelp');
  await clickMenu(page, 'app.commandPalette');
  await expect(form).toBeVisible();
  await expect(form.getByRole('heading').first()).toHaveText(heading);
  await expect(note).toHaveValue('Two renewals moved to January.');
  await expect(page.getByRole('dialog', { name: /Keyboard/ })).toHaveCount(0);
  await expect(page.getByRole('dialog', { name: 'Command palette' })).toHaveCount(0);
  await expect(renamed).toHaveCount(1);
  await expect(page.getByRole('treeitem', { name: /Untitled/ })).toHaveCount(0);
  await expectAccessible(page, 'check-in form after menu commands sent behind it');
  await page.screenshot({ path: 'docs/screenshots/menu-gate-check-in.png' });

  // The form closed: the menu's Undo is the plan's again.
  await form.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(form).toHaveCount(0);
  await expectMenu(page, 'edit.undo', true);
  await clickMenu(page, 'edit.undo');
  await expect(renamed).toHaveCount(0);
  await expect(kr).toBeVisible();
  await expect(header.getByRole('button', { name: 'Redo', exact: true })).toBeEnabled();
  await expectMenu(page, 'edit.redo', true);
});
