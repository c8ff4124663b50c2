// A manager's laptop whose storage is full (or whose disk refuses a write) while they keep working: every
// status says the changes are "saved here". A write the browser refuses must be said, the change kept,
// and stored once the device has room again (review45b F2). A disk that stays full across a reload must not
// lose what the reload brought back from the safety copy, nor what depends on it (review45b F4).
import { expect, test, type Page } from '@playwright/test';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { openStoredCascade } from './support/stored-cascade.js';
import { addLineAfter } from './support/outline-steps.js';
import { newUser, outlineNames } from './support/two-users.js';
import { closeContexts } from './support/close-contexts.js';
import { expectAccessible } from './support/axe.js';
import * as Y from 'yjs';
import { encodeBase64Url } from '../../shared/sync/base64url.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

/**
 * Stands in for a full disk: from now on the browser aborts every write to a plan's `updates` store after
 * it was requested, as it aborts a transaction whose commit goes over the quota. `false` gives the room back.
 */
async function refusePlanWrites(page: Page, refuse: boolean): Promise<void> {
  await page.evaluate((on) => {
    const scope = window as typeof window & { __refusePlanWrites?: boolean; __refusalInstalled?: boolean };
    scope.__refusePlanWrites = on;
    if (scope.__refusalInstalled) return;
    scope.__refusalInstalled = true;
    const add = IDBObjectStore.prototype.add;
    IDBObjectStore.prototype.add = function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
      const request = add.apply(this, args);
      if (scope.__refusePlanWrites && this.name === 'updates') {
        const transaction = this.transaction;
        queueMicrotask(() => { try { transaction.abort(); } catch { /* already finished */ } });
      }
      return request;
    };
  }, refuse);
}

/**
 * A disk that stays full across reloads: the same stand-in as refusePlanWrites, installed before the app's
 * scripts on every load of the page, refusing while this tab's `sessionStorage` says so.
 */
async function refusePlanWritesAcrossReloads(page: Page): Promise<(refuse: boolean) => Promise<void>> {
  await page.addInitScript(() => {
    const add = IDBObjectStore.prototype.add;
    IDBObjectStore.prototype.add = function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
      const request = add.apply(this, args);
      if (sessionStorage.getItem('e2e:refuse-plan-writes') === '1' && this.name === 'updates') {
        const transaction = this.transaction;
        queueMicrotask(() => { try { transaction.abort(); } catch { /* already finished */ } });
      }
      return request;
    };
  });
  await page.reload();
  return async (refuse) => { await page.evaluate((on) => sessionStorage.setItem('e2e:refuse-plan-writes', on ? '1' : '0'), refuse); };
}

const unstoredKeys = (page: Page) => page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('throughline:unstored:')));

test('a line brought back from the safety copy while the disk is still full is kept until stored, and what follows it loads', async ({ browser }) => {
  const user = await newUser(browser, 'Ada');
  try {
    await openStoredCascade(user, server.url, 'Move plan');
    const refuse = await refusePlanWritesAcrossReloads(user.page);
    await expect(user.outline.row('task', 'Sign the office lease')).toBeVisible({ timeout: 15_000 });
    await refuse(true);
    await addLineAfter(user.outline, 'task', 'Sign the office lease', 'Find a notary');
    const refused = user.page.getByRole('alert').filter({ hasText: 'This device could not save your latest changes' });
    await expect(refused).toBeVisible();

    // The disk is still full when the plan opens again: the line comes back from the safety copy, cannot be
    // stored either, and that is said; the copy holding it stays.
    await user.page.reload();
    await expect(user.outline.row('task', 'Find a notary')).toBeVisible({ timeout: 15_000 });
    await expect(refused).toBeVisible();
    expect(await unstoredKeys(user.page)).not.toEqual([]);

    // Room again: the next change stores the brought-back line with it.
    await refuse(false);
    await addLineAfter(user.outline, 'task', 'Find a notary', 'Order desks');
    await expect(user.page.getByRole('status').filter({ hasText: 'Your changes are saved on this device again.' })).toBeVisible();
    const shown = await outlineNames(user);
    expect(shown).toEqual(expect.arrayContaining(['TSK Find a notary', 'TSK Order desks']));
    // Every safety copy gone (the old one is removed by the next open once its content is stored): what
    // shows after that reload is what IndexedDB holds.
    await user.page.reload();
    await expect(user.outline.row('task', 'Order desks')).toBeVisible({ timeout: 15_000 });
    await expect.poll(() => unstoredKeys(user.page)).toEqual([]);
    await user.page.reload();
    await expect(user.outline.row('task', 'Order desks')).toBeVisible({ timeout: 15_000 });
    expect(await outlineNames(user)).toEqual(shown);
  } finally {
    await closeContexts(user.context);
  }
});

