// A workshop hosted from the app (the desktop app's main-process host, run here as the plain module
// it is) where the host revokes the link of a participant who is in the plan, typing: they are told
// at once, keep what they typed on their device, and nothing more of theirs reaches the workshop,
// not even after a reload.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { pino } from 'pino';
import { WorkshopHost } from '../../electron/workshop-host.js';
import { workshopHandlers } from '../../electron/workshop-ipc.js';
import { WorkspacePage } from './pages/workspace-page.js';
import { exposeDesktopBridge } from './support/desktop-bridge.js';
import { expectAccessible } from './support/axe.js';
import { projectRoot, startSyncServer } from './support/server.js';
import { newUser } from './support/two-users.js';
import { closeContexts } from './support/close-contexts.js';

test('the host revokes the link of a participant who is typing in the plan: told at once, keeps what they typed, syncs nothing more', async ({ browser }) => {
  test.setTimeout(240_000);
  const appServer = await startSyncServer();
  const folder = mkdtempSync(path.join(tmpdir(), 'throughline-workshop-revoke-'));
  const workshop = new WorkshopHost({
    dataDir: path.join(folder, 'workshop'), webRoot: path.join(projectRoot, 'dist', 'web'), logger: pino({ level: 'silent' }),
    addresses: () => [{ interfaceName: 'lo', address: '127.0.0.1', preferred: true }],
  });
  const host = await newUser(browser, 'host');
  const [ana, ben] = [await newUser(browser, 'Ana'), await newUser(browser, 'Ben')];
  const errors: string[] = [];
  ana.page.on('pageerror', (error) => errors.push(error.message));
  try {
    await exposeDesktopBridge(host.context, { workshop: workshopHandlers(workshop) });
    await host.shell.open(appServer.url);
    await host.shell.setIdentity('Hana Host');
    await host.page.getByRole('button', { name: 'Host a workshop…' }).click();
    await host.page.getByRole('button', { name: 'Start hosting' }).click();
    await expect(host.page.getByRole('heading', { name: /^Hosting on 127\.0\.0\.1, port \d+$/ })).toBeVisible();
    const panel = host.page.getByRole('region', { name: /^Hosting workspace/ });
    const workspace = (await panel.getByRole('heading', { level: 2 }).innerText()).match(/“(.+)”/)?.[1] ?? '';

    // One link each, so revoking Ana's leaves Ben's.
    await panel.getByRole('button', { name: 'Create link' }).click();
    const anaLink = await panel.getByRole('textbox', { name: 'Editor link' }).inputValue();
    await panel.getByRole('button', { name: 'Create link' }).click();
    // The new link replaces Ana's in the field once the host has minted it: read it only then (read
    // at once, a loaded machine gave Ana's link back, and the test failed with two equal links).
    await expect(panel.getByRole('textbox', { name: 'Editor link' })).not.toHaveValue(anaLink);
    const benLink = await panel.getByRole('textbox', { name: 'Editor link' }).inputValue();
    expect(benLink).not.toBe(anaLink);

    await ana.shell.open(anaLink);
    await new WorkspacePage(ana.page).createPlan('Offsite 2027');
    await ana.outline.press('Enter');
    await ana.outline.typeTitle('Grow in Europe');
    await ana.outline.press('Enter');
    await ana.outline.press('Escape');
    await ana.shell.setIdentity('Ana');
    await ana.shell.expectSyncStatus('Synced');
    await ben.shell.open(benLink);
    await new WorkspacePage(ben.page).open(workspace, 'Offsite 2027');
    await ben.shell.setIdentity('Ben');
    await expect(ben.outline.row('strategy', 'Grow in Europe')).toBeVisible();

    // Ana is typing a new line when the host revokes her link.
    await ana.outline.select('strategy', 'Grow in Europe');
    await ana.outline.press('Enter');
    await ana.outline.typeTitle('Win the DACH');
    const anaRow = panel.getByRole('table').getByRole('row', { name: 'Ana', exact: true });
    await anaRow.getByRole('button', { name: 'Revoke access of Ana' }).click();
    await anaRow.getByRole('button', { name: 'Revoke access' }).click();
    await expect(panel.getByRole('status')).toContainText(/Revoked Ana: \d connections? (was|were) closed/);

    // She is told at once, in words, and the status says it too.
    const banner = ana.page.getByRole('alert').filter({ hasText: 'Not syncing.' });
    await expect(banner).toContainText('The host revoked the link you joined with');
    await expect(banner).not.toContainText('link revoked by the host');
    await ana.shell.expectSyncStatus('Not syncing');
    // Her line is still hers to finish; it and what she types next stay on her device.
    await ana.page.keyboard.type(' market');
    await ana.outline.press('Enter');
    await ana.outline.press('Escape');
    await ana.outline.select('strategy', 'Win the DACH market');
    await ana.outline.press('Enter');
    await ana.outline.typeTitle('Hire a country lead');
    await ana.outline.press('Enter');
    await ana.outline.press('Escape');
    await expect(ana.outline.row('strategy', 'Hire a country lead')).toBeVisible();
    await expectAccessible(ana.page, 'a participant whose workshop link was revoked');
    await ana.page.screenshot({ path: 'docs/screenshots/workshop-link-revoked.png' });

    // Nothing she typed after the revocation reached the workshop: Ben, still connected, never sees it.
    await ben.outline.select('strategy', 'Grow in Europe');
    await ben.outline.press('Enter');
    await ben.outline.typeTitle('Ben is still here');
    await ben.outline.press('Enter');
    await ben.outline.press('Escape');
    await ben.shell.expectSyncStatus('Synced');
    await expect(ben.outline.row('strategy', 'Hire a country lead')).toHaveCount(0);
    await expect(ben.outline.row('strategy', 'Win the DACH market')).toHaveCount(0);
    await expect(ana.outline.row('strategy', 'Ben is still here')).toHaveCount(0);

    // After a reload she still has her lines, is told again, and still syncs nothing.
    await ana.page.reload();
    await expect(ana.outline.row('strategy', 'Hire a country lead')).toBeVisible();
    await expect(ana.outline.row('strategy', 'Win the DACH market')).toBeVisible();
    const bannerAfterReload = ana.page.getByRole('alert').filter({ hasText: 'Not syncing.' });
    await expect(bannerAfterReload).toContainText('The host revoked the link you joined with');
    await expect(bannerAfterReload).not.toContainText('link revoked by the host');
    await ana.shell.expectSyncStatus(/Not syncing · \d+ local changes? waiting$/);
    // Retrying asks the workshop again and is refused again, in the same words: no silent rejoin.
    await bannerAfterReload.getByRole('button', { name: 'Retry' }).click();
    await expect(ana.page.getByRole('alert').filter({ hasText: 'Not syncing.' })).toContainText('The host revoked the link you joined with');
    await ana.shell.expectSyncStatus(/Not syncing · \d+ local changes? waiting$/);
    await expect(panel.getByRole('table').getByRole('row', { name: 'Ana', exact: true })).toHaveCount(0);
    await expectAccessible(ana.page, 'a participant whose revoked workshop link was refused again after a reload');
    await ana.page.screenshot({ path: 'docs/screenshots/workshop-link-revoked-after-reload.png' });
    await ben.shell.expectSyncStatus('Synced');
    await expect(ben.outline.row('strategy', 'Hire a country lead')).toHaveCount(0);
    expect(errors).toEqual([]);
  } finally {
    await closeContexts(host.context, ana.context, ben.context);
    await workshop.stop();
    await appServer.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});
