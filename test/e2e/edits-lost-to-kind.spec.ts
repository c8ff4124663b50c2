// trust36: review33 F4, second half. Ben, offline, tightens a key result's target while Ada makes it a KPI.
// A KPI has no target, so before his edit vanished without a word on both screens. Now both screens say what
// was lost ("Ben Guest set the target value to “42” while Ada Host made it a KPI, which has no target value.") and offer
// it back ("Make it a key result again with target value 42"); one click puts it back for both.
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

test('a target tightened while another person makes the key result a KPI is shown on both screens and can be put back', async ({ browser }) => {
  test.setTimeout(180_000);
  const token = mintToken(server.dataDir, 'lost-to-kind', 'editor');
  const { ada, ben, errors } = await twoOnOnePlan(browser, server.url, token, 'lost-to-kind', 'Offsite plan');
  const adaDetail = new DetailPanel(ada.page), benDetail = new DetailPanel(ben.page);
  await ada.outline.select('key result', 'Revenue from DACH');
  await ben.outline.select('key result', 'Revenue from DACH');

  await ben.context.setOffline(true);
  await ben.shell.expectSyncStatus('Offline');
  await benDetail.setField('Target value', '42');
  await expect(benDetail.field('Target value')).toHaveValue('42');
  await adaDetail.root.getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'KPI' });
  await expect(ada.outline.row('KPI', 'Revenue from DACH')).toBeVisible();
  await ben.context.setOffline(false);
  await ben.shell.expectSyncStatus('Synced');

  // Both screens show a KPI and say what Ben's edit was, with the way back.
  const said = 'Ben Guest set the target value to “42” while Ada Host made it a KPI, which has no target value.';
  const putBack = 'Make it a key result again with target value 42';
  for (const [user, detail] of [[ada, adaDetail], [ben, benDetail]] as const) {
    await expect(user.outline.row('KPI', 'Revenue from DACH')).toHaveAccessibleDescription(/An edit was lost to the change of kind, see the details/);
    await user.outline.select('KPI', 'Revenue from DACH');
    const lost = detail.root.getByRole('region', { name: 'Edits lost to the change of kind' });
    await expect(lost).toContainText(said);
    await expect(lost.getByRole('button', { name: putBack })).toBeVisible();
    await expect(lost.getByRole('button', { name: 'Keep it a KPI without it' })).toBeVisible();
  }
  await expectAccessible(ada.page, 'an edit lost to a change of kind, offered back');
  await ada.page.screenshot({ path: 'docs/screenshots/edit-lost-to-kind.png' });

  // Ada puts it back: both screens show a key result with Ben's target, and nothing is offered any more.
  await adaDetail.root.getByRole('region', { name: 'Edits lost to the change of kind' }).getByRole('button', { name: putBack }).click();
  for (const [user, detail] of [[ada, adaDetail], [ben, benDetail]] as const) {
    await expect(user.outline.row('key result', 'Revenue from DACH')).toBeVisible();
    await user.outline.select('key result', 'Revenue from DACH');
    await expect(detail.field('Target value')).toHaveValue('42');
    await expect(detail.root.getByRole('region', { name: 'Edits lost to the change of kind' })).toHaveCount(0);
  }
  expect(errors).toEqual([]);
  await closeContexts(ada.context, ben.context);
});
