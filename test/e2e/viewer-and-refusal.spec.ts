import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LibraryPage } from './pages/library-page.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { joinLink, mintToken } from './support/tokens.js';
import { hostSharedPlan, newUser } from './support/two-users.js';
import { appendToTitle } from './support/outline-steps.js';
import { closeContexts } from './support/close-contexts.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

function planIdOf(link: string): string {
  const plan = new URLSearchParams(link.slice(link.indexOf('#join?') + 6)).get('plan');
  if (!plan) throw new Error(`no plan in ${link}`);
  return plan;
}

test('a viewer gets a read-only UI, and a forced edit never reaches anyone else', async ({ browser }) => {
  const host = await newUser(browser, 'host');
  const viewer = await newUser(browser, 'viewer', true);
  const hostLink = await hostSharedPlan(host, server.url, mintToken(server.dataDir, 'board', 'editor'), 'board', 'Board plan');
  const planId = planIdOf(hostLink);
  await viewer.page.goto(joinLink(server.url, server.url, 'board', mintToken(server.dataDir, 'board', 'viewer'), planId));
  await expect(viewer.outline.row('task', 'Sign the office lease')).toBeVisible();
  await viewer.shell.expectSyncStatus('Synced · view only');
  await expect(viewer.shell.readOnlyBanner()).toContainText('You are a viewer of this plan');

  // Nothing in the UI edits: no add buttons, read-only fields, keys do nothing.
  await expect(viewer.page.getByRole('button', { name: 'Add strategy' })).toHaveCount(0);
  await viewer.outline.select('objective', 'Win the DACH market');
  const details = viewer.page.getByRole('complementary', { name: 'Details' });
  await expect(details.getByRole('textbox', { name: 'Title', exact: true })).not.toBeEditable();
  await expect(details.getByRole('form', { name: 'New check-in' })).toHaveCount(0);
  await viewer.outline.focus();
  await viewer.outline.press('Enter');
  await viewer.outline.press('Delete');
  await expect(viewer.outline.rows).toHaveCount(5);
  await viewer.page.screenshot({ path: 'docs/screenshots/viewer.png' });
  await expect(viewer.shell.notice(/was not shared/)).toHaveCount(0);

  // Forced past the UI, straight into the viewer's doc: the server drops it.
  await viewer.page.evaluate(() => {
    const hook = (window as unknown as { __throughline: { findNode(title: string): string | null; forceRename(id: string, title: string): void } }).__throughline;
    hook.forceRename(hook.findNode('Win the DACH market')!, 'Forced by a viewer');
  });
  await expect(viewer.outline.row('objective', 'Forced by a viewer')).toBeVisible();
  // host36: the server's refusal is told in words, not only logged (the copy here now differs from everyone's).
  await expect(viewer.shell.notice('A change you made to “Board plan” was not shared: you are a viewer of it now, and the server refused it.')).toBeVisible();
  // A later edit by the host reaches the viewer, so anything the viewer sent has been handled by now.
  await appendToTitle(host.outline, 'key result', 'Revenue from DACH', ' (k€)');
  await expect(viewer.outline.row('key result', 'Revenue from DACH (k€)')).toBeVisible();
  await expect(host.outline.row('objective', 'Win the DACH market')).toBeVisible();
  await expect(host.outline.row('objective', 'Forced by a viewer')).toHaveCount(0);

  // A newcomer gets the server's copy: the forced edit was never stored.
  const newcomer = await newUser(browser, 'newcomer');
  await newcomer.page.goto(joinLink(server.url, server.url, 'board', mintToken(server.dataDir, 'board', 'editor'), planId));
  await expect(newcomer.outline.row('key result', 'Revenue from DACH (k€)')).toBeVisible();
  await expect(newcomer.outline.row('objective', 'Win the DACH market')).toBeVisible();
  await closeContexts(host.context, viewer.context, newcomer.context);
});

test('a refused token is explained in words before anything is saved, with Retry and Cancel', async ({ browser }) => {
  const user = await newUser(browser, 'refused');
  const otherServerData = mkdtempSync(path.join(tmpdir(), 'throughline-other-'));
  try {
    // A token signed by another server's secret: the join is checked with the server first.
    const foreign = mintToken(otherServerData, 'team', 'editor');
    await user.page.goto(joinLink(server.url, server.url, 'team', foreign, 'strangerplan'));
    const failure = user.page.getByRole('dialog', { name: 'Could not join' });
    await expect(failure).toContainText('refused this link for workspace "team": bad token signature');
    await expect(failure.getByRole('button', { name: 'Retry' })).toBeVisible();
    await user.page.screenshot({ path: 'docs/screenshots/refused.png' });
    await failure.getByRole('button', { name: 'Cancel' }).click();
    await expect(failure).toBeHidden();
    await expect(user.page.getByRole('heading', { name: 'No plans yet' })).toBeVisible();

    // A token for another workspace: the server says so.
    await user.page.goto(joinLink(server.url, server.url, 'team', mintToken(server.dataDir, 'elsewhere', 'editor'), 'otherplan'));
    await expect(failure).toContainText('token is for workspace "elsewhere", not "team"');
    await failure.getByRole('button', { name: 'Cancel' }).click();

    // An unusable link says what is wrong with it.
    await user.page.goto(`${server.url}#join?server=${encodeURIComponent('http://nope')}&workspace=team&token=x`);
    await expect(user.shell.notice(/This join link cannot be used: the server must be a ws:\/\/ or wss:\/\/ address/)).toBeVisible();
    await expect(new LibraryPage(user.page).heading).toBeVisible();
    await expect(user.page.getByRole('heading', { name: 'No plans yet' })).toBeVisible();
  } finally {
    rmSync(otherServerData, { recursive: true, force: true });
    await closeContexts(user.context);
  }
});
