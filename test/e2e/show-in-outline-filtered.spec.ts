// usercheck20: with a filter on (Ben looking at Sales' work), a blocked task of another team clicked in
// the pulse (or in My work, or in the review) filled the detail panel while the outline had no row for
// it, nothing selected and nothing said why. Showing a node in the outline now clears filters that hide
// it; filters that show it are kept.
import { expect, test, type Page } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { LibraryPage } from './pages/library-page.js';
import { OutlinePage } from './pages/outline-page.js';
import { PulsePage } from './pages/pulse-page.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { expectAccessible } from './support/axe.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

/** Daniel Kim on the sample plan, the outline shown; page errors collected. */
async function danielOnTheSamplePlan(page: Page) {
  const shell = new AppShell(page);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await shell.open(server.url);
  await new LibraryPage(page).openSample();
  await shell.setIdentity('Daniel Kim', { person: 'Daniel Kim' });
  return { shell, outline: new OutlinePage(page), pulse: new PulsePage(page), errors, selectedRow: page.locator('[role="treeitem"][aria-selected="true"]') };
}

/** Clicks the item `title` listed under the pulse's question. */
async function clickEntry(pulse: PulsePage, question: string, title: string): Promise<void> {
  await pulse.entry(question, title).getByRole('button', { name: title, exact: true }).click();
}

test('a pulse item the filters hide is shown in the outline, the filters cleared; one they show keeps them', async ({ page }) => {
  test.setTimeout(180_000);
  const { shell, outline, pulse, errors, selectedRow } = await danielOnTheSamplePlan(page);

  // Sales' work: the blocked "Set up tracking" is in it (its initiative is Sales'), the failover brief is not.
  await outline.filter('team', 'Sales');
  await shell.goTo('Execution pulse');
  await pulse.open('Are teams blocked somewhere?');
  await clickEntry(pulse, 'Are teams blocked somewhere?', 'Set up tracking');
  await expect(selectedRow).toHaveAccessibleName(/Set up tracking/);
  await expect(page.getByLabel('Filter by team')).toHaveValue('Sales');

  await shell.goTo('Execution pulse');
  await pulse.open('Are teams blocked somewhere?');
  await clickEntry(pulse, 'Are teams blocked somewhere?', 'Write the one-page brief');
  await expect(selectedRow).toHaveAccessibleName(/Write the one-page brief/);
  await expect(selectedRow).toBeInViewport();
  await expect(page.getByLabel('Filter by team')).toHaveValue('');
  await expectAccessible(page, 'the outline showing the pulse item the filter hid');
  await page.screenshot({ path: 'docs/screenshots/show-in-outline-filtered.png' });
  expect(errors).toEqual([]);
});

// teams20 (review26b F5): a node the filtered outline shows as context (work below it matches the
// filter) has a row there; clicking it in the pulse selects that row and keeps the filter. It cleared it.
test('a pulse item the filtered outline shows as context keeps the filter', async ({ page }) => {
  test.setTimeout(180_000);
  const { shell, outline, pulse, errors, selectedRow } = await danielOnTheSamplePlan(page);

  // Leadership's work sits below "Weekly active users per account to 14", a key result behind.
  await outline.filter('team', 'Leadership');
  await shell.goTo('Execution pulse');
  const question = 'Are key results progressing as expected?';
  await pulse.open(question);
  const title = 'Weekly active users per account to 14';
  await clickEntry(pulse, question, title);
  await expect(selectedRow).toHaveAccessibleName(new RegExp(title));
  await expect(selectedRow).toBeInViewport();
  await expect(page.getByLabel('Filter by team')).toHaveValue('Leadership');
  await expectAccessible(page, 'the outline showing a context row the filter keeps');
  await page.screenshot({ path: 'test-results/show-in-outline-context-row.png' });
  expect(errors).toEqual([]);
});
