// A device reuses its Yjs client id for a plan across sessions only when that is provably safe
// (shared/sync/client-id-reuse.ts, renderer/src/session/client-id-lease.ts): every session here ends
// cleanly, or crashes, or overlaps another tab, and each is checked for the ids the plan holds.
import { expect, test, type Page } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { LibraryPage } from './pages/library-page.js';
import { OutlinePage } from './pages/outline-page.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { hostSharedPlan, joinSharedPlan, newUser, outlineNames, type User } from './support/two-users.js';
import { addLineAfter, typeCascade } from './support/outline-steps.js';
import { closeContexts } from './support/close-contexts.js';
import { expectConverged } from './support/converged.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });
// A step that cannot happen fails at that step, not at the end of the test's time.
test.use({ actionTimeout: 20_000 });

interface ClientIds {
  /** The id the open plan's doc writes with. */
  writer: number;
  /** Every client id the doc holds → its next clock. */
  clocks: Record<string, number>;
}

/** The open plan's client ids (automation hook), once the plan is open. */
async function clientIds(page: Page): Promise<ClientIds> {
  await expect.poll(() => page.evaluate(() => (window as unknown as { __throughline: { clientIds(): unknown } }).__throughline.clientIds() !== null)).toBe(true);
  return page.evaluate(() => (window as unknown as { __throughline: { clientIds(): ClientIds } }).__throughline.clientIds());
}

/** The client-id records of the open plan (y-indexeddb's `custom` store): id → state. */
async function clientIdRecords(page: Page): Promise<Record<string, string>> {
  return page.evaluate(async () => {
    const planId = /#\/plan\/([^/]+)/.exec(window.location.hash)?.[1];
    const request = indexedDB.open(`throughline-plan:${planId}`);
    const db = await new Promise<IDBDatabase>((resolve, reject) => { request.onsuccess = () => resolve(request.result); request.onerror = () => reject(request.error); });
    const store = db.transaction('custom', 'readonly').objectStore('custom');
    const keys = store.getAllKeys();
    const values = store.getAll();
    await new Promise<void>((resolve, reject) => { values.onsuccess = () => resolve(); values.onerror = () => reject(values.error); });
    db.close();
    const records: Record<string, string> = {};
    keys.result.forEach((key, index) => {
      if (typeof key === 'string' && key.startsWith('client-id:')) records[key.slice('client-id:'.length)] = (values.result[index] as { state: string }).state;
    });
    return records;
  });
}

/** Leaves the open plan for the library, as a person would (the session ends there). */
async function leaveForLibrary(page: Page): Promise<LibraryPage> {
  const library = new LibraryPage(page);
  await page.getByRole('link', { name: 'All plans' }).click();
  await expect(library.heading).toBeVisible();
  return library;
}

/**
 * Opens `name` from the library (from its workspace's list when shared) and waits until its outline
 * is the live one (not the first screen).
 */
async function openFromLibrary(page: Page, name: string, workspace?: string): Promise<void> {
  const list = page.getByRole('list', { name: workspace ? `Plans in workspace ${workspace}` : 'Plans on this device' });
  await list.getByRole('listitem', { name, exact: true }).getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('tree', { name: 'Plan outline' })).toBeVisible();
  await clientIds(page);
}

async function newTab(user: User): Promise<User> {
  const page = await user.context.newPage();
  return { context: user.context, page, shell: new AppShell(page), outline: new OutlinePage(page) };
}

test('leaving a plan and opening it again three times writes with the same client id: the plan gains no id and keeps every edit', async ({ browser }) => {
  test.setTimeout(180_000);
  const user = await newUser(browser, 'solo', true);
  try {
    await user.shell.open(server.url);
    await new LibraryPage(user.page).createPlan('Office move');
    await typeCascade(user.outline);
    const first = await clientIds(user.page);
    const titles = ['Order desks', 'Set up the network', 'Plan the opening'];
    for (const [round, title] of titles.entries()) {
      await leaveForLibrary(user.page);
      await openFromLibrary(user.page, 'Office move');
      const ids = await clientIds(user.page);
      expect(ids.writer, `session ${round + 2} writes with the first session's id`).toBe(first.writer);
      await addLineAfter(user.outline, 'task', 'Sign the office lease', title);
      await expect(user.outline.row('task', title)).toBeVisible();
    }
    // Every edit of the four sessions is there, and the doc holds the ids it held after the first.
    for (const title of titles) await expect(user.outline.row('task', title)).toBeVisible();
    const last = await clientIds(user.page);
    expect(Object.keys(last.clocks).sort()).toEqual(Object.keys(first.clocks).sort());
    expect(last.clocks[String(first.writer)]).toBeGreaterThan(first.clocks[String(first.writer)] ?? 0);
    expect(await clientIdRecords(user.page)).toEqual({ [String(first.writer)]: 'in-use' });

    // And after a reload (a new page, the same device) the stored plan still has all of it.
    await user.page.reload();
    for (const title of titles) await expect(user.outline.row('task', title)).toBeVisible();
  } finally {
    await closeContexts(user.context);
  }
});

