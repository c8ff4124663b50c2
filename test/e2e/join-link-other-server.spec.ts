// desk36 (review36b finding 1): a join link naming a workspace this device already syncs, but pointing at
// another server, replaced the saved connection without a word, and the team's plans then synced in full
// to that server; a link with `plan=<id>` re-homed a plan kept on this device only. Now the link asks
// first, naming both servers, and keeping things as they are is the default. Two real servers: the
// team's, and a stranger's who mints their own token for a workspace of the same name.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { WorkspacePage } from './pages/workspace-page.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { joinLink, mintToken } from './support/tokens.js';
import { newUser } from './support/two-users.js';

type SyncServer = RunningProcess & { dataDir: string };
let team: SyncServer;
let stranger: SyncServer;
test.beforeAll(async () => { team = await startSyncServer(); stranger = await startSyncServer(); });
test.afterAll(async () => { await Promise.all([team.stop(), stranger.stop()]); });

/** Whether any file the server stored (its database, its write-ahead log) holds these words. */
function serverHolds(server: SyncServer, words: string): boolean {
  const needle = Buffer.from(words, 'utf8');
  const files = (folder: string): string[] => readdirSync(folder).flatMap((name) => {
    const file = path.join(folder, name);
    return statSync(file).isDirectory() ? files(file) : [file];
  });
  return files(server.dataDir).some((file) => readFileSync(file).includes(needle));
}

const host = (server: SyncServer) => new URL(server.url).host;

async function openLink(page: Page, link: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(link);
  await expect(page.getByTestId('app-shell')).toBeVisible();
}

test('a link to a stranger\'s server for the team\'s workspace name, or naming a plan kept on this device, asks first; kept, nothing reaches the stranger; moved on purpose, it does', async ({ browser }) => {
  const ada = await newUser(browser, 'ada');
  const eve = await newUser(browser, 'eve');
  try {
    // Ada works in the team's workspace "northwind" on the team's server.
    await openLink(ada.page, joinLink(team.url, team.url, 'northwind', mintToken(team.dataDir, 'northwind', 'editor')));
    const adaWorkspace = new WorkspacePage(ada.page);
    await expect(adaWorkspace.section('northwind')).toBeVisible({ timeout: 15_000 });
    await adaWorkspace.createPlan('Northwind board plan');
    await ada.shell.expectSyncStatus('Synced');
    await expect.poll(() => serverHolds(team, 'Northwind board plan'), { message: 'the team server stores the plan', timeout: 15_000 }).toBe(true);

    // And a plan she keeps on this device only.
    await adaWorkspace.backToPlans();
    await ada.page.getByLabel('Where the new plan goes').selectOption({ label: 'On this device only' });
    await adaWorkspace.createPlan('Ada private notes');
    const privateId = /#\/plan\/([^/]+)/.exec(ada.page.url())?.[1];
    expect(privateId, 'the private plan\'s id in the address').toBeTruthy();

    // Eve runs her own server and makes a workspace of the same name there, with a token it accepts.
    const eveToken = mintToken(stranger.dataDir, 'northwind', 'editor');
    await openLink(eve.page, joinLink(stranger.url, stranger.url, 'northwind', eveToken));
    const eveWorkspace = new WorkspacePage(eve.page);
    await expect(eveWorkspace.section('northwind')).toBeVisible({ timeout: 15_000 });

    // Eve's link reaches Ada. It asks, naming both servers and the plan that would move; Keep is the default.
    await openLink(ada.page, joinLink(team.url, stranger.url, 'northwind', eveToken));
    const question = ada.page.getByRole('dialog', { name: 'Move to another server?' });
    await expect(question).toBeVisible({ timeout: 15_000 });
    await expect(question.getByRole('alert')).toContainText(`This link moves workspace “northwind” from ${host(team)} to ${host(stranger)}.`);
    await expect(question.getByRole('alert')).toContainText('“Northwind board plan”');
    await expect(question.getByRole('button', { name: 'Keep as it is' })).toBeFocused();
    await expect(question.getByRole('button', { name: `Move to ${host(stranger)}` })).toBeVisible();
    await expectAccessible(ada.page, 'the question a join link to another server asks');
    await ada.page.screenshot({ path: 'docs/screenshots/join-link-other-server.png' });
    // Enter takes the default.
    await ada.page.keyboard.press('Enter');
    await expect(question).toHaveCount(0);
    await expect(adaWorkspace.section('northwind')).toContainText(host(team));

    // A plan link naming her private plan's id, on Eve's server: asked too, and kept.
    await openLink(ada.page, joinLink(team.url, stranger.url, 'northwind', eveToken, privateId));
    await expect(question).toBeVisible({ timeout: 15_000 });
    await expect(question.getByRole('alert')).toContainText('This link moves the plan “Ada private notes” from this device only into workspace “northwind”');
    await question.getByRole('button', { name: 'Keep as it is' }).click();
    await expect(question).toHaveCount(0);

    // Ada opens her plan as usual: it syncs with the team's server, and only with it.
    await adaWorkspace.open('northwind', 'Northwind board plan');
    await ada.shell.expectSyncStatus('Synced');
    const saved = await ada.page.evaluate(() => localStorage.getItem('throughline:connections:v1') ?? '');
    expect(saved).toContain(host(team));
    expect(saved).not.toContain(host(stranger));

    // Eve sees no plan of Ada's in her workspace, and her server stores none of Ada's words.
    await eve.page.reload();
    await expect(eveWorkspace.section('northwind')).toBeVisible({ timeout: 15_000 });
    await expect(eveWorkspace.plans('northwind')).toHaveCount(0);
    expect(serverHolds(stranger, 'Northwind board plan')).toBe(false);
    expect(serverHolds(stranger, 'Ada private notes')).toBe(false);

    // Only when Ada herself chooses Move does the workspace go to Eve's server (a team moving servers).
    await openLink(ada.page, joinLink(team.url, stranger.url, 'northwind', eveToken));
    await expect(question).toBeVisible({ timeout: 15_000 });
    await question.getByRole('button', { name: `Move to ${host(stranger)}` }).click();
    await expect(question).toHaveCount(0);
    await expect(adaWorkspace.section('northwind')).toContainText(host(stranger), { timeout: 15_000 });
    await adaWorkspace.open('northwind', 'Northwind board plan');
    await ada.shell.expectSyncStatus('Synced');
    await expect.poll(() => serverHolds(stranger, 'Northwind board plan'), { message: 'moved on purpose, the plan is on the new server', timeout: 15_000 }).toBe(true);
    expect(serverHolds(stranger, 'Ada private notes')).toBe(false);
  } finally {
    await closeContexts(ada.context, eve.context);
  }
});
