// Two people move two tasks under each other at once (Ben, offline, puts "Hire a local lead" under
// "Sign the office lease"; Hana then puts "Sign the office lease" under "Hire a local lead"). Both
// moves together would make a loop, so the later one (Hana's) goes back, on every replica. Each
// person reads a true sentence: Hana that her move was undone, Ben that it was Hana's move, not his.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { addLineAfter } from './support/outline-steps.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { hostSharedPlan, joinSharedPlan, newUser } from './support/two-users.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('a move loop broken by the model: "Your move undone" for the one whose move went back, whose move it was for the other', async ({ browser }) => {
  test.setTimeout(150_000);
  const workspace = 'move-loop';
  const token = mintToken(server.dataDir, workspace, 'editor');
  const host = await newUser(browser, 'host');
  const guest = await newUser(browser, 'guest');
  const link = await hostSharedPlan(host, server.url, token, workspace, 'Move loop plan');
  await host.shell.setIdentity('Hana', { addAsPerson: true });
  await addLineAfter(host.outline, 'task', 'Sign the office lease', 'Hire a local lead');
  await joinSharedPlan(guest, link, 'Ben Guest');
  await guest.shell.setIdentity('Ben Guest', { addAsPerson: true });
  await expect(guest.outline.row('task', 'Hire a local lead')).toBeVisible();

  await guest.context.setOffline(true);
  await guest.shell.expectSyncStatus('Offline');
  // Ben, offline: "Hire a local lead" one level down, under "Sign the office lease" above it.
  await guest.outline.select('task', 'Hire a local lead');
  await guest.outline.focus();
  await guest.outline.press('Tab');
  await expect(guest.outline.row('task', 'Hire a local lead')).toHaveAttribute('aria-level', String(Number(await guest.outline.row('task', 'Sign the office lease').getAttribute('aria-level')) + 1));
  // Hana, later: "Sign the office lease" below "Hire a local lead", then one level down under it.
  await host.outline.select('task', 'Sign the office lease');
  await host.outline.focus();
  await host.outline.press('Alt+ArrowDown');
  await host.outline.press('Tab');
  await expect(host.outline.row('task', 'Sign the office lease')).toHaveAttribute('aria-level', String(Number(await host.outline.row('task', 'Hire a local lead').getAttribute('aria-level')) + 1));
  await guest.context.setOffline(false);
  await guest.shell.expectSyncStatus('Synced');
  await host.shell.expectSyncStatus('Synced');

  // Hana's move (the later) went back: "Sign the office lease" is under the initiative again, with
  // Ben's "Hire a local lead" under it, on both screens.
  const hanaSees = host.outline.row('task', 'Sign the office lease');
  const benSees = guest.outline.row('task', 'Hire a local lead');
  for (const user of [host, guest]) {
    await expect.poll(async () => Number(await user.outline.row('task', 'Hire a local lead').getAttribute('aria-level'))
      - Number(await user.outline.row('task', 'Sign the office lease').getAttribute('aria-level'))).toBe(1);
  }
  await expect(hanaSees.locator('.signal-badge')).toHaveText('Your move undone');
  await expect(hanaSees).toHaveAccessibleDescription(/Your move undone/);
  await expect(hanaSees.locator('.signal-badge')).toHaveAttribute('title', /^You moved this under “\u2068Hire a local lead\u2069” .* so yours went back to “\u2068Open a Munich office\u2069”$/);
  const onBen = guest.outline.row('task', 'Sign the office lease');
  await expect(onBen.locator('.signal-badge')).toHaveText('Move by Hana undone');
  await expect(onBen).toHaveAccessibleDescription(/Move by \u2068Hana\u2069 undone/);
  await expect(onBen).not.toHaveAccessibleDescription(/Your move/);
  // Ben's own task, which stayed where he put it, claims nothing.
  await expect(benSees.locator('.signal-badge')).toHaveCount(0);
  await expectAccessible(guest.page, 'a move loop broken, on the side whose move stayed');
  await expectAccessible(host.page, 'a move loop broken, on the side whose move went back');
  await host.outline.tree.screenshot({ path: 'docs/screenshots/move-loop-undone.png' });
  await guest.outline.tree.screenshot({ path: 'docs/screenshots/move-loop-undone-other.png' });
  await closeContexts(host.context, guest.context);
});
