import { expect, test, type Browser, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppShell } from './pages/app-shell.js';
import { WorkspacePage } from './pages/workspace-page.js';
import { axeResults } from './support/axe.js';
import { projectRoot, spawnUntilUrl, startSyncServer, type RunningProcess } from './support/server.js';
import { joinLink, mintToken } from './support/tokens.js';
import { newUser, type User } from './support/two-users.js';
import { closeContexts } from './support/close-contexts.js';

interface Participant extends User {
  workspace: WorkspacePage;
}

async function participant(browser: Browser, name: string): Promise<Participant> {
  const user = await newUser(browser, name);
  return { ...user, workspace: new WorkspacePage(user.page) };
}

/** Opens a join link in a fresh page load and waits for the app. */
async function openLink(page: Page, link: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(link);
  await expect(page.getByTestId('app-shell')).toBeVisible();
}

/** The axe audit of the page, or of the part `include` selects (the parts this issue built). */
async function expectNoSeriousViolations(page: Page, include?: string): Promise<void> {
  const results = await axeResults(page, { options: { resultTypes: ['violations'] }, include });
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${violation.id}: ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Renames a row inline (F2, type, Enter): one change. */
async function rename(user: User, kind: string, title: string, suffix: string): Promise<void> {
  await user.outline.select(kind, title);
  await user.outline.press('F2');
  await user.page.keyboard.press('End');
  await user.page.keyboard.type(suffix);
  await user.page.keyboard.press('Enter');
  await expect(user.outline.row(kind, title + suffix)).toBeVisible();
}

async function addStrategy(user: User, title: string): Promise<void> {
  await user.outline.focus();
  await user.outline.press('Enter');
  await user.outline.typeTitle(title);
  await user.outline.press('Enter');  // commits the last line; Escape then drops the empty next one
  await user.outline.press('Escape');
}

test('three people open the workspace link npm start prints, see one plan list, and get each other\'s plans, one of them made offline', async ({ browser }) => {
  test.setTimeout(240_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'throughline-start-'));
  const host = await spawnUntilUrl(process.execPath, ['scripts/start.mjs'], /Workspace link[^:]*: (http\S+)/, { THROUGHLINE_BROWSER_MODE: '1', PORT: '0', THROUGHLINE_DATA: dataDir });
  const link = host.url;
  const [ana, ben, cho] = [await participant(browser, 'Ana'), await participant(browser, 'Ben'), await participant(browser, 'Cho')];
  try {
    // The first one in makes a plan: it goes into the workspace by default.
    await openLink(ana.page, link);
    await expect(ana.workspace.section('local')).toBeVisible();
    await ana.workspace.createPlan('Offsite 2027');
    await ana.shell.expectSyncStatus('Synced');
    await addStrategy(ana, 'Grow in Europe');
    await ana.workspace.backToPlans();

    // Two more open the same link: the plan list comes by itself (no reload, no step of theirs; the
    // bound is Playwright's default timeout, not a 2 s limit a loaded CI can miss).
    for (const person of [ben, cho]) {
      await openLink(person.page, link);
      await expect(person.workspace.plan('local', 'Offsite 2027')).toBeVisible();
    }
    for (const person of [ana, ben, cho]) expect(await person.workspace.planNames('local')).toEqual(['Offsite 2027']);
    await ana.page.screenshot({ path: 'docs/screenshots/workspace-list.png' });
    await expectNoSeriousViolations(ana.page);

    // One creates a plan; the others see it.
    await ben.workspace.createPlan('Budget 2027');
    await ben.workspace.backToPlans();
    for (const person of [ana, cho]) await expect(person.workspace.plan('local', 'Budget 2027')).toBeVisible();

    // One goes offline, creates a plan and edits it, comes back: the others get both.
    await cho.context.setOffline(true);
    await expect(cho.workspace.status('local')).toHaveText('Offline');
    await cho.workspace.createPlan('Ideas from the train');
    await cho.shell.expectSyncStatus('Offline');
    await addStrategy(cho, 'Partner with rail operators');
    await cho.shell.expectSyncStatus(/Offline · \d+ local changes? waiting$/);
    await expect(ana.workspace.plan('local', 'Ideas from the train')).toHaveCount(0);
    await cho.context.setOffline(false);
    await cho.shell.expectSyncStatus('Synced');
    await expect(ana.workspace.plan('local', 'Ideas from the train')).toBeVisible();
    await expect(ben.workspace.plan('local', 'Ideas from the train')).toBeVisible();
    await ben.workspace.open('local', 'Ideas from the train');
    await expect(ben.outline.row('strategy', 'Partner with rail operators')).toBeVisible();

    // A plan link opens that plan directly; Share gives both links with their QR codes.
    await ben.page.getByRole('button', { name: 'Share' }).click();
    const share = ben.page.getByRole('dialog', { name: 'Share this plan' });
    await expect(share.getByRole('img', { name: 'QR code of the workspace link' })).toBeVisible();
    await expect(share.getByRole('img', { name: 'QR code of the plan link' })).toBeVisible();
    const planLink = await share.getByRole('textbox', { name: 'Plan link' }).inputValue();
    expect(await share.getByRole('textbox', { name: 'Workspace link' }).inputValue()).not.toContain('plan=');
    await ben.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(link).origin });
    await share.getByRole('button', { name: 'Copy the plan link' }).click();
    await expect(share.getByRole('button', { name: 'Copy the plan link' })).toHaveText('Copied');
    expect(await ben.page.evaluate(() => navigator.clipboard.readText())).toBe(planLink);
    await ben.page.screenshot({ path: 'docs/screenshots/share-dialog.png' });
    await expectNoSeriousViolations(ben.page);
    await openLink(ana.page, planLink);
    await expect(ana.outline.row('strategy', 'Partner with rail operators')).toBeVisible();
  } finally {
    await closeContexts(ana.context, ben.context, cho.context);
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test.describe('joins that cannot work say so, with Retry and Cancel, and leave nothing behind', () => {
  let server: RunningProcess & { dataDir: string };
  test.beforeAll(async () => { server = await startSyncServer(); });
  test.afterAll(async () => { await server.stop(); });

  test('an unreachable server', async ({ browser }) => {
    const user = await participant(browser, 'lost');
    const port = Number(new URL(server.url).port) + 1;
    const dead = `http://127.0.0.1:${port === 65_536 ? 1 : port}/`;
    await openLink(user.page, joinLink(server.url, dead, 'team', mintToken(server.dataDir, 'team', 'editor'), 'someplan'));
    await expect(user.workspace.joinFailure).toContainText('No answer from ws://127.0.0.1', { timeout: 10_000 });
    await expectNoSeriousViolations(user.page);
    await user.workspace.joinFailure.getByRole('button', { name: 'Retry' }).click();
    await expect(user.workspace.joinFailure).toContainText('No answer from', { timeout: 10_000 });
    await user.workspace.joinFailure.getByRole('button', { name: 'Cancel' }).click();
    await expect(user.workspace.joinFailure).toBeHidden();
    await user.workspace.expectNothingSaved();
    await closeContexts(user.context);
  });

  test('a refused token', async ({ browser }) => {
    const user = await participant(browser, 'stranger');
    const otherData = mkdtempSync(path.join(tmpdir(), 'throughline-foreign-'));
    try {
      await openLink(user.page, joinLink(server.url, server.url, 'team', mintToken(otherData, 'team', 'editor')));
      await expect(user.workspace.joinFailure).toContainText('refused this link for workspace "team": bad token signature', { timeout: 10_000 });
      await user.workspace.joinFailure.getByRole('button', { name: 'Cancel' }).click();
      await user.workspace.expectNothingSaved();
    } finally {
      rmSync(otherData, { recursive: true, force: true });
      await closeContexts(user.context);
    }
  });

  test('"Joining…" stays until the workspace is listed, so a plan made at once goes into it', async ({ browser }) => {
    const member = await participant(browser, 'quick');
    try {
      // The workspace's local copy opens 1.5 s late, as on a busy laptop (y-indexeddb waits for onsuccess).
      await member.page.addInitScript(() => {
        const open = indexedDB.open.bind(indexedDB);
        const setSuccess = Object.getOwnPropertyDescriptor(IDBRequest.prototype, 'onsuccess')!.set!;
        indexedDB.open = (name: string, version?: number) => {
          const request = open(name, version);
          if (name.startsWith('throughline-directory:')) {
            Object.defineProperty(request, 'onsuccess', {
              set(handler: ((event: Event) => void) | null) {
                setSuccess.call(request, handler && ((event: Event) => { setTimeout(() => handler.call(request, event), 1_500); }));
              },
            });
          }
          return request;
        };
      });
      await openLink(member.page, joinLink(server.url, server.url, 'quick', mintToken(server.dataDir, 'quick', 'editor')));
      const joining = member.page.getByRole('dialog', { name: 'Joining…' });
      await expect(joining).toBeVisible();
      await expect(joining).toBeHidden({ timeout: 10_000 });
      // No wait: once the dialog is gone, the workspace is there to create in.
      expect(await member.workspace.section('quick').count()).toBe(1);
      await member.workspace.createPlan('Made at once');
      await member.shell.expectSyncStatus('Synced');
    } finally {
      await closeContexts(member.context);
    }
  });

  test('a plan named while the join is still being checked keeps its name, for its maker and the next person', async ({ browser }) => {
    const [maker, next] = [await participant(browser, 'maker'), await participant(browser, 'next')];
    const link = joinLink(server.url, server.url, 'slowcheck', mintToken(server.dataDir, 'slowcheck', 'editor'));
    try {
      // The access check answers late, as on a loaded server: "Joining…" covers the page meanwhile. It is
      // held until the test has seen the dialog, then let through: the start page shows (and its field
      // takes typing) a moment before the dialog opens, so checking only that no dialog is up let the
      // name be filled into a field the dialog had just made inert (usercheck16: the rehearsal's flake;
      // what was typed before the dialog stays, what is typed while it is up goes to the dialog).
      let answer: () => void = () => undefined;
      const held = new Promise<void>((resolve) => { answer = resolve; });
      await maker.page.routeWebSocket(/\/_access/, async (route) => { await held; route.connectToServer(); });
      await openLink(maker.page, link);
      const joining = maker.page.getByRole('dialog', { name: 'Joining…' });
      await expect(joining).toBeVisible();
      answer();
      await expect(joining).toBeHidden();
      await maker.workspace.createPlan('Named while joining');
      await maker.shell.expectSyncStatus('Synced');
      await maker.workspace.backToPlans();
      expect(await maker.workspace.planNames('slowcheck')).toEqual(['Named while joining']);
      await openLink(next.page, link);
      await next.workspace.open('slowcheck', 'Named while joining');
    } finally {
      await closeContexts(maker.context, next.context);
    }
  });

  test('a revoked link: the open connection is closed with the reason, and the link no longer joins', async ({ browser }) => {
    const member = await participant(browser, 'member');
    const token = mintToken(server.dataDir, 'crew', 'editor');
    const link = joinLink(server.url, server.url, 'crew', token);
    await openLink(member.page, link);
    await member.workspace.createPlan('Crew plan');
    await member.shell.expectSyncStatus('Synced');
    execFileSync(process.execPath, ['dist/sync-server/cli.js', 'revoke', link, '--data', server.dataDir], { cwd: projectRoot });
    const banner = member.page.getByRole('alert').filter({ hasText: 'Not syncing.' });
    await expect(banner).toContainText('The host revoked the link you joined with');
    // Said once: the server's reason repeats the sentence, so it is not added in brackets.
    await expect(banner).not.toContainText('link revoked by the host');
    await member.shell.expectSyncStatus('Not syncing');

    const late = await participant(browser, 'late');
    await openLink(late.page, link);
    await expect(late.workspace.joinFailure).toContainText('link revoked by the host', { timeout: 10_000 });
    await late.workspace.joinFailure.getByRole('button', { name: 'Cancel' }).click();
    await late.workspace.expectNothingSaved();
    await closeContexts(member.context, late.context);
  });
});

test('the status says Offline only without network, "Server unreachable" with a countdown when the server is down, and counts edits', async ({ browser }) => {
  test.setTimeout(180_000);
  const first = await startSyncServer();
  const port = new URL(first.url).port;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'throughline-status-'));
  // A server of our own on a fixed free port (taken from the first), so it can stop and come back there.
  await first.stop();
  let server = await spawnUntilUrl(process.execPath, ['dist/sync-server/cli.js', 'serve', '--port', port, '--host', '127.0.0.1', '--data', dataDir], /"url":"(http:\/\/[^"]+)"/);
  const user = await participant(browser, 'status');
  try {
    const token = execFileSync(process.execPath, ['dist/sync-server/cli.js', 'token', '--data', dataDir, '--workspace', 'ops', '--role', 'editor'], { cwd: projectRoot, encoding: 'utf8' }).trim();
    await openLink(user.page, joinLink(server.url, server.url, 'ops', token));
    await user.workspace.createPlan('Status plan');
    await user.shell.expectSyncStatus('Synced');

    await addStrategy(user, 'One');
    await addStrategy(user, 'Two');
    await user.shell.expectSyncStatus('Synced');

    // No network: "Offline", and three renames are three local changes waiting (a change is one undo step).
    await user.context.setOffline(true);
    await user.shell.expectSyncStatus('Offline');
    await rename(user, 'strategy', 'One', ' a');
    await rename(user, 'strategy', 'Two', ' b');
    await rename(user, 'strategy', 'One a', ' c');
    await user.shell.expectSyncStatus('Offline · 3 local changes waiting');
    await user.context.setOffline(false);
    await user.shell.expectSyncStatus('Synced');

    // The network is fine, the server is down: not "Offline".
    await server.stop();
    await user.shell.expectSyncStatus('Server unreachable');
    await expect(new AppShell(user.page).syncStatus).toContainText(/Server unreachable — retrying (in \d+ s|now)/);
    await rename(user, 'strategy', 'Two b', ' d');
    await user.shell.expectSyncStatus('Server unreachable · 1 local change waiting');
    // The status pill (the plan's outline and details are audited by their own tests).
    await expectNoSeriousViolations(user.page, '.sync-pill');

    server = await spawnUntilUrl(process.execPath, ['dist/sync-server/cli.js', 'serve', '--port', port, '--host', '127.0.0.1', '--data', dataDir], /"url":"(http:\/\/[^"]+)"/);
    // The client's next attempt comes at most 8 s later.
    await expect(user.shell.syncStatus).toHaveAccessibleName('Sync status: Synced', { timeout: 15_000 });
  } finally {
    await closeContexts(user.context);
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
