// A key result's unit changed after a check-in (usercheck15's left item, usercheck16). Ben, offline,
// checks in 500 on "Revenue from DACH" (in k€ on his screen); meanwhile Ada changes its unit to M€ and its
// target to 1. Check-ins kept no unit, so both screens read his value as 500 M€: 100 %, on track, and the
// history said "500 M€". Now each check-in keeps its unit: both screens show his value as 500 k€, judge
// no progress from it and say why, until a value in M€ is checked in.
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

test('a value checked in before its unit changed keeps its unit on both screens and is not compared with the new target', async ({ browser }) => {
  test.setTimeout(180_000);
  const token = mintToken(server.dataDir, 'unit-change', 'editor');
  const { ada, ben, errors } = await twoOnOnePlan(browser, server.url, token, 'unit-change', 'Unit plan');
  const adaDetail = new DetailPanel(ada.page), benDetail = new DetailPanel(ben.page);
  await ada.outline.select('key result', 'Revenue from DACH');
  await adaDetail.setField('Start value', '0');
  await adaDetail.setField('Target value', '1000');
  await adaDetail.setField('Unit', 'k€');
  await ben.outline.select('key result', 'Revenue from DACH');
  await expect(benDetail.field('Unit')).toHaveValue('k€');
  await expect(benDetail.field('Target value')).toHaveValue('1000');

  await ben.context.setOffline(true);
  await ben.shell.expectSyncStatus('Offline');
  await benDetail.addCheckIn({ value: '500' });
  await benDetail.expectProgress('50%');
  await adaDetail.setField('Unit', 'M€');
  await adaDetail.setField('Target value', '1');
  await ben.context.setOffline(false);
  await ben.shell.expectSyncStatus('Synced');
  await ada.shell.expectSyncStatus('Synced');

  for (const detail of [adaDetail, benDetail]) {
    await expect(detail.field('Unit')).toHaveValue('M€');
    await expect(detail.history.first()).toContainText('Value 500 k€ (another unit)');
    await expect(detail.progress).toHaveCount(0);
    await expect(detail.root.getByRole('note').filter({ hasText: 'in another unit' })).toHaveText(
      '1 value was given in another unit than M€ and is not compared with this key result’s figures. Progress is not known until a value in M€ is checked in.');
  }
  await expectAccessible(ada.page, 'a key result whose unit changed after a check-in');
  await adaDetail.root.getByRole('region', { name: 'Check-ins' }).scrollIntoViewIfNeeded();
  await ada.page.screenshot({ path: 'docs/screenshots/unit-changed-after-check-in.png' });

  // A value in M€ counts, on both screens; the k€ one stays in the history in k€.
  await adaDetail.addCheckIn({ value: '0.6' });
  for (const detail of [adaDetail, benDetail]) {
    await detail.expectProgress('60%');
    await expect(detail.history.first()).toContainText('Value 0.6 M€');
    await expect(detail.history.nth(1)).toContainText('Value 500 k€ (another unit)');
  }
  expect(errors).toEqual([]);
  await closeContexts(ada.context, ben.context);
});
