// review46b F1: the leadership team closes 2026-Q4 and plans 2027-Q1 at an offsite. Ben checked in "Revenue from
// DACH" at 60 of 100 in December, off track, and the key result missed. In January the pulse still counted it as a
// key result behind ("60% done where 100% of the period has elapsed (off track)") and listed it where risk begins:
// last quarter's miss kept this quarter's dashboard red for good. Now, once the period is over, its key results
// read the period's verdict (info), "The period ended at 60% done, 40 points short", and no longer count as behind.
import { expect, test } from '@playwright/test';
import { DetailPanel } from './pages/detail-panel.js';
import { PulsePage } from './pages/pulse-page.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { hostSharedPlan, joinSharedPlan, newUser, type User } from './support/two-users.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

const BEHIND = 'Are key results progressing as expected?';
const RISK = 'Where do risks begin?';
const KEY_RESULT = 'Revenue from DACH';

async function setClock(users: readonly User[], iso: string): Promise<void> {
  for (const user of users) {
    await user.context.clock.setFixedTime(Date.parse(iso));
    await user.page.reload();
    await user.shell.expectSyncStatus('Synced');
  }
}

async function openPulse(user: User): Promise<PulsePage> {
  await user.shell.goTo('Execution pulse');
  return new PulsePage(user.page);
}

test('a key result missed last quarter reads as the period\'s verdict once the quarter is over, and no longer counts as behind', async ({ browser }) => {
  test.setTimeout(240_000);
  // The quarter's dates lie ahead of the machine's clock: a token lasting past them (the app checks expiry by the page's clock).
  const token = mintToken(server.dataDir, 'quarter-close', 'editor', '60d');
  const options = { locale: 'en-US', timezoneId: 'UTC' };
  const ada = await newUser(browser, 'Ada', true, options);
  const ben = await newUser(browser, 'Ben', true, options);
  const errors: string[] = [];
  for (const [who, user] of [['Ada', ada], ['Ben', ben]] as const) user.page.on('pageerror', (error) => errors.push(`${who}: ${error.message}`));
  for (const user of [ada, ben]) await user.context.clock.setFixedTime(Date.parse('2026-11-02T10:00:00Z'));
  const link = await hostSharedPlan(ada, server.url, token, 'quarter-close', 'Leadership offsite');
  await joinSharedPlan(ben, link, 'Ben Guest');

  // Ada sets up the quarter: 2026-Q4, the objective in it, the key result from 0 to 100.
  await ada.shell.goTo('People & teams');
  const periods = ada.page.getByRole('region', { name: 'Periods' });
  await periods.getByLabel("New period's name").fill('2026-Q4');
  await periods.getByLabel('Starts', { exact: true }).fill('2026-10-01');
  await periods.getByLabel('Ends', { exact: true }).fill('2026-12-31');
  await periods.getByRole('button', { name: 'Add period' }).click();
  await expect(periods.getByRole('listitem').filter({ hasText: '2026-Q4' })).toHaveCount(1);
  await ada.shell.goTo('Outline');
  const adaDetail = new DetailPanel(ada.page);
  await ada.outline.select('objective', 'Win the DACH market');
  await adaDetail.selectField('Period', '2026-Q4');
  await ada.outline.select('key result', KEY_RESULT);
  await adaDetail.setField('Start value', '0');
  await adaDetail.setField('Target value', '100');
  await ada.shell.expectSyncStatus('Synced');

  // Ben checks in during the quarter: 30 in November, 60 and "off track" on 18 December.
  const benDetail = new DetailPanel(ben.page);
  await ben.outline.select('key result', KEY_RESULT);
  await expect(benDetail.field('Target value')).toHaveValue('100');
  await benDetail.addCheckIn({ value: '30', note: 'Two pilots signed' });
  await expect(benDetail.history).toHaveCount(1);
  await setClock([ada, ben], '2026-12-18T10:00:00Z');
  await ben.outline.select('key result', KEY_RESULT);
  await benDetail.addCheckIn({ value: '60', status: 'Off track', note: 'Two deals slipped to Q1' });
  await expect(benDetail.history).toHaveCount(2);
  await ben.shell.expectSyncStatus('Synced');

  // The closing review, while the quarter runs: behind, as it should be.
  let pulse = await openPulse(ada);
  await expect(pulse.card(BEHIND)).toHaveText(/expected\?\s*1 of 1/);
  await pulse.open(BEHIND);
  await expect(pulse.entry(BEHIND, KEY_RESULT)).toContainText('of the period has elapsed');

  // 12 January 2027: the quarter is over. Its figures stand; nothing nags.
  await setClock([ada, ben], '2027-01-12T09:00:00Z');
  pulse = await openPulse(ada);
  await expect(pulse.card(BEHIND)).toHaveText(/expected\?\s*0 of 1/);
  await pulse.open(RISK);
  await expect(pulse.entry(RISK, KEY_RESULT)).toHaveCount(0);

  await ben.shell.goTo('Outline');
  await ben.outline.select('key result', KEY_RESULT);
  await benDetail.expectProgress('60%');
  const verdict = benDetail.root.getByRole('list', { name: 'Signals' }).getByRole('listitem').filter({ hasText: 'Period ended' });
  await expect(verdict).toContainText('The period ended at 60% done, 40 points short');
  await expect(benDetail.root.getByRole('list', { name: 'Signals' })).not.toContainText('Behind pace');
  await expectAccessible(ben.page, 'a key result of an ended quarter, its verdict in the detail panel');
  await ben.page.screenshot({ path: test.info().outputPath('period-ended-verdict.png') });
  expect(errors).toEqual([]);
  await closeContexts(ada.context, ben.context);
});
