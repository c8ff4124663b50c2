// review40b F7: with "Revenue" typed in Find, "Add KPI" on the matching key result made an untitled
// KPI that did not match: no row, no title editor, the focus left on the button, and what Ada typed
// next went nowhere (each space pressed "Add KPI" again: four untitled KPIs). Ctrl+Enter did the same.
// What a person adds under a filter now shows, in edit, and the count says it is shown outside the
// filter; changing the filter judges it like any other item.
import { expect, test } from '@playwright/test';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { twoOnOnePlan } from './support/two-users.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { CanvasDriver } from './pages/canvas-driver.js';
import { DetailPanel } from './pages/detail-panel.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('under a Find filter, Add KPI and Ctrl+Enter open the new item\'s title editor in a row of its own, and the count says it is shown', async ({ browser }) => {
  test.setTimeout(240_000);
  const token = mintToken(server.dataDir, 'add-filtered', 'editor');
  const { ada, ben, errors } = await twoOnOnePlan(browser, server.url, token, 'add-filtered', 'Filtered adds');
  const outline = ada.outline;
  await outline.find('Revenue');
  const count = ada.page.getByRole('toolbar', { name: 'Outline tools' }).locator('[aria-live="polite"]');
  await expect(count).toHaveText('1 of 5 items match');

  // Add KPI on the matching key result: the KPI's row opens for its title, and what Ada types lands there.
  await outline.select('key result', 'Revenue from DACH');
  await ada.page.getByRole('button', { name: 'Add KPI' }).click();
  await outline.typeTitle('Logos signed per week');
  await outline.press('Enter');
  await expect(outline.row('KPI', 'Logos signed per week')).toBeVisible();
  // Enter opened the next line (another KPI), shown too; Escape drops it, as everywhere.
  await expect(outline.titleEditor).toBeFocused();
  await outline.press('Escape');
  await expect(count).toHaveText('1 of 6 items match, and 1 you added is shown');
  await expect(outline.row('KPI', 'Untitled')).toHaveCount(0);

  // Ctrl+Enter on the key result: a new initiative under it, in edit, in a row of its own.
  await outline.select('key result', 'Revenue from DACH');
  await outline.focus();
  await outline.press('Control+Enter');
  await outline.typeTitle('Partner webinars');
  await expect(count).toHaveText('1 of 7 items match, and 2 you added are shown');
  await expectAccessible(ada.page, 'the outline filtered by Find with two items added under the filter');
  await ada.page.screenshot({ path: 'docs/screenshots/added-under-filter.png' });
  await outline.press('Enter');
  await outline.press('Escape');
  await expect(outline.row('initiative', 'Partner webinars')).toBeVisible();

  // Ben, without a filter, has both, titled: no untitled items were made.
  await ada.shell.expectSyncStatus('Synced');
  await expect(ben.outline.row('KPI', 'Logos signed per week')).toBeVisible();
  await expect(ben.outline.row('initiative', 'Partner webinars')).toBeVisible();
  await expect(ben.page.getByRole('treeitem', { name: /Untitled/ })).toHaveCount(0);

  // A changed filter judges them like any other item: "Revenue from" does not find them.
  await outline.find('Revenue from');
  await expect(count).toHaveText('1 of 7 items match');
  await expect(outline.row('KPI', 'Logos signed per week')).toHaveCount(0);

  // On the canvas (the same filter dims cards), Ctrl+Enter on the key result adds an initiative whose
  // title Ada types in the details; its card is not dimmed, and the outline shows its row.
  await ada.page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Cascade' }).click();
  const canvas = new CanvasDriver(ada.page);
  await expect.poll(() => canvas.cards()).toBeGreaterThan(2);
  await canvas.click('Revenue from DACH');
  await canvas.press('Control+Enter');
  const title = new DetailPanel(ada.page).field('Title');
  await expect(title).toBeFocused();
  await ada.page.keyboard.type('Canvas roadshow');
  await ada.page.keyboard.press('Tab');
  await expect.poll(() => canvas.filteredOut('Canvas roadshow')).toBe(false);
  expect(await canvas.filteredOut('Open a Munich office')).toBe(true);
  await ada.shell.goTo('Outline');
  await expect(outline.row('initiative', 'Canvas roadshow')).toBeVisible();
  await expect(count).toHaveText('1 of 8 items match, and 1 you added is shown');

  expect(errors).toEqual([]);
  await closeContexts(ada.context, ben.context);
});
