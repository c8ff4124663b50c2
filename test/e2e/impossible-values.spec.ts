// review45a: impossible and implausible metric values. A churn key result in % took a check-in of −1 %
// and a target of −1 without a word; an NPS key result took a target and a check-in of 12,000. Now what the
// unit makes impossible (an NPS outside −100…100) is refused at the field, naming the bounds, with nothing
// saved changed; what it makes implausible (a share below 0 %) is taken, with a warning beside the value.
// A value merged from another person's offline edit is shown with the same warning on both screens.
import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { DetailPanel } from './pages/detail-panel.js';
import { LibraryPage } from './pages/library-page.js';
import { OutlinePage } from './pages/outline-page.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { addLineAfter, typeCascade } from './support/outline-steps.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { twoOnOnePlan } from './support/two-users.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

const NEGATIVE_SHARE = '-1 % is below 0 %: a share (churn, conversion, uptime) cannot be negative; only a change can. Check the value.';

test('a churn of −1 % is taken with a warning; an NPS of 12,000 is refused at the field and in the check-in, nothing saved changed', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
  const page = await context.newPage();
  const outline = new OutlinePage(page);
  const detail = new DetailPanel(page);
  await new AppShell(page).open(server.url);
  await new LibraryPage(page).createPlan('Customer plan');
  await typeCascade(outline, ['Keep customers', 'Loved and kept', 'Churn']);
  await addLineAfter(outline, 'key result', 'Churn', 'NPS');
  await outline.select('key result', 'Churn');
  await detail.setField('Unit', '%');
  await detail.setField('Start value', '5');
  await detail.setField('Target value', '-1');
  await expect(detail.fieldError(/./)).toHaveCount(0);
  await expect(detail.field('Target value')).toHaveValue('-1');
  const fields = detail.root.getByRole('region', { name: 'Fields' });
  await expect(fields.getByRole('status').filter({ hasText: NEGATIVE_SHARE })).toBeVisible();
  await expect(detail.field('Target value')).toHaveAccessibleDescription(NEGATIVE_SHARE);
  await detail.setField('Target value', '2');
  await expect(fields.getByRole('status').filter({ hasText: 'share' })).toHaveCount(0);

  // The check-in form warns while the value is typed, and takes it.
  const form = detail.checkInForm;
  const value = form.getByLabel(/^New value/);
  await value.fill('-1');
  await expect(form.getByRole('status').filter({ hasText: NEGATIVE_SHARE })).toBeVisible();
  await expectAccessible(page, 'a churn of −1 % warned about');
  await form.getByRole('status').filter({ hasText: NEGATIVE_SHARE }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'docs/screenshots/impossible-values-warning.png' });
  await form.getByRole('button', { name: 'Add check-in' }).click();
  await expect(detail.history).toHaveCount(1);
  await expect(detail.history.first()).toContainText('-1 %');

  await outline.select('key result', 'NPS');
  await detail.setField('Unit', 'NPS');
  await detail.setField('Start value', '20');
  await detail.setField('Target value', '50');
  await detail.setField('Target value', '12000');
  // In the person's grouping, as the warnings and the history beside it (leftovers46a; it read "12000").
  await expect(detail.fieldError('The target value 12.000 is impossible for a Net Promoter Score, which lies between −100 and 100.')).toBeVisible();
  await expect(detail.field('Target value')).toHaveValue('12000');
  await detail.addCheckIn({ value: '12000' });
  await expect(form.getByRole('alert')).toHaveText('New value: 12.000 is impossible for a Net Promoter Score, which lies between −100 and 100.');
  await expect(detail.history).toHaveCount(0);
  await expectAccessible(page, 'an NPS of 12,000 refused');
  await page.screenshot({ path: 'docs/screenshots/impossible-values-refused.png' });
  // Nothing saved changed: the target read back from the plan is 50.
  await page.reload();
  await outline.select('key result', 'NPS');
  await expect(detail.field('Target value')).toHaveValue('50');
  await expect(detail.history).toHaveCount(0);
  await context.close();
});

test('an NPS target of 12,000 merged from an offline edit is shown, warned about on both screens and set right', async ({ browser }) => {
  test.setTimeout(180_000);
  const token = mintToken(server.dataDir, 'impossible-values', 'editor');
  const { ada, ben, errors } = await twoOnOnePlan(browser, server.url, token, 'impossible-values', 'Offsite plan');
  const adaDetail = new DetailPanel(ada.page), benDetail = new DetailPanel(ben.page);
  await ada.outline.select('key result', 'Revenue from DACH');
  await adaDetail.setField('Unit', 'points');
  await adaDetail.setField('Start value', '20');
  await adaDetail.setField('Target value', '60');
  await ben.outline.select('key result', 'Revenue from DACH');
  await expect(benDetail.field('Unit')).toHaveValue('points');
  await expect(benDetail.field('Target value')).toHaveValue('60');

  await ben.context.setOffline(true);
  await ben.shell.expectSyncStatus('Offline');
  await benDetail.setField('Target value', '12000');
  await adaDetail.setField('Unit', 'NPS');
  await expect(benDetail.fieldError(/./)).toHaveCount(0);
  await expect(adaDetail.fieldError(/./)).toHaveCount(0);
  await ben.context.setOffline(false);
  await ben.shell.expectSyncStatus('Synced');

  const impossible = '12,000 NPS is impossible for a Net Promoter Score, which lies between −100 and 100: set it again.';
  for (const detail of [adaDetail, benDetail]) {
    await expect(detail.field('Unit')).toHaveValue('NPS');
    await expect(detail.field('Target value')).toHaveValue('12000');
    await expect(detail.root.getByRole('region', { name: 'Fields' }).getByRole('status').filter({ hasText: impossible })).toBeVisible();
    await expect(detail.progress).toHaveText(/^\d{1,3}%$/);
  }
  await expectAccessible(ada.page, 'an NPS target of 12,000 merged');
  await benDetail.setField('Target value', '12001');
  await expect(benDetail.fieldError('The target value 12,001 is impossible for a Net Promoter Score, which lies between −100 and 100.')).toBeVisible();
  await benDetail.setField('Target value', '60');
  for (const detail of [adaDetail, benDetail]) {
    await expect(detail.field('Target value')).toHaveValue('60');
    await expect(detail.root.getByRole('region', { name: 'Fields' }).getByRole('status').filter({ hasText: 'impossible' })).toHaveCount(0);
  }
  expect(errors).toEqual([]);
  await closeContexts(ada.context, ben.context);
});
