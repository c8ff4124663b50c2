// The offline cases review45b only reasoned about, each run in a real Chromium against a real sync server
// (leftovers46b): a tab killed within a second of an edit, a server restored from an older backup, a link
// revoked while the person was offline, and a laptop whose clock is a day off.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { projectRoot, spawnUntilUrl, startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { hostSharedPlan, joinSharedPlan, newUser, outlineNames } from './support/two-users.js';
import { addLineAfter } from './support/outline-steps.js';
import { closeContexts } from './support/close-contexts.js';
import { expectAccessible } from './support/axe.js';
import { DetailPanel } from './pages/detail-panel.js';
import { AppShell } from './pages/app-shell.js';
import { OutlinePage } from './pages/outline-page.js';

const cli = path.join(projectRoot, 'dist', 'sync-server', 'cli.js');

/** A free loopback port, so a server stopped and started again keeps the address its clients reconnect to. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('No port was handed out.'))));
    });
  });
}

/** The built sync server on `port` over the data folder `dataDir` (kept when it stops). */
function serve(dataDir: string, port: number): Promise<RunningProcess> {
  return spawnUntilUrl(process.execPath, [cli, 'serve', '--port', String(port), '--host', '127.0.0.1', '--data', dataDir], /"url":"(http:\/\/[^"]+)"/);
}

test('a tab closed within a second of an offline edit, no beforeunload: the edit is there when the plan opens again, and reaches the server', async ({ browser }) => {
  const server = await startSyncServer();
  const ada = await newUser(browser, 'Ada', true);
  const cara = await newUser(browser, 'Cara', true);
  try {
    const link = await hostSharedPlan(ada, server.url, mintToken(server.dataDir, 'offsite', 'editor'), 'offsite', 'Board plan');
    const planUrl = ada.page.url();
    // The page the plan opens in again.
    const page = await ada.context.newPage();
    await ada.context.setOffline(true);
    await ada.shell.expectSyncStatus(/Offline/);
    await addLineAfter(ada.outline, 'task', 'Sign the office lease', 'Typed just before the crash');
    // The tab is closed at once, its beforeunload not run (Playwright's default). CDP's Page.crash took the
    // whole context down with it (the pages share a renderer process), so nothing could be opened again.
    await ada.page.close({ runBeforeUnload: false });
    // Back online to load the page (the server serves it); the server never had the line, so it can only come
    // from this device's storage.
    await ada.context.setOffline(false);
    await page.goto(planUrl);
    const again = { shell: new AppShell(page), outline: new OutlinePage(page) };
    await expect(again.outline.row('task', 'Typed just before the crash')).toBeVisible({ timeout: 15_000 });
    await again.shell.expectSyncStatus('Synced');
    await joinSharedPlan(cara, link, 'Cara Guest');
    await expect(cara.outline.row('task', 'Typed just before the crash')).toBeVisible();
  } finally {
    await closeContexts(ada.context, cara.context);
    await server.stop();
  }
});

