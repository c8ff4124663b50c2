// A value typed with its unit, as people write figures (usercheck10): "9,5 M€" in a German browser was
// refused as "not a number". The key result's own unit is read and dropped, a scale word applies where it
// is unambiguous with the unit, and another unit is refused by name, with nothing saved or cut.
import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { DetailPanel } from './pages/detail-panel.js';
import { LibraryPage } from './pages/library-page.js';
import { OutlinePage } from './pages/outline-page.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { expectAccessible } from './support/axe.js';
import { typeCascade } from './support/outline-steps.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('a target and a check-in typed with the key result\'s unit are read; another unit is refused by name', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
  const page = await context.newPage();
  const outline = new OutlinePage(page);
  const detail = new DetailPanel(page);
  await new AppShell(page).open(server.url);
  await new LibraryPage(page).createPlan('Units plan');
  await typeCascade(outline, ['Grow', 'Win DACH', 'Revenue']);
  await outline.select('key result', 'Revenue');

  await detail.setField('Unit', 'M€');
  await detail.setField('Start value', '0 M€');
  await detail.setField('Target value', '12 M€');
  await expect(detail.field('Target value')).toHaveValue('12');
  await expect(detail.fieldError(/./)).toHaveCount(0);

  const form = detail.checkInForm;
  const value = form.getByLabel(/^New value/);
  // Another unit: refused by name, kept as typed, nothing added.
  await value.fill('5 kg');
  await form.getByRole('button', { name: 'Add check-in' }).click();
  await expect(form.getByRole('alert')).toHaveText('New value: “kg” is not this key result\'s unit (M€).');
  await expect(value).toHaveValue('5 kg');
  await expect(detail.history).toHaveCount(0);
  await expectAccessible(page, 'check-in form refusing another unit');
  // A scale word on a unit that has its own scale would be a rescale: refused, never applied.
  await value.fill('9500 k€');
  await form.getByRole('button', { name: 'Add check-in' }).click();
  await expect(form.getByRole('alert')).toHaveText('New value: “k€” is not this key result\'s unit (M€).');
  await expect(detail.history).toHaveCount(0);

  // Its own unit, with a German decimal comma: read as 9.5.
  await value.fill('9,5 M€');
  await form.getByRole('button', { name: 'Add check-in' }).click();
  await expect(detail.history).toHaveCount(1);
  await expect(detail.history.first()).toContainText('9,5 M€');
  await expect(form.getByRole('alert')).toHaveCount(0);
  await context.close();
});

// usercheck12: the check-in cadence refused "2 Wochen" as "not a number of days", and a weight's "50 %"
// was "not a number" while every other field read its unit. The cadence reads days and weeks and
// refuses another unit by name; a weight has no unit (a share beside its siblings'), and says so.
test('a cadence typed in weeks is read as its days; a month and a weight in percent are refused saying why', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
  const page = await context.newPage();
  const shell = new AppShell(page);
  const outline = new OutlinePage(page);
  const detail = new DetailPanel(page);
  await shell.open(server.url);
  await new LibraryPage(page).createPlan('Cadence plan');
  await typeCascade(outline, ['Grow', 'Win DACH', 'Revenue']);
  await outline.select('key result', 'Revenue');

  await detail.setField('Weight', '50 %');
  await expect(detail.fieldError('“%” is not a unit of a weight: a weight has none')).toBeVisible();
  await expect(detail.field('Weight')).toHaveValue('50 %');
  await detail.setField('Weight', '0,5');
  await expect(detail.fieldError(/./)).toHaveCount(0);
  await expect(detail.field('Weight')).toHaveValue('0,5');

  await shell.goTo('People & teams');
  const periods = page.getByRole('region', { name: 'Periods' });
  const cadence = periods.getByLabel('Check-in cadence (days)');
  await cadence.fill('1 Monat');
  await cadence.blur();
  await expect(periods.getByRole('alert')).toHaveText('“Monat” is not a unit of the check-in cadence: type days (7, “7 days”) or weeks (“2 weeks”).');
  await expectAccessible(page, 'the cadence refusing a month');
  await cadence.fill('2 Wochen');
  await cadence.blur();
  await expect(cadence).toHaveValue('14');
  await expect(periods.getByRole('alert')).toHaveCount(0);
  // Saved for the plan: a reload reads 14 days back.
  await page.reload();
  await shell.goTo('People & teams');
  await expect(page.getByRole('region', { name: 'Periods' }).getByLabel('Check-in cadence (days)')).toHaveValue('14');
  await context.close();
});

// usercheck14: usercheck13 taught the effort estimate person-days typed with a unit ("5 days", a week as
// 5 person-days) and to refuse another unit by name; this drives it in the detail panel as a planner would.
test('an effort typed in days or weeks is read as person-days; hours are refused by name and nothing is saved', async ({ page }) => {
  test.setTimeout(120_000);
  const shell = new AppShell(page);
  const outline = new OutlinePage(page);
  const detail = new DetailPanel(page);
  await shell.open(server.url);
  await new LibraryPage(page).createPlan('Effort plan');
  await typeCascade(outline, ['Grow', 'Win DACH', 'Revenue', 'Open Munich office']);
  await outline.select('initiative', 'Open Munich office');
  await expect(detail.root).toContainText('Person-days (a week is 5)');

  await detail.setField('Effort estimate', '5 days');
  await expect(detail.fieldError(/./)).toHaveCount(0);
  await expect(detail.field('Effort estimate')).toHaveValue('5');
  // A planner's "2 weeks" of work is two working weeks: 10 person-days, not 14 calendar days.
  await detail.setField('Effort estimate', '2 weeks');
  await expect(detail.fieldError(/./)).toHaveCount(0);
  await expect(detail.field('Effort estimate')).toHaveValue('10');

  await detail.setField('Effort estimate', '3 hours');
  await expect(detail.fieldError('“hours” is not a unit of an effort estimate: type person-days (5, “5 days”) or working weeks (“2 weeks” = 10 days).')).toBeVisible();
  await expect(detail.field('Effort estimate')).toHaveValue('3 hours');
  await expectAccessible(page, 'the effort estimate refusing hours');
  await detail.root.screenshot({ path: 'test-results/effort-hours-refused.png' });
  // What was saved is the 10 person-days: a reload reads them back.
  await page.reload();
  await outline.select('initiative', 'Open Munich office');
  await expect(detail.field('Effort estimate')).toHaveValue('10');
});