test('reloading the page three times writes with the same client id: the closing record of pagehide is a marker that lands', async ({ browser }) => {
  test.setTimeout(120_000);
  const user = await newUser(browser, 'solo', true);
  try {
    await user.shell.open(server.url);
    await new LibraryPage(user.page).createPlan('Depot move');
    await typeCascade(user.outline);
    const first = await clientIds(user.page);
    for (const [round, title] of ['Order desks', 'Set up the network', 'Plan the opening'].entries()) {
      await user.page.reload();
      await expect(user.page.getByRole('tree', { name: 'Plan outline' })).toBeVisible();
      expect((await clientIds(user.page)).writer, `reload ${round + 1} writes with the first session's id`).toBe(first.writer);
      await addLineAfter(user.outline, 'task', 'Sign the office lease', title);
      await expect(user.outline.row('task', title)).toBeVisible();
    }
    expect(Object.keys((await clientIds(user.page)).clocks).sort()).toEqual(Object.keys(first.clocks).sort());
  } finally {
    await closeContexts(user.context);
  }
});

/** The plan ids that have closing markers in localStorage. */
async function plansWithClosingMarkers(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const plans = new Set<string>();
    for (let index = 0; index < localStorage.length; index++) {
      const match = /^throughline:client-id-closed:(.+):\d+$/.exec(localStorage.key(index) ?? '');
      if (match) plans.add(match[1]!);
    }
    return [...plans].sort();
  });
}

