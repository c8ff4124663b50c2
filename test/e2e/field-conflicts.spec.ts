// A field set by two people while one was offline (the unit of a key result): after reconnecting
// both see the same value, and the other value stays beside the field with who set it — one click
// or Enter picks it for everyone. Yjs alone would keep one by client id and drop the other silently.
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

test('a unit set offline and online at once: one shown on both, the other kept beside it to pick', async ({ browser }) => {
  test.setTimeout(150_000); // two browsers, offline and back, an axe audit: slow on a loaded machine
  const workspace = 'field-conflict';
  const token = mintToken(server.dataDir, workspace, 'editor');
  const host = await newUser(browser, 'host');
  const guest = await newUser(browser, 'guest');
  const link = await hostSharedPlan(host, server.url, token, workspace, 'Field conflict plan');
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

  // Both show the same unit, and the other one beside it, on both screens.
  await expect.poll(async () => [await hostDetails.field('Unit').inputValue(), await guestDetails.field('Unit').inputValue()].join()).toMatch(/^(k€,k€|M€,M€)$/);
  const shown = await hostDetails.field('Unit').inputValue();
  const other = shown === 'k€' ? 'M€' : 'k€';
  const otherBy = other === 'M€' ? 'Hana' : 'Ben Guest';
  for (const details of [hostDetails, guestDetails]) {
    const conflicts = details.root.getByRole('list', { name: 'Unit conflicts' });
    await expect(conflicts).toBeVisible();
    await expect(conflicts.getByRole('button', { name: `Also set to “${other}” by ${otherBy} — use it` })).toBeVisible();
  }
  // The outline row tells of it too (its description), for someone not looking at the panel.
  for (const user of [host, guest]) await expect(user.outline.row('key result', 'Revenue from DACH')).toHaveAccessibleDescription(/Unit was also set to another value, pick it in the details/);
  await expectAccessible(guest.page, 'a field conflict in the detail panel');
  await guest.page.screenshot({ path: 'docs/screenshots/field-conflict.png' });

  // Keyboard: focus the pick and press Enter; both show the picked unit and the conflict is gone.
  const pick = guestDetails.root.getByRole('button', { name: `Also set to “${other}” by ${otherBy} — use it` });
  await pick.focus();
  await expect(pick).toBeFocused();
  await guest.page.keyboard.press('Enter');
  for (const details of [hostDetails, guestDetails]) {
    await expect(details.field('Unit')).toHaveValue(other);
    await expect(details.root.getByRole('list', { name: 'Unit conflicts' })).toHaveCount(0);
  }
  await expect(host.outline.row('key result', 'Revenue from DACH')).not.toHaveAccessibleDescription(/Unit was also set/);
  await closeContexts(host.context, guest.context);
});
