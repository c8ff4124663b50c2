// usercheck20: SPEC §3 has every pulse signal "a click away from the nodes behind it". A team slowing
// down ("Team Platform" under "Where does execution slow down?") was plain text: the one evidence item
// a leader could not click. It now opens the outline filtered by that team (other filters cleared), the
// team's work found, its sub-teams' and its initiatives' tasks included.
import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { LibraryPage } from './pages/library-page.js';
import { OutlinePage } from './pages/outline-page.js';
import { PulsePage } from './pages/pulse-page.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { expectAccessible } from './support/axe.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('a team slowing down on the pulse leads to that team\'s work in the outline', async ({ page }) => {
  test.setTimeout(180_000);
  const shell = new AppShell(page);
  const outline = new OutlinePage(page);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await shell.open(server.url);
  await new LibraryPage(page).openSample();
  await shell.setIdentity('Daniel Kim', { person: 'Daniel Kim' });
  // A filter left over from before: the team's evidence replaces it.
  await outline.filter('health', 'On track');

  await shell.goTo('Execution pulse');
  const pulse = new PulsePage(page);
  const slowdown = await pulse.open('Where does execution slow down?');
  const team = slowdown.getByRole('button', { name: 'Team Platform', exact: true });
  await expect(team).toBeVisible();
  await expectAccessible(page, 'the pulse with a team slowing down as a link');
  await team.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'docs/screenshots/pulse-team-evidence.png' });
  await team.click();

  await expect(page.getByLabel('Filter by team')).toHaveValue('Platform');
  await expect(page.getByLabel('Filter by health')).toHaveValue('');
  // The team's tasks are matches (not context), as the slowdown counted them.
  const matchedTasks = page.locator('[role="treeitem"][data-kind="task"]:not(.context)');
  await expect(matchedTasks.first()).toBeVisible();
  await expectAccessible(page, 'the outline filtered by the team the pulse led to');
  expect(errors).toEqual([]);
});
