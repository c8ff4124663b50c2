// review45c F3: Ben checks in on the initiative with confidence 8; an hour later Ada, her first confidence on it,
// says 4. The initiative read "Confidence fell from 8 to 4" (a risk on the pulse) though nobody's confidence fell;
// and the next day Ben's 8 took it away while Ada's 4 stood. A drop is now one person's confidence falling.
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
const INITIATIVE = 'Open a Munich office';

/** Checks in on the initiative with `confidence`, given on the slider with the keyboard as a person does. */
async function checkIn(user: User, confidence: number, note: string): Promise<void> {
  await user.shell.goTo('Outline');
  await user.outline.select('initiative', INITIATIVE);
  const detail = new DetailPanel(user.page);
  const slider = detail.checkInForm.getByRole('slider', { name: /^Confidence/ });
  await slider.focus();
  await user.page.keyboard.press('Home');
  for (let step = 0; step < confidence; step++) await user.page.keyboard.press('ArrowRight');
  await expect(slider).toHaveAccessibleName(`Confidence: ${confidence}/10`);
  await detail.addCheckIn({ note });
  await expect(detail.history.first()).toContainText(note);
  await user.shell.expectSyncStatus('Synced');
}

async function risks(user: User): Promise<PulsePage> {
  await user.shell.goTo('Execution pulse');
  const pulse = new PulsePage(user.page);
  await pulse.open(RISK);
  return pulse;
}

test('another person\'s lower confidence is no drop; a person\'s own fall is, and stands past the other\'s', async ({ browser }) => {
  test.setTimeout(180_000);
  const token = mintToken(server.dataDir, 'confidence-people', 'editor');
  const { ada, ben, errors } = await twoOnOnePlan(browser, server.url, token, 'confidence-people', 'Sprint plan');

  await checkIn(ben, 8, 'Lease draft looks good');
  await checkIn(ada, 4, 'Budget is tight');
  await ada.shell.expectSyncStatus('Synced');
  let pulse = await risks(ada);
  await expect(pulse.entry(RISK, INITIATIVE)).toHaveCount(0);

  // Ben's own confidence falls from 8 to 5; Ada's later 9 does not take his fall away.
  await checkIn(ben, 5, 'Landlord wants a longer term');
  await checkIn(ada, 9, 'Budget approved');
  for (const user of [ada, ben]) {
    await user.shell.expectSyncStatus('Synced');
    pulse = await risks(user);
    await expect(pulse.entry(RISK, INITIATIVE)).toContainText('Confidence fell from 8 to 5');
  }
  await expectAccessible(ada.page, 'the pulse naming one person\'s confidence drop');
  await ada.page.screenshot({ path: test.info().outputPath('confidence-drop-per-person.png') });
  expect(errors).toEqual([]);
  await closeContexts(ada.context, ben.context);
});