test('a safety copy whose changes wait on ones this device does not hold is kept, not removed unstored', async ({ browser }) => {
  const user = await newUser(browser, 'Ada');
  try {
    await openStoredCascade(user, server.url, 'Pending plan');
    const planId = /#\/plan\/([^/]+)\//.exec(user.page.url())?.[1];
    if (!planId) throw new Error(`no plan in ${user.page.url()}`);
    // An edit made on top of a change that never reached this device's store (a first sync too large to copy,
    // its write lost to a reload): the copy holds the edit only.
    const missing = new Y.Doc();
    missing.getArray<string>('f4').insert(0, ['synced, never stored']);
    const editing = new Y.Doc();
    Y.applyUpdate(editing, Y.encodeStateAsUpdate(missing));
    const before = Y.encodeStateVector(editing);
    editing.getArray<string>('f4').insert(1, ['copied edit']);
    const copy = encodeBase64Url(Y.encodeStateAsUpdate(editing, before));
    const key = `throughline:unstored:${planId}:${editing.clientID}`;
    await user.page.evaluate(([k, v]) => localStorage.setItem(k!, v!), [key, copy]);
    await user.page.reload();
    await expect(user.outline.row('task', 'Sign the office lease')).toBeVisible({ timeout: 15_000 });
    await addLineAfter(user.outline, 'task', 'Sign the office lease', 'Find a notary');
    await expect.poll(() => user.page.evaluate(() => (window as unknown as { throughlineFlush: () => Promise<void> }).throughlineFlush().then(() => true))).toBe(true);
    await user.page.waitForTimeout(500);
    expect(await unstoredKeys(user.page)).toEqual([key]);
  } finally {
    await closeContexts(user.context);
  }
});

test('a change the device refuses to store is said, kept, and stored once there is room', async ({ browser }) => {
  const user = await newUser(browser, 'Ada');
  try {
    await openStoredCascade(user, server.url, 'Board plan');
    await refusePlanWrites(user.page, true);
    await addLineAfter(user.outline, 'task', 'Sign the office lease', 'Find a notary');
    const refused = user.page.getByRole('alert').filter({ hasText: 'This device could not save your latest changes' });
    await expect(refused).toBeVisible();
    await expectAccessible(user.page, 'the refused-write notice');
    await user.page.screenshot({ path: 'test-results/storage-refused-write.png' });

    // Room again: the next change stores the refused one with it, and says so.
    await refusePlanWrites(user.page, false);
    await addLineAfter(user.outline, 'task', 'Find a notary', 'Book the movers');
    await expect(user.page.getByRole('status').filter({ hasText: 'Your changes are saved on this device again.' })).toBeVisible();
    const shown = await outlineNames(user);
    expect(shown).toEqual(expect.arrayContaining(['TSK Find a notary', 'TSK Book the movers']));
    // The safety copy goes once everything is stored: what the reload shows then is what IndexedDB holds.
    await expect.poll(() => user.page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('throughline:unstored:')))).toEqual([]);
    await user.page.reload();
    // The stored first screen is painted first; the plan itself follows (slower on a busy machine).
    await expect(user.outline.row('task', 'Book the movers')).toBeVisible({ timeout: 15_000 });
    expect(await outlineNames(user)).toEqual(shown);
  } finally {
    await closeContexts(user.context);
  }
});
