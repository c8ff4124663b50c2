// Undo across two people: Ada adds a key result, Ben checks in on it with a blocker, Ada presses Ctrl+Z
// until her new line is undone. The undo took the record away, and Ben's check-in and blocker with it,
// on both devices and in no list (usercheck9). Now the key result goes to Deleted items on both, with
// the check-in, and restoring it brings the blocker back to the pulse.
import { expect, test } from '@playwright/test';
import { DetailPanel } from './pages/detail-panel.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { addLineAfter } from './support/outline-steps.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { twoOnOnePlan } from './support/two-users.js';
import { expectRestoredWithBlocker } from './support/restored-check-in.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('a key result undone by its maker after someone checked in on it goes to Deleted items with the check-in, on both devices', async ({ browser }) => {
  test.setTimeout(180_000);
  const token = mintToken(server.dataDir, 'undo-checked-in', 'editor');
  const { ada, ben, errors } = await twoOnOnePlan(browser, server.url, token, 'undo-checked-in', 'Undo plan');
  await addLineAfter(ada.outline, 'key result', 'Revenue from DACH', 'Churn under 5%');
  await ada.shell.expectSyncStatus('Synced');
  await ben.outline.select('key result', 'Churn under 5%');
  await new DetailPanel(ben.page).addCheckIn({ value: '4', note: 'Legal says no', blocker: true });
  await ben.shell.expectSyncStatus('Synced');
  await ada.shell.expectSyncStatus('Synced');

  // Ada's Ctrl+Z takes back her typing, then her new line.
  await ada.outline.focus();
  await ada.outline.press('Control+z');
  await expect(ada.outline.row('key result', 'Untitled')).toBeVisible();
  await ada.outline.press('Control+z');
  await expect(ada.outline.rows.filter({ hasText: 'Untitled' })).toHaveCount(0);
  await ada.shell.expectSyncStatus('Synced');

  for (const user of [ada, ben]) {
    await expect(user.outline.rows.filter({ hasText: 'Untitled' })).toHaveCount(0);
    await user.page.getByRole('button', { name: 'Deleted items' }).click();
    const trash = user.page.getByRole('dialog', { name: 'Deleted items' });
    await expect(trash.getByRole('listitem').filter({ hasText: 'Untitled' })).toContainText('by Ada Host');
    // usercheck10: the row says why it is there and what restoring brings back.
    await expect(trash.getByRole('listitem').filter({ hasText: 'Untitled' })).toContainText('holds 1 check-in by Ben Guest: restoring brings it back');
    if (user === ben) {
      await expectAccessible(ben.page, 'Deleted items holding the undone key result');
      await ben.page.screenshot({ path: 'docs/screenshots/undo-checked-in-create.png' });
      await trash.getByRole('listitem').filter({ hasText: 'Untitled' }).getByRole('button', { name: /^Restore/ }).click();
    }
    await user.page.keyboard.press('Escape');
    await expect(trash).toBeHidden();
  }

  // Restored, it holds Ben's check-in and its blocker is in the pulse again, on both devices.
  await expectRestoredWithBlocker([ben, ada], 'Untitled', 'Legal says no');
  expect(errors).toEqual([]);
  await closeContexts(ada.context, ben.context);
});
