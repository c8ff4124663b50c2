// review39b F10 and F11 (polish39): a rename made offline on a task whose initiative someone deleted
// meanwhile is told on reconnect, once, as the online race is; the red notice goes when the item is
// restored (by anyone), and it can be dismissed from the keyboard.
import { expect, test, type Browser } from '@playwright/test';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { hostSharedPlan, joinSharedPlan, newUser } from './support/two-users.js';
import { LibraryPage } from './pages/library-page.js';
import { typeCascade } from './support/outline-steps.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

async function hostAndGuest(browser: Browser, workspace: string, hostName = 'Hana') {
  const token = mintToken(server.dataDir, workspace, 'editor');
  const host = await newUser(browser, 'host');
  const guest = await newUser(browser, 'guest');
  const link = await hostSharedPlan(host, server.url, token, workspace, 'Rename on deleted plan');
  await host.shell.setIdentity(hostName, { addAsPerson: true });
  await joinSharedPlan(guest, link, 'Ben Guest');
  await guest.shell.setIdentity('Ben Guest', { addAsPerson: true });
  return { host, guest };
}

test('an offline rename inside an initiative deleted meanwhile is told once on reconnect; the notice goes when the host restores it', async ({ browser }) => {
  test.setTimeout(150_000); // two browsers, offline and back, an axe audit: slow on a loaded machine
  const { host, guest } = await hostAndGuest(browser, 'rename-on-deleted');

  await guest.context.setOffline(true);
  await guest.shell.expectSyncStatus('Offline');
  await host.outline.select('initiative', 'Open a Munich office');
  await host.outline.focus();
  await host.page.keyboard.press('Delete');
  await expect(host.outline.row('task', 'Sign the office lease')).toHaveCount(0);
  await guest.outline.select('task', 'Sign the office lease');
  await guest.outline.focus();
  await guest.page.keyboard.press('F2');
  await expect(guest.outline.titleEditor).toBeFocused();
  await guest.page.keyboard.press('Control+a');
  await guest.page.keyboard.type('Sign the lease (urgent)');
  await guest.page.keyboard.press('Enter');
  await expect(guest.outline.row('task', 'Sign the lease (urgent)')).toBeVisible();
  await guest.context.setOffline(false);
  await guest.shell.expectSyncStatus('Synced');

  await expect(guest.outline.row('task', 'Sign the lease (urgent)')).toHaveCount(0);
  const notice = guest.shell.notice('was deleted by');
  await expect(notice).toHaveCount(1);
  await expect(notice).toContainText('"Sign the lease (urgent)" was deleted by Hana, with "Open a Munich office", while you renamed it.');
  await expect(notice.getByRole('button', { name: 'Restore it with your title' })).toBeVisible();
  // The host has nothing to be told: she renamed nothing.
  await expect(host.shell.notice('while you renamed')).toHaveCount(0);
  await expectAccessible(guest.page, 'a rename told deleted on reconnect');
  await guest.page.screenshot({ path: 'test-results/rename-on-deleted-reconnect.png' });

  // Offline and back again: not told a second time.
  await guest.context.setOffline(true);
  await guest.shell.expectSyncStatus('Offline');
  await guest.context.setOffline(false);
  await guest.shell.expectSyncStatus('Synced');
  await expect(guest.shell.notice('was deleted by')).toHaveCount(1);

  // The host restores it: the guest's notice goes, and the task reads his title.
  await host.page.getByRole('button', { name: 'Deleted items' }).click();
  await host.page.getByRole('list', { name: 'Deleted items' }).getByRole('listitem').filter({ hasText: 'Open a Munich office' })
    .getByRole('button', { name: 'Restore', exact: true }).click();
  await host.page.keyboard.press('Escape');
  await expect(guest.outline.row('task', 'Sign the lease (urgent)')).toBeVisible();
  await expect(guest.shell.notice('was deleted by')).toHaveCount(0);
  await closeContexts(host.context, guest.context);
});

