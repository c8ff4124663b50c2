import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WorkspacePage } from './pages/workspace-page.js';
import { expectAccessible } from './support/axe.js';
import { spawnUntilUrl } from './support/server.js';
import { newUser } from './support/two-users.js';
import { closeContexts } from './support/close-contexts.js';

// A participant who types their e-mail address as their name (and a plan named without spaces or hyphens,
// so nothing offers the browser a line break): the
// host's table of who is connected must still show every column and every Revoke button on the screen.
const email = 'anamaria.fernandezcastellanos.rodriguez@northwindtradersinternational.example';
const planName = 'Offsite_2027_Lisbon_strategy_review_with_the_whole_leadership_team_and_guests';

test('a participant named by a long e-mail address: the host still sees each one\'s role, plans and Revoke button on the screen', async ({ browser }) => {
  test.setTimeout(180_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'throughline-host-names-'));
  const started = await spawnUntilUrl(process.execPath, ['scripts/start.mjs'], /Host link[^:]*: (http\S+)/, { THROUGHLINE_BROWSER_MODE: '1', PORT: '0', THROUGHLINE_DATA: dataDir });
  const workspaceLink = /Workspace link[^:]*: (http\S+)/.exec(started.output())?.[1] ?? '';
  const [host, ana, ben] = [await newUser(browser, 'host'), await newUser(browser, 'Ana'), await newUser(browser, 'Ben')];
  try {
    await host.shell.open(started.url);
    const panel = host.page.getByRole('region', { name: 'Hosting workspace “local”' });
    await ana.shell.open(workspaceLink);
    await new WorkspacePage(ana.page).createPlan(planName);
    await ana.shell.setIdentity(email);
    await ana.shell.expectSyncStatus('Synced');
    await ben.shell.open(workspaceLink);
    await new WorkspacePage(ben.page).open('local', planName);
    await ben.shell.setIdentity('Ben');

    const people = panel.getByRole('table');
    const anaRow = people.getByRole('row', { name: email, exact: true });
    const benRow = people.getByRole('row', { name: 'Ben', exact: true });
    await expect(anaRow).toContainText(`“${planName}”`);
    await expect(benRow).toContainText(`“${planName}”`);
    // Nothing sticks out of the page or the card: every row's role, its role control and Revoke button are on the screen.
    expect(await host.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    const card = await panel.getByRole('region', { name: 'Connected now' }).boundingBox();
    const table = await people.boundingBox();
    expect(table && card && table.x + table.width <= card.x + card.width).toBe(true);
    for (const row of [anaRow, benRow]) {
      await expect(row.getByRole('cell', { name: /^Editor Make viewer/ })).toBeInViewport();
      await expect(row.getByRole('button', { name: /^Make viewer: / })).toBeInViewport();
      await expect(row.getByRole('button', { name: /^Revoke access of / })).toBeInViewport();
    }
    await host.page.screenshot({ path: 'docs/screenshots/host-screen-long-names.png', fullPage: true });
    await expectAccessible(host.page, 'host screen with a participant named by a long e-mail address');

    // The host can revoke the one with the long name from the keyboard, and the other stays.
    await anaRow.getByRole('button', { name: `Revoke access of ${email}` }).focus();
    await host.page.keyboard.press('Enter');
    await anaRow.getByRole('button', { name: 'Revoke access' }).focus();
    await host.page.keyboard.press('Enter');
    await expect(panel.getByRole('status')).toContainText(`Revoked ${email}`);
    await expect(ana.page.getByRole('alert').filter({ hasText: 'Not syncing.' })).toContainText('The host revoked the link you joined with');
  } finally {
    await closeContexts(host.context, ana.context, ben.context);
    await started.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
