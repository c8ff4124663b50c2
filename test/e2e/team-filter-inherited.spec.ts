// usercheck20: the team filter matched a node's own team only. At the offsite Ben filtered the outline
// by "Sales" while Ada put the initiative "Open a Munich office" under Sales: the initiative lit up, the
// task under it (which has no team of its own) stayed hidden, and the cascade canvas dimmed it, so
// "Sales' work" showed none of the work. Work now belongs to the team of the work above it (and a
// task to its assignee's team as well), in the outline and on the canvas, following Ada's edit live.
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

test('filtering by a team finds the tasks of that team\'s initiative, as another person sets it, in the outline and on the canvas', async ({ browser }) => {
  test.setTimeout(180_000);
  const token = mintToken(server.dataDir, 'team-filter', 'editor');
  const { ada, ben, errors } = await twoOnOnePlan(browser, server.url, token, 'team-filter', 'Offsite plan');

  // Ada adds the team.
  await ada.shell.goTo('People & teams');
  const teams = ada.page.getByRole('region', { name: 'Teams' });
  await teams.getByLabel("New team's name").fill('Sales');
  await teams.getByRole('button', { name: 'Add team' }).click();
  await expect(teams.getByRole('listitem').filter({ hasText: 'Sales' })).toHaveCount(1);
  await ada.shell.goTo('Outline');

  // Ben filters his outline by it: nothing is Sales' work yet.
  await ben.outline.filter('team', 'Sales');
  await expect(ben.outline.row('task', 'Sign the office lease')).toHaveCount(0);

  // Ada gives the initiative to Sales.
  await ada.outline.select('initiative', 'Open a Munich office');
  await new DetailPanel(ada.page).selectField('Team', 'Sales');
  await ada.shell.expectSyncStatus('Synced');

  // Ben's filtered outline shows the initiative and its task as matches, the key result above as context.
  const matched = (kind: string, title: string) => ben.outline.row(kind, title).and(ben.page.locator(':not(.context)'));
  await expect(matched('initiative', 'Open a Munich office')).toBeVisible();
  await expect(matched('task', 'Sign the office lease')).toBeVisible();
  await expect(ben.outline.row('key result', 'Revenue from DACH')).toHaveClass(/context/);
  await expect(ben.outline.row('task', 'Sign the office lease')).not.toHaveAccessibleDescription(/Shown for context/);
  await expectAccessible(ben.page, 'the outline filtered by a team, the tasks of its initiative found');
  await ben.page.screenshot({ path: 'docs/screenshots/team-filter-inherited.png' });

  // The cascade canvas reads the same filter: the task is lit, the key result dimmed.
  await ben.page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Cascade' }).click();
  const canvas = new CanvasDriver(ben.page);
  await expect.poll(() => canvas.cards()).toBeGreaterThan(2);
  await expect.poll(() => canvas.filteredOut('Sign the office lease')).toBe(false);
  expect(await canvas.filteredOut('Open a Munich office')).toBe(false);
  expect(await canvas.filteredOut('Revenue from DACH')).toBe(true);

  // Ada takes the initiative away from Sales again; Ben's canvas dims its task with it.
  await new DetailPanel(ada.page).selectField('Team', 'No team');
  await ada.shell.expectSyncStatus('Synced');
  await expect.poll(() => canvas.filteredOut('Sign the office lease')).toBe(true);
  expect(await canvas.filteredOut('Open a Munich office')).toBe(true);

  expect(errors).toEqual([]);
  await closeContexts(ada.context, ben.context);
});
