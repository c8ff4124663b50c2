// A check-in records the confidence its author gave, never one the form assumed. Before (usercheck15):
// the form's confidence slider started at 7 and could not be left empty, so every check-in made
// without touching it stored "Confidence 7/10". Ada checks in with confidence 10; Ben, on his laptop,
// checks in a value only: both screens then said "Confidence fell from 10 to 7", a drop nobody
// expressed, counted in the pulse's risks and the key result's health.
import { expect, test } from '@playwright/test';
import { DetailPanel } from './pages/detail-panel.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { twoOnOnePlan } from './support/two-users.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('a check-in whose author leaves the confidence alone records none, and raises no drop', async ({ browser }) => {
  test.setTimeout(180_000);
  const token = mintToken(server.dataDir, 'confidence', 'editor');
  const { ada, ben, errors } = await twoOnOnePlan(browser, server.url, token, 'confidence', 'Offsite plan');
  const adaDetail = new DetailPanel(ada.page), benDetail = new DetailPanel(ben.page);
  await ada.outline.select('key result', 'Revenue from DACH');
  await adaDetail.setField('Start value', '0');
  await adaDetail.setField('Target value', '100');

  // Ada gives her confidence with the keyboard: End puts the slider at 10.
  const adaSlider = adaDetail.checkInForm.getByRole('slider', { name: /^Confidence/ });
  await expect(adaSlider).toHaveAccessibleName('Confidence: not given');
  await adaSlider.focus();
  await ada.page.keyboard.press('End');
  await expect(adaSlider).toHaveAccessibleName('Confidence: 10/10');
  await adaDetail.addCheckIn({ value: '40', note: 'Two pilots signed' });
  await expect(adaDetail.history.first()).toContainText('Confidence 10/10');
  // The next check-in asks again.
  await expect(adaSlider).toHaveAccessibleName('Confidence: not given');

  // Ben checks in a value only, leaving the slider where it rests.
  await ben.outline.select('key result', 'Revenue from DACH');
  await expect(benDetail.history.first()).toContainText('Confidence 10/10');
  const benSlider = benDetail.checkInForm.getByRole('slider', { name: /^Confidence/ });
  await expect(benSlider).toHaveAccessibleName('Confidence: not given');
  await benDetail.addCheckIn({ value: '45' });

  for (const [user, detail] of [[ada, adaDetail], [ben, benDetail]] as const) {
    await expect(detail.history).toHaveCount(2);
    await expect(detail.history.first()).toContainText('Value 45');
    await expect(detail.history.first()).not.toContainText('Confidence');
    await expect(detail.history.nth(1)).toContainText('Confidence 10/10');
    await expect(detail.root.getByRole('list', { name: 'Signals' }).filter({ hasText: 'Confidence' })).toHaveCount(0);
    await expect(user.outline.row('key result', 'Revenue from DACH')).not.toHaveAccessibleDescription(/Confidence drop/);
  }
  await benDetail.history.first().scrollIntoViewIfNeeded();
  await expectAccessible(ben.page, 'a check-in without a confidence');
  await ben.page.screenshot({ path: 'docs/screenshots/confidence-not-given.png' });

  // A confidence given by mistake can be taken back before the check-in is added.
  await benSlider.focus();
  await ben.page.keyboard.press('Home');
  await expect(benSlider).toHaveAccessibleName('Confidence: 0/10');
  await benDetail.checkInForm.getByRole('button', { name: 'Clear confidence' }).click();
  await expect(benSlider).toHaveAccessibleName('Confidence: not given');
  expect(errors).toEqual([]);
  await closeContexts(ada.context, ben.context);
});
