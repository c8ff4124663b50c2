// usercheck17: the plan file holds the titles the plan shows. Ada renames the initiative "Open a Munich
// office" to "Open a Berlin office" while Ben, offline, renames it to "Open a Hamburg office"; back
// online, both see one title and the other to pick. Ben exports the plan file and opens it: the plan
// from the file was titled "Open a BerlinHamburg office" (the two replacements merged in the text),
// a name neither wrote. It now holds the title both saw.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { twoOnOnePlan, type User } from './support/two-users.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

async function rename(user: User, from: string, to: string): Promise<void> {
  await user.outline.select('initiative', from);
  const title = user.page.getByRole('complementary', { name: 'Details' }).getByRole('textbox', { name: 'Title', exact: true });
  await title.fill(to);
  await title.press('Enter');
  await expect(user.outline.row('initiative', to)).toBeVisible();
}

test('a plan file exported after two people renamed one item at once opens with the title they saw, not the two merged', async ({ browser }) => {
  test.setTimeout(180_000);
  const token = mintToken(server.dataDir, 'file-renames', 'editor');
  const { ada, ben, errors } = await twoOnOnePlan(browser, server.url, token, 'file-renames', 'Export after renames');

  await ben.context.setOffline(true);
  await ben.shell.expectSyncStatus(/Offline/);
  await rename(ben, 'Open a Munich office', 'Open a Hamburg office');
  await rename(ada, 'Open a Munich office', 'Open a Berlin office');
  await ada.shell.expectSyncStatus('Synced');
  await ben.context.setOffline(false);
  await ben.shell.expectSyncStatus('Synced');

  // Both show Ada's title (the later rename) with Ben's beside it to pick.
  for (const user of [ada, ben]) {
    await expect(user.outline.row('initiative', 'Open a Berlin office')).toHaveAccessibleDescription(/Also renamed to “\u2068Open a Hamburg office\u2069”/);
  }

  // Ben exports the plan file and opens it from the library.
  await ben.page.getByRole('button', { name: 'File', exact: true }).click();
  const planDownload = ben.page.waitForEvent('download');
  await ben.page.getByRole('button', { name: 'Export plan file (.throughline)' }).click();
  const download = await planDownload;
  await ben.page.goto(`${server.url}#/`);
  await ben.page.getByLabel('Plan file to open').setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: readFileSync(await download.path()) });
  await expect(ben.page.locator('.plan-name')).toHaveText('Export after renames (2)');
  const outline = ben.page.getByRole('tree', { name: 'Plan outline' });
  await expect(outline.getByRole('treeitem', { name: /Sign the office lease/ })).toBeVisible();
  await expect(ben.outline.row('initiative', 'Open a Berlin office')).toBeVisible();
  await expect(outline.getByRole('treeitem', { name: /BerlinHamburg|HamburgBerlin/ })).toHaveCount(0);
  await expectAccessible(ben.page, 'the plan opened from the file exported after two renames');

  expect(errors).toEqual([]);
  await closeContexts(ada.context, ben.context);
});
