// Two people in different zones on one plan see the same figures and the same listed check-in day:
// every day boundary is in the plan's zone (its creator's, changeable in People & teams). Ada's clock
// is in Berlin, Ben's in New York; both browsers' clocks stand at 23:30 UTC, which is already the next
// day in Berlin and still the same day in New York.
import { expect, test } from '@playwright/test';
import { DetailPanel } from './pages/detail-panel.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { hostSharedPlan, joinSharedPlan, newUser } from './support/two-users.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { dayIn, lateEvening } from './support/late-evening.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });


test('two people in Berlin and New York see one plan\'s overdue task and check-in day alike, in the plan\'s zone', async ({ browser }) => {
  test.setTimeout(240_000);
  const at = lateEvening();
  const dueDate = at.toISOString().slice(0, 10);
  // The token outlives the fixed clock (the app checks its expiry against the page's clock).
  const token = mintToken(server.dataDir, 'zones', 'editor', '72h');
  const ada = await newUser(browser, 'Ada', true, { timezoneId: 'Europe/Berlin', locale: 'en-US' });
  const ben = await newUser(browser, 'Ben', true, { timezoneId: 'America/New_York', locale: 'en-US' });
  // Date.now stands still at `at` on both devices; timers keep running, so sync works as usual.
  for (const user of [ada, ben]) await user.context.clock.setFixedTime(at);
  const errors: string[] = [];
  for (const [who, user] of [['Ada', ada], ['Ben', ben]] as const) user.page.on('pageerror', (error) => errors.push(`${who}: ${error.message}`));
  await joinSharedPlan(ben, await hostSharedPlan(ada, server.url, token, 'zones', 'Across zones', 'typed'), 'Ben Guest');

  // The plan took its creator's zone: Ben is told it is not his.
  await ben.shell.goTo('People & teams');
  const benZone = ben.page.getByLabel('Plan time zone');
  await expect(benZone).toHaveValue('Europe/Berlin');
  await expect(ben.page.getByText('Your clock is in America/New York.')).toBeVisible();
  await expectAccessible(ben.page, 'people and teams with the plan time zone');
  await ben.page.getByRole('region', { name: 'Periods' }).screenshot({ path: 'docs/screenshots/plan-time-zone.png' });
  await ben.shell.goTo('Outline');

  // Ada gives the task today's date (UTC) as its due date; Ben checks in on the key result.
  const adaDetail = new DetailPanel(ada.page);
  const benDetail = new DetailPanel(ben.page);
  await ada.outline.select('task', 'Sign the office lease');
  await adaDetail.setField('Due date', dueDate);
  await ben.outline.select('key result', 'Revenue from DACH');
  await ben.outline.focus();
  await ben.outline.press('c');
  const checkIn = ben.page.getByRole('dialog', { name: /^Check in: / });
  await checkIn.getByLabel(/^New value/).fill('12');
  await checkIn.getByRole('button', { name: 'Add check-in' }).click();
  await expect(checkIn).toBeHidden();
  for (const user of [ada, ben]) await user.shell.expectSyncStatus('Synced');

  // The check-in is listed under the Berlin day on both devices; Ben's says which zone that is.
  const berlinDay = dayIn(at, 'Europe/Berlin');
  expect(berlinDay).not.toBe(dayIn(at, 'America/New_York'));
  await ada.outline.select('key result', 'Revenue from DACH');
  const adaTime = adaDetail.history.first().locator('.checkin-time');
  const benTime = benDetail.history.first().locator('.checkin-time');
  await expect(adaTime).toContainText(berlinDay);
  await expect(benTime).toContainText(berlinDay);
  await expect(benTime).toHaveText(/GMT\+[12]$/);
  expect((await benTime.textContent())!.startsWith((await adaTime.textContent())!)).toBe(true);

  // The task due "today" (UTC) is past its end in Berlin: one day overdue, for both.
  for (const [user, detail] of [[ada, adaDetail], [ben, benDetail]] as const) {
    await user.outline.select('task', 'Sign the office lease');
    await expect(detail.root.getByRole('list', { name: 'Signals' })).toContainText('1 day overdue');
  }
  await ben.page.screenshot({ path: 'docs/screenshots/plan-time-zone-detail.png' });

  // Ben moves the plan to New York: for both, the task is due today and the check-in is on his day.
  await ben.shell.goTo('People & teams');
  await benZone.selectOption('America/New_York');
  await expect(ben.page.getByText('Your clock is in')).toHaveCount(0);
  await ben.shell.expectSyncStatus('Synced');
  await ada.shell.goTo('People & teams');
  await expect(ada.page.getByLabel('Plan time zone')).toHaveValue('America/New_York');
  await expect(ada.page.getByText('Your clock is in Europe/Berlin.')).toBeVisible();
  for (const [user, detail] of [[ada, adaDetail], [ben, benDetail]] as const) {
    await user.shell.goTo('Outline');
    await user.outline.select('task', 'Sign the office lease');
    await expect(detail.root.getByRole('list', { name: 'Signals' }).filter({ hasText: 'overdue' })).toHaveCount(0);
    await user.outline.select('key result', 'Revenue from DACH');
    await expect(detail.history.first().locator('.checkin-time')).toContainText(dayIn(at, 'America/New_York'));
  }
  expect(errors).toEqual([]);
  await closeContexts(ada.context, ben.context);
});
