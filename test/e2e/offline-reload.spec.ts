import { expect, test } from '@playwright/test';
import { DetailPanel } from './pages/detail-panel.js';
import { startSyncServer } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { hostSharedPlan, newUser } from './support/two-users.js';
import { addLineAfter } from './support/outline-steps.js';
import { closeContexts } from './support/close-contexts.js';
import { waitForServiceWorkerControl } from './support/service-worker.js';

// This spec is about the service worker: it runs with it (playwright.config.ts blocks it elsewhere).
test.use({ serviceWorkers: 'allow' });

test('with the server stopped, a reload brings the plan back from local storage, still editable', async ({ browser }) => {
  const server = await startSyncServer();
  const user = await newUser(browser, 'host');
  try {
    await hostSharedPlan(user, server.url, mintToken(server.dataDir, 'reload', 'editor'), 'reload', 'Board plan', 'typed');
    // The service worker controls the page once it has been opened.
    await waitForServiceWorkerControl(user.page);
    const before = await user.outline.rows.evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label')));

    await server.stop();
    await user.page.reload();
    await expect(user.outline.rows).toHaveCount(before.length);
    expect(await user.outline.rows.evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label')))).toEqual(before);
    // The network is up and only the server is down: the status says so, not "Offline".
    await user.shell.expectSyncStatus('Server unreachable');

    // Still editable: a new line, a field, and the changes wait for the server.
    await addLineAfter(user.outline, 'task', 'Sign the office lease', 'Find a notary');
    await expect(user.outline.row('task', 'Find a notary')).toBeVisible();
    await new DetailPanel(user.page).setField('Due date', '2027-03-01');
    await expect(user.shell.syncStatus).toHaveAccessibleName(/Server unreachable · [1-9]\d* local changes? waiting/);

    // And it survives another reload, still without the server.
    await user.page.reload();
    await expect(user.outline.row('task', 'Find a notary')).toBeVisible();
    await expect(user.shell.syncStatus).toHaveAccessibleName(/Server unreachable · [1-9]\d* local changes? waiting/);
    await user.page.screenshot({ path: 'docs/screenshots/offline-reload.png' });
  } finally {
    await closeContexts(user.context);
    await server.stop();
  }
});
