// Undo across two people, in the bad order, with a rename (removedwork): Ada adds a key result, Ben
// (offline) renames it, and Ada presses Ctrl+Z before his rename reaches her. The title is text inside
// the key result, so her undo took his typing with it; when Ben reconnected, his rename was shown
// nowhere and no restore brought it back (usercheck13, not done 4). Now both devices say who renamed
// which removed item to what, and the restore brings the key result back under Ben's title, for everyone.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { twoOnANewKeyResult, undoAndRedoTheNewLine, undoTheNewLine } from './support/undone-create.js';
import type { User } from './support/two-users.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

/** Ben goes offline and renames the new key result with F2 to "Churn under 5% by Q4". */
async function benRenamesOffline(ben: User): Promise<void> {
  await ben.context.setOffline(true);
  await ben.outline.select('key result', 'Churn under 5%');
  await ben.outline.focus();
  await ben.outline.press('F2');
  await ben.page.keyboard.press('End');
  await ben.page.keyboard.type(' by Q4');
  await ben.page.keyboard.press('Enter');
  await expect(ben.outline.row('key result', 'Churn under 5% by Q4')).toBeVisible();
}

test('a rename made offline on a key result its maker undid meanwhile is listed on both devices and restored with it', async ({ browser }) => {
  test.setTimeout(180_000);
  const { ada, ben, errors } = await twoOnANewKeyResult(browser, server, 'undo-before-rename', 'Undo rename plan');

  await benRenamesOffline(ben);

  // Meanwhile Ada's Ctrl+Z takes back her typing, then her new line.
  await undoTheNewLine(ada);

  // Ben reconnects: the key result is gone on his device too, and both say whose rename it held.
  await ben.context.setOffline(false);
  await ben.shell.expectSyncStatus('Synced');
  await ada.shell.expectSyncStatus('Synced');
  for (const user of [ada, ben]) {
    await expect(user.outline.rows.filter({ hasText: 'Churn under 5%' })).toHaveCount(0);
    await user.shell.goTo('Execution pulse');
    const notice = user.page.getByRole('region', { name: 'Work on deleted items' });
    await expect(notice).toContainText('Ben Guest renamed key result “Churn under 5%” to “Churn under 5% by Q4”, which was removed by an undo of Ada Host');
    await expect(notice.getByRole('button', { name: 'Restore key result “Churn under 5% by Q4”' })).toBeVisible();
    if (user === ada) await expectAccessible(ada.page, 'the pulse listing a rename on a key result an undo removed');
    await user.shell.goTo('Outline');
    await user.page.getByRole('button', { name: 'Deleted items' }).click();
    const trash = user.page.getByRole('dialog', { name: 'Deleted items' });
    const row = trash.getByRole('list', { name: 'Edits on removed items' }).getByRole('listitem');
    await expect(row).toContainText('renamed to “Churn under 5% by Q4” by Ben Guest');
    if (user === ben) {
      await expectAccessible(ben.page, 'Deleted items listing a rename on the key result an undo removed');
      await row.getByRole('button', { name: 'Restore' }).click();
    }
    await user.page.keyboard.press('Escape');
    await expect(trash).toBeHidden();
  }

  // Restored under Ben's title on both devices, and no longer listed.
  for (const user of [ben, ada]) {
    await expect(user.outline.row('key result', 'Churn under 5% by Q4')).toBeVisible();
    await user.shell.goTo('Execution pulse');
    await expect(user.page.getByRole('region', { name: 'Work on deleted items' })).toHaveCount(0);
    await user.shell.goTo('Outline');
  }
  expect(errors).toEqual([]);
  await closeContexts(ada.context, ben.context);
});

// usercheck14: the same rename, but Ada presses Ctrl+Shift+Z after her Ctrl+Z: her redo brings back a
// new copy of the key result holding her title, and Ben's typing, made on the old copy, showed nowhere
// (both outlines said "Churn under 5%", no list named his rename). A lone rename typed into another
// copy of the title is the title (renames.ts).
test('a rename made offline on a key result its maker undid and redid meanwhile is the title on both devices, listed nowhere', async ({ browser }) => {
  test.setTimeout(180_000);
  const { ada, ben, errors } = await twoOnANewKeyResult(browser, server, 'redo-before-rename', 'Redo rename plan');

  await benRenamesOffline(ben);

  // Meanwhile Ada undoes her typing and her new line, then redoes both.
  await undoAndRedoTheNewLine(ada);

  await ben.context.setOffline(false);
  await ben.shell.expectSyncStatus('Synced');
  await ada.shell.expectSyncStatus('Synced');
  for (const user of [ada, ben]) {
    await expect(user.outline.row('key result', 'Churn under 5% by Q4')).toBeVisible();
    await expect(user.outline.row('key result', 'Churn under 5%')).toHaveCount(0);
    await user.shell.goTo('Execution pulse');
    await expect(user.page.getByRole('region', { name: 'Work on deleted items' })).toHaveCount(0);
    await user.shell.goTo('Outline');
    await user.page.getByRole('button', { name: 'Deleted items' }).click();
    const trash = user.page.getByRole('dialog', { name: 'Deleted items' });
    await expect(trash.getByText('Nothing has been deleted.')).toBeVisible();
    if (user === ada) {
      await expectAccessible(ada.page, 'Deleted items after a redo that brought back a key result renamed offline');
      await ada.page.screenshot({ path: 'test-results/redo-before-offline-rename.png' });
    }
    await user.page.keyboard.press('Escape');
    await expect(trash).toBeHidden();
  }
  expect(errors).toEqual([]);
  await closeContexts(ada.context, ben.context);
});