test('a server restored from an older backup: the devices\' newer edits flow back to it, nothing is lost', async ({ browser }) => {
  test.setTimeout(180_000);
  const folder = mkdtempSync(path.join(tmpdir(), 'throughline-restored-'));
  const [live, backup] = [path.join(folder, 'live'), path.join(folder, 'backup')];
  const port = await freePort();
  let server = await serve(live, port);
  const ada = await newUser(browser, 'Ada', true);
  const ben = await newUser(browser, 'Ben', true);
  const cara = await newUser(browser, 'Cara', true);
  try {
    const link = await hostSharedPlan(ada, server.url, mintToken(live, 'offsite', 'editor'), 'offsite', 'Board plan');
    await joinSharedPlan(ben, link, 'Ben Guest');
    // The nightly backup, then a day's edits from both devices, all synced to the live server.
    execFileSync(process.execPath, [cli, 'backup', '--data', live, '--to', backup]);
    await addLineAfter(ada.outline, 'task', 'Sign the office lease', 'Ada after the backup');
    await addLineAfter(ben.outline, 'task', 'Sign the office lease', 'Ben after the backup');
    await expect(ada.outline.row('task', 'Ben after the backup')).toBeVisible();
    await ada.shell.expectSyncStatus('Synced');
    await ben.shell.expectSyncStatus('Synced');

    // The server's disk is lost; the operator restores last night's backup on the same address.
    await server.stop();
    server = await serve(backup, port);
    await ada.shell.expectSyncStatus('Synced', { timeout: 30_000 });
    await ben.shell.expectSyncStatus('Synced', { timeout: 30_000 });
    // Someone joining now gets everything: the devices gave the restored server what it lacked.
    await joinSharedPlan(cara, link, 'Cara Guest');
    await expect(cara.outline.row('task', 'Ada after the backup')).toBeVisible();
    await expect(cara.outline.row('task', 'Ben after the backup')).toBeVisible();
    expect(await outlineNames(cara)).toEqual(await outlineNames(ada));
    expect(await outlineNames(ben)).toEqual(await outlineNames(ada));
  } finally {
    await closeContexts(ada.context, ben.context, cara.context);
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a link revoked while its person was offline: on reconnecting they are told, and their offline edits stay on their device', async ({ browser }) => {
  test.setTimeout(120_000);
  const server = await startSyncServer();
  const ada = await newUser(browser, 'Ada', true);
  const ben = await newUser(browser, 'Ben', true);
  try {
    const adaLink = await hostSharedPlan(ada, server.url, mintToken(server.dataDir, 'offsite', 'editor'), 'offsite', 'Board plan');
    // Ben has a link of his own, so revoking it leaves Ada's.
    const benToken = mintToken(server.dataDir, 'offsite', 'editor');
    const benLink = adaLink.replace(/token=[^&]+/, `token=${encodeURIComponent(benToken)}`);
    await joinSharedPlan(ben, benLink, 'Ben Guest');
    await ben.context.setOffline(true);
    await ben.shell.expectSyncStatus(/Offline/);
    await addLineAfter(ben.outline, 'task', 'Sign the office lease', 'Ben offline on the train');
    execFileSync(process.execPath, [cli, 'revoke', benToken, '--data', server.dataDir]);
    // The running server reads the revocation file within about half a second (docs/sync-server.md); Ben's
    // laptop comes back after that. (Back within it, his offline line reached the server: the documented window.)
    await ben.page.waitForTimeout(2_000);
    await ben.context.setOffline(false);
    const banner = ben.page.getByRole('alert').filter({ hasText: 'Not syncing.' });
    await expect(banner).toContainText('The host revoked the link you joined with', { timeout: 20_000 });
    await expect(ben.outline.row('task', 'Ben offline on the train')).toBeVisible();
    await ben.shell.expectSyncStatus(/Not syncing/);
    await expectAccessible(ben.page, 'a link revoked while offline');
    await ben.page.screenshot({ path: 'test-results/offline-link-revoked.png' });
    // Kept across a reload too; nothing of it reached the server.
    await ben.page.reload();
    await expect(ben.outline.row('task', 'Ben offline on the train')).toBeVisible({ timeout: 15_000 });
    await expect(ada.outline.row('task', 'Ben offline on the train')).toHaveCount(0);
  } finally {
    await closeContexts(ada.context, ben.context);
    await server.stop();
  }
});

test('a laptop whose clock is a day ahead: its check-in reads as dated ahead, never "tomorrow", on the others\' screens', async ({ browser }) => {
  test.setTimeout(120_000);
  const server = await startSyncServer();
  const ada = await newUser(browser, 'Ada', true);
  const ben = await newUser(browser, 'Ben', true);
  try {
    await ben.page.clock.install({ time: Date.now() + 24 * 3_600_000 });
    const link = await hostSharedPlan(ada, server.url, mintToken(server.dataDir, 'offsite', 'editor'), 'offsite', 'Board plan');
    await joinSharedPlan(ben, link, 'Ben Guest');
    await ben.outline.select('task', 'Sign the office lease');
    await new DetailPanel(ben.page).addCheckIn({ note: 'Waiting for the landlord', blocker: true });
    await ada.outline.select('task', 'Sign the office lease');
    const adaPanel = new DetailPanel(ada.page);
    await expect(adaPanel.history.first()).toContainText('Dated in the future: Ben Guest’s clock may be ahead.');
    // The check-in form lists the blocker: raised "today (dated ahead by a clock)", not "tomorrow".
    await expect(adaPanel.checkInForm).toContainText(/Blocked since today \(dated ahead by a clock\), raised by \u2068?Ben Guest/);
    await expect(adaPanel.checkInForm).not.toContainText('tomorrow');
    // The detail panel's own dates of it ("Blocked by … since <day>", the signal's "since <day>") say the same:
    // a day after this clock's, dated ahead, not a bare "since Dec 9" read on Dec 8 (leftovers46b).
    const note = ada.page.getByRole('note', { name: 'Blocked by a check-in' });
    await expect(note).toContainText(/since \w{3} \d{1,2}, \d{4} \(dated ahead by a clock\)/);
    await expect(ada.page.getByRole('list', { name: 'Signals' })).toContainText(/since \w{3} \d{1,2}, \d{4} \(dated ahead by a clock\)/);
    await expectAccessible(ada.page, 'a check-in from a clock a day ahead');
    await ada.page.screenshot({ path: 'test-results/offline-clock-ahead.png' });
  } finally {
    await closeContexts(ada.context, ben.context);
    await server.stop();
  }
});
