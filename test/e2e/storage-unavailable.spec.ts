// A person opens Throughline in a browser that stores nothing: a private window that allows no IndexedDB,
// or storage blocked for the site. They used to see only the browser's own words ("The user denied
// permission to access the database.") and could not make or open a plan (review45b F3). Now they are told
// what happened, that this window's edits last only until it closes, and what to do; the app works in
// memory, and a shared plan syncs while connected.
import { expect, test, type Page } from '@playwright/test';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { hostSharedPlan, joinSharedPlan, newUser, type User } from './support/two-users.js';
import { addLineAfter } from './support/outline-steps.js';
import { closeContexts } from './support/close-contexts.js';
import { expectAccessible } from './support/axe.js';
import { LibraryPage } from './pages/library-page.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

/** How a browser refuses: `open()` throws at once, or its request fails a moment later (Firefox's private windows). */
type Refusal = 'throws' | 'errors';

/** Makes every IndexedDB open of this browser fail, before any of the app's scripts run. */
async function blockIndexedDb(user: User, refusal: Refusal): Promise<void> {
  await user.context.addInitScript((how) => {
    const denied = () => new DOMException('The user denied permission to access the database.', 'InvalidStateError');
    IDBFactory.prototype.open = function (this: IDBFactory) {
      if (how === 'throws') throw denied();
      const request = { result: undefined, error: denied(), onsuccess: null, onerror: null, onblocked: null, onupgradeneeded: null } as unknown as IDBOpenDBRequest;
      setTimeout(() => { request.onerror?.call(request, Object.assign(new Event('error'), {}) as Event); }, 5);
      return request;
    };
  }, refusal);
}

const notice = (page: Page) => page.getByRole('alert').filter({ hasText: 'This browser is not letting Throughline store anything on this device' });

for (const refusal of ['throws', 'errors'] as const) {
  test(`IndexedDB refused (open ${refusal}): the person is told, and plans work in memory and sync`, async ({ browser }) => {
    const ada = await newUser(browser, 'Ada', true);
    const ben = await newUser(browser, 'Ben', true);
    const errors: string[] = [];
    ben.page.on('pageerror', (error) => errors.push(error.message));
    try {
      const link = await hostSharedPlan(ada, server.url, mintToken(server.dataDir, 'offsite', 'editor'), 'offsite', 'Board plan');
      await blockIndexedDb(ben, refusal);

      // The start page says it before anything is typed.
      await ben.shell.open(server.url);
      await expect(notice(ben.page)).toBeVisible();
      await expect(notice(ben.page)).toContainText('kept only until you close it or reload it');
      await expect(notice(ben.page)).toContainText('open Throughline in a normal window or allow this site to store data');
      await expect(ben.page.getByText('This browser stores nothing on this device: plans are kept in this window until it closes.')).toBeVisible();

      // A plan of their own opens and takes edits (no raw browser error).
      await new LibraryPage(ben.page).createPlan('Scratch plan');
      await expect(ben.page.getByRole('tree')).toBeVisible();
      await expect(ben.page.getByRole('alert').filter({ hasText: 'denied permission' }).filter({ hasNotText: 'The browser said' })).toHaveCount(0);
      // Its sync status says where its changes are: in this window, not "on this device" (fix46a) — a person
      // trusting "On this device only" would close the private window and lose them.
      await ben.shell.expectSyncStatus('In this window only');
      await expect(ben.shell.syncStatus).toHaveText('In this window only');
      await expect(ben.shell.syncStatus).toHaveAttribute('title', /kept only in this window until it is closed or reloaded/);
      await expect(ben.shell.syncStatus).not.toHaveAttribute('title', /stored on this device/);
      await expectAccessible(ben.page, 'a local plan in a browser that stores nothing');
      await ben.page.screenshot({ path: `test-results/storage-unavailable-local-${refusal}.png` });

      // A shared plan syncs both ways while connected.
      await joinSharedPlan(ben, link, 'Ben Guest');
      await addLineAfter(ben.outline, 'task', 'Sign the office lease', 'Edit from a private window');
      await expect(ada.outline.row('task', 'Edit from a private window')).toBeVisible();
      await addLineAfter(ada.outline, 'task', 'Sign the office lease', 'Edit from the host');
      await expect(ben.outline.row('task', 'Edit from the host')).toBeVisible();
      await expect(notice(ben.page)).toBeVisible();
      await expectAccessible(ben.page, 'a shared plan in a browser that stores nothing');
      await ben.page.screenshot({ path: `test-results/storage-unavailable-${refusal}.png` });
      expect(errors).toEqual([]);
    } finally {
      await closeContexts(ada.context, ben.context);
    }
  });
}
