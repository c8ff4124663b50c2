// usercheck16's left fault: Ada sets a key result's target while Ben, offline, sets it to another value;
// after he reconnects both see one value with the other offered; Ben presses Ctrl+Z. Yjs's undo brought
// back the value before both edits on both screens and nothing offered Ada's, which nobody took back.
// An undo takes back the undoer's own value only (shared/model/undo.ts, repairField).
import { expect, test } from '@playwright/test';
import { DetailPanel } from './pages/detail-panel.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { twoOnOnePlan } from './support/two-users.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('Ben undoes a target he set offline while Ada set another: both screens keep Ada’s, nothing lost', async ({ browser }) => {
  test.setTimeout(180_000);
  const { ada, ben, errors } = await twoOnOnePlan(browser, server.url, mintToken(server.dataDir, 'undo-beside', 'editor'), 'undo-beside', 'Undo beside plan');
  const adaDetails = new DetailPanel(ada.page), benDetails = new DetailPanel(ben.page);
  const keyResult = 'Revenue from DACH';

  await ben.context.setOffline(true);
  await ben.shell.expectSyncStatus('Offline');
  await ben.outline.select('key result', keyResult);
  await benDetails.setField('Target value', '4000000');
  await ada.outline.select('key result', keyResult);
  await adaDetails.setField('Target value', '3000000');
  await ada.shell.expectSyncStatus('Synced');

  await ben.context.setOffline(false);
  await ben.shell.expectSyncStatus('Synced');
  await ada.shell.expectSyncStatus('Synced');
  // Both values are there: one shown, the other offered.
  for (const details of [adaDetails, benDetails]) {
    await expect(details.root.getByRole('list', { name: 'Target value conflicts' })).toHaveCount(1);
  }

  await ben.outline.focus();
  await ben.outline.press('Control+z');
  await ben.shell.expectSyncStatus('Synced');
  await ada.shell.expectSyncStatus('Synced');
  for (const [user, details] of [[ada, adaDetails], [ben, benDetails]] as const) {
    await user.outline.select('key result', keyResult);
    await expect(details.field('Target value')).toHaveValue('3000000');
    await expect(details.root.getByRole('list', { name: 'Target value conflicts' })).toHaveCount(0);
  }
  await expectAccessible(ben.page, 'the detail panel after Ben undid his target beside Ada’s');
  await ben.page.screenshot({ path: 'test-results/undo-beside-concurrent-field-edit.png' });
  expect(errors).toEqual([]);
  await closeContexts(ada.context, ben.context);
});
