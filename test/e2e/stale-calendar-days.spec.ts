// "No check-in for N days" beside its flag (usercheck10): the stale rule counted elapsed 24-hour spans, so
// a key result checked in at 00:30 and read a week later at 01:00 was listed as behind with the words
// "No check-in for 7 days (cadence 7 days)". Now it counts the plan's calendar days, as "Blocked for N
// days" does: on the seventh day it is not behind; from the eighth day's midnight it is, "for 8 days".
import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { DetailPanel } from './pages/detail-panel.js';
import { LibraryPage } from './pages/library-page.js';
import { OutlinePage } from './pages/outline-page.js';
import { PulsePage } from './pages/pulse-page.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { expectAccessible } from './support/axe.js';
import { typeCascade } from './support/outline-steps.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

const QUESTION = 'Are key results progressing as expected?';

test('a key result is behind for want of a check-in only past the cadence in calendar days, and says those days', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
  const page = await context.newPage();
  const checkedIn = Date.UTC(2026, 10, 20, 0, 30);
  await context.clock.setFixedTime(checkedIn);
  const shell = new AppShell(page);
  const outline = new OutlinePage(page);
  await shell.open(server.url);
  await new LibraryPage(page).createPlan('Cadence plan');
  await typeCascade(outline, ['Grow', 'Win DACH', 'Revenue']);
  await outline.select('key result', 'Revenue');
  await new DetailPanel(page).addCheckIn({ value: '4' });
  await expect(new DetailPanel(page).history).toHaveCount(1);

  // Seven calendar days later at 01:00 (seven days and half an hour elapsed): the cadence, not past it.
  await context.clock.setFixedTime(checkedIn + 7 * 86_400_000 + 30 * 60_000);
  await page.reload();
  await shell.goTo('Execution pulse');
  const pulse = new PulsePage(page);
  await expect(pulse.card(QUESTION)).toHaveText(/expected\?\s*0 of 1/);

  // The eighth day, from its midnight: behind, and the words count the same eight days.
  await context.clock.setFixedTime(checkedIn + 8 * 86_400_000 - 30 * 60_000);
  await page.reload();
  await shell.goTo('Execution pulse');
  await expect(pulse.card(QUESTION)).toHaveText(/expected\?\s*1 of 1/);
  await pulse.open(QUESTION);
  await expect(pulse.entry(QUESTION, 'Revenue')).toContainText('No check-in for 8 days (cadence 7 days)');
  await expectAccessible(page, 'the pulse listing a key result without a check-in past its cadence');
  await context.close();
});
