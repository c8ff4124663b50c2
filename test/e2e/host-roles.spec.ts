import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe.js';
import { appendToTitle } from './support/outline-steps.js';
import { hostedTrio } from './support/hosted-trio.js';

test('the host makes a participant a viewer and an editor again from their row: their app switches at once, keeps the role when reloaded, and edits flow only as an editor', async ({ browser }) => {
  test.setTimeout(180_000);
  const { host, ada, ben, panel, close } = await hostedTrio(browser);
  try {
    const people = panel.getByRole('table');
    const benRow = people.getByRole('row', { name: 'Ben', exact: true });
    await expect(benRow).toContainText('Editor');
    await expect(people.getByRole('row', { name: 'Ada Host', exact: true })).toContainText('Editor');

    // Taking rights away asks first, and says what it cannot promise: Ben may keep the link he shares with Ada.
    await benRow.getByRole('button', { name: 'Make viewer: Ben…' }).click();
    const confirm = benRow.getByRole('group', { name: 'Confirm making Ben a viewer' });
    await expect(confirm).toContainText('Ben can only look from now on, in every plan open.');
    await expect(confirm).toContainText('They may keep the editor link they joined with, shared with Ada Host');
    await expect(confirm.getByRole('button', { name: 'Make viewer', exact: true })).toBeFocused();
    await host.page.screenshot({ path: 'docs/screenshots/host-make-viewer.png', fullPage: true });
    await expectAccessible(host.page, 'host screen asking before making someone a viewer');
    // By keyboard: the focused choice, Enter.
    await host.page.keyboard.press('Enter');
    await expect(panel.getByRole('status')).toContainText('Ben is now a viewer.');

    // Ben's app switches at once, without a reload: told, view only, nothing editable.
    await expect(ben.shell.notice('The host made you a viewer')).toBeVisible();
    await ben.shell.expectSyncStatus('Synced · view only');
    await expect(ben.shell.readOnlyBanner()).toContainText('You are a viewer of this plan');
    await ben.outline.select('objective', 'Win the DACH market');
    const benDetails = ben.page.getByRole('complementary', { name: 'Details' });
    await expect(benDetails.getByRole('textbox', { name: 'Title', exact: true })).not.toBeEditable();
    await expect(benRow).toContainText('Viewer');
    // Ada still edits, and Ben sees it.
    await appendToTitle(ada.outline, 'key result', 'Revenue from DACH', ' (k€)');
    await expect(ben.outline.row('key result', 'Revenue from DACH (k€)')).toBeVisible();
    await ben.page.screenshot({ path: 'docs/screenshots/participant-made-viewer.png' });
    await expectAccessible(ben.page, 'participant just made a viewer');

    // Reloaded, Ben's app reconnects with the viewer link it was handed: still a viewer.
    await ben.page.reload();
    await expect(ben.outline.row('key result', 'Revenue from DACH (k€)')).toBeVisible();
    await ben.shell.expectSyncStatus('Synced · view only');
    await expect(benRow).toContainText('Viewer');

    // Making him an editor again is at once (it takes nothing away); his app switches, his edits flow.
    // The list is read every two seconds and a reload makes Ben's app a new instance, so his row can be
    // older than the list: clicked then, the host is told so (a 404 from the server) and uses the
    // refreshed row again, as a person would.
    await expect(async () => {
      await benRow.getByRole('button', { name: 'Make editor: Ben' }).click();
      await expect(panel.getByRole('status')).toContainText('Ben is now an editor.', { timeout: 3_000 });
    }).toPass({ timeout: 20_000 });
    await expect(ben.shell.notice('The host made you an editor')).toBeVisible();
    await ben.shell.expectSyncStatus('Synced');
    await expect(ben.shell.readOnlyBanner()).toHaveCount(0);
    await appendToTitle(ben.outline, 'objective', 'Win the DACH market', ' and Austria');
    await expect(ada.outline.row('objective', 'Win the DACH market and Austria')).toBeVisible();
    await expect(benRow).toContainText('Editor');
    // Ada was never touched.
    await ada.shell.expectSyncStatus('Synced');

    // Ben is on a personal link now; "Make viewer and revoke the link" revokes the link he joined
    // with (the one he shares with Ada, as the confirmation says), and the notice says what was revoked.
    await benRow.getByRole('button', { name: 'Make viewer: Ben…' }).click();
    const again = benRow.getByRole('group', { name: 'Confirm making Ben a viewer' });
    await expect(again).toContainText('They may keep the editor link they joined with, shared with Ada Host');
    await again.getByRole('button', { name: 'Make viewer and revoke the link' }).click();
    await expect(panel.getByRole('status')).toContainText('Ben is now a viewer.');
    await expect(panel.getByRole('status')).toContainText('Revoked the link they joined with');
    await expect(panel.getByRole('status')).not.toContainText('already revoked');
    await ben.shell.expectSyncStatus('Synced · view only');
    // Ada joined with that link: she is cut off and told why.
    await expect(ada.page.getByText('The host revoked the link you joined with').first()).toBeVisible();
    await expect(people.getByRole('row', { name: 'Ada Host', exact: true })).toHaveCount(0);
    // The revoked link is no longer offered in "Invite people".
    await expect(panel.getByRole('textbox', { name: 'Editor link' })).toHaveCount(0);
    await host.page.screenshot({ path: 'docs/screenshots/host-revoked-joined-link.png', fullPage: true });
    await expectAccessible(host.page, 'host screen after making someone a viewer and revoking the link they joined with');
  } finally {
    await close();
  }
});
