// A check-in being written (a value, a note, a blocker) was lost to a reload, a crashed tab or the app
// being closed: drafts lived in memory only. They are kept on the device now and come back, each on its
// item, when the plan is opened again; an added check-in leaves no draft behind.
import { expect, test } from '@playwright/test';
import { LibraryPage } from './pages/library-page.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { newUser } from './support/two-users.js';
import { typeCascade } from './support/outline-steps.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('a check-in being written is there again after a reload, on its item, until it is added', async ({ browser }) => {
  test.setTimeout(120_000);
  const user = await newUser(browser, 'solo', true);
  try {
    await user.shell.open(server.url);
    await new LibraryPage(user.page).createPlan('Depot move');
    await typeCascade(user.outline);
    const details = user.page.getByRole('complementary', { name: 'Details' });
    const form = details.getByRole('form', { name: 'New check-in' });
    const note = form.getByLabel('Note', { exact: true });

    await user.outline.select('initiative', 'Open a Munich office');
    await note.fill('Landlord wants a bank guarantee');
    await form.getByLabel('I am blocked').check();

    await user.page.reload();
    await expect(user.page.getByRole('tree', { name: 'Plan outline' })).toBeVisible();
    await user.outline.select('initiative', 'Open a Munich office');
    await expect(note).toHaveValue('Landlord wants a bank guarantee');
    await expect(form.getByLabel('I am blocked')).toBeChecked();
    // Another item's form is its own: empty.
    await user.outline.select('task', 'Sign the office lease');
    await expect(note).toHaveValue('');
    await user.outline.select('initiative', 'Open a Munich office');
    await expectAccessible(user.page, 'the details with a check-in draft kept across a reload');
    await user.page.screenshot({ path: 'test-results/check-in-draft-reload.png' });

    await form.getByRole('button', { name: 'Add check-in' }).click();
    await expect(details.getByRole('list', { name: 'Check-in history' }).getByRole('listitem')).toHaveCount(1);
    await user.page.reload();
    await expect(user.page.getByRole('tree', { name: 'Plan outline' })).toBeVisible();
    await user.outline.select('initiative', 'Open a Munich office');
    await expect(details.getByRole('list', { name: 'Check-in history' }).getByRole('listitem')).toHaveCount(1);
    await expect(note).toHaveValue('');
    // The draft is gone; the blocker it added stands, so the form opens on it (trustA31: "Still blocked").
    await expect(form.getByRole('checkbox', { name: 'Still blocked' })).toBeChecked();
  } finally {
    await closeContexts(user.context);
  }
});
