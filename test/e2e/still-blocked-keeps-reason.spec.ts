// blocker37 (review36d B3): on a blocked item the check-in form opens with "Still blocked" ticked, and a
// check-in left so became a new blocker whose note was the reason shown everywhere. Ben raises "waiting
// on legal to sign off" on "Revenue from DACH"; Ada checks in 400 with "revenue up after the webinar",
// the box left ticked. Before, both screens read "Blocker raised in a check-in today: revenue up after
// the webinar", and Ada was listed as having raised it. Now both keep Ben's reason and Ben as its raiser;
// only "My note is a new reason", ticked, makes a note the reason.
import { expect, test } from '@playwright/test';
import { DetailPanel } from './pages/detail-panel.js';
import { MyWorkPage } from './pages/my-work-page.js';
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

test('a routine check-in with "Still blocked" left ticked keeps the blocker\'s reason and raiser on both screens', async ({ browser }) => {
  test.setTimeout(180_000);
  const token = mintToken(server.dataDir, 'still-blocked', 'editor');
  const { ada, ben, errors } = await twoOnOnePlan(browser, server.url, token, 'still-blocked', 'Blockers');
  await ben.shell.setIdentity('Ben Guest', { addAsPerson: true });
  const title = 'Revenue from DACH';
  await ada.outline.select('key result', title);
  await ben.outline.select('key result', title);
  const adaDetails = new DetailPanel(ada.page);
  const benDetails = new DetailPanel(ben.page);

  await benDetails.addCheckIn({ value: '100', note: 'waiting on legal to sign off', blocker: true });
  await expect(benDetails.history).toHaveCount(1);
  await ben.shell.expectSyncStatus('Synced');

  // Ada's form opens on the blocker, "Still blocked" ticked; she writes her routine check-in and leaves it so.
  await expect(adaDetails.history).toHaveCount(1);
  await expect(adaDetails.checkInForm.getByRole('checkbox', { name: 'Still blocked' })).toBeChecked();
  await adaDetails.addCheckIn({ value: '400', note: 'revenue up after the webinar' });
  await expect(adaDetails.history).toHaveCount(2);
  await ada.shell.expectSyncStatus('Synced');
  await expect(benDetails.history).toHaveCount(2);

  for (const details of [adaDetails, benDetails]) {
    const signals = details.root.getByRole('list', { name: 'Signals' });
    await expect(signals).toContainText('waiting on legal to sign off');
    await expect(signals).not.toContainText('revenue up after the webinar');
    const standing = details.checkInForm.getByRole('list', { name: 'Blockers standing' });
    await expect(standing).toContainText(isolated('raised by ⟨Ben Guest⟩: “⟨waiting on legal to sign off⟩”'));
    await expect(standing.getByRole('listitem')).toHaveCount(1);
    await expect(details.history.filter({ hasText: 'revenue up after the webinar' })).toContainText('Still blocked');
  }
  await expectAccessible(ada.page, 'check-in form after a routine check-in on a blocked key result');
  await ben.page.screenshot({ path: 'docs/screenshots/still-blocked-keeps-reason.png' });

  // Ada raised nothing: her My work lists no blocker; Ben's lists his, with his reason.
  await ada.shell.goTo('My work');
  await expect(new MyWorkPage(ada.page).item('My blockers', title)).toHaveCount(0);
  await ben.shell.goTo('My work');
  await expect(new MyWorkPage(ben.page).item('My blockers', title)).toContainText('waiting on legal to sign off');

  // A new reason is a choice (the box starts unticked): ticked, the note becomes the reason on both screens, and Ada a raiser.
  await ada.shell.goTo('Outline');
  await ada.outline.select('key result', title);
  await expect(adaDetails.checkInForm.getByRole('checkbox', { name: 'My note is a new reason' })).not.toBeChecked();
  await adaDetails.addCheckIn({ value: '400', note: 'now waiting on procurement', newReason: true });
  await expect(adaDetails.history).toHaveCount(3);
  await ada.shell.expectSyncStatus('Synced');
  await ben.shell.goTo('Outline');
  await ben.outline.select('key result', title);
  for (const details of [adaDetails, benDetails]) {
    await expect(details.root.getByRole('list', { name: 'Signals' })).toContainText('now waiting on procurement');
    await expect(details.checkInForm.getByRole('list', { name: 'Blockers standing' }).getByRole('listitem')).toHaveCount(2);
  }

  expect(errors).toEqual([]);
  await closeContexts(ada.context, ben.context);
});
