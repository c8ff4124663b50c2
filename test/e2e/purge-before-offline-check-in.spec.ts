// A check-in made offline on a key result someone deleted for good meanwhile: Ben, offline, checks in;
// Ada deletes the key result and purges it from Deleted items. When Ben reconnects his check-in has no
// node to show on. Both pulses say so (removedwork: the purge stamps its tombstone with who, when, the
// kind and title, and the check-ins it had seen), with no Restore: the purge took the node's fields and place.
import { expect, test } from '@playwright/test';
import { DetailPanel } from './pages/detail-panel.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { twoOnOnePlan } from './support/two-users.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('a check-in made offline on a key result purged meanwhile is listed in both pulses, without a restore', async ({ browser }) => {
  test.setTimeout(180_000);
  const token = mintToken(server.dataDir, 'purge-before-check-in', 'editor');
  const { ada, ben, errors } = await twoOnOnePlan(browser, server.url, token, 'purge-before-check-in', 'Purge plan');
  try {
    // Ben, offline, checks in on the key result.
    await ben.context.setOffline(true);
    await ben.shell.expectSyncStatus('Offline');
    await ben.outline.select('key result', 'Revenue from DACH');
    await new DetailPanel(ben.page).addCheckIn({ value: '120', note: 'first DACH deals signed' });
    await expect(new DetailPanel(ben.page).history).toHaveCount(1);

    // Meanwhile Ada deletes it and purges it from Deleted items.
    await ada.outline.select('key result', 'Revenue from DACH');
    await ada.outline.focus();
    await ada.outline.press('Delete');
    await expect(ada.outline.row('key result', 'Revenue from DACH')).toHaveCount(0);
    await ada.page.getByRole('button', { name: 'Deleted items' }).click();
    const trash = ada.page.getByRole('dialog', { name: 'Deleted items' });
    await trash.getByRole('listitem').filter({ hasText: 'Revenue from DACH' }).getByRole('button', { name: 'Purge' }).click();
    await expect(trash.getByRole('listitem').filter({ hasText: 'Revenue from DACH' })).toHaveCount(0);
    await trash.getByRole('button', { name: 'Close' }).click();
    await ada.shell.expectSyncStatus('Synced');

    // Ben reconnects: the key result is gone on his device too, and both pulses say whose check-in it missed.
    await ben.context.setOffline(false);
    await ben.shell.expectSyncStatus('Synced');
    await ada.shell.expectSyncStatus('Synced');
    for (const user of [ada, ben]) {
      await expect(user.outline.row('key result', 'Revenue from DACH')).toHaveCount(0);
      await user.shell.goTo('Execution pulse');
      const notice = user.page.getByRole('region', { name: 'Work on deleted items' });
      const entry = notice.getByRole('listitem').filter({ hasText: 'deleted for good' });
      await expect(entry).toContainText('Ben Guest checked in on key result “Revenue from DACH”, deleted for good by Ada Host at');
      await expect(entry).toContainText(': 1 check-in, the latest at');
      // Nothing to restore: a kind and a title would rebuild another key result, without its start or target.
      await expect(entry.getByRole('button')).toHaveCount(0);
      await expect(notice.getByRole('button')).toHaveCount(0);
    }
    await expectAccessible(ben.page, 'the pulse listing a check-in on a key result purged meanwhile');
    await ben.page.screenshot({ path: 'test-results/purge-before-offline-check-in.png' });
    expect(errors).toEqual([]);
  } finally {
    await closeContexts(ada.context, ben.context);
  }
});
