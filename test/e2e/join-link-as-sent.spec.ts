// A join link as it reaches people at an offsite: copied out of an HTML e-mail (`&amp;` for `&`) with
// the sentence's full stop stuck to it, and one with its hash percent-encoded by a chat app. Both join
// the workspace (fifteenth session); before, the first was refused for a "missing" workspace that was
// there and the second opened the app without a word.
import { expect, test, type Page } from '@playwright/test';
import { WorkspacePage } from './pages/workspace-page.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { joinLink, mintToken } from './support/tokens.js';
import { newUser } from './support/two-users.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

async function openLink(page: Page, link: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(link);
  await expect(page.getByTestId('app-shell')).toBeVisible();
}

test('a link from an HTML e-mail (&amp;, a full stop after it) and one percent-encoded by a chat app both join the workspace', async ({ browser }) => {
  const link = joinLink(server.url, server.url, 'offsite', mintToken(server.dataDir, 'offsite', 'editor'));
  const hashAt = link.indexOf('#');
  const fromEmail = `${link.replace(/&/g, '&amp;')}.`;
  const fromChat = `${link.slice(0, hashAt)}#${encodeURIComponent(link.slice(hashAt + 1))}`;
  const ada = await newUser(browser, 'ada');
  const ben = await newUser(browser, 'ben');
  try {
    await openLink(ada.page, fromEmail);
    const adaWorkspace = new WorkspacePage(ada.page);
    await expect(adaWorkspace.section('offsite')).toBeVisible({ timeout: 15_000 });
    await expect(ada.page.getByRole('alert').filter({ hasText: 'join link cannot be used' })).toHaveCount(0);
    await adaWorkspace.createPlan('Offsite plan');
    await ada.shell.expectSyncStatus('Synced');

    await openLink(ben.page, fromChat);
    const benWorkspace = new WorkspacePage(ben.page);
    await expect(benWorkspace.section('offsite')).toBeVisible({ timeout: 15_000 });
    await expect(benWorkspace.plan('offsite', 'Offsite plan')).toBeVisible({ timeout: 15_000 });
    await expectAccessible(ben.page, 'start page after joining by a percent-encoded link');
    await ben.page.screenshot({ path: 'docs/screenshots/join-link-as-sent.png' });
  } finally {
    await closeContexts(ada.context, ben.context);
  }
});
