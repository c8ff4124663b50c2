// A blocker reported (and the priority changed) offline on a task whose initiative someone deleted
// meanwhile: after they merge, the task is hidden with the deletion, so the pulse's figures cannot
// count it and no view shows the edit. Both screens say work arrived on deleted items, Deleted items
// says so beside the item (check-ins and edits since, by whom), and Restore brings the task back with
// its blocker counted and its edit on it.
import { expect, test } from '@playwright/test';
import { DetailPanel } from './pages/detail-panel.js';
import { PulsePage } from './pages/pulse-page.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { hostSharedPlan, joinSharedPlan, newUser } from './support/two-users.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('a blocker checked in offline on work deleted meanwhile is shown on both screens, with the restore that counts it', async ({ browser }) => {
  test.setTimeout(150_000); // two browsers, offline and back, an axe audit: slow on a loaded machine
  const workspace = 'deleted-work';
  const token = mintToken(server.dataDir, workspace, 'editor');
  const host = await newUser(browser, 'host');
  const guest = await newUser(browser, 'guest');
  const link = await hostSharedPlan(host, server.url, token, workspace, 'Deleted work plan');
  await host.shell.setIdentity('Hana', { addAsPerson: true });
  await joinSharedPlan(guest, link, 'Ben Guest');
  await guest.shell.setIdentity('Ben Guest', { addAsPerson: true });

  await guest.context.setOffline(true);
  await guest.shell.expectSyncStatus('Offline');
  await host.outline.select('initiative', 'Open a Munich office');
  await host.outline.focus();
  await host.page.keyboard.press('Delete');
  await expect(host.outline.row('task', 'Sign the office lease')).toHaveCount(0);
  await guest.outline.select('task', 'Sign the office lease');
  await new DetailPanel(guest.page).addCheckIn({ status: 'Off track', blocker: true, note: 'landlord silent' });
  await expect(new DetailPanel(guest.page).history).toHaveCount(1);
  await new DetailPanel(guest.page).selectField('Priority', 'High');
  await expect(new DetailPanel(guest.page).field('Priority')).toHaveValue('high');
  await guest.context.setOffline(false);
  await guest.shell.expectSyncStatus('Synced');

  for (const user of [host, guest]) {
    await expect(user.outline.row('task', 'Sign the office lease')).toHaveCount(0);
    await user.shell.goTo('Execution pulse');
    const notice = user.page.getByRole('region', { name: 'Work on deleted items' });
    await expect(notice).toContainText('Task “Sign the office lease”: 1 check-in, a blocker, 1 edit (priority), the latest by Ben Guest');
    await expect(notice).toContainText('in initiative “Open a Munich office”, deleted by Hana');
    await expect(new PulsePage(user.page).card('Are teams blocked somewhere?').locator('[data-count]')).toHaveAttribute('data-count', '0');
  }
  await expectAccessible(guest.page, 'work on deleted items in the pulse');
  await guest.page.screenshot({ path: 'docs/screenshots/deleted-work.png' });

  // Deleted items says it beside the item too.
  await guest.shell.goTo('Outline');
  await guest.page.getByRole('button', { name: 'Deleted items' }).click();
  const trash = guest.page.getByRole('list', { name: 'Deleted items' }).getByRole('listitem').filter({ hasText: 'Open a Munich office' });
  await expect(trash).toContainText('1 check-in since (1 blocker)');
  await expect(trash).toContainText('1 edit since, by Ben Guest');
  await guest.page.keyboard.press('Escape');

  await host.page.getByRole('button', { name: 'Restore initiative “Open a Munich office”' }).click();
  for (const user of [host, guest]) {
    await user.shell.goTo('Execution pulse');
    await expect(user.page.getByRole('region', { name: 'Work on deleted items' })).toHaveCount(0);
    await expect(new PulsePage(user.page).card('Are teams blocked somewhere?').locator('[data-count]')).toHaveAttribute('data-count', '1');
    await user.shell.goTo('Outline');
    await expect(user.outline.row('task', 'Sign the office lease')).toBeVisible();
  }
  await host.outline.select('task', 'Sign the office lease');
  await expect(new DetailPanel(host.page).field('Priority')).toHaveValue('high');
  await closeContexts(host.context, guest.context);
});
