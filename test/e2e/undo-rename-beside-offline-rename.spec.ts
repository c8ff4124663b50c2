// review44b F1: Ada renames a key result and takes it back with Ctrl+Z while Ben, offline, renames the same
// key result. Yjs takes a rename back as keystrokes (the old title typed again as new characters, which Ben's
// rename never deleted) and the undo left no rename record, so on reconnect both devices showed the two
// titles glued ("Partner revenueRevenue from DACH"-like), nothing offered. Now the undo is recorded as Ada's
// replacement: Ben's later rename shows on both devices and the title Ada went back to is offered to pick.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { twoOnOnePlan, type User } from './support/two-users.js';
import { DetailPanel } from './pages/detail-panel.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

/** Renames a row with F2, replacing its whole title. */
async function rename(user: User, kind: string, from: string, to: string): Promise<void> {
  await user.outline.select(kind, from);
  await user.outline.focus();
  await user.outline.press('F2');
  await expect(user.outline.titleEditor).toBeFocused();
  await user.page.keyboard.press('Control+a');
  await user.page.keyboard.type(to);
  await user.page.keyboard.press('Enter');
  await expect(user.outline.row(kind, to)).toBeVisible();
}

test('an undone rename and an offline rename of the same key result: one title on both devices, the other offered', async ({ browser }) => {
  test.setTimeout(180_000);
  const token = mintToken(server.dataDir, 'undo-rename-offline', 'editor');
  const { ada, ben, errors } = await twoOnOnePlan(browser, server.url, token, 'undo-rename-offline', 'Undo beside rename');

  // Ada renames the key result, then changes her mind with Ctrl+Z, while Ben is offline.
  await ben.context.setOffline(true);
  await rename(ada, 'key result', 'Revenue from DACH', 'Revenue from the Nordics');
  await ada.outline.focus();
  await ada.outline.press('Control+z');
  await expect(ada.outline.row('key result', 'Revenue from DACH')).toBeVisible();
  await ada.shell.expectSyncStatus('Synced');

  // Ben, still offline and never having seen her rename, renames it too; then he reconnects.
  await rename(ben, 'key result', 'Revenue from DACH', 'Partner revenue');
  await ben.context.setOffline(false);
  await ben.shell.expectSyncStatus('Synced');
  await ada.shell.expectSyncStatus('Synced');

  // Ben's rename (the later) shows on both devices, never glued to Ada's; the title her undo put back is offered.
  for (const user of [ada, ben]) {
    const row = user.outline.row('key result', 'Partner revenue');
    await expect(row).toBeVisible();
    await expect(row).toHaveAccessibleDescription(/Also renamed to “\u2068Revenue from DACH\u2069”/);
    await expect(user.outline.rows.filter({ hasText: /revenueRevenue|DACHPartner|Partner revenueDACH/ })).toHaveCount(0);
  }
  await ada.outline.select('key result', 'Partner revenue');
  const details = new DetailPanel(ada.page);
  const offer = details.root.getByRole('button', { name: /Also renamed to “Revenue from DACH” by .* — use it/ });
  await expect(offer).toBeVisible();
  await expectAccessible(ada.page, 'a key result whose undone rename and an offline rename collided');
  await ada.page.screenshot({ path: 'test-results/undo-rename-beside-offline-rename.png' });

  // Ada picks the title she went back to: both devices show it, no conflict left.
  await offer.click();
  for (const user of [ada, ben]) {
    await expect(user.outline.row('key result', 'Revenue from DACH')).toBeVisible();
    await expect(user.outline.row('key result', 'Revenue from DACH')).not.toHaveAccessibleDescription(/Also renamed/);
  }
  expect(errors).toEqual([]);
  await closeContexts(ada.context, ben.context);
});
