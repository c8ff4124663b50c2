// review44a F3: the period form's two date boxes had no visible labels, only aria-labels, so a person saw two
// identical "mm/dd/yyyy" boxes and had to guess which was the start. Now each has a visible label tied to it.
import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { LibraryPage } from './pages/library-page.js';
import { expectAccessible } from './support/axe.js';
import { startSyncServer, type RunningProcess } from './support/server.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('the period form names its date boxes on screen: Starts and Ends', async ({ page }) => {
  const shell = new AppShell(page);
  await shell.open(server.url);
  await new LibraryPage(page).createPlan('Acme 2027 plan');
  await shell.goTo('People & teams');
  const periods = page.getByRole('region', { name: 'Periods' });
  const starts = periods.getByLabel('Starts', { exact: true });
  const ends = periods.getByLabel('Ends', { exact: true });
  // The words are on screen, each a label element around the box it names (not an aria-label).
  const label = (word: string) => periods.locator('label', { hasText: new RegExp(`^${word}$`) });
  for (const word of ['Starts', 'Ends']) {
    await expect(label(word)).toBeVisible();
    await expect(label(word).locator('input[type="date"]')).toHaveAccessibleName(word);
  }
  await expect(starts).toHaveAttribute('type', 'date');
  await expect(ends).toHaveAttribute('type', 'date');

  await periods.getByLabel("New period's name").fill('2027-Q1');
  await starts.fill('2027-01-01');
  await ends.fill('2027-03-31');
  await periods.getByRole('button', { name: 'Add period' }).click();
  await expect(periods.getByRole('listitem').filter({ hasText: '2027-Q1' })).toContainText('2027-01-01 → 2027-03-31');
  await expectAccessible(page, 'the periods form with its labelled dates');
  await periods.screenshot({ path: 'docs/screenshots/period-dates-labelled.png' });
});
