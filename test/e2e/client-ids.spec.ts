import { expect, test, type Page } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { LibraryPage } from './pages/library-page.js';
import { OutlinePage } from './pages/outline-page.js';
import { startSyncServer } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { hostSharedPlan, newUser, outlineNames } from './support/two-users.js';
import { addLineAfter } from './support/outline-steps.js';

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

test('two tabs of one plan write with two client ids, and reopening the plan in a tab reuses its id instead of adding one', async ({ browser }) => {
  test.setTimeout(400_000);
  const server = await startSyncServer();
  const host = await newUser(browser, 'host');
  try {
    await hostSharedPlan(host, server.url, mintToken(server.dataDir, 'ids', 'editor'), 'ids', 'Board plan');
    const first = await clientIdRecords(host.page);
    expect(Object.values(first)).toEqual(['in-use']);

    // A second tab of the same plan, in the same browser profile: the first tab holds its id.
    const second = await host.context.newPage();
    const secondOutline = new OutlinePage(second);
    await second.goto(host.page.url());
    await new AppShell(second).expectSyncStatus('Synced');
    await expect.poll(async () => Object.keys(await clientIdRecords(second)).length).toBe(2);
    const [firstId] = Object.keys(first);
    const ids = Object.keys(await clientIdRecords(second));
    expect(ids).toContain(firstId);

    // Both tabs edit; each sees the other's line (through the server).
    await addLineAfter(secondOutline, 'task', 'Sign the office lease', 'Hire a notary');
    await expect(host.outline.row('task', 'Hire a notary')).toBeVisible();
    await addLineAfter(host.outline, 'task', 'Sign the office lease', 'Book movers');
    await expect(secondOutline.row('task', 'Book movers')).toBeVisible();

    // Leaving the plan for the library and opening it again (three times, editing each time) ends the
    // second tab's session cleanly: the next session writes with the same id, so the plan gains none.
    const library = new LibraryPage(second);
    for (const title of ['Order desks', 'Set up the network', 'Plan the opening']) {
      await second.getByRole('link', { name: 'All plans' }).click();
      await expect(library.heading).toBeVisible();
      await library.open('Board plan');
      await new AppShell(second).expectSyncStatus('Synced');
      await addLineAfter(secondOutline, 'task', 'Sign the office lease', title);
      await expect(host.outline.row('task', title)).toBeVisible();
    }
    const after = await clientIdRecords(second);
    expect(Object.keys(after).sort()).toEqual([...ids].sort());
    expect(Object.values(after)).toEqual(['in-use', 'in-use']);
    // The reopened tab, back on an id the first tab has seen before, is still shown as present there.
    await expect(host.shell.presence).toHaveAccessibleName('In this plan now: Ada Host');

    // A reload ends the session on pagehide, where the browser may abort the closing record: the
    // id is then retired (never reused), so the plan may gain one id, never a shared one.
    await second.reload();
    await new AppShell(second).expectSyncStatus('Synced');
    await addLineAfter(secondOutline, 'task', 'Sign the office lease', 'Test the alarm');
    await expect(host.outline.row('task', 'Test the alarm')).toBeVisible();
    const reloaded = Object.keys(await clientIdRecords(second));
    expect(reloaded.length).toBeGreaterThanOrEqual(2);
    expect(reloaded.length).toBeLessThanOrEqual(3);

    // The same plan in both tabs, line for line.
    await expect.poll(async () => JSON.stringify(await outlineNames(host))).toBe(JSON.stringify(await second.getByRole('treeitem').evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? ''))));
    await second.screenshot({ path: 'docs/screenshots/client-ids-two-tabs.png' });
  } finally {
    await host.context.close();
    await server.stop();
  }
});
