// Review36c F2 (deleted36): Ben, offline, renames a task, sets it blocked and checks in a blocker; only
// then does Hana, who never saw any of it, delete the initiative holding the task. His work is dated
// BEFORE the deletion, so the listing that compared clock times named none of it: after the merge his
// rename, status and blocker were hidden with the task and nothing on either screen said so. The
// deletion now keeps what its author had seen (a state vector), and what it does not cover is offered
// back: the pulse and Deleted items name Ben's work on both devices, and Restore brings it back.
import { expect, test } from '@playwright/test';
import { DetailPanel } from './pages/detail-panel.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { hostSharedPlan, joinSharedPlan, newUser } from './support/two-users.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('work done offline before a deletion its author never saw is offered back on both devices', async ({ browser }) => {
  test.setTimeout(150_000); // two browsers, offline and back, an axe audit: slow on a loaded machine
  const workspace = 'deleted-work-unseen';
  const token = mintToken(server.dataDir, workspace, 'editor');
  const host = await newUser(browser, 'host');
  const guest = await newUser(browser, 'guest');
  const link = await hostSharedPlan(host, server.url, token, workspace, 'Unseen work plan');
  await host.shell.setIdentity('Hana', { addAsPerson: true });
  await joinSharedPlan(guest, link, 'Ben Guest');
  await guest.shell.setIdentity('Ben Guest', { addAsPerson: true });

  // Ben, offline, works on the task first: rename (F2), status Blocked, a blocker check-in.
  await guest.context.setOffline(true);
  await guest.shell.expectSyncStatus('Offline');
  await guest.outline.select('task', 'Sign the office lease');
  await guest.outline.focus();
  await guest.outline.press('F2');
  await guest.page.keyboard.press('End');
  await guest.page.keyboard.type(' — legal must sign first');
  await guest.page.keyboard.press('Enter');
  await expect(guest.outline.row('task', 'Sign the office lease — legal must sign first')).toBeVisible();
  const benDetail = new DetailPanel(guest.page);
  await benDetail.selectField('Status', 'Blocked');
  await benDetail.addCheckIn({ blocker: true, note: 'Legal has not reviewed the contract' });
  await expect(benDetail.history).toHaveCount(1);

  // Then Hana, who has seen none of it, deletes the initiative.
  await host.outline.select('initiative', 'Open a Munich office');
  await host.outline.focus();
  await host.page.keyboard.press('Delete');
  await expect(host.outline.row('task', 'Sign the office lease')).toHaveCount(0);

  await guest.context.setOffline(false);
  await guest.shell.expectSyncStatus('Synced');

  for (const user of [host, guest]) {
    await expect(user.outline.row('task', 'Sign the office lease — legal must sign first')).toHaveCount(0);
    await user.shell.goTo('Execution pulse');
    const notice = user.page.getByRole('region', { name: 'Work on deleted items' });
    await expect(notice).toContainText('1 check-in, a blocker, 2 edits');
    await expect(notice).toContainText('the latest by Ben Guest');
    await expect(notice).toContainText('in initiative “Open a Munich office”, deleted by Hana');
    await user.shell.goTo('Outline');
    await user.page.getByRole('button', { name: 'Deleted items' }).click();
    const trash = user.page.getByRole('list', { name: 'Deleted items' }).getByRole('listitem').filter({ hasText: 'Open a Munich office' });
    await expect(trash).toContainText('1 check-in since (1 blocker)');
    await expect(trash).toContainText('2 edits since, by Ben Guest');
    if (user === host) {
      await expectAccessible(host.page, 'Deleted items offering back work its deleter had not seen');
      await host.page.screenshot({ path: 'docs/screenshots/deleted-work-unseen.png' });
    }
    await user.page.keyboard.press('Escape');
  }

  // Restoring brings Ben's work back for both.
  await host.page.getByRole('button', { name: 'Deleted items' }).click();
  await host.page.getByRole('list', { name: 'Deleted items' }).getByRole('listitem').filter({ hasText: 'Open a Munich office' })
    .getByRole('button', { name: 'Restore', exact: true }).click();
  await host.page.keyboard.press('Escape');
  for (const user of [host, guest]) {
    await expect(user.outline.row('task', 'Sign the office lease — legal must sign first')).toBeVisible();
    await user.shell.goTo('Execution pulse');
    await expect(user.page.getByRole('region', { name: 'Work on deleted items' })).toHaveCount(0);
    await user.shell.goTo('Outline');
  }
  await closeContexts(host.context, guest.context);
});
