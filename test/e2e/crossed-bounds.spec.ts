// A key result's range narrowed by two people at once, one of them offline: Ada raises its low to 50,
// Ben lowers its high to 40. Each edit is valid on its own screen and both are kept, so the range reads
// 50–40. Before (usercheck15): the key result at 10, below both bounds, showed 100 % and on track on
// both screens, and so did its objective and strategy; Ada's next edit of its weight was refused with
// "RangeLow 50 is above rangeHigh 40". Now both screens show no progress and say why, and other edits work.
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

const CROSSED = 'The range 50 to 40 runs backwards (its low is above its high), so its progress cannot be measured: set the range again';

test('a range two people narrowed past each other: no figure on either screen, the reason named, other edits kept working', async ({ browser }) => {
  test.setTimeout(180_000);
  const token = mintToken(server.dataDir, 'crossed-bounds', 'editor');
  const { ada, ben, errors } = await twoOnOnePlan(browser, server.url, token, 'crossed-bounds', 'Offsite plan');
  const adaDetail = new DetailPanel(ada.page), benDetail = new DetailPanel(ben.page);
  await ada.outline.select('key result', 'Revenue from DACH');
  await adaDetail.selectField('Direction', 'Stay within range');
  await adaDetail.setField('Range low', '30');
  await adaDetail.setField('Range high', '60');
  await adaDetail.addCheckIn({ value: '10' });
  await adaDetail.expectProgress('33%');
  await ben.outline.select('key result', 'Revenue from DACH');
  await expect(benDetail.field('Range high')).toHaveValue('60');
  await benDetail.expectProgress('33%');

  await ben.context.setOffline(true);
  await ben.shell.expectSyncStatus('Offline');
  await benDetail.setField('Range high', '40');
  await adaDetail.setField('Range low', '50');
  await expect(benDetail.fieldError(/./)).toHaveCount(0);
  await expect(adaDetail.fieldError(/./)).toHaveCount(0);
  await ben.context.setOffline(false);
  await ben.shell.expectSyncStatus('Synced');

  for (const [user, detail] of [[ada, adaDetail], [ben, benDetail]] as const) {
    await expect(detail.field('Range low')).toHaveValue('50');
    await expect(detail.field('Range high')).toHaveValue('40');
    await expect(detail.progress).toHaveCount(0);
    await expect(detail.root.getByRole('list', { name: 'Signals' }).getByRole('listitem').filter({ hasText: 'Bounds crossed' })).toContainText(CROSSED);
    await expect(detail.health).toHaveAccessibleName('Health: At risk');
    // No row above it claims what it cannot measure.
    for (const [kind, title] of [['key result', 'Revenue from DACH'], ['objective', 'Win the DACH market'], ['strategy', 'Grow in Europe']] as const) {
      await expect(user.outline.row(kind, title)).not.toHaveAccessibleDescription(/Progress/);
    }
    await expect(user.outline.row('key result', 'Revenue from DACH')).toHaveAccessibleDescription(/Bounds crossed/);
  }
  await expectAccessible(ada.page, 'a key result whose range two people crossed');
  await adaDetail.root.getByRole('list', { name: 'Signals' }).scrollIntoViewIfNeeded();
  await ada.page.screenshot({ path: 'docs/screenshots/crossed-bounds.png' });

  // An edit of another field is kept; an edit of the range must make it agree.
  await adaDetail.setField('Weight', '2');
  await expect(adaDetail.fieldError(/./)).toHaveCount(0);
  await expect(benDetail.field('Weight')).toHaveValue('2');
  await benDetail.setField('Range high', '45');
  await expect(benDetail.fieldError("The range's low 50 is above its high 45.")).toBeVisible();
  await benDetail.setField('Range low', '5');
  for (const detail of [adaDetail, benDetail]) await detail.expectProgress('100%');
  expect(errors).toEqual([]);
  await closeContexts(ada.context, ben.context);
});
