// Found by usercheck19: scrolled far down a big plan's outline (End, or a click on a blocked task in the
// pulse), a person types into Find. The list shrank to a few rows while the window still stood at the
// old offset for one render, named rows past the list's end, and the outline was replaced by "The
// outline could not be shown: Cannot read properties of undefined (reading 'id')".
import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { LibraryPage } from './pages/library-page.js';
import { OutlinePage } from './pages/outline-page.js';
import { PulsePage } from './pages/pulse-page.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { expectAccessible } from './support/axe.js';

let server: RunningProcess;
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('Find typed while the outline is scrolled to its end shows the matches, and the last row stays reachable', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  const shell = new AppShell(page);
  const outline = new OutlinePage(page);
  await shell.open(server.url);
  await new LibraryPage(page).openSample();
  // Keyboard only: the outline takes keys once the plan opens; End selects the last of 520 rows.
  await outline.focus();
  await outline.press('End');
  await expect(outline.selectedRow).toBeVisible();
  await expect(outline.rows.first()).not.toHaveAccessibleName('STR Operational excellence');

  await outline.find('Gross margin, monthly');
  await expect(outline.row('KPI', 'Gross margin, monthly')).toBeVisible();
  await expect(page.getByText('1 of 520 items match')).toBeVisible();
  await expect(page.getByText('could not be shown')).toHaveCount(0);
  await outline.select('KPI', 'Gross margin, monthly');
  await expect(page.getByRole('complementary', { name: 'Details' }).getByRole('textbox', { name: 'Title', exact: true })).toHaveValue('Gross margin, monthly');
  await expectAccessible(page, 'the outline found from its end');
  await page.screenshot({ path: 'docs/screenshots/outline-find-scrolled.png' });
  await outline.find('');
  await expect(outline.row('KPI', 'Gross margin, monthly')).toBeVisible();

  // The same from the pulse: a blocked task deep in the plan, then Find.
  await shell.goTo('Execution pulse');
  const pulse = new PulsePage(page);
  const question = 'Are teams blocked somewhere?';
  await pulse.open(question);
  await pulse.evidence(question).getByRole('listitem').filter({ hasText: 'Waiting for the hosting contract' })
    .getByRole('button', { name: 'Measure the first results', exact: true }).click();
  await expect(outline.selectedRow).toHaveAccessibleName(/^TSK Measure the first results/);
  await outline.find('Frankfurt data residency');
  await expect(outline.row('initiative', 'Frankfurt data residency')).toBeVisible();
  await expect(page.getByText('could not be shown')).toHaveCount(0);
  expect(errors).toEqual([]);
});
