// Every day and time shown beside a plan figure is in the plan's zone, so two people in different
// zones read the same dates: the check-in chart's axis, the pulse's "since", My work's "today", the
// review points and the "as of" banner. Ada's clock is in Berlin, Ben's in New York; both browsers'
// clocks stand at 23:30 UTC, already the next day in Berlin and still the same day in New York.
// A plan made by importing a spreadsheet or opening the sample takes its creator's zone, like a new plan.
import { expect, test, type Page } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { DetailPanel } from './pages/detail-panel.js';
import { exposeDesktopBridge, openSpreadsheetFromDesktop } from './support/desktop-bridge.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { hostSharedPlan, joinSharedPlan, newUser } from './support/two-users.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { dayIn, lateEvening } from './support/late-evening.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });


/** The chart's date labels as drawn: where each stands (x) and what it says. */
async function chartAxis(page: Page): Promise<{ x: string; text: string }[]> {
  const chart = page.locator('svg.checkin-chart');
  await expect(chart).toBeVisible();
  // The date labels sit on the bottom line of the chart (y = its height − 6).
  return chart.locator('text[y="144"]').evaluateAll((texts) => texts.map((text) => ({ x: Number(text.getAttribute('x')).toFixed(2), text: text.textContent ?? '' })));
}

test('two people in Berlin and New York read the same dates in the chart, the pulse, My work and the review', async ({ browser }) => {
  test.setTimeout(300_000);
  const at = lateEvening();
  const berlinDay = dayIn(at, 'Europe/Berlin');
  expect(berlinDay).not.toBe(dayIn(at, 'America/New_York'));
  const token = mintToken(server.dataDir, 'zones-views', 'editor', '96h');
  const ada = await newUser(browser, 'Ada', true, { timezoneId: 'Europe/Berlin', locale: 'en-US' });
  const ben = await newUser(browser, 'Ben', true, { timezoneId: 'America/New_York', locale: 'en-US' });
  for (const user of [ada, ben]) await user.context.clock.setFixedTime(at);
  const errors: string[] = [];
  for (const [who, user] of [['Ada', ada], ['Ben', ben]] as const) user.page.on('pageerror', (error) => errors.push(`${who}: ${error.message}`));
  await joinSharedPlan(ben, await hostSharedPlan(ada, server.url, token, 'zones-views', 'Across zones', 'typed'), 'Ben Guest');

  // Ben is one of the plan's people (My work lists his blockers).
  await ben.shell.setIdentity('Ben Guest', { addAsPerson: true });
  // Ben checks in on the key result, blocked: a value for the chart, a blocker for the pulse and My work.
  await ben.outline.select('key result', 'Revenue from DACH');
  await ben.outline.focus();
  await ben.outline.press('c');
  const checkIn = ben.page.getByRole('dialog', { name: /^Check in: / });
  await checkIn.getByLabel(/^New value/).fill('12');
  await checkIn.getByRole('textbox', { name: 'Note' }).fill('Waiting for the contract');
  await checkIn.getByLabel('I am blocked').check();
  await checkIn.getByRole('button', { name: 'Add check-in' }).click();
  await expect(checkIn).toBeHidden();
  for (const user of [ada, ben]) await user.shell.expectSyncStatus('Synced');

  // The chart: the same ticks at the same places with the same days on both devices, and the
  // check-in's dot stands after the tick of its (Berlin) day's week, where the history lists it.
  await ada.outline.select('key result', 'Revenue from DACH');
  const adaAxis = await chartAxis(ada.page);
  const benAxis = await chartAxis(ben.page);
  expect(adaAxis.length).toBeGreaterThan(0);
  expect(benAxis).toEqual(adaAxis);
  for (const user of [ada, ben]) {
    await expect(new DetailPanel(user.page).history.first().locator('.checkin-time')).toContainText(berlinDay);
    const dot = Number(await user.page.locator('svg.checkin-chart circle').first().getAttribute('cx'));
    const ticks = await user.page.locator('svg.checkin-chart text.date-tick').evaluateAll((texts) => texts.map((text) => ({ x: Number(text.getAttribute('x')), day: text.getAttribute('data-day')! })));
    const before = ticks.filter((tick) => tick.x <= dot).pop();
    const after = ticks.find((tick) => tick.x > dot);
    const listed = new Date(`${berlinDay} UTC`).toISOString().slice(0, 10);
    if (before) expect(before.day <= listed).toBe(true);
    if (after) expect(after.day > listed).toBe(true);
  }
  await new DetailPanel(ben.page).root.getByRole('region', { name: 'Check-ins' }).screenshot({ path: 'docs/screenshots/plan-time-zone-chart.png' });

  // The pulse: the blocked key result is blocked "since" the Berlin day, for both.
  for (const user of [ada, ben]) {
    await user.shell.goTo('Execution pulse');
    const evidence = user.page.getByRole('region', { name: /^Evidence: / });
    await user.page.getByRole('button', { name: /^Are teams blocked somewhere\?/ }).click();
    await expect(evidence.locator('.evidence-since').first()).toHaveText(`since ${berlinDay}`);
  }
  await expectAccessible(ben.page, 'the pulse in another zone than the plan\'s');
  await ben.page.screenshot({ path: 'docs/screenshots/plan-time-zone-pulse.png' });

  // 22.5 hours on it is still the same day in Berlin (23:00 in winter): Ben's blocker is from
  // "today" in the plan's days, though a 24-hour count rounds it to "yesterday".
  const later = new Date(at.getTime() + 22.5 * 3_600_000);
  expect(dayIn(later, 'Europe/Berlin')).toBe(berlinDay);
  for (const user of [ada, ben]) await user.context.clock.setFixedTime(later);
  await ben.shell.goTo('My work');
  const blockers = ben.page.getByRole('region', { name: 'My blockers' });
  await expect(blockers.getByRole('listitem').filter({ hasText: 'Revenue from DACH' })).toContainText('today');
  await expectAccessible(ben.page, 'My work in another zone than the plan\'s');

  // The review: Ada names the moment; both read its time in Berlin's day, Ben with the zone named.
  await ada.page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Review' }).click();
  await ada.page.getByLabel('Name this moment').fill('Offsite');
  await ada.page.getByRole('button', { name: 'Create review point' }).click();
  await ada.shell.expectSyncStatus('Synced');
  await ben.page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Review' }).click();
  const adaMeta = ada.page.getByRole('listitem', { name: 'Offsite' }).locator('.review-meta');
  const benMeta = ben.page.getByRole('listitem', { name: 'Offsite' }).locator('.review-meta');
  await expect(adaMeta).toContainText(berlinDay);
  await expect(benMeta).toContainText(berlinDay);
  const adaTime = (await adaMeta.textContent())!.split(' · ')[0]!;
  const benTime = (await benMeta.textContent())!.split(' · ')[0]!;
  expect(benTime.startsWith(adaTime)).toBe(true);
  expect(benTime).toMatch(/GMT\+[12]$/);
  // Looking back at it: the banner's time is the same moment, in the plan's zone, on both devices.
  for (const user of [ada, ben]) {
    await user.page.getByRole('listitem', { name: 'Offsite' }).getByRole('button', { name: 'Show plan as of this' }).click();
    await expect(user.page.getByRole('region', { name: 'Plan as it was' })).toContainText(adaTime);
  }
  await expect(ben.page.getByRole('region', { name: 'Plan as it was' })).toContainText(benTime);
  // The timeline's stop before the review point is the day mark of the Berlin day, named as every
  // other date is ("Dec 5, 2026"), not "2026-12-05", on both devices; stepping to it says that day.
  for (const user of [ada, ben]) {
    const timeline = user.page.getByRole('region', { name: 'Plan as it was' }).getByRole('group', { name: 'Timeline' });
    await expect(timeline.locator('.timeline-label')).toHaveText('Offsite');
    await timeline.getByRole('button', { name: `Earlier: ${berlinDay}` }).click();
    await expect(timeline.locator('.timeline-label')).toHaveText(berlinDay);
    await expect(timeline.getByRole('slider', { name: 'Moment shown' })).toHaveAttribute('aria-valuetext', berlinDay);
    await expect(user.page.getByRole('region', { name: 'Plan as it was' })).toContainText(`as of “${berlinDay}”`);
  }
  await expectAccessible(ben.page, 'the review looking back, in another zone than the plan\'s');
  await ben.page.screenshot({ path: 'docs/screenshots/plan-time-zone-review.png' });
  for (const user of [ada, ben]) await user.page.getByRole('button', { name: 'Back to now' }).click();

  expect(errors).toEqual([]);
  await closeContexts(ada.context, ben.context);
});

