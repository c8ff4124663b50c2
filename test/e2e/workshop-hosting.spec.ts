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

test('host a workshop from the app: two people join with its link and edit together; after stopping, everyone keeps the plan', async ({ browser }) => {
  test.setTimeout(240_000);
  // The host's own page (in the app it is app://throughline; here any other origin than the workshop's).
  const appServer = await startSyncServer();
  const folder = mkdtempSync(path.join(tmpdir(), 'throughline-workshop-'));
  // Two addresses of this machine: the default route's first; the host picks the other one.
  const workshop = new WorkshopHost({
    dataDir: path.join(folder, 'workshop'), webRoot: path.join(projectRoot, 'dist', 'web'), logger: pino({ level: 'silent' }),
    addresses: () => [{ interfaceName: 'eth0', address: '127.0.0.1', preferred: true }, { interfaceName: 'wlan0', address: '127.0.0.2', preferred: false }],
  });
  const host = await newUser(browser, 'host');
  const [ana, ben] = [await newUser(browser, 'Ana'), await newUser(browser, 'Ben')];
  try {
    await exposeDesktopBridge(host.context, { workshop: workshopHandlers(workshop) });
    await host.shell.open(appServer.url);
    await host.shell.setIdentity('Hana Host');
    await host.page.getByRole('button', { name: 'Host a workshop…' }).click();
    await expect(host.page.getByRole('heading', { name: 'Host a workshop' })).toBeVisible();
    const address = host.page.getByLabel('Participants reach this computer at');
    await expect(address).toHaveValue('127.0.0.1');
    await address.selectOption('127.0.0.2');
    await host.page.getByRole('button', { name: 'Start hosting' }).click();
    const running = host.page.getByRole('heading', { name: /^Hosting on 127\.0\.0\.2, port \d+$/ });
    await expect(running).toBeVisible();
    const workspace = (await host.page.getByRole('region', { name: /^Hosting workspace/ }).getByRole('heading', { level: 2 }).innerText()).match(/“(.+)”/)?.[1] ?? '';
    expect(workspace).toMatch(/^workshop-[0-9a-f]{8}$/);
    // The page is never handed the host key (review32 finding 3; filesfix): main adds it to host requests.
    const pageStatus = await host.page.evaluate(async () => JSON.stringify(await (window as unknown as { throughline: { workshopStatus(): Promise<unknown> } }).throughline.workshopStatus()));
    expect(pageStatus).not.toContain('hostToken');
    expect(pageStatus).not.toContain(workshop.hostKey() ?? 'no key while hosting');
    const panel = host.page.getByRole('region', { name: `Hosting workspace “${workspace}”` });

    // The host opens the workshop's plans here too and writes the first objective.
    await host.page.getByRole('button', { name: 'Open the workshop\'s plans on this computer' }).click();
    const hostWorkspace = new WorkspacePage(host.page);
    await expect(host.page.getByRole('region', { name: `Workspace “${workspace}”`, exact: true })).toBeVisible();
    await hostWorkspace.createPlan('Offsite 2027');
    await host.outline.press('Enter');
    await host.outline.typeTitle('Grow in Europe');
    await host.outline.press('Enter');
    await host.outline.press('Escape');
    await host.shell.expectSyncStatus('Synced');

    // Back on the workshop screen: an editor link with its QR code, on the address the host picked.
    await hostWorkspace.backToPlans();
    await host.page.getByRole('button', { name: 'Host a workshop…' }).click();
    await expect(running).toBeVisible();
    await panel.getByRole('button', { name: 'Create link' }).click();
    const link = await panel.getByRole('textbox', { name: 'Editor link' }).inputValue();
    expect(link).toMatch(/^http:\/\/127\.0\.0\.2:\d+\/#join\?server=ws%3A%2F%2F127\.0\.0\.2%3A\d+&workspace=workshop-/);
    await expect(panel.getByRole('img', { name: 'QR code of the editor link' })).toBeVisible();

    // Two participants open the link in their browsers (the workshop serves the app) and edit together.
    for (const [user, name] of [[ana, 'Ana'], [ben, 'Ben']] as const) {
      await user.shell.open(link);
      await new WorkspacePage(user.page).open(workspace, 'Offsite 2027');
      await user.shell.setIdentity(name);
      await expect(user.outline.row('strategy', 'Grow in Europe')).toBeVisible();
    }
    await ana.outline.select('strategy', 'Grow in Europe');
    await ana.outline.press('Enter');
    await ana.outline.typeTitle('Win the DACH market');
    await ana.outline.press('Enter');
    await ana.outline.press('Escape');
    await expect(ben.outline.row('strategy', 'Win the DACH market')).toBeVisible();
    await ben.outline.select('strategy', 'Win the DACH market');
    await ben.outline.press('Enter');
    await ben.outline.typeTitle('Open a Munich office');
    await ben.outline.press('Enter');
    await ben.outline.press('Escape');
    await expect(ana.outline.row('strategy', 'Open a Munich office')).toBeVisible();

    // Who joined: both participants, by name, as editors.
    const people = panel.getByRole('table');
    await expect(people.getByRole('row', { name: 'Ana', exact: true })).toContainText('Editor');
    await expect(people.getByRole('row', { name: 'Ben', exact: true })).toContainText('Editor');
    await host.page.screenshot({ path: 'docs/screenshots/workshop-hosting.png', fullPage: true });
    await people.scrollIntoViewIfNeeded();
    await host.page.screenshot({ path: 'docs/screenshots/workshop-who-joined.png' });
    await expectAccessible(host.page, 'workshop screen while hosting');

    // Stop: the participants are cut off from the workshop and keep the whole plan, still editable.
    await host.page.getByRole('button', { name: 'Stop hosting' }).click();
    await expect(host.page.getByRole('button', { name: 'Start hosting' })).toBeVisible();
    for (const user of [ana, ben]) {
      await user.shell.expectSyncStatus(/Server unreachable/);
      for (const title of ['Grow in Europe', 'Win the DACH market', 'Open a Munich office']) await expect(user.outline.row('strategy', title)).toBeVisible();
    }
    await ana.outline.select('strategy', 'Open a Munich office');
    await ana.outline.press('Enter');
    await ana.outline.typeTitle('Sign the lease later');
    await ana.outline.press('Enter');
    await ana.outline.press('Escape');
    await expect(ana.outline.row('strategy', 'Sign the lease later')).toBeVisible();
    // The host too: their copy has everyone's lines.
    await host.page.getByRole('link', { name: '← Back to plans' }).click();
    await hostWorkspace.open(workspace, 'Offsite 2027');
    for (const title of ['Grow in Europe', 'Win the DACH market', 'Open a Munich office']) await expect(host.outline.row('strategy', title)).toBeVisible();
  } finally {
    await closeContexts(host.context, ana.context, ben.context);
    await workshop.stop();
    await appServer.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});
