// A manager has the same plan open in two tabs of one browser and loses the network for the day. Each
// tab has its own sync; offline they met nowhere: a tab closed before the network came back kept its
// changes in IndexedDB, the other reconnected, said "Synced", and never sent them (review45b F1).
import { expect, test } from '@playwright/test';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { hostSharedPlan, joinSharedPlan, newUser, outlineNames } from './support/two-users.js';
import { addLineAfter } from './support/outline-steps.js';
import { closeContexts } from './support/close-contexts.js';
import { expectAccessible } from './support/axe.js';
import { AppShell } from './pages/app-shell.js';
import { OutlinePage } from './pages/outline-page.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('two tabs of one plan offline: each sees the other\'s changes, and a tab closed offline still gets its changes to the server', async ({ browser }) => {
  const ada = await newUser(browser, 'Ada', true);
  const cara = await newUser(browser, 'Cara', true);
  try {
    const link = await hostSharedPlan(ada, server.url, mintToken(server.dataDir, 'offsite', 'editor'), 'offsite', 'Board plan');
    const secondPage = await ada.context.newPage();
    await secondPage.goto(ada.page.url());
    const second = { shell: new AppShell(secondPage), outline: new OutlinePage(secondPage) };
    await second.shell.expectSyncStatus('Synced');

    await ada.context.setOffline(true);
    await ada.shell.expectSyncStatus(/Offline/);
    await second.shell.expectSyncStatus(/Offline/);
    await addLineAfter(ada.outline, 'task', 'Sign the office lease', 'Edit from the first tab');
    await addLineAfter(second.outline, 'task', 'Sign the office lease', 'Edit from the second tab');
    // Offline, the tabs still show one plan.
    await expect(ada.outline.row('task', 'Edit from the second tab')).toBeVisible();
    await expect(second.outline.row('task', 'Edit from the first tab')).toBeVisible();

    // The second tab is closed before the network is back; the first reconnects.
    await secondPage.close();
    await ada.context.setOffline(false);
    await ada.shell.expectSyncStatus('Synced');
    await expectAccessible(ada.page, 'the plan synced after two tabs offline');
    await ada.page.screenshot({ path: 'test-results/two-tabs-offline.png' });

    // "Synced" is true: someone else opening the plan gets both tabs' changes.
    await joinSharedPlan(cara, link, 'Cara Guest');
    await expect(cara.outline.row('task', 'Edit from the second tab')).toBeVisible();
    await expect(cara.outline.row('task', 'Edit from the first tab')).toBeVisible();
    expect(await outlineNames(cara)).toEqual(await outlineNames(ada));
  } finally {
    await closeContexts(ada.context, cara.context);
  }
});
