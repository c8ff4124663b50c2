// review45c F2: Ben checks in on a task "Off track: vendor gone"; an hour later Ada checks in "On track: my part
// fine". The task read on track everywhere, with no word of Ben's: the later status overruled his in silence. Now
// the later status is the task's, but another person's different status the same day is named with it, and an
// "on track" over someone's "off track" that day reads at risk — in the details and on the pulse, on both screens.
import { expect, test } from '@playwright/test';
import { DetailPanel } from './pages/detail-panel.js';
import { PulsePage } from './pages/pulse-page.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { twoOnOnePlan, type User } from './support/two-users.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

const RISK = 'Where do risks begin?';
const TASK = 'Sign the office lease';
// Names are isolated (bidi) in the sentence: any isolate marks around them are allowed.
const DISAGREEMENT = /Ada Host\W*'s latest check-in says on track: my part fine; \W*Ben Guest\W* said off track the same day: vendor gone/;

async function checkIn(user: User, status: string, note: string): Promise<void> {
  await user.shell.goTo('Outline');
  await user.outline.select('task', TASK);
  const detail = new DetailPanel(user.page);
  await detail.addCheckIn({ status, note });
  await expect(detail.history.first()).toContainText(note);
  await user.shell.expectSyncStatus('Synced');
}

test('two people\'s different statuses on one task the same day: the later stands, the other is named, on the details and the pulse', async ({ browser }) => {
  test.setTimeout(180_000);
  const token = mintToken(server.dataDir, 'same-day-statuses', 'editor');
  const { ada, ben, errors } = await twoOnOnePlan(browser, server.url, token, 'same-day-statuses', 'Sprint plan');

  await checkIn(ben, 'Off track', 'vendor gone');
  await checkIn(ada, 'On track', 'my part fine');
  for (const user of [ada, ben]) {
    await user.shell.expectSyncStatus('Synced');
    await user.shell.goTo('Outline');
    await user.outline.select('task', TASK);
    const detail = new DetailPanel(user.page);
    await expect(detail.root.getByText(DISAGREEMENT).first()).toBeVisible();
    await expect(detail.root.getByLabel(/^Health:/)).toHaveAccessibleName('Health: At risk');
    await user.shell.goTo('Execution pulse');
    const pulse = new PulsePage(user.page);
    await pulse.open(RISK);
    await expect(pulse.entry(RISK, TASK)).toContainText(DISAGREEMENT);
  }
  await expectAccessible(ada.page, 'the pulse naming two people\'s statuses the same day');
  await ada.page.screenshot({ path: test.info().outputPath('same-day-statuses.png') });

  // Ben agrees later that day: on track, nothing left to say.
  await checkIn(ben, 'On track', 'new vendor found');
  await ada.shell.expectSyncStatus('Synced');
  await ada.shell.goTo('Execution pulse');
  const pulse = new PulsePage(ada.page);
  await pulse.open(RISK);
  await expect(pulse.entry(RISK, TASK)).toHaveCount(0);
  expect(errors).toEqual([]);
  await closeContexts(ada.context, ben.context);
});
