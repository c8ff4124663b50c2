// review46b F3: at the January offsite the team carries "Revenue from DACH", missed in 2026-Q4, into 2027-Q1. The
// product had no way to: Ada would retype the key result under the Q1 objective (title, start, target, owner …)
// and drag its initiative across, while Ben, offline on the hotel network, checked in on that initiative and
// renamed it. Now "Carry over" in the key result's details makes it under the Q1 objective from its latest value
// with its open initiative, and Ben's check-in and rename land on the initiative where it now is; Q4 keeps its
// key result and history.
import { expect, test } from '@playwright/test';
import { DetailPanel } from './pages/detail-panel.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { addLineAfter, appendToTitle } from './support/outline-steps.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { hostSharedPlan, joinSharedPlan, newUser, outlineNames, type User } from './support/two-users.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

async function addPeriod(user: User, name: string, start: string, end: string): Promise<void> {
  await user.shell.goTo('People & teams');
  const periods = user.page.getByRole('region', { name: 'Periods' });
  await periods.getByLabel("New period's name").fill(name);
  await periods.getByLabel('Starts', { exact: true }).fill(start);
  await periods.getByLabel('Ends', { exact: true }).fill(end);
  await periods.getByRole('button', { name: 'Add period' }).click();
  await expect(periods.getByRole('listitem').filter({ hasText: name })).toHaveCount(1);
  await user.shell.goTo('Outline');
}

test('a key result carried over to the next quarter takes its open initiative along, with what another person did to it offline meanwhile', async ({ browser }) => {
  test.setTimeout(240_000);
  // The quarter's dates lie ahead of the machine's clock: a token lasting past them (the app checks expiry by the page's clock).
  const token = mintToken(server.dataDir, 'carry-over', 'editor', '60d');
  const options = { locale: 'en-US', timezoneId: 'UTC' };
  const ada = await newUser(browser, 'Ada', true, options);
  const ben = await newUser(browser, 'Ben', true, options);
  const errors: string[] = [];
  for (const [who, user] of [['Ada', ada], ['Ben', ben]] as const) user.page.on('pageerror', (error) => errors.push(`${who}: ${error.message}`));
  for (const user of [ada, ben]) await user.context.clock.setFixedTime(Date.parse('2027-01-12T09:00:00Z'));
  const link = await hostSharedPlan(ada, server.url, token, 'carry-over', 'Leadership offsite');
  await joinSharedPlan(ben, link, 'Ben Guest');

  // Q4's objective and key result (0 → 100), and Q1's new objective.
  await addPeriod(ada, '2026-Q4', '2026-10-01', '2026-12-31');
  await addPeriod(ada, '2027-Q1', '2027-01-01', '2027-03-31');
  const adaDetail = new DetailPanel(ada.page);
  await ada.outline.select('objective', 'Win the DACH market');
  await adaDetail.selectField('Period', '2026-Q4');
  await ada.outline.select('key result', 'Revenue from DACH');
  await adaDetail.setField('Start value', '0');
  await adaDetail.setField('Target value', '100');
  await adaDetail.setField('Unit', 'k€');
  await addLineAfter(ada.outline, 'objective', 'Win the DACH market', 'Own the DACH market');
  await ada.outline.select('objective', 'Own the DACH market');
  await adaDetail.selectField('Period', '2027-Q1');
  await ada.shell.expectSyncStatus('Synced');

  // Ben's last value for Q4: 60 k€.
  const benDetail = new DetailPanel(ben.page);
  await ben.outline.select('key result', 'Revenue from DACH');
  await expect(benDetail.field('Target value')).toHaveValue('100');
  await benDetail.addCheckIn({ value: '60', note: 'Q4 closed at 60' });
  await ben.shell.expectSyncStatus('Synced');

  // Ben, offline, checks in on the initiative and renames it.
  await ben.context.setOffline(true);
  await ben.shell.expectSyncStatus('Offline');
  await ben.outline.select('initiative', 'Open a Munich office');
  await benDetail.addCheckIn({ note: 'Lease signed' });
  await expect(benDetail.history).toHaveCount(1);
  await appendToTitle(ben.outline, 'initiative', 'Open a Munich office', ' and Vienna');

  // Ada carries the key result over to Q1's objective.
  await ada.outline.select('key result', 'Revenue from DACH');
  await expect(adaDetail.progress).toHaveText('60%');
  const carry = adaDetail.root.getByRole('region', { name: 'Carry over' });
  await carry.getByLabel('Carry over to objective').selectOption({ label: 'Own the DACH market (2027-Q1)' });
  await carry.getByRole('button', { name: 'Carry over' }).click();
  await expect(ada.page.getByText('Carried "Revenue from DACH" over to Own the DACH market (2027-Q1), with 1 open initiative.')).toBeVisible();
  // The new key result is selected: it starts at 60 k€ towards the same 100 k€.
  await expect(adaDetail.root.getByRole('navigation', { name: 'Path' })).toContainText('Own the DACH market');
  await expect(adaDetail.field('Start value')).toHaveValue('60');
  await expect(adaDetail.field('Target value')).toHaveValue('100');
  await expect(adaDetail.field('Unit')).toHaveValue('k€');
  await expect(adaDetail.progress).toHaveText('0%');
  await ada.shell.expectSyncStatus('Synced');

  // Ben comes back: both see the initiative, renamed, under Q1's key result, with his check-in; Q4 keeps its own.
  await ben.context.setOffline(false);
  await ben.shell.expectSyncStatus('Synced');
  const expected = 'STR Grow in Europe | OBJ Win the DACH market | KR Revenue from DACH | OBJ Own the DACH market | KR Revenue from DACH | INI Open a Munich office and Vienna | TSK Sign the office lease';
  for (const [user, detail] of [[ada, adaDetail], [ben, benDetail]] as const) {
    await expect.poll(async () => (await outlineNames(user)).join(' | ')).toBe(expected);
    await user.outline.select('initiative', 'Open a Munich office and Vienna');
    await expect(detail.root.getByRole('navigation', { name: 'Path' })).toContainText('Own the DACH market');
    await expect(detail.history).toHaveCount(1);
    await expect(detail.history.first()).toContainText('Lease signed');
    await user.outline.rows.nth(2).click();
    await expect(detail.root.getByRole('navigation', { name: 'Path' })).toContainText('Win the DACH market');
    await expect(detail.progress).toHaveText('60%');
    await expect(detail.history).toHaveCount(1);
  }
  await ada.outline.rows.nth(2).click();
  await expectAccessible(ada.page, 'a key result of an ended quarter with its carry-over control');
  await adaDetail.root.getByRole('region', { name: 'Carry over' }).scrollIntoViewIfNeeded();
  await ada.page.screenshot({ path: test.info().outputPath('carry-over.png') });
  expect(errors).toEqual([]);
  await closeContexts(ada.context, ben.context);
});
