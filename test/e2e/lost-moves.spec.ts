// One task moved by two people while one was offline (indented under the task above here, moved up
// to the first place there): after reconnecting both see it in the same place, and the other move
// stays in its details with who made it — one click puts it there instead, for everyone. Yjs alone
// would keep one place by client id and undo the other person's move on their screen without a word.
import { expect, test } from '@playwright/test';
import { DetailPanel } from './pages/detail-panel.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { addLineAfter } from './support/outline-steps.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { hostSharedPlan, joinSharedPlan, newUser } from './support/two-users.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('a task moved offline and online at once: one place shown on both, the other move kept in its details to put it there', async ({ browser }) => {
  test.setTimeout(150_000); // two browsers, offline and back, an axe audit: slow on a loaded machine
  const workspace = 'lost-moves';
  const token = mintToken(server.dataDir, workspace, 'editor');
  const host = await newUser(browser, 'host');
  const guest = await newUser(browser, 'guest');
  const link = await hostSharedPlan(host, server.url, token, workspace, 'Lost moves plan');
  await host.shell.setIdentity('Hana', { addAsPerson: true });
  await addLineAfter(host.outline, 'task', 'Sign the office lease', 'Hire a local lead');
  await joinSharedPlan(guest, link, 'Ben Guest');
  await guest.shell.setIdentity('Ben Guest', { addAsPerson: true });
  await expect(guest.outline.row('task', 'Hire a local lead')).toBeVisible();
  const hostDetails = new DetailPanel(host.page), guestDetails = new DetailPanel(guest.page);

  await guest.context.setOffline(true);
  await guest.shell.expectSyncStatus('Offline');
  // Ben indents it under the task above; Hana moves it up to the first place under the initiative.
  await guest.outline.select('task', 'Hire a local lead');
  await guest.outline.focus();
  await guest.outline.press('Tab');
  await expect(guestDetails.root.getByRole('navigation', { name: 'Path' })).toContainText('Sign the office lease');
  await host.outline.select('task', 'Hire a local lead');
  await host.outline.focus();
  await host.outline.press('Alt+ArrowUp');
  await expect(hostDetails.root.getByRole('navigation', { name: 'Path' })).not.toContainText('Sign the office lease');
  await guest.context.setOffline(false);
  await guest.shell.expectSyncStatus('Synced');

  // Both show it in the same place, and the other move in its details, on both screens.
  const underLease = async (details: DetailPanel) => (await details.root.getByRole('navigation', { name: 'Path' }).textContent())?.includes('Sign the office lease') ?? false;
  await expect.poll(async () => [await underLease(hostDetails), await underLease(guestDetails)].join()).toMatch(/^(true,true|false,false)$/);
  const guestWon = await underLease(hostDetails);
  const lostLabel = guestWon ? 'Also moved under “Open a Munich office” by Hana — put it there' : 'Also moved under “Sign the office lease” by Ben Guest — put it there';
  for (const details of [hostDetails, guestDetails]) {
    await expect(details.root.getByRole('list', { name: 'Move conflicts' }).getByRole('button', { name: lostLabel })).toBeVisible();
  }
  await expectAccessible(guest.page, 'a lost move in the detail panel');
  await guest.page.screenshot({ path: 'docs/screenshots/lost-move.png' });

  // Put it there: both show it where the lost move put it, and the conflict is gone on both.
  await guestDetails.root.getByRole('button', { name: lostLabel }).click();
  for (const details of [hostDetails, guestDetails]) {
    await expect.poll(() => underLease(details)).toBe(!guestWon);
    await expect(details.root.getByRole('list', { name: 'Move conflicts' })).toHaveCount(0);
  }
  await closeContexts(host.context, guest.context);
});
