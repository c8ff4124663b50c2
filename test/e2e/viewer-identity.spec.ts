// Found by usercheck19: a viewer (joined by a view-only link) saying who they are was offered "Add me to
// this plan's people"; ticked, Save said "You are a viewer of this plan: you can look, not change." and
// the dialog stayed open, the name not kept until the box was unticked. The status through an outage
// stays honest for a viewer: "Offline", then "Synced · view only", no changes counted as waiting.
import { expect, test } from '@playwright/test';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { joinLink, mintToken } from './support/tokens.js';
import { hostSharedPlan, newUser } from './support/two-users.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('a viewer says who they are without being offered to join the plan\'s people, and the status stays honest offline and back', async ({ browser }) => {
  const host = await newUser(browser, 'host');
  const viewer = await newUser(browser, 'viewer');
  const hostLink = await hostSharedPlan(host, server.url, mintToken(server.dataDir, 'board', 'editor'), 'board', 'Board plan');
  const planId = new URLSearchParams(hostLink.slice(hostLink.indexOf('#join?') + 6)).get('plan')!;
  await viewer.page.goto(joinLink(server.url, server.url, 'board', mintToken(server.dataDir, 'board', 'viewer'), planId));
  await expect(viewer.outline.row('task', 'Sign the office lease')).toBeVisible();
  await viewer.shell.expectSyncStatus('Synced · view only');

  await viewer.page.getByRole('button', { name: 'Set who I am' }).click();
  const dialog = viewer.page.getByRole('dialog', { name: 'Who are you?' });
  await dialog.getByLabel('Your name').fill('Vera Viewer');
  await expect(dialog.getByLabel('You in this plan')).toBeVisible();
  await expect(dialog.getByLabel("Add me to this plan's people")).toHaveCount(0);
  await expectAccessible(viewer.page, "a viewer's who-are-you dialog");
  await viewer.page.screenshot({ path: 'docs/screenshots/viewer-identity.png' });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(viewer.page.getByRole('button', { name: /You are Vera Viewer/ })).toBeVisible();
  await expect(viewer.page.locator('.notice').filter({ hasText: 'you can look, not change' })).toHaveCount(0);
  // Nothing was added to the plan's people.
  await viewer.page.getByRole('button', { name: 'You are Vera Viewer: change' }).click();
  // Searched by name among the plan's people: no one of hers.
  await dialog.getByLabel('You in this plan').fill('Vera');
  await expect(dialog.getByRole('listbox', { name: 'People' })).toBeAttached();
  await expect(dialog.getByRole('option')).toHaveCount(0);
  await expect(dialog.getByText('No match')).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await viewer.context.setOffline(true);
  await viewer.shell.expectSyncStatus('Offline');
  await viewer.context.setOffline(false);
  await viewer.shell.expectSyncStatus('Synced · view only');
  await closeContexts(host.context, viewer.context);
});
