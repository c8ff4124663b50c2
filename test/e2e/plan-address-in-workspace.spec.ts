// A plan's address as a colleague sends it: copied from the address bar (#/plan/<id>/outline), opened on a
// device that has joined the plan's workspace but not opened the plan yet (review44a F1). It opens the
// workspace's plan, synced; before, it opened a new, empty plan "on this device only" under the same name,
// listed twice, where nothing typed reached anyone.
import { expect, test, type Page } from '@playwright/test';
import { LibraryPage } from './pages/library-page.js';
import { WorkspacePage } from './pages/workspace-page.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { typeCascade } from './support/outline-steps.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { joinLink, mintToken } from './support/tokens.js';
import { newUser, sharePlan } from './support/two-users.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

/** Opens an address in a fresh page load, as a link pasted into the address bar does. */
async function openAddress(page: Page, address: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(address);
  await expect(page.getByTestId('app-shell')).toBeVisible();
}

test('a workspace plan opened by the address a colleague copied opens the shared plan, not an empty one of this device', async ({ browser }) => {
  test.setTimeout(120_000);
  const token = mintToken(server.dataDir, 'offsite', 'editor');
  const ada = await newUser(browser, 'ada');
  const ben = await newUser(browser, 'ben');
  try {
    await ada.shell.open(server.url);
    await new LibraryPage(ada.page).createPlan('Acme 2027 plan');
    await typeCascade(ada.outline);
    await sharePlan(ada, server.url, token, 'offsite');
    const address = ada.page.url();
    expect(address).toMatch(/#\/plan\/[^/]+\/outline$/);

    // Ben is in the workspace (the workspace link npm start prints), and has not opened the plan.
    await openAddress(ben.page, joinLink(server.url, server.url, 'offsite', token));
    const benWorkspace = new WorkspacePage(ben.page);
    await expect(benWorkspace.plan('offsite', 'Acme 2027 plan')).toBeVisible({ timeout: 15_000 });

    await openAddress(ben.page, address);
    await expect(ben.outline.row('task', 'Sign the office lease')).toBeVisible({ timeout: 15_000 });
    await ben.shell.expectSyncStatus('Synced');

    // The same plan: what Ben types reaches Ada.
    await ben.outline.select('task', 'Sign the office lease');
    await ben.outline.focus();
    await ben.outline.press('Enter');
    await ben.outline.typeTitle('Hire the office manager');
    await ben.outline.press('Enter');
    await ben.outline.press('Escape');
    await expect(ada.outline.row('task', 'Hire the office manager')).toBeVisible({ timeout: 15_000 });

    await expectAccessible(ben.page, 'a workspace plan opened by its address');
    await ben.page.screenshot({ path: 'docs/screenshots/plan-address-in-workspace.png' });

    // Listed once, in the workspace: no second copy "on this device only".
    await ben.page.evaluate(() => { window.location.hash = '#/'; });
    await expect(benWorkspace.plan('offsite', 'Acme 2027 plan')).toBeVisible();
    await expect(ben.page.getByRole('link', { name: 'Acme 2027 plan', exact: true })).toHaveCount(1);
  } finally {
    await closeContexts(ada.context, ben.context);
  }
});
