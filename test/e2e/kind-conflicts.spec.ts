// Two people change one item's kind at once, one of them offline (review33 F4). Before, one kind won by Yjs
// client id and the other vanished with no conflict shown. Now both screens show one kind and offer the
// other ("Also made a KPI by Ada — use it"), as a field's conflicting values are offered; a pick resolves it
// on both screens.
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


test('two kind changes at once: one shows, the other is offered on both screens, and a pick settles it', async ({ browser }) => {
  test.setTimeout(180_000);
  const token = mintToken(server.dataDir, 'kind-conflicts', 'editor');
  const { ada, ben, errors } = await twoOnOnePlan(browser, server.url, token, 'kind-conflicts', 'Offsite plan');
  const adaDetail = new DetailPanel(ada.page), benDetail = new DetailPanel(ben.page);
  await ada.outline.select('key result', 'Revenue from DACH');
  await ben.outline.select('key result', 'Revenue from DACH');

  await ben.context.setOffline(true);
  await ben.shell.expectSyncStatus('Offline');
  await benDetail.root.getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'objective' });
  await expect(ben.outline.row('objective', 'Revenue from DACH')).toBeVisible();
  await adaDetail.root.getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'KPI' });
  await expect(ada.outline.row('KPI', 'Revenue from DACH')).toBeVisible();
  await ben.context.setOffline(false);
  await ben.shell.expectSyncStatus('Synced');

  // Both screens show the same kind and offer the other one, naming who chose it.
  for (const detail of [adaDetail, benDetail]) await expect(detail.root.getByRole('list', { name: 'Kind conflicts' })).toBeVisible();
  const shown = (await ada.outline.row('KPI', 'Revenue from DACH').count()) > 0 ? 'KPI' : 'objective';
  await expect(ben.outline.row(shown, 'Revenue from DACH')).toBeVisible();
  const other = shown === 'KPI' ? 'objective' : 'KPI';
  const offer = other === 'KPI' ? 'Also made a KPI by Ada Host — use it' : 'Also made an objective by Ben Guest — use it';
  for (const [user, detail] of [[ada, adaDetail], [ben, benDetail]] as const) {
    await expect(user.outline.row(shown, 'Revenue from DACH')).toHaveAccessibleDescription(/Kind was also changed to another, pick it in the details/);
    await user.outline.select(shown, 'Revenue from DACH');
    await expect(detail.root.getByRole('list', { name: 'Kind conflicts' }).getByRole('button', { name: offer })).toBeVisible();
  }
  await expectAccessible(ada.page, 'an item two people gave different kinds at once');
  await ada.page.screenshot({ path: 'docs/screenshots/kind-conflicts.png' });

  // Ben picks the kind offered: both screens show it, and nothing is offered any more.
  await benDetail.root.getByRole('list', { name: 'Kind conflicts' }).getByRole('button', { name: offer }).click();
  for (const [user, detail] of [[ada, adaDetail], [ben, benDetail]] as const) {
    await expect(user.outline.row(other, 'Revenue from DACH')).toBeVisible();
    await user.outline.select(other, 'Revenue from DACH');
    await expect(detail.root.getByRole('list', { name: 'Kind conflicts' })).toHaveCount(0);
  }
  expect(errors).toEqual([]);
  await closeContexts(ada.context, ben.context);
});
