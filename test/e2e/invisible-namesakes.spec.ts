// review46a F4: "Dana\u200B Reyes" (a zero-width space pasted in) draws as "Dana Reyes" but was another name to
// the app: People & teams added a second Dana Reyes without asking, two rows nobody could tell apart, and either
// could be chosen in "Who are you?" to check in as her. Now it is her name: the question is asked first.
import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { LibraryPage } from './pages/library-page.js';
import { PeoplePage } from './pages/people-page.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { expectAccessible } from './support/axe.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('adding a person whose name holds a zero-width space asks, as her plain name does', async ({ page }) => {
  test.setTimeout(120_000);
  const shell = new AppShell(page);
  await shell.open(server.url);
  await new LibraryPage(page).createPlan('Namesakes');
  await shell.goTo('People & teams');
  const people = new PeoplePage(page);
  await people.addPerson('Dana Reyes');
  await expect(people.people.getByRole('textbox', { name: 'Name of Dana Reyes', exact: true })).toHaveCount(1);

  await people.addPerson('Dana\u200b Reyes');
  const asked = people.people.getByRole('group', { name: /already in this plan/ });
  await expect(asked).toBeVisible();
  await expect(asked.getByRole('button', { name: 'Keep the one there' })).toBeFocused();
  await expectAccessible(page, 'People & teams asking about a name with a zero-width space');
  await asked.screenshot({ path: 'test-results/invisible-namesakes.png' });
  await page.keyboard.press('Enter');
  await expect(asked).toHaveCount(0);
  // Still one Dana Reyes: one name field of hers.
  await expect(people.people.getByRole('textbox', { name: /^Name of Dana/ })).toHaveCount(1);
});