test('the online race notice goes when the host restores the row, and can be dismissed from the keyboard', async ({ browser }) => {
  test.setTimeout(150_000);
  const { host, guest } = await hostAndGuest(browser, 'rename-race-settled');
  const race = async () => {
    await guest.outline.select('task', 'Sign the office lease');
    await guest.outline.focus();
    await guest.page.keyboard.press('F2');
    await expect(guest.outline.titleEditor).toBeFocused();
    await guest.page.keyboard.press('Control+a');
    await guest.page.keyboard.type('Sign the lease by March');
    await host.outline.select('task', 'Sign the office lease');
    await host.outline.focus();
    await host.page.keyboard.press('Delete');
    await expect(guest.outline.row('task', 'Sign the office lease')).toHaveCount(0);
  };
  await race();
  const notice = guest.shell.notice('was deleted by someone else while you renamed it to "Sign the lease by March"');
  await expect(notice).toBeVisible();
  // Restored by the host (her Undo): the guest's notice goes by itself.
  await host.shell.notice('Deleted "Sign the office lease"').getByRole('button', { name: 'Undo' }).click();
  await expect(guest.outline.row('task', 'Sign the office lease')).toBeVisible();
  await expect(notice).toHaveCount(0);

  // Again, and this time dismissed from the keyboard: Tab reaches its ✕ and Enter closes it.
  await race();
  await expect(notice).toBeVisible();
  await notice.getByRole('button', { name: 'Restore it with your title' }).focus();
  await guest.page.keyboard.press('Tab');
  await expect(notice.getByRole('button', { name: 'Dismiss' })).toBeFocused();
  await guest.page.keyboard.press('Enter');
  await expect(notice).toHaveCount(0);
  await closeContexts(host.context, guest.context);
});

// review40a F3: the notice is the only copy of the title Ben typed. It went as soon as he opened another
// plan (or the library), though the item was still deleted. It stays now; its button, pressed in another
// plan, opens the item's plan and restores it there with his title.
test('the notice keeping a title typed offline on a task deleted meanwhile stays while another plan is open, and restores in its own plan', async ({ browser }) => {
  test.setTimeout(180_000); // two browsers, offline and back, three plan switches, an axe audit
  const { host: ada, guest: ben } = await hostAndGuest(browser, 'rename-notice-stays', 'Ada');
  // Ben keeps a plan of his own on this device.
  const library = new LibraryPage(ben.page);
  const openPlan = async (name: string) => {
    await ben.page.getByRole('link', { name: 'All plans' }).click();
    await expect(library.heading).toBeVisible();
    // Listed under its workspace or on this device only: the plan's link, wherever the start page lists it.
    await ben.page.getByRole('link', { name, exact: true }).first().click();
    await expect(ben.page.getByRole('tree', { name: 'Plan outline' })).toBeVisible();
  };
  await ben.page.getByRole('link', { name: 'All plans' }).click();
  await library.createPlan('Ben notes');
  await typeCascade(ben.outline, ['Ship the mobile app']);
  await openPlan('Rename on deleted plan');
  await expect(ben.outline.row('task', 'Sign the office lease')).toBeVisible();
  await ben.shell.expectSyncStatus('Synced');

  // Ben, offline, starts renaming the task; Ada deletes it meanwhile; he comes back online mid-rename.
  await ben.context.setOffline(true);
  await ben.shell.expectSyncStatus('Offline');
  await ben.outline.select('task', 'Sign the office lease');
  await ben.outline.focus();
  await ben.page.keyboard.press('F2');
  await expect(ben.outline.titleEditor).toBeFocused();
  await ben.page.keyboard.press('Control+a');
  await ben.page.keyboard.type('Sign the lease by March');
  await ada.outline.select('task', 'Sign the office lease');
  await ada.outline.focus();
  await ada.page.keyboard.press('Delete');
  await expect(ada.outline.row('task', 'Sign the office lease')).toHaveCount(0);
  await ben.context.setOffline(false);
  await expect(ben.outline.row('task', 'Sign the office lease')).toHaveCount(0);
  const notice = ben.shell.notice('was deleted by someone else while you renamed it to "Sign the lease by March"');
  await expect(notice).toBeVisible();

  // The library, then his own plan: the notice stays, with his words.
  await ben.page.getByRole('link', { name: 'All plans' }).click();
  await expect(library.heading).toBeVisible();
  await expect(notice).toBeVisible();
  await ben.page.getByRole('link', { name: 'Ben notes', exact: true }).first().click();
  await expect(ben.page.getByRole('tree', { name: 'Plan outline' })).toBeVisible();
  await expect(notice).toBeVisible();
  await expectAccessible(ben.page, 'the kept-title notice over another plan');
  await ben.page.screenshot({ path: 'test-results/rename-notice-in-another-plan.png' });

  // Back in the shared plan, the task still deleted: still there.
  await openPlan('Rename on deleted plan');
  await expect(ben.outline.row('task', 'Sign the lease by March')).toHaveCount(0);
  await expect(notice).toBeVisible();

  // Pressed from his own plan, the button opens the shared plan and restores the task with his title.
  await openPlan('Ben notes');
  await notice.getByRole('button', { name: 'Restore it with your title' }).click();
  await expect(ben.outline.row('task', 'Sign the lease by March')).toBeVisible();
  await expect(notice).toHaveCount(0);
  await expect(ada.outline.row('task', 'Sign the lease by March')).toBeVisible();
  await closeContexts(ada.context, ben.context);
});
