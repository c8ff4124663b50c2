import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { LibraryPage } from './pages/library-page.js';
import { expectAccessible } from './support/axe.js';
import { exposeDesktopBridge } from './support/desktop-bridge.js';
import { startSyncServer, type RunningProcess } from './support/server.js';

// desk36: commands wait while a dialog is open (the page behind it is out of reach), but a plan file the
// OS opened meanwhile (a double-click, a second launch, Open Recent: main sends it on `file:opened`)
// opened at once behind the dialog. It now waits until the dialog is closed, is said to wait, and is not
// dropped: two files opened meanwhile both open, in order.
let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

const planFile = (name: string) => JSON.stringify({ format: 'throughline-plan', version: 3, meta: { name }, nodes: [], checkIns: [], people: {}, teams: {}, periods: {}, links: {}, actors: [] });

test('a plan file opened from the OS while "Who are you?" is open waits until it is closed, then opens; nothing typed is lost and no file is dropped', async ({ page, context }) => {
  await exposeDesktopBridge(context, {});
  const shell = new AppShell(page);
  await shell.open(server.url);
  const library = new LibraryPage(page);
  await expect(library.heading).toBeVisible();

  await page.getByRole('button', { name: /Who are you\?|You are .*: change/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Who are you?' });
  await dialog.getByLabel('Your name').fill('Ada Lovel');
  const send = (name: string) => page.evaluate(({ name, text }) => {
    (window as unknown as { __desktopSend: (channel: string, payload: unknown) => void }).__desktopSend('file:opened', { name, text });
  }, { name: `${name}.throughline`, text: planFile(name) });
  await send('Offsite north');
  await send('Offsite south');

  // Both are said to wait; the dialog and what was typed in it stay; no plan opened behind it.
  await expect(page.getByText('Offsite north.throughline opens when you close the dialog.')).toBeVisible();
  await expect(page.getByText('Offsite south.throughline opens when you close the dialog.')).toBeVisible();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Your name')).toHaveValue('Ada Lovel');
  await expect(page.locator('.plan-name')).toHaveCount(0);
  await page.screenshot({ path: 'docs/screenshots/plan-file-behind-dialog.png' });
  await expectAccessible(page, 'a plan file opened from the OS waiting behind a dialog');

  await dialog.getByLabel('Your name').pressSequentially('ace');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  // Then both open, in the order they came: the second is the one shown.
  await expect(page.locator('.plan-name')).toHaveText('Offsite south');
  await page.getByRole('link', { name: 'All plans' }).click();
  await expect(library.plan('Offsite north')).toHaveCount(1);
  await expect(library.plan('Offsite south')).toHaveCount(1);
  await expect(page.getByRole('button', { name: /You are Ada Lovelace: change/ })).toBeVisible();
});
