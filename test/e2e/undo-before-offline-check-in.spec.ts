// Undo across two people, in the bad order: Ada adds a key result, Ben (offline) checks in on it with a
// blocker, and Ada presses Ctrl+Z before his check-in reaches her. Her undo could not keep the key result
// for a check-in it had not seen, so it took the record away; when Ben reconnected his check-in was shown
// nowhere, on either device (usercheck10). Now both say whose check-in is on which removed item, and a
// restore brings the key result back with Ben's check-in and its blocker, for everyone.
import { expect, test } from '@playwright/test';
import { DetailPanel } from './pages/detail-panel.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { twoOnANewKeyResult, undoTheNewLine } from './support/undone-create.js';
import { expectRestoredWithBlocker } from './support/restored-check-in.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('a check-in made offline on a key result its maker undid meanwhile is listed on both devices and restored with it', async ({ browser }) => {
  test.setTimeout(180_000);
  const { ada, ben, errors } = await twoOnANewKeyResult(browser, server, 'undo-before-check-in', 'Undo plan');

  // Ben, offline, checks in with a blocker.
  await ben.context.setOffline(true);
  await ben.outline.select('key result', 'Churn under 5%');
  await new DetailPanel(ben.page).addCheckIn({ value: '4', note: 'Legal says no', blocker: true });

  // Meanwhile Ada's Ctrl+Z takes back her typing, then her new line.
  await undoTheNewLine(ada);

  // Ben reconnects: the key result is gone on his device too, and both pulses say whose check-in it held.
  await ben.context.setOffline(false);
  await ben.shell.expectSyncStatus('Synced');
  await ada.shell.expectSyncStatus('Synced');
  for (const user of [ada, ben]) {
    await expect(user.outline.rows.filter({ hasText: 'Churn under 5%' })).toHaveCount(0);
    await expect(user.outline.rows.filter({ hasText: 'Untitled' })).toHaveCount(0);
    await user.shell.goTo('Execution pulse');
    const notice = user.page.getByRole('region', { name: 'Work on deleted items' });
    await expect(notice).toContainText('Ben Guest checked in on key result “Churn under 5%”, which was removed by an undo of Ada Host: 1 check-in, a blocker');
    if (user === ada) {
      await expectAccessible(ada.page, 'the pulse listing a check-in on a key result an undo removed');
      await ada.page.screenshot({ path: 'docs/screenshots/undo-before-offline-check-in.png' });
    }
    await user.shell.goTo('Outline');
    await user.page.getByRole('button', { name: 'Deleted items' }).click();
    const trash = user.page.getByRole('dialog', { name: 'Deleted items' });
    const row = trash.getByRole('list', { name: 'Check-ins on removed items' }).getByRole('listitem');
    await expect(row).toContainText('1 check-in by Ben Guest (1 blocker)');
    if (user === ben) {
      await expectAccessible(ben.page, 'Deleted items listing the key result an undo removed');
      await row.getByRole('button', { name: 'Restore' }).click();
    }
    await user.page.keyboard.press('Escape');
    await expect(trash).toBeHidden();
  }

  // Restored on Ben's device under the title he checked in on (usercheck12: it came back "Untitled",
  // the title Ada's first Ctrl+Z had emptied), it holds his check-in and its blocker is in the pulse, on both devices.
  await expectRestoredWithBlocker([ben, ada], 'Churn under 5%', 'Legal says no', async (user) => {
    await expect(user.page.getByRole('region', { name: 'Work on deleted items' })).toHaveCount(0);
  });
  expect(errors).toEqual([]);
  await closeContexts(ada.context, ben.context);
});