test('deleting a plan from the library removes its closing markers from localStorage, and only its own', async ({ browser }) => {
  const user = await newUser(browser, 'solo', true);
  try {
    await user.shell.open(server.url);
    const planIds: string[] = [];
    for (const name of ['Depot move', 'Office move']) {
      await new LibraryPage(user.page).createPlan(name);
      await clientIds(user.page);
      planIds.push(/#\/plan\/([^/]+)/.exec(await user.page.evaluate(() => window.location.hash))![1]!);
      await leaveForLibrary(user.page);
    }
    // Leaving a plan ends its session with a closing marker (the next open of the plan reads it).
    await expect.poll(() => plansWithClosingMarkers(user.page)).toEqual([...planIds].sort());
    const library = new LibraryPage(user.page);
    await library.plan('Depot move').getByRole('button', { name: 'Delete' }).click();
    await library.plan('Depot move').getByRole('button', { name: 'Delete' }).click();
    await expect(library.plan('Depot move')).toHaveCount(0);
    await expect.poll(() => plansWithClosingMarkers(user.page)).toEqual([planIds[1]]);
    // The plan kept still opens with its own id.
    await openFromLibrary(user.page, 'Office move');
  } finally {
    await closeContexts(user.context);
  }
});

test('two tabs of one plan at once write with two client ids, both edit and converge; a tab reopening the plan takes back its own id', async ({ browser }) => {
  test.setTimeout(180_000);
  const host = await newUser(browser, 'host', true);
  try {
    await hostSharedPlan(host, server.url, mintToken(server.dataDir, 'tabs', 'editor'), 'tabs', 'Board plan', 'typed');
    const firstTab = await clientIds(host.page);

    // The second tab opens while the first holds its id: it must not wait for it, and takes another.
    const second = await newTab(host);
    await second.page.goto(host.page.url());
    await second.shell.expectSyncStatus('Synced');
    const secondTab = await clientIds(second.page);
    expect(secondTab.writer).not.toBe(firstTab.writer);

    await addLineAfter(second.outline, 'task', 'Sign the office lease', 'Hire a notary');
    await addLineAfter(host.outline, 'task', 'Sign the office lease', 'Book movers');
    await expect(host.outline.row('task', 'Hire a notary')).toBeVisible();
    await expect(second.outline.row('task', 'Book movers')).toBeVisible();

    // The second tab leaves and comes back while the first still writes: it gets its own id again.
    await leaveForLibrary(second.page);
    await openFromLibrary(second.page, 'Board plan', 'tabs');
    expect((await clientIds(second.page)).writer).toBe(secondTab.writer);
    await second.shell.expectSyncStatus('Synced');
    await addLineAfter(second.outline, 'task', 'Sign the office lease', 'Order desks');
    await expect(host.outline.row('task', 'Order desks')).toBeVisible();

    // The same plan in both tabs, line for line and clock for clock.
    await expectConverged(outlineNames, host, second);
    await expectConverged(async (user: User) => (await clientIds(user.page)).clocks, host, second);
    const records = await clientIdRecords(second.page);
    expect(Object.keys(records).sort()).toEqual([String(firstTab.writer), String(secondTab.writer)].sort());
    await second.page.screenshot({ path: 'docs/screenshots/client-ids-two-tabs.png' });
  } finally {
    await closeContexts(host.context);
  }
});

test('a tab that crashes retires its client id: the next session takes a fresh one and no clock is written twice', async ({ browser }) => {
  test.setTimeout(180_000);
  const host = await newUser(browser, 'host', true);
  const guest = await newUser(browser, 'guest', true);
  try {
    const link = await hostSharedPlan(host, server.url, mintToken(server.dataDir, 'crash', 'editor'), 'crash', 'Launch plan', 'typed');
    await joinSharedPlan(guest, link, 'Ben Guest');
    const url = host.page.url();
    await addLineAfter(host.outline, 'task', 'Sign the office lease', 'Order desks');
    await expect(guest.outline.row('task', 'Order desks')).toBeVisible();
    const crashed = await clientIds(host.page);

    // The renderer dies without pagehide: the session never records its id as closed.
    const cdp = await host.context.newCDPSession(host.page);
    const gone = host.page.waitForEvent('crash');
    // Never answered (the page is gone): the crash event is what we wait for.
    void cdp.send('Page.crash').catch(() => undefined);
    await gone;
    await host.page.close();

    const next = await newTab(host);
    await next.page.goto(url);
    await next.shell.expectSyncStatus('Synced');
    const fresh = await clientIds(next.page);
    expect(fresh.writer).not.toBe(crashed.writer);
    expect(Object.keys(crashed.clocks)).not.toContain(String(fresh.writer));
    expect((await clientIdRecords(next.page))[String(crashed.writer)]).toBe('in-use');

    await addLineAfter(next.outline, 'task', 'Sign the office lease', 'Set up the network');
    await expect(guest.outline.row('task', 'Set up the network')).toBeVisible();
    // The crashed id wrote nothing more; both devices hold the same clocks and the same plan.
    const guestIds = await clientIds(guest.page);
    expect(guestIds.clocks[String(crashed.writer)]).toBe(crashed.clocks[String(crashed.writer)]);
    await expectConverged(async (user: User) => (await clientIds(user.page)).clocks, next, guest);
    await expectConverged(outlineNames, next, guest);
  } finally {
    await closeContexts(host.context, guest.context);
  }
});

test('another person sees the presence and the edits of a session that reused its client id', async ({ browser }) => {
  test.setTimeout(180_000);
  const host = await newUser(browser, 'host', true);
  const guest = await newUser(browser, 'guest', true);
  try {
    const link = await hostSharedPlan(host, server.url, mintToken(server.dataDir, 'presence', 'editor'), 'presence', 'Offsite plan', 'typed');
    await joinSharedPlan(guest, link, 'Ben Guest');
    await expect(guest.shell.presence).toHaveAccessibleName('In this plan now: Ada Host');
    await expectConverged(async (user: User) => (await clientIds(user.page)).clocks, host, guest);
    const before = await clientIds(host.page);

    for (const title of ['Book the venue', 'Send the invitations']) {
      await leaveForLibrary(host.page);
      // Gone from the guest's view with the session…
      await expect(guest.shell.presence).toHaveCount(0);
      await openFromLibrary(host.page, 'Offsite plan', 'presence');
      expect((await clientIds(host.page)).writer).toBe(before.writer);
      await host.shell.expectSyncStatus('Synced');
      // …and back with the reused id, whose presence the guest has seen before at a lower clock.
      await expect(guest.shell.presence).toHaveAccessibleName('In this plan now: Ada Host');
      await host.outline.select('task', 'Sign the office lease');
      await expect(guest.outline.row('task', 'Sign the office lease')).toHaveAccessibleDescription(/\u2068Ada Host\u2069 has this selected/);
      await addLineAfter(host.outline, 'task', 'Sign the office lease', title);
      await expect(guest.outline.row('task', title)).toBeVisible();
    }
    await expect(host.shell.presence).toHaveAccessibleName('In this plan now: Ben Guest');
    await expectConverged(async (user: User) => (await clientIds(user.page)).clocks, host, guest);
    expect(Object.keys((await clientIds(guest.page)).clocks).sort()).toEqual(Object.keys(before.clocks).sort());
    await guest.page.screenshot({ path: 'docs/screenshots/client-ids-presence.png' });
  } finally {
    await closeContexts(host.context, guest.context);
  }
});
