// review45c F4: mid-sprint, Ben raises one initiative to critical and Ada lowers another to low. The pulse's
// "Are priorities shifting?" listed both as "Changed since “Sprint start”: priority", the same words for opposite
// moves, so the leader could not tell where the team's effort was going without walking the review. Now each
// says which way and from what to what, the same on both devices.
import { expect, test } from '@playwright/test';
import { DetailPanel } from './pages/detail-panel.js';
import { PulsePage } from './pages/pulse-page.js';
import { ReviewPage } from './pages/review-page.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { addLineAfter } from './support/outline-steps.js';
import { twoOnOnePlan } from './support/two-users.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

const SHIFTING = 'Are priorities shifting?';

test('a priority raised and one lowered read differently on the pulse, on both devices', async ({ browser }) => {
  test.setTimeout(180_000);
  const token = mintToken(server.dataDir, 'priority-shift', 'editor');
  const { ada, ben, errors } = await twoOnOnePlan(browser, server.url, token, 'priority-shift', 'Sprint plan');

  // Two initiatives at the sprint's start: the office at medium, a partner programme at high.
  await addLineAfter(ada.outline, 'initiative', 'Open a Munich office', 'Partner programme');
  const adaPanel = new DetailPanel(ada.page);
  await ada.outline.select('initiative', 'Open a Munich office');
  await adaPanel.selectField('Priority', 'Medium');
  await ada.outline.select('initiative', 'Partner programme');
  await adaPanel.selectField('Priority', 'High');
  const review = new ReviewPage(ada.page);
  await review.open();
  await review.createReviewPoint('Sprint start');
  await ada.shell.expectSyncStatus('Synced');

  // Mid-sprint: Ben raises the office to critical, Ada lowers the partner programme to low.
  await ben.shell.expectSyncStatus('Synced');
  await ben.outline.select('initiative', 'Open a Munich office');
  await new DetailPanel(ben.page).selectField('Priority', 'Critical');
  await ada.shell.goTo('Outline');
  await ada.outline.select('initiative', 'Partner programme');
  await adaPanel.selectField('Priority', 'Low');
  for (const user of [ada, ben]) await user.shell.expectSyncStatus('Synced');

  for (const user of [ada, ben]) {
    await user.shell.goTo('Execution pulse');
    const pulse = new PulsePage(user.page);
    await expect(pulse.card(SHIFTING)).toHaveText(/shifting\?\s*2\s*items changed/);
    await pulse.open(SHIFTING);
    await expect(pulse.entry(SHIFTING, 'Open a Munich office')).toContainText('priority raised from medium to critical');
    await expect(pulse.entry(SHIFTING, 'Partner programme')).toContainText('priority lowered from high to low');
  }
  await expectAccessible(ada.page, 'the pulse listing a priority raised and one lowered');
  await ada.page.screenshot({ path: test.info().outputPath('priority-shift-direction.png') });
  expect(errors).toEqual([]);
  await closeContexts(ada.context, ben.context);
});
