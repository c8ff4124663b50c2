// leftovers45a (review44b's "seen, not fixed" F4): with the tree focused, a rename of the selected row by someone
// else is told ("Ben Guest renamed “…” to “…”"), since a screen reader does not read the active row's new name.
// The notice named the node's `updated` stamp, which an undo brings back from before the undone step: after Ada's
// OWN Ctrl+Z of her rename, her screen said "someone renamed …" (the plan's creator, before she said who she was);
// and Ben's rename, arriving beside her undo, could be told with the stamp of either. It now names who made the
// title shown (its rename record, or the undo that brought it back). Two browsers, a real sync server.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { twoOnOnePlan, type User } from './support/two-users.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

/** The notice "<who> renamed “<from>” to “<to>”." (names and titles are bidi-isolated in it). */
function renamedBy(user: User, who: string, from: string, to: string) {
  const isolated = (text: string) => `\u2068?${text}\u2069?`;
  return user.shell.saidNotice(new RegExp(`^${isolated(who)} renamed “${isolated(from)}” to “${isolated(to)}”\\.`));
}

/** Renames the selected row with F2, replacing its whole title, and leaves the focus on the tree. */
async function rename(user: User, to: string): Promise<void> {
  await user.outline.focus();
  await user.outline.press('F2');
  await expect(user.outline.titleEditor).toBeFocused();
  await user.page.keyboard.press('Control+a');
  await user.page.keyboard.type(to);
  await user.page.keyboard.press('Enter');
  await expect(user.outline.row('key result', to)).toBeVisible();
}

test('one\'s own Ctrl+Z of a rename is told as nobody else\'s; a rename arriving from someone else names them', async ({ browser }) => {
  test.setTimeout(180_000);
  const token = mintToken(server.dataDir, 'rename-notice-names', 'editor');
  const { ada, ben, errors } = await twoOnOnePlan(browser, server.url, token, 'rename-notice-names', 'Who renamed it');
  const renamedNotices = (user: User) => user.shell.saidNotice(/renamed “/);

  // Ada renames the key result and takes it back with Ctrl+Z, the tree focused on it all along.
  await ada.outline.select('key result', 'Revenue from DACH');
  await rename(ada, 'Revenue from the Nordics');
  await ada.outline.press('Control+z');
  await expect(ada.outline.row('key result', 'Revenue from DACH')).toBeVisible();
  await expect(ada.outline.tree).toBeFocused();
  await ada.shell.expectSyncStatus('Synced');
  // Her own undo: no "someone renamed …" (nor anyone else).
  await ada.page.waitForTimeout(500);
  await expect(renamedNotices(ada)).toHaveCount(0);
  // Ben, watching the same row, is told it was Ada's doing (her rename, then her undo).
  await ben.outline.select('key result', 'Revenue from DACH');
  await ben.outline.focus();

  // Ben goes offline and renames it; Ada is back on the row; Ben reconnects.
  await ben.context.setOffline(true);
  await rename(ben, 'Partner revenue');
  await ada.outline.focus();
  await ben.context.setOffline(false);
  await ben.shell.expectSyncStatus('Synced');
  await expect(ada.outline.row('key result', 'Partner revenue')).toBeVisible();
  // Ada's screen names Ben, not "someone" nor herself.
  await expect(renamedBy(ada, 'Ben Guest', 'Revenue from DACH', 'Partner revenue')).toHaveCount(1);
  await expect(renamedNotices(ada)).toHaveCount(1);
  await expectAccessible(ada.page, 'a rename by someone else told with their name');
  await ada.page.screenshot({ path: test.info().outputPath('rename-notice-names.png') });

  // Ada undoes nothing of Ben's: her next rename and its undo are hers again, on Ben's screen too.
  await rename(ada, 'Partner revenue EU');
  await ben.outline.focus();
  await expect(renamedBy(ben, 'Ada Host', 'Partner revenue', 'Partner revenue EU')).toHaveCount(1);
  await ada.outline.press('Control+z');
  await expect(ada.outline.row('key result', 'Partner revenue')).toBeVisible();
  await expect(renamedBy(ben, 'Ada Host', 'Partner revenue EU', 'Partner revenue')).toHaveCount(1);
  await expect(renamedNotices(ada)).toHaveCount(1);
  expect(errors).toEqual([]);
  await closeContexts(ada.context, ben.context);
});
