// review45a F7: a period 0001-01-01 … 9999-12-31, or one ending the day it starts, was taken without a
// word, and the key results in it read "on track" for ten thousand years. Now an end on the start day is
// refused at the Ends field; implausible dates are taken and said, in the form and in the list, and the
// items in such a period say why no pace is judged. review45a F8: a warning's figure is grouped as the
// check-in history beside it is ("12.000 %" in de-DE, not "12000 %").
import { expect, test } from '@playwright/test';
import * as Y from 'yjs';
import { ROOT_ID, openPlan, type PlanContext } from '../../shared/model/index.js';
import { AppShell } from './pages/app-shell.js';
import { DetailPanel } from './pages/detail-panel.js';
import { LibraryPage } from './pages/library-page.js';
import { OutlinePage } from './pages/outline-page.js';
import { PeoplePage } from './pages/people-page.js';
import { expectAccessible } from './support/axe.js';
import { addLineAfter, typeCascade } from './support/outline-steps.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { storePlanInBrowser } from './support/stored-plan.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

/** A plan whose objective is set in "Forever" (0001-01-01 … 9999-12-31), as an older client let one write. */
function planInForever(): Uint8Array {
  const context: PlanContext = (() => { let next = 0; return { now: () => Date.UTC(2026, 9, 1), newId: () => `ada${(next++).toString().padStart(4, '0')}`, actor: 'ada' }; })();
  const doc = new Y.Doc();
  const plan = openPlan(doc, context, { name: 'Forever plan' });
  const period = plan.addPeriod({ name: 'Forever', start: '0001-01-01', end: '9999-12-31' });
  const objective = plan.createNode({ kind: 'objective', parent: plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow in Europe' }), title: 'Win the DACH market', period });
  plan.createNode({ kind: 'key_result', parent: objective, title: 'Revenue from DACH', start: 0, target: 100 });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

test('a period ending before it starts is refused at its field, one ending the day it starts is a day; 0001 … 9999 is taken, said, and judges no pace', async ({ page }) => {
  test.setTimeout(120_000);
  const shell = new AppShell(page), people = new PeoplePage(page);
  await shell.open(server.url);
  await new LibraryPage(page).createPlan('Quarter plan');
  await shell.goTo('People & teams');
  await people.addPeriod('Backwards', '2027-03-02', '2027-03-01');
  await expect(people.periods.getByRole('alert')).toHaveText(/end date 2027-03-01 is before its start date 2027-03-02/);
  await expect(people.periods.getByLabel('Ends', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(people.periods.getByRole('listitem')).toHaveCount(0);
  // A launch day, an offsite: its one day is the period (the end day is included).
  await people.addPeriod('Launch day', '2027-03-01', '2027-03-01');
  await expect(people.periods.getByRole('alert')).toHaveCount(0);
  await expect(people.periods.getByRole('listitem').filter({ hasText: 'Launch day' })).toBeVisible();
  await expect(people.periods.getByRole('listitem').filter({ hasText: 'Launch day' }).getByRole('status')).toHaveCount(0);

  await people.addPeriod('Forever', '0001-01-01', '9999-12-31');
  await expect(people.periods.getByRole('alert')).toHaveCount(0);
  const listed = people.periods.getByRole('listitem').filter({ hasText: 'Forever' });
  await expect(listed).toBeVisible();
  await expect(listed.getByRole('status')).toHaveText(/^The period starts 0001-01-01, before 1970-01-01: no plan is paced from then, so no pace is judged in it\. Check its dates\.$/);
  // While typed, the form says so before the period is added.
  await people.periods.getByLabel('Starts', { exact: true }).fill('2026-01-01');
  await people.periods.getByLabel('Ends', { exact: true }).fill('2032-12-31');
  await expect(people.periods.locator('form').getByRole('status')).toHaveText(/more than 5 years/);
  await expectAccessible(page, 'Periods refusing and warning about dates');
  await people.periods.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'docs/screenshots/period-implausible.png' });

  // An objective in a 0001 … 9999 period opened from the plan: no "on track", the reason instead.
  const outline = new OutlinePage(page), detail = new DetailPanel(page);
  await storePlanInBrowser(page, { id: 'forever-plan', name: 'Forever plan', update: planInForever() });
  await page.goto(`${server.url}#/plan/forever-plan/outline`);
  await outline.select('key result', 'Revenue from DACH');
  const signals = detail.root.getByRole('list', { name: 'Signals' }).getByRole('listitem');
  // (The signal list writes ISO days in the person's format.)
  await expect(signals.filter({ hasText: 'Bounds crossed' })).toContainText("The period “Forever” runs from Jan 1, 1 to Dec 31, 9999, starting before Jan 1, 1970, so no pace can be judged: set the period's dates again");
  await expect(signals.filter({ hasText: /Pace|Forecast/ })).toHaveCount(0);
  await expect(outline.row('key result', 'Revenue from DACH')).toHaveAccessibleDescription(/Bounds crossed/);
  await expectAccessible(page, 'a key result in a 0001 … 9999 period');
  await page.screenshot({ path: 'docs/screenshots/period-implausible-signal.png' });
});

test('a warning groups its figure in the locale, as the check-in history beside it does (de-DE)', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
  const page = await context.newPage();
  const outline = new OutlinePage(page), detail = new DetailPanel(page);
  await new AppShell(page).open(server.url);
  await new LibraryPage(page).createPlan('Customer plan');
  await typeCascade(outline, ['Keep customers', 'Loved and kept', 'Churn']);
  await addLineAfter(outline, 'key result', 'Churn', 'Uptime');
  await outline.select('key result', 'Churn');
  await detail.setField('Unit', '%');
  await detail.setField('Start value', '5');
  await detail.setField('Target value', '2');
  await detail.addCheckIn({ value: '12000' });
  await expect(detail.history.first()).toContainText('12.000 %');
  const value = detail.checkInForm.getByLabel(/^New value/);
  await value.fill('12000,5');
  await expect(detail.checkInForm.getByRole('status').filter({ hasText: 'above 100 %' })).toHaveText(/^12\.000,5 % is above 100 %/);
  // (Typed before the target: a metric whose own target lies beyond 100 % reads as a ratio, whose values are not warned about.)
  await detail.setField('Target value', '12000');
  const fields = detail.root.getByRole('region', { name: 'Fields' });
  await expect(fields.getByRole('status').filter({ hasText: 'above 100 %' })).toHaveText(/^12\.000 % is above 100 %/);
  await expectAccessible(page, 'warnings with grouped figures');
  await fields.getByRole('status').filter({ hasText: 'above 100 %' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'docs/screenshots/warning-grouped-figure.png' });
  await context.close();
});
