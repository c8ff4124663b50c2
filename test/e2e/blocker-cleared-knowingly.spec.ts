// trustA, thirty-first session (review33 F1): a blocker disappeared when someone who never saw it
// checked in later. Ada is offline on the train; Ben raises a blocker on "Open a Munich office". Ada,
// not having seen it, posts her weekly note. Before, the merge cleared Ben's blocker on both screens.
// Now it stands; once Ada sees it, her form opens with "Still blocked" ticked and Ben's reason, and
// unticking it says whose blocker her check-in clears.
import { expect, test } from '@playwright/test';
import { DetailPanel } from './pages/detail-panel.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { twoOnOnePlan } from './support/two-users.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';

/** The text with ⟨ ⟩ standing for the first-strong isolate and its pop. */
const isolated = (text: string) => text.replaceAll('⟨', '\u2068').replaceAll('⟩', '\u2069');

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('an offline weekly note leaves a blocker its author never saw; clearing it is a choice the form names', async ({ browser }) => {
  test.setTimeout(180_000);
  const token = mintToken(server.dataDir, 'blocker-knowingly', 'editor');
  const { ada, ben, errors } = await twoOnOnePlan(browser, server.url, token, 'blocker-knowingly', 'Blockers');
  await ben.shell.setIdentity('Ben Guest', { addAsPerson: true });
  const title = 'Open a Munich office';
  await ada.outline.select('initiative', title);
  await ben.outline.select('initiative', title);
  const adaDetails = new DetailPanel(ada.page);
  const benDetails = new DetailPanel(ben.page);

  // Ada goes offline; Ben raises a blocker.
  await ada.context.setOffline(true);
  await benDetails.addCheckIn({ note: 'Landlord wants a bank guarantee', blocker: true });
  await expect(benDetails.history).toHaveCount(1);
  await ben.shell.expectSyncStatus('Synced');
  // Ben's form now opens on the blocker: "Still blocked" ticked, his reason beside it.
  await expect(benDetails.checkInForm.getByRole('checkbox', { name: 'Still blocked' })).toBeChecked();
  await expect(benDetails.checkInForm.getByRole('list', { name: 'Blockers standing' })).toContainText('Landlord wants a bank guarantee');

  // Ada, offline, has not seen it: her form offers "I am blocked", unticked. She posts her weekly note.
  await expect(adaDetails.checkInForm.getByRole('checkbox', { name: 'I am blocked' })).not.toBeChecked();
  await adaDetails.addCheckIn({ note: 'Weekly: viewing the second floor on Friday' });
  await expect(adaDetails.history).toHaveCount(1);

  // Back online: both check-ins on both screens, and the blocker still stands on both.
  await ada.context.setOffline(false);
  await ada.shell.expectSyncStatus('Synced');
  await expect(adaDetails.history).toHaveCount(2);
  await expect(benDetails.history).toHaveCount(2);
  for (const details of [adaDetails, benDetails]) {
    await expect(details.history.filter({ hasText: 'Landlord wants a bank guarantee' })).toContainText('Blocker');
    await expect(details.history.filter({ hasText: 'Landlord wants a bank guarantee' })).not.toContainText('Blocker (cleared)');
  }

  // Now Ada sees it: "Still blocked" ticked with Ben's reason. The guarantee arrives; she unticks it,
  // and the form says what her check-in will clear.
  const still = adaDetails.checkInForm.getByRole('checkbox', { name: 'Still blocked' });
  await expect(still).toBeChecked();
  // Names and typed text are isolated (U+2068 … U+2069) so a right-to-left name cannot reorder the sentence.
  await expect(adaDetails.checkInForm).toContainText(isolated('raised by ⟨Ben Guest⟩: “⟨Landlord wants a bank guarantee⟩”'));
  await adaDetails.checkInForm.screenshot({ path: 'docs/screenshots/check-in-still-blocked.png' });
  await adaDetails.checkInForm.getByLabel('Note', { exact: true }).fill('Guarantee signed, keys on Monday');
  await still.uncheck();
  await expect(adaDetails.checkInForm.getByRole('status')).toHaveText(isolated('This check-in clears ⟨Ben Guest⟩’s blocker: “⟨Landlord wants a bank guarantee⟩”.'));
  await expectAccessible(ada.page, 'check-in form clearing a blocker');
  await adaDetails.checkInForm.screenshot({ path: 'docs/screenshots/check-in-clears-blocker.png' });
  await adaDetails.checkInForm.getByRole('button', { name: 'Add check-in' }).click();
  await expect(adaDetails.history).toHaveCount(3);

  // Cleared on both screens; the forms offer "I am blocked" again.
  await ada.shell.expectSyncStatus('Synced');
  await expect(benDetails.history).toHaveCount(3);
  for (const details of [adaDetails, benDetails]) {
    await expect(details.history.filter({ hasText: 'Landlord wants a bank guarantee' })).toContainText('Blocker (cleared)');
    await expect(details.history.filter({ hasText: 'Guarantee signed' })).toContainText('Cleared a blocker');
    await expect(details.checkInForm.getByRole('checkbox', { name: 'I am blocked' })).not.toBeChecked();
  }
  await expectAccessible(ben.page, 'check-in history after the blocker was cleared');
  await ben.page.screenshot({ path: 'docs/screenshots/blocker-cleared-history.png' });

  expect(errors).toEqual([]);
  await closeContexts(ada.context, ben.context);
});
