// review45c F1: a team checks in every day or two on an initiative's task, as daily check-ins are made; nobody
// checks in on the initiative itself. Nine days on, the manager's pulse listed the initiative as not moving,
// "No check-in since it was created 9 days ago", and as a risk with "No recent check-in", while the task's
// history held check-ins from that very morning, by two people. Now a check-in on a task below counts as one on
// its initiative: the pulse lists nothing, and the initiative goes stale only when its tasks fall silent too.
import { expect, test } from '@playwright/test';
import { DetailPanel } from './pages/detail-panel.js';
import { PulsePage } from './pages/pulse-page.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { hostSharedPlan, joinSharedPlan, newUser, type User } from './support/two-users.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

const DAY = 86_400_000;
const MOVING = 'Are initiatives moving forward?';
const RISK = 'Where do risks begin?';

/** The person's device on `day` (days after the plan was made), reloaded so every figure is read at that time. */
async function onDay(user: User, start: number, day: number): Promise<void> {
  await user.context.clock.setFixedTime(start + day * DAY);
  await user.page.reload();
  await user.shell.expectSyncStatus('Synced');
}

async function checkInOnTask(user: User, note: string): Promise<void> {
  await user.outline.select('task', 'Sign the office lease');
  await new DetailPanel(user.page).addCheckIn({ note });
}

test('check-ins on an initiative\'s task keep it fresh on the pulse; it is stale once its tasks fall silent too', async ({ browser }) => {
  test.setTimeout(300_000);
  // Monday 2 November 2026, 09:00 in the plan's (and both browsers') zone.
  const start = Date.UTC(2026, 10, 2, 9);
  const token = mintToken(server.dataDir, 'daily-work', 'editor', '960h');
  const ada = await newUser(browser, 'Ada', true, { timezoneId: 'UTC', locale: 'en-US' });
  const ben = await newUser(browser, 'Ben', true, { timezoneId: 'UTC', locale: 'en-US' });
  for (const user of [ada, ben]) await user.context.clock.setFixedTime(start);
  // Typed on Ada's device, so the plan is made at her (fixed) clock's time, day 0.
  await joinSharedPlan(ben, await hostSharedPlan(ada, server.url, token, 'daily-work', 'Daily work', 'typed'), 'Ben Guest');

  // Ben checks in on the task every other working day; on day 9 Ada checks in on it too, an hour after him.
  for (const day of [1, 3, 5, 8, 9]) {
    await onDay(ben, start, day);
    await checkInOnTask(ben, `Lease, day ${day}`);
    await expect(new DetailPanel(ben.page).history.first()).toContainText(`Lease, day ${day}`);
  }
  await onDay(ada, start, 9);
  await ada.context.clock.setFixedTime(start + 9 * DAY + 3_600_000);
  await checkInOnTask(ada, 'Lawyer read it');
  await expect(ada.page.getByRole('heading', { name: 'Check-ins (6)' })).toBeVisible();

  // Day 9, the manager's pulse: the initiative is moving (its task was checked in today, by both).
  await ada.shell.goTo('Execution pulse');
  const pulse = new PulsePage(ada.page);
  await expect(pulse.card(MOVING)).toHaveText(/forward\?\s*0 of 1/);
  // The key result, never checked in, is a risk of its own (no recent check-in); the initiative is not.
  await pulse.open(RISK);
  await expect(pulse.entry(RISK, 'Revenue from DACH')).toContainText('No check-in since it was created 9 days ago');
  await expect(pulse.entry(RISK, 'Open a Munich office')).toHaveCount(0);
  await expectAccessible(ada.page, 'the pulse of an initiative whose task was checked in today');
  await ada.page.screenshot({ path: test.info().outputPath('initiative-task-check-ins-fresh.png') });

  // Seventeen days: eight calendar days after the last check-in on the task, the initiative is stale, counted from it.
  await onDay(ada, start, 17);
  await ada.shell.goTo('Execution pulse');
  await expect(pulse.card(MOVING)).toHaveText(/forward\?\s*1 of 1/);
  await pulse.open(MOVING);
  await expect(pulse.entry(MOVING, 'Open a Munich office')).toContainText('No check-in for 8 days (cadence 7 days)');
  await closeContexts(ada.context, ben.context);
});
