// review43c F1: the status a person gives in a check-in was kept and shown in the history, and read by no figure.
// Ada checks in "Off track: Big deal slipped to Q1" on a key result whose figures are fine: the row, the panel,
// the canvas and the pulse all kept reading On track beside the red "Off track" chip in its history. Now her word
// is a signal ("Reported in a check-in"), on both screens, until someone checks in another status.
import { expect, test } from '@playwright/test';
import { CanvasDriver } from './pages/canvas-driver.js';
import { DetailPanel } from './pages/detail-panel.js';
import { PulsePage } from './pages/pulse-page.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { twoOnOnePlan } from './support/two-users.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('a key result its owner checks in as off track reads off track everywhere, on both screens, until a later status', async ({ browser }) => {
  test.setTimeout(180_000);
  const token = mintToken(server.dataDir, 'reported', 'editor');
  const { ada, ben, errors } = await twoOnOnePlan(browser, server.url, token, 'reported', 'Offsite plan');
  const adaDetail = new DetailPanel(ada.page), benDetail = new DetailPanel(ben.page);
  await ada.outline.select('key result', 'Revenue from DACH');
  await adaDetail.setField('Start value', '0');
  await adaDetail.setField('Target value', '100');
  await adaDetail.addCheckIn({ value: '60', status: 'Off track', note: 'Big deal slipped to Q1' });
  await expect(adaDetail.history).toHaveCount(1);

  await ben.outline.select('key result', 'Revenue from DACH');
  for (const [user, detail] of [[ada, adaDetail], [ben, benDetail]] as const) {
    await expect(detail.history.first()).toContainText('Off track');
    await expect(detail.health).toHaveAccessibleName(/Off track/i);
    const signals = detail.root.getByRole('list', { name: 'Signals' });
    await expect(signals).toContainText('Reported in a check-in');
    await expect(signals).toContainText('Latest check-in says off track: Big deal slipped to Q1');
    await expect(user.outline.row('key result', 'Revenue from DACH')).toHaveAccessibleDescription(/Check-in status/);
    await expect(user.outline.row('key result', 'Revenue from DACH')).toContainText(/Check-in status/i);
  }
  await expectAccessible(ben.page, 'a key result reported off track in a check-in');
  await ben.page.screenshot({ path: 'docs/screenshots/reported-status.png' });

  // Ben's pulse counts it behind and as where risk begins; the canvas paints it and its strategy off track.
  await ben.shell.goTo('Execution pulse');
  const pulse = new PulsePage(ben.page);
  await expect(pulse.card('Are key results progressing as expected?')).toContainText(/1 of 1/);
  await expect(pulse.card('Are key results progressing as expected?')).toContainText('called at risk or off track in a check-in');
  await pulse.open('Where do risks begin?');
  await expect(pulse.entry('Where do risks begin?', 'Revenue from DACH')).toContainText('Latest check-in says off track: Big deal slipped to Q1');
  await expect(pulse.evidence('Where do risks begin?')).toContainText('Called at risk or off track in a check-in');
  await expectAccessible(ben.page, 'the pulse naming a status reported in a check-in');
  await ben.page.screenshot({ path: 'docs/screenshots/reported-status-pulse.png' });
  await ben.page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Cascade' }).click();
  const canvas = new CanvasDriver(ben.page);
  await expect.poll(async () => (await canvas.card('Revenue from DACH'))?.health).toBe('off track');
  await expect.poll(async () => (await canvas.card('Grow in Europe'))?.health).toBe('off track');

  // A value with no status does not take her word back; Ben's "On track" does, on both screens.
  await adaDetail.addCheckIn({ value: '62' });
  await expect(adaDetail.history).toHaveCount(2);
  await expect(adaDetail.health).toHaveAccessibleName(/Off track/i);
  await ben.shell.goTo('Outline');
  await ben.outline.select('key result', 'Revenue from DACH');
  await expect(benDetail.history).toHaveCount(2);
  await benDetail.checkInForm.getByRole('checkbox', { name: /^No new value/ }).check();
  await benDetail.addCheckIn({ status: 'On track', note: 'Two upsells cover it' });
  // The same day, his "On track" over her "Off track" is a disagreement, not a verdict: at risk, both named
  // (leftovers46a). Her own "On track" settles it.
  for (const detail of [adaDetail, benDetail]) {
    await expect(detail.history).toHaveCount(3);
    await expect(detail.health).toHaveAccessibleName(/At risk/i);
    await expect(detail.root.getByRole('list', { name: 'Signals' })).toContainText(/said off track the same day: Big deal slipped to Q1/);
  }
  await adaDetail.checkInForm.getByRole('checkbox', { name: /^No new value/ }).check();
  await adaDetail.addCheckIn({ status: 'On track', note: 'Agreed' });
  for (const [user, detail] of [[ada, adaDetail], [ben, benDetail]] as const) {
    await expect(detail.history).toHaveCount(4);
    await expect(detail.health).toHaveAccessibleName(/On track/i);
    await expect(detail.root.getByRole('list', { name: 'Signals' })).toHaveCount(0);
    await expect(user.outline.row('key result', 'Revenue from DACH')).not.toHaveAccessibleDescription(/Check-in status/);
  }
  expect(errors).toEqual([]);
  await closeContexts(ada.context, ben.context);
});
