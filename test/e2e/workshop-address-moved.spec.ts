// review43b F9, as the host sees it: the laptop changes Wi-Fi while hosting. The real main-process workshop host
// behind a preload-shaped bridge; 127.0.0.2 and 127.0.0.3 stand for the laptop's address on the two networks.
// Before, the screen kept saying "Hosting on 127.0.0.2" and handed out links to an address the laptop no longer had.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { pino } from 'pino';
import type { LanAddress } from '../../shared/bridge/workshop.js';
import { WorkshopHost } from '../../electron/workshop-host.js';
import { workshopHandlers } from '../../electron/workshop-ipc.js';
import { exposeDesktopBridge } from './support/desktop-bridge.js';
import { WorkspacePage } from './pages/workspace-page.js';
import { expectAccessible } from './support/axe.js';
import { projectRoot, startSyncServer } from './support/server.js';
import { newUser } from './support/two-users.js';
import { closeContexts } from './support/close-contexts.js';

test('the hosting address goes away: the screen says so within seconds and offers the new one; moving there hands out links that name it', async ({ browser }) => {
  test.setTimeout(120_000);
  const appServer = await startSyncServer();
  const folder = mkdtempSync(path.join(tmpdir(), 'throughline-workshop-'));
  const network: { now: LanAddress[] } = { now: [{ interfaceName: 'Wi-Fi', address: '127.0.0.2', preferred: true }] };
  const workshop = new WorkshopHost({ dataDir: path.join(folder, 'workshop'), webRoot: path.join(projectRoot, 'dist', 'web'), logger: pino({ level: 'silent' }), addresses: () => network.now });
  const host = await newUser(browser, 'host');
  try {
    await exposeDesktopBridge(host.context, { workshop: workshopHandlers(workshop) });
    await host.shell.open(appServer.url);
    await host.page.getByRole('button', { name: 'Host a workshop…' }).click();
    await host.page.getByRole('button', { name: 'Start hosting' }).click();
    const before = host.page.getByRole('heading', { name: /^Hosting on 127\.0\.0\.2, port \d+$/ });
    await expect(before).toBeVisible();
    const port = (await before.innerText()).match(/port (\d+)$/)![1]!;
    const running = host.page.getByRole('region', { name: /^Hosting on/ });
    await expect(running.getByRole('alert')).toHaveCount(0);

    // The laptop joins the hotspot: its address is now 127.0.0.3. Nobody clicks anything.
    network.now = [{ interfaceName: 'Wi-Fi', address: '127.0.0.3', preferred: true }];
    await expect(running.getByRole('alert')).toHaveText('This computer no longer has the address 127.0.0.2 (its network changed): participants cannot reach the workshop, and the links shown name that address. Host on 127.0.0.3 (Wi-Fi) instead, then hand out new links.', { timeout: 10_000 });
    await expectAccessible(host.page, 'workshop screen: the hosting address went away');
    await running.screenshot({ path: 'test-results/leftovers44b-workshop-address-gone.png' });

    await running.getByRole('button', { name: 'Host on 127.0.0.3 instead' }).click();
    await expect(host.page.getByRole('heading', { name: `Hosting on 127.0.0.3, port ${port}` })).toBeVisible();
    await expect(host.page.getByRole('region', { name: /^Hosting on/ }).getByRole('alert')).toHaveCount(0);
    const panel = host.page.getByRole('region', { name: /^Hosting workspace/ });
    await panel.getByRole('button', { name: 'Create link' }).click();
    const link = await panel.getByRole('textbox', { name: 'Editor link' }).inputValue();
    expect(link.startsWith(`http://127.0.0.3:${port}/#join?server=ws%3A%2F%2F127.0.0.3%3A${port}&workspace=workshop-`)).toBe(true);
    // The workshop answers there: a participant's browser gets the app from the new address.
    expect((await fetch(new URL(link).origin)).status).toBe(200);
  } finally {
    await closeContexts(host.context);
    await workshop.stop();
    await appServer.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});

test('the host\'s own plans follow the workshop to its new address: they sync there, and a participant on the new link gets the host\'s edits (leftovers46b)', async ({ browser }) => {
  test.setTimeout(180_000);
  const appServer = await startSyncServer();
  const folder = mkdtempSync(path.join(tmpdir(), 'throughline-workshop-'));
  const network: { now: LanAddress[] } = { now: [{ interfaceName: 'Wi-Fi', address: '127.0.0.2', preferred: true }] };
  const workshop = new WorkshopHost({ dataDir: path.join(folder, 'workshop'), webRoot: path.join(projectRoot, 'dist', 'web'), logger: pino({ level: 'silent' }), addresses: () => network.now });
  const host = await newUser(browser, 'host');
  const ana = await newUser(browser, 'Ana');
  try {
    await exposeDesktopBridge(host.context, { workshop: workshopHandlers(workshop) });
    await host.shell.open(appServer.url);
    await host.page.getByRole('button', { name: 'Host a workshop…' }).click();
    await host.page.getByRole('button', { name: 'Start hosting' }).click();
    await expect(host.page.getByRole('heading', { name: /^Hosting on 127\.0\.0\.2, port \d+$/ })).toBeVisible();
    const running = host.page.getByRole('region', { name: /^Hosting on/ });
    const workspace = (await host.page.getByRole('region', { name: /^Hosting workspace/ }).getByRole('heading', { level: 2 }).innerText()).match(/“(.+)”/)?.[1] ?? '';

    // The host opens the workshop's plans here and writes the first line, synced to the workshop.
    await host.page.getByRole('button', { name: 'Open the workshop\'s plans on this computer' }).click();
    const hostWorkspace = new WorkspacePage(host.page);
    await expect(host.page.getByRole('region', { name: `Workspace “${workspace}”`, exact: true })).toBeVisible();
    await hostWorkspace.createPlan('Offsite 2027');
    await host.outline.press('Enter');
    await host.outline.typeTitle('Grow in Europe');
    await host.outline.press('Enter');
    await host.outline.press('Escape');
    await host.shell.expectSyncStatus('Synced');

    // The laptop changes network; the host moves the workshop from its screen.
    await hostWorkspace.backToPlans();
    await host.page.getByRole('button', { name: 'Host a workshop…' }).click();
    network.now = [{ interfaceName: 'Wi-Fi', address: '127.0.0.3', preferred: true }];
    await running.getByRole('button', { name: 'Host on 127.0.0.3 instead' }).click();
    await expect(host.page.getByRole('heading', { name: /^Hosting on 127\.0\.0\.3, port \d+$/ })).toBeVisible();

    // Back in the plan, it syncs with the workshop at its new address, and a new line reaches it.
    await hostWorkspace.backToPlans();
    await hostWorkspace.open(workspace, 'Offsite 2027');
    await host.shell.expectSyncStatus('Synced', { timeout: 20_000 });
    await host.outline.select('strategy', 'Grow in Europe');
    await host.outline.press('Enter');
    await host.outline.typeTitle('Win the DACH market');
    await host.outline.press('Enter');
    await host.outline.press('Escape');
    await host.shell.expectSyncStatus('Synced');
    await expectAccessible(host.page, 'the host\'s plan after the workshop moved');
    await host.page.screenshot({ path: 'test-results/workshop-host-plans-follow.png' });

    // Ana gets a link to the new address and sees the host's line written after the move.
    await hostWorkspace.backToPlans();
    await host.page.getByRole('button', { name: 'Host a workshop…' }).click();
    const panel = host.page.getByRole('region', { name: /^Hosting workspace/ });
    await panel.getByRole('button', { name: 'Create link' }).click();
    const link = await panel.getByRole('textbox', { name: 'Editor link' }).inputValue();
    expect(link.startsWith('http://127.0.0.3:')).toBe(true);
    await ana.shell.open(link);
    await new WorkspacePage(ana.page).open(workspace, 'Offsite 2027');
    await expect(ana.page.getByRole('treeitem', { name: /Win the DACH market$/ })).toBeVisible();
  } finally {
    await closeContexts(host.context, ana.context);
    await workshop.stop();
    await appServer.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});
