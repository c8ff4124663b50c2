// usercheck18: the period filter matched a node's own period only. Ben, preparing the Q1 review,
// filtered the outline by "2027-Q1" while Ada set the key result "Revenue from DACH" in 2027-Q1: the key
// result lit up, the initiative and task under it (which have no period of their own) stayed hidden, and
// the cascade canvas dimmed them. Work now takes its nearest ancestor's period, in the outline and on
// the canvas (one filter for both), and follows another person's edit live.
import { expect, test } from '@playwright/test';
import { CanvasDriver } from './pages/canvas-driver.js';
import { DetailPanel } from './pages/detail-panel.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { twoOnOnePlan } from './support/two-users.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('filtering by a period finds the work under a key result of that period, as another person sets it, in the outline and on the canvas', async ({ browser }) => {
  test.setTimeout(180_000);
  const token = mintToken(server.dataDir, 'period-filter', 'editor');
  const { ada, ben, errors } = await twoOnOnePlan(browser, server.url, token, 'period-filter', 'Quarter review');

  // Ada adds the quarter.
  await ada.shell.goTo('People & teams');
  const periods = ada.page.getByRole('region', { name: 'Periods' });
  await periods.getByLabel("New period's name").fill('2027-Q1');
  await periods.getByLabel('Starts', { exact: true }).fill('2027-01-01');
  await periods.getByLabel('Ends', { exact: true }).fill('2027-03-31');
  await periods.getByRole('button', { name: 'Add period' }).click();
  await expect(periods.getByRole('listitem').filter({ hasText: '2027-Q1' })).toHaveCount(1);
  await ada.shell.goTo('Outline');

  // Ben filters his outline by it: nothing is in it yet.
  const benQ1 = ben.page.getByLabel('Filter by period').getByRole('option', { name: '2027-Q1' });
  await expect(benQ1).toHaveCount(1);
  await ben.outline.filter('period', '2027-Q1');
  await expect(ben.outline.row('task', 'Sign the office lease')).toHaveCount(0);

  // Ada puts the key result in Q1.
  await ada.outline.select('key result', 'Revenue from DACH');
  await new DetailPanel(ada.page).selectField('Period', '2027-Q1');
  await ada.shell.expectSyncStatus('Synced');

  // Ben's filtered outline shows the key result and the work under it as matches, the objective above as context.
  const matched = (kind: string, title: string) => ben.outline.row(kind, title).and(ben.page.locator(':not(.context)'));
  await expect(matched('key result', 'Revenue from DACH')).toBeVisible();
  await expect(matched('initiative', 'Open a Munich office')).toBeVisible();
  await expect(matched('task', 'Sign the office lease')).toBeVisible();
  await expect(ben.outline.row('objective', 'Win the DACH market')).toHaveClass(/context/);
  // Context rows are told as such, and legible (they were at 55 % opacity, below 4.5:1 contrast).
  await expect(ben.outline.row('objective', 'Win the DACH market')).toHaveAccessibleDescription(/Shown for context: not a match of the filters/);
  await expect(ben.outline.row('task', 'Sign the office lease')).not.toHaveAccessibleDescription(/Shown for context/);
  await expectAccessible(ben.page, 'the outline filtered by a period, the work under the key result found');
  await ben.page.screenshot({ path: 'docs/screenshots/period-filter-inherited.png' });

  // The cascade canvas reads the same filter: the work is lit, the objective dimmed.
  await ben.page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Cascade' }).click();
  const canvas = new CanvasDriver(ben.page);
  await expect.poll(() => canvas.cards()).toBeGreaterThan(2);
  await expect.poll(() => canvas.filteredOut('Sign the office lease')).toBe(false);
  expect(await canvas.filteredOut('Open a Munich office')).toBe(false);
  expect(await canvas.filteredOut('Revenue from DACH')).toBe(false);
  expect(await canvas.filteredOut('Win the DACH market')).toBe(true);

  // Ada takes the key result out of Q1 again;
  // Ben's canvas dims the work with it.
  await new DetailPanel(ada.page).field('Period').selectOption({ index: 0 });
  await ada.shell.expectSyncStatus('Synced');
  await expect.poll(() => canvas.filteredOut('Sign the office lease')).toBe(true);
  expect(await canvas.filteredOut('Open a Munich office')).toBe(true);

  expect(errors).toEqual([]);
  await closeContexts(ada.context, ben.context);
});
