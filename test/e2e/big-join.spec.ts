import { expect, test } from '@playwright/test';
import * as Y from 'yjs';
import { generatePlan } from '../../shared/model/fixtures/generate-plan.js';
import { planTypes } from '../../shared/model/index.js';
import { LibraryPage } from './pages/library-page.js';
import { expectAccessible } from './support/axe.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { storePlanInBrowser } from './support/stored-plan.js';
import { joinLink, mintToken } from './support/tokens.js';
import { newUser } from './support/two-users.js';
import { closeContexts } from './support/close-contexts.js';

/**
 * A plan several times larger than the server's limits (lowered here so the test stays small: the
 * true 100,000-node run is in the renderer benchmark) is shared from one browser and opened from
 * another. Before issue #18 the host's single sync step 2 was refused forever.
 */
const limits = ['--max-message-bytes', String(256 * 1024), '--max-join-bytes', String(1024 * 1024), '--max-unfinished-bytes-per-token', String(1024 * 1024)];

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(limits); });
test.afterAll(async () => { await server.stop(); });

test('a plan past the server\'s join limit is shared in parts and opens whole in a second browser', async ({ browser }) => {
  test.setTimeout(240_000);
  const doc = new Y.Doc();
  generatePlan(doc, { nodes: 3_000, seed: 3_000 });
  const update = Y.encodeStateAsUpdate(doc);
  expect(update.byteLength).toBeGreaterThan(2 * 1024 * 1024);
  expect(planTypes(doc).nodes.size).toBe(3_000);

  const token = mintToken(server.dataDir, 'bigjoin', 'editor');
  const host = await newUser(browser, 'host');
  await host.shell.open(server.url);
  await storePlanInBrowser(host.page, { id: 'bigplan', name: 'Company cascade', update });
  await host.page.reload();
  await new LibraryPage(host.page).open('Company cascade');
  await expect(host.page.getByRole('treeitem').first()).toBeVisible({ timeout: 60_000 });
  await host.page.getByRole('button', { name: 'Share' }).click();
  const share = host.page.getByRole('dialog', { name: 'Share this plan' });
  await share.getByLabel('Join link').fill(joinLink(server.url, server.url, 'bigjoin', token));
  await share.getByRole('button', { name: 'Connect' }).click();
  // Synced only once the server acknowledged every part.
  await expect(host.shell.syncStatus).toHaveAccessibleName('Sync status: Synced', { timeout: 180_000 });
  await host.page.getByRole('button', { name: 'Share' }).click();
  const link = await host.page.getByRole('dialog', { name: 'Share this plan' }).getByRole('textbox', { name: 'Plan link' }).inputValue();
  await host.page.getByRole('dialog', { name: 'Share this plan' }).getByRole('button', { name: 'Done' }).click();

  const guest = await newUser(browser, 'guest');
  await guest.page.goto(link);
  await expect(guest.page.getByRole('treeitem').first()).toBeVisible({ timeout: 120_000 });
  await expect(guest.shell.syncStatus).toHaveAccessibleName('Sync status: Synced', { timeout: 120_000 });
  // The whole plan arrived and is stored on the guest's device.
  const storedState = async () => {
    const rows = await guest.page.evaluate(async () => {
      const names = (await indexedDB.databases()).map((entry) => entry.name ?? '').filter((name) => name.startsWith('throughline-plan:'));
      const all: string[] = [];
      for (const name of names) {
        const request = indexedDB.open(name);
        const db = await new Promise<IDBDatabase>((resolve, reject) => { request.onsuccess = () => resolve(request.result); request.onerror = () => reject(request.error); });
        if (!db.objectStoreNames.contains('updates')) { db.close(); continue; }
        const read = db.transaction('updates', 'readonly').objectStore('updates').getAll();
        const found = await new Promise<Uint8Array[]>((resolve, reject) => { read.onsuccess = () => resolve(read.result as Uint8Array[]); read.onerror = () => reject(read.error); });
        db.close();
        for (const row of found) all.push(btoa(Array.from(row, (byte) => String.fromCharCode(byte)).join('')));
      }
      return all;
    });
    const stored = new Y.Doc();
    for (const row of rows) Y.applyUpdate(stored, Buffer.from(row, 'base64'));
    return Y.decodeStateVector(Y.encodeStateVector(stored));
  };
  // Every struct of the generated plan (the host's app may add its own on open, e.g. who they are).
  const missing = async () => {
    const state = await storedState();
    return [...Y.decodeStateVector(Y.encodeStateVector(doc))].filter(([client, clock]) => (state.get(client) ?? 0) < clock).length;
  };
  await expect.poll(missing, { timeout: 60_000 }).toBe(0);
  await expectAccessible(guest.page, 'a large plan joined from a second browser');
  await guest.page.screenshot({ path: 'docs/screenshots/big-join-guest.png' });
  await closeContexts(host.context, guest.context);
});
