// trust3 (twenty-fifth session): an unresolved conflict survives the plan file. Hana sets a key result's
// unit to M€ while Ben, offline, sets it to k€ and renames the initiative: back online, both see one value
// with the other offered beside it ("Also set to … by …"). Ben exports the plan file and opens it as a new
// plan: the file (version 2) held the shown values only, and the new plan offered nothing — Hana's or
// Ben's value gone without a word. Version 3 keeps the offer, and picking it there still resolves it.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { DetailPanel } from './pages/detail-panel.js';
import { expectAccessible } from './support/axe.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { hostSharedPlan, joinSharedPlan, newUser } from './support/two-users.js';
import { closeContexts } from './support/close-contexts.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('a conflict made by two people (one offline) is offered again in the plan opened from the exported file, and picking it resolves it', async ({ browser }) => {
  test.setTimeout(180_000); // two browsers, offline and back, an export and an import, an axe audit
  const workspace = 'file-conflict';
  const token = mintToken(server.dataDir, workspace, 'editor');
  const host = await newUser(browser, 'host');
  const guest = await newUser(browser, 'guest');
  const link = await hostSharedPlan(host, server.url, token, workspace, 'Conflict in a file');
  await host.shell.setIdentity('Hana', { addAsPerson: true });
  await joinSharedPlan(guest, link, 'Ben Guest');
  await guest.shell.setIdentity('Ben Guest', { addAsPerson: true });
  const hostDetails = new DetailPanel(host.page), guestDetails = new DetailPanel(guest.page);
  await host.outline.select('key result', 'Revenue from DACH');
  await guest.outline.select('key result', 'Revenue from DACH');

  await guest.context.setOffline(true);
  await guest.shell.expectSyncStatus('Offline');
  await guestDetails.setField('Unit', 'k€');
  await hostDetails.setField('Unit', 'M€');
  await expect(guestDetails.field('Unit')).toHaveValue('k€');
  await guest.context.setOffline(false);
  await guest.shell.expectSyncStatus('Synced');
  await host.shell.expectSyncStatus('Synced');

  await expect.poll(async () => [await hostDetails.field('Unit').inputValue(), await guestDetails.field('Unit').inputValue()].join()).toMatch(/^(k€,k€|M€,M€)$/);
  const shown = await guestDetails.field('Unit').inputValue();
  const other = shown === 'k€' ? 'M€' : 'k€';
  const otherBy = other === 'M€' ? 'Hana' : 'Ben Guest';
  const offer = `Also set to “${other}” by ${otherBy} — use it`;
  await expect(guestDetails.root.getByRole('list', { name: 'Unit conflicts' }).getByRole('button', { name: offer })).toBeVisible();

  // Ben exports the plan file and opens it from the library: a new plan.
  await guest.page.getByRole('button', { name: 'File', exact: true }).click();
  const planDownload = guest.page.waitForEvent('download');
  await guest.page.getByRole('button', { name: 'Export plan file (.throughline)' }).click();
  const download = await planDownload;
  const text = readFileSync(await download.path());
  expect(JSON.parse(text.toString('utf8'))).toMatchObject({ version: 3 });
  await guest.page.goto(`${server.url}#/`);
  await guest.page.getByLabel('Plan file to open').setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: text });
  await expect(guest.page.locator('.plan-name')).toHaveText('Conflict in a file (2)');

  // The opened plan shows the same unit and offers the same other one, with who set it.
  await guest.outline.select('key result', 'Revenue from DACH');
  await expect(guestDetails.field('Unit')).toHaveValue(shown);
  const conflicts = guestDetails.root.getByRole('list', { name: 'Unit conflicts' });
  await expect(conflicts.getByRole('button', { name: offer })).toBeVisible();
  await expect(guest.outline.row('key result', 'Revenue from DACH')).toHaveAccessibleDescription(/Unit was also set to another value, pick it in the details/);
  await expectAccessible(guest.page, 'a field conflict in a plan opened from a plan file');
  await guest.page.screenshot({ path: 'test-results/plan-file-conflicts.png' });

  // Picking it there resolves it (keyboard: focus and Enter).
  const pick = conflicts.getByRole('button', { name: offer });
  await pick.focus();
  await guest.page.keyboard.press('Enter');
  await expect(guestDetails.field('Unit')).toHaveValue(other);
  await expect(conflicts).toHaveCount(0);
  await expect(guest.outline.row('key result', 'Revenue from DACH')).not.toHaveAccessibleDescription(/Unit was also set/);
  await closeContexts(host.context, guest.context);
});
