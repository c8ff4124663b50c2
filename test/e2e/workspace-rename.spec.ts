import { expect, test, type Browser } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WorkspacePage } from './pages/workspace-page.js';
import { expectAccessible } from './support/axe.js';
import { spawnUntilUrl } from './support/server.js';
import { newUser, type User } from './support/two-users.js';
import { closeContexts } from './support/close-contexts.js';

interface Participant extends User {
  workspace: WorkspacePage;
}

async function participant(browser: Browser, name: string): Promise<Participant> {
  const user = await newUser(browser, name);
  return { ...user, workspace: new WorkspacePage(user.page) };
}

/** Renames a plan from the workspace's list with the keyboard only: its Rename button, the new name, Enter. */
async function renameFromList(person: Participant, from: string, to: string): Promise<void> {
  const row = person.workspace.plan('local', from);
  await row.getByRole('button', { name: `Rename ${from}` }).focus();
  await person.page.keyboard.press('Enter');
  const field = person.page.getByRole('textbox', { name: 'Plan name', exact: true });
  await expect(field).toBeFocused();
  await person.page.keyboard.press('ControlOrMeta+a');
  await person.page.keyboard.type(to);
  await person.page.keyboard.press('Enter');
}

/** The name the open plan's header shows. */
function headerName(person: Participant) {
  return person.page.locator('.app-header .plan-name');
}

test('people in a workspace rename a plan from its list, one who never opened it and two at once offline: everyone sees one name, in the list and in the plan', async ({ browser }) => {
  test.setTimeout(240_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'throughline-rename-'));
  const started = await spawnUntilUrl(process.execPath, ['scripts/start.mjs'], /Workspace link[^:]*: (http\S+)/, { THROUGHLINE_BROWSER_MODE: '1', PORT: '0', THROUGHLINE_DATA: dataDir });
  const link = started.url;
  const [ana, ben] = [await participant(browser, 'Ana'), await participant(browser, 'Ben')];
  try {
    // Ana makes the plan and writes in it; Ben opens the workspace link and sees it, without opening it.
    await ana.shell.open(link);
    await ana.workspace.createPlan('Offsite 2027');
    await ana.shell.setIdentity('Ana');
    await ana.outline.focus();
    await ana.outline.press('Enter');
    await ana.outline.typeTitle('Grow in Europe');
    await ana.outline.press('Enter');
    await ana.outline.press('Escape');
    await ana.shell.expectSyncStatus('Synced');
    await ana.workspace.backToPlans();
    await ana.workspace.createPlan('Budget 2027');
    await ana.shell.expectSyncStatus('Synced');
    await ana.workspace.backToPlans();
    await ben.shell.open(link);
    await expect(ben.workspace.plan('local', 'Offsite 2027')).toBeVisible();
    await expect(ben.workspace.plan('local', 'Offsite 2027')).toContainText('Not opened on this device yet');

    // Ben renames it from the list: both lists show the new name, and so does the plan when Ana opens it.
    await renameFromList(ben, 'Offsite 2027', 'Offsite 2027 · Lisbon');
    for (const person of [ben, ana]) await expect.poll(() => person.workspace.planNames('local')).toEqual(['Budget 2027', 'Offsite 2027 · Lisbon']);
    // Fetched to be renamed, not opened: Ben's list must not claim he opened it.
    await expect(ben.workspace.plan('local', 'Offsite 2027 · Lisbon')).toContainText('Not opened on this device yet');
    await ana.workspace.open('local', 'Offsite 2027 · Lisbon');
    await expect(headerName(ana)).toHaveText('Offsite 2027 · Lisbon');
    await expect(ana.outline.row('strategy', 'Grow in Europe')).toBeVisible();
    await ana.workspace.backToPlans();

    // A name that does not show is refused with the reason, kept as typed; nothing changes for anyone.
    await renameFromList(ben, 'Offsite 2027 · Lisbon', '\u200b\u200b');
    await expect(ben.page.getByRole('alert').filter({ hasText: 'type a name that shows' })).toBeVisible();
    await expect(ben.page.getByRole('textbox', { name: 'Plan name', exact: true })).toHaveValue('\u200b\u200b');
    await ben.page.screenshot({ path: 'docs/screenshots/workspace-rename-refused.png' });
    await expectAccessible(ben.page, 'workspace list with a refused plan name');
    await ben.page.keyboard.press('Escape');
    expect(await ana.workspace.planNames('local')).toEqual(['Budget 2027', 'Offsite 2027 · Lisbon']);

    // Both offline, both rename it: back online, one name wins everywhere, never the two run together.
    for (const person of [ana, ben]) {
      await person.context.setOffline(true);
      await expect(person.workspace.status('local')).toHaveText('Offline');
    }
    // A plan Ben never opened cannot be renamed offline (there is no copy here to write the name after):
    // he is told so at once, his typing stays, and the list keeps its name.
    await renameFromList(ben, 'Budget 2027', 'Budget 2027 (draft)');
    await expect(ben.page.getByRole('alert').filter({ hasText: 'You are offline, and "Budget 2027" is not on this device yet' })).toBeVisible();
    await expect(ben.page.getByRole('textbox', { name: 'Plan name', exact: true })).toHaveValue('Budget 2027 (draft)');
    await ben.page.keyboard.press('Escape');
    await expect(ben.workspace.plan('local', 'Budget 2027')).toBeVisible();
    await renameFromList(ana, 'Offsite 2027 · Lisbon', 'Lisbon offsite');
    await renameFromList(ben, 'Offsite 2027 · Lisbon', 'Porto offsite');
    await expect(ana.workspace.plan('local', 'Lisbon offsite')).toBeVisible();
    await expect(ben.workspace.plan('local', 'Porto offsite')).toBeVisible();
    for (const person of [ana, ben]) await person.context.setOffline(false);
    for (const person of [ana, ben]) await expect(person.workspace.status('local')).toHaveText('Synced');
    await expect.poll(async () => [...await ana.workspace.planNames('local'), ...await ben.workspace.planNames('local')].join(' | '))
      .toMatch(/^(Budget 2027 \| Lisbon offsite \| Budget 2027 \| Lisbon offsite|Budget 2027 \| Porto offsite \| Budget 2027 \| Porto offsite)$/);
    const [, winner] = await ana.workspace.planNames('local');
    await ana.page.screenshot({ path: 'docs/screenshots/workspace-renamed.png' });
    await expectAccessible(ana.page, 'workspace list after two renames');
    // The plan itself carries the same name for both (its header), and the lists stay on it.
    for (const person of [ana, ben]) {
      await person.workspace.open('local', winner ?? '');
      await expect(headerName(person)).toHaveText(winner ?? '');
    }
    for (const person of [ana, ben]) {
      await person.workspace.backToPlans();
      expect(await person.workspace.planNames('local')).toEqual(['Budget 2027', winner]);
    }
  } finally {
    await closeContexts(ana.context, ben.context);
    await started.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