test('a spreadsheet imported into a new plan and the sample plan take their creator\'s zone (Berlin)', async ({ browser }) => {
  test.setTimeout(180_000);
  const context = await browser.newContext({ timezoneId: 'Europe/Berlin', locale: 'en-US' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await exposeDesktopBridge(context, {});
  const shell = new AppShell(page);
  await shell.open(server.url);

  // File ▸ Open… with no plan open: the spreadsheet becomes a new plan, imported.
  await openSpreadsheetFromDesktop(page, 'okrs-repeated-objective.csv');
  const dialog = page.getByRole('dialog', { name: 'Import from a spreadsheet' });
  await dialog.getByRole('button', { name: /^Import \d+ items$/ }).click();
  await expect(dialog).toHaveCount(0);
  await shell.goTo('People & teams');
  await expect(page.getByLabel('Plan time zone')).toHaveValue('Europe/Berlin');
  await expect(page.getByText('Your clock is in')).toHaveCount(0);

  // The sample plan, opened from the plan list.
  await page.getByRole('link', { name: 'All plans' }).click();
  await page.getByRole('button', { name: 'Open sample plan' }).click();
  await expect(page.getByRole('treeitem').first()).toBeVisible({ timeout: 30_000 });
  await shell.goTo('People & teams');
  await expect(page.getByLabel('Plan time zone')).toHaveValue('Europe/Berlin');
  expect(errors).toEqual([]);
  await closeContexts(context);
});
