// leftovers46a (review45a F10, fix45b): a negative count was taken in silence (its unit, "customers", is free
// text), and a mistaken churn target of 500 % silenced every check-in's percent warning after it. Now a negative
// value where the metric's own start, target and check-ins were all 0 or more is warned about while it is typed,
// and a lone percent figure beyond 0…100 % (itself warned about) no longer vouches for the check-ins.
import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { DetailPanel } from './pages/detail-panel.js';
import { LibraryPage } from './pages/library-page.js';
import { OutlinePage } from './pages/outline-page.js';
import { expectAccessible } from './support/axe.js';
import { addLineAfter, typeCascade } from './support/outline-steps.js';
import { startSyncServer, type RunningProcess } from './support/server.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('a negative count and a churn check-in below 0 % after a mistaken target are warned about while typed, and taken', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London' });
  const page = await context.newPage();
  const outline = new OutlinePage(page), detail = new DetailPanel(page);
  await new AppShell(page).open(server.url);
  await new LibraryPage(page).createPlan('Customer plan');
  await typeCascade(outline, ['Keep customers', 'Loved and kept', 'Active customers']);
  await addLineAfter(outline, 'key result', 'Active customers', 'Churn');
  await outline.select('key result', 'Active customers');
  await detail.setField('Unit', 'customers');
  await detail.setField('Start value', '120');
  await detail.setField('Target value', '200');
  await detail.addCheckIn({ value: '130' });
  await expect(detail.history).toHaveCount(1);
  const form = detail.checkInForm;
  const value = form.getByLabel(/^New value/);
  await value.fill('-3');
  const negative = form.getByRole('status').filter({ hasText: 'is below 0' });
  await expect(negative).toHaveText("-3 customers is below 0, while this metric's start, target and every value checked in so far are 0 or more; a count cannot be negative. Check the value.");
  await expect(value).toHaveAccessibleDescription(/is below 0, while this metric's start/);
  await expectAccessible(page, 'a negative count warned about');
  await negative.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'docs/screenshots/negative-count-warning.png' });
  await form.getByRole('button', { name: 'Add check-in' }).click();
  await expect(detail.history).toHaveCount(2);
  // Taken (a person may mean it): the next negative one is not warned about, the metric has gone below 0 before.
  await value.fill('-4');
  await expect(form.getByRole('status').filter({ hasText: 'is below 0' })).toHaveCount(0);

  // Churn in %, its target mistyped 500 for 5: the target is warned about, and so is a check-in of −1 % after it.
  await outline.select('key result', 'Churn');
  await detail.setField('Unit', '%');
  await detail.setField('Start value', '8');
  await detail.setField('Target value', '500');
  const fields = detail.root.getByRole('region', { name: 'Fields' });
  await expect(fields.getByRole('status').filter({ hasText: 'above 100 %' })).toHaveText(/^500 % is above 100 %/);
  await detail.checkInForm.getByLabel(/^New value/).fill('-1');
  await expect(detail.checkInForm.getByRole('status').filter({ hasText: 'below 0 %' })).toHaveText(/^-1 % is below 0 %: a share/);
  await context.close();
});
