import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WorkspacePage } from './pages/workspace-page.js';
import { expectAccessible } from './support/axe.js';
import { spawnUntilUrl } from './support/server.js';
import { newUser } from './support/two-users.js';
import { closeContexts } from './support/close-contexts.js';

test('the host sees who is connected, invites a viewer with a link and QR code, and revokes them: they are cut off at once and told why', async ({ browser }) => {
  test.setTimeout(180_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'throughline-host-'));
  const started = await spawnUntilUrl(process.execPath, ['scripts/start.mjs'], /Host link[^:]*: (http\S+)/, { THROUGHLINE_BROWSER_MODE: '1', PORT: '0', THROUGHLINE_DATA: dataDir });
  const workspaceLink = /Workspace link[^:]*: (http\S+)/.exec(started.output())?.[1] ?? '';
  expect(workspaceLink).toContain('#join?');
  const [host, ana, ben, cleo] = [await newUser(browser, 'host'), await newUser(browser, 'Ana'), await newUser(browser, 'Ben'), await newUser(browser, 'Cleo')];
  try {
    // The host opens the link printed for them: the host screen, the key gone from the address bar.
    await host.shell.open(started.url);
    const panel = host.page.getByRole('region', { name: 'Hosting workspace “local”' });
    await expect(panel).toBeVisible();
    expect(host.page.url()).not.toContain('key=');
    await expect(panel.getByText('Nobody is connected right now.')).toBeVisible();

    // Ana joins with the workspace link everyone got, makes a plan and says who she is.
    await ana.shell.open(workspaceLink);
    await new WorkspacePage(ana.page).createPlan('Offsite 2027');
    await ana.shell.setIdentity('Ana');
    await ana.shell.expectSyncStatus('Synced');

    // The host makes a viewer link for Ben; it has a Copy button and a QR code.
    await panel.getByLabel('They can').selectOption({ label: 'Only view the plans' });
    await panel.getByRole('button', { name: 'Create link' }).click();
    const viewerLink = await panel.getByRole('textbox', { name: 'Viewer link' }).inputValue();
    expect(viewerLink).toContain('#join?');
    await expect(panel.getByRole('img', { name: 'QR code of the viewer link' })).toBeVisible();

    await ben.shell.open(viewerLink);
    const benWorkspace = new WorkspacePage(ben.page);
    await benWorkspace.open('local', 'Offsite 2027');
    await ben.shell.setIdentity('Ben');
    await ben.shell.expectSyncStatus('Synced · view only');

    // Both are listed with their role and what they have open.
    const people = panel.getByRole('table');
    const anaRow = people.getByRole('row', { name: 'Ana', exact: true });
    const benRow = people.getByRole('row', { name: 'Ben', exact: true });
    await expect(anaRow).toContainText('Editor');
    await expect(anaRow).toContainText('“Offsite 2027”');
    await expect(benRow).toContainText('Viewer');
    await expect(benRow).toContainText('the plan list, “Offsite 2027”');
    await expect(benRow).toContainText('Chrome on Linux');

    // Cleo joins on Ana's link from the same machine and browser: two people, so two rows.
    await cleo.shell.open(workspaceLink);
    await new WorkspacePage(cleo.page).open('local', 'Offsite 2027');
    await cleo.shell.setIdentity('Cleo');
    await cleo.shell.expectSyncStatus('Synced');
    await expect(people.getByRole('row', { name: 'Cleo', exact: true })).toContainText('the plan list, “Offsite 2027”');
    await expect(people.getByRole('row', { name: 'Ana', exact: true })).toContainText('the plan list, “Offsite 2027”');
    await expect(panel.getByText('1 plan · 3 people connected')).toBeVisible();
    await host.page.screenshot({ path: 'docs/screenshots/host-screen.png', fullPage: true });
    await expectAccessible(host.page, 'host screen with people connected and a new link');

    // Another Ana joins on the same link from the same browser and address: her own row, not a share
    // of the first Ana's; when she leaves, her row goes and the first Ana's stays.
    const twin = await newUser(browser, 'Ana');
    await twin.shell.open(workspaceLink);
    await new WorkspacePage(twin.page).open('local', 'Offsite 2027');
    await twin.shell.setIdentity('Ana');
    await twin.shell.expectSyncStatus('Synced');
    await expect(people.getByRole('row', { name: 'Ana', exact: true })).toHaveCount(2);
    await expect(panel.getByText('1 plan · 4 people connected')).toBeVisible();
    await twin.context.close();
    await expect(people.getByRole('row', { name: 'Ana', exact: true })).toHaveCount(1);
    await expect(panel.getByText('1 plan · 3 people connected')).toBeVisible();

    // Revoking asks first, then Ben is cut off at once with the reason; Ana keeps working.
    await benRow.getByRole('button', { name: 'Revoke access of Ben' }).click();
    await expect(benRow.getByRole('group', { name: 'Confirm revoking Ben' })).toContainText('Ben is disconnected at once.');
    await benRow.getByRole('button', { name: 'Revoke access' }).click();
    await expect(panel.getByRole('status')).toContainText(/Revoked Ben: \d connections? (was|were) closed/);
    const banner = ben.page.getByRole('alert').filter({ hasText: 'Not syncing.' });
    await expect(banner).toContainText('The host revoked the link you joined with');
    await ben.shell.expectSyncStatus('Not syncing');
    await expect(people.getByRole('row', { name: 'Ben' })).toHaveCount(0);
    await expect(anaRow).toBeVisible();
    await ana.shell.expectSyncStatus('Synced');

    // The revoked link no longer opens the workspace for anyone.
    await ben.page.goto('about:blank');
    await ben.shell.open(viewerLink);
    await expect(benWorkspace.joinFailure).toContainText('link revoked by the host', { timeout: 10_000 });
    await benWorkspace.joinFailure.getByRole('button', { name: 'Cancel' }).click();

    // A link nobody used yet can be revoked from the list of links made here.
    await panel.getByLabel('They can').selectOption({ label: 'Edit the plans' });
    await panel.getByRole('button', { name: 'Create link' }).click();
    const editorLink = await panel.getByRole('textbox', { name: 'Editor link' }).inputValue();
    await panel.getByRole('button', { name: /^Revoke link [0-9a-f]{16}$/ }).click();
    await expect(panel.getByRole('status')).toContainText('That link no longer opens the workspace.');
    await expect(panel.getByRole('textbox', { name: 'Editor link' })).toHaveCount(0);
    await ben.page.goto('about:blank');
    await ben.shell.open(editorLink);
    await expect(benWorkspace.joinFailure).toContainText('link revoked by the host', { timeout: 10_000 });

    // The host opens the workspace's plans on their own device, with a link of their own.
    await host.page.getByRole('button', { name: 'Open the workspace\'s plans on this device' }).click();
    await expect(new WorkspacePage(host.page).plan('local', 'Offsite 2027')).toBeVisible({ timeout: 15_000 });
    await expect(host.page.getByRole('navigation', { name: 'Workspaces you host' }).getByRole('link', { name: 'Manage who is connected and invite people' })).toBeVisible();
  } finally {
    await closeContexts(host.context, ana.context, ben.context, cleo.context);
    await started.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('without the host key the host screen says how to get it, and a forged key is refused', async ({ browser }) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'throughline-host-'));
  const started = await spawnUntilUrl(process.execPath, ['scripts/start.mjs'], /Host link[^:]*: (http\S+)/, { THROUGHLINE_BROWSER_MODE: '1', PORT: '0', THROUGHLINE_DATA: dataDir });
  const stranger = await newUser(browser, 'stranger');
  try {
    const origin = new URL(started.url).origin;
    await stranger.shell.open(`${origin}/#/host/local`);
    await expect(stranger.page.getByRole('heading', { name: 'This device does not host workspace “local”' })).toBeVisible();
    await stranger.shell.open(`${origin}/#host?workspace=local&key=${'0'.repeat(64)}`);
    await expect(stranger.page.getByRole('alert').filter({ hasText: 'does not hold the host key' })).toBeVisible();
    await expect(stranger.page.getByRole('table')).toHaveCount(0);
  } finally {
    await closeContexts(stranger.context);
    await started.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
