// leftovers39: Ada and Ben, each offline, add "Dana Reyes": two Danas once they are back online, nothing said
// (not about removal: both are live). Both now show a "same name" hint in People & teams, with "Keep this
// one, merge the other into it": Ben keeps his, Ada's item moves to him, Ada's Dana goes under Removed
// people, on both screens.
import { expect, test, type Page } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { DetailPanel } from './pages/detail-panel.js';
import { PeoplePage } from './pages/people-page.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { twoOnOnePlan } from './support/two-users.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

const peopleOf = async (page: Page) => {
  await new AppShell(page).goTo('People & teams');
  return new PeoplePage(page);
};

test('two people adding the same name at once: both rows say so, and one merges the other into it', async ({ browser }) => {
  test.setTimeout(240_000);
  const token = mintToken(server.dataDir, 'same-name-at-once', 'editor');
  const { ada, ben, errors } = await twoOnOnePlan(browser, server.url, token, 'same-name-at-once', 'Same name at once');
  try {
    await ada.shell.expectSyncStatus('Synced');
    await ben.shell.expectSyncStatus('Synced');
    // Each has People & teams loaded (a view is fetched when first shown), then goes offline.
    const adaPeople = await peopleOf(ada.page);
    const benPeople = await peopleOf(ben.page);
    await new AppShell(ada.page).goTo('Outline');
    await ada.context.setOffline(true);
    await ben.context.setOffline(true);
    await peopleOf(ada.page);
    await adaPeople.addPerson('Dana Reyes');
    await new AppShell(ada.page).goTo('Outline');
    await ada.outline.select('initiative', 'Open a Munich office');
    await new DetailPanel(ada.page).selectField('Owner', 'Dana Reyes');
    await benPeople.addPerson('Dana Reyes');
    await benPeople.people.getByRole('textbox', { name: 'Email of Dana Reyes' }).fill('dana@example.com');
    await benPeople.people.getByRole('textbox', { name: 'Email of Dana Reyes' }).press('Tab');
    await ada.context.setOffline(false);
    await ben.context.setOffline(false);
    await ada.shell.expectSyncStatus('Synced');
    await ben.shell.expectSyncStatus('Synced');

    // Both rows on both screens say so.
    await peopleOf(ada.page);
    for (const people of [adaPeople, benPeople]) {
      await expect(people.people.getByRole('textbox', { name: 'Name of Dana Reyes', exact: true })).toHaveCount(2);
      await expect(people.people.locator('tr.same-name-note')).toHaveText([
        'Same name as another person in the plan (perhaps added twice at once). Keep this one, merge the other into it',
        'Same name as another person in the plan (perhaps added twice at once). Keep this one, merge the other into it',
      ]);
    }
    await expectAccessible(ben.page, 'two people of the same name, each with the hint and the merge');
    await ben.page.screenshot({ path: 'docs/screenshots/same-name-added-at-once.png' });

    // Ben keeps his (the one with the e-mail): Ada's item moves to it, Ada's Dana is removed, on both screens.
    await benPeople.people.getByRole('button', { name: 'Keep this one, merge the other into it: Dana Reyes, dana@example.com, 0 items' }).click();
    await expect(ben.shell.saidNotice('Merged')).toHaveText(/^Merged: Dana Reyes now stands for both and is named by 1 item more; the other is under Removed people\./);
    for (const people of [adaPeople, benPeople]) {
      await expect(people.people.getByRole('textbox', { name: 'Name of Dana Reyes', exact: true })).toHaveCount(1);
      await expect(people.people.getByRole('textbox', { name: 'Email of Dana Reyes' })).toHaveValue('dana@example.com');
      await expect(people.people.locator('tr.same-name-note')).toHaveCount(0);
      await expect(people.people.getByRole('region', { name: 'Removed people' }).getByRole('listitem')).toHaveText([/^Dana Reyes\s*merged into Dana Reyes .* by Ben Guest/]);
    }
    await new AppShell(ada.page).goTo('Outline');
    await expect(ada.outline.row('initiative', 'Open a Munich office').locator('.row-owner')).toHaveText('Dana Reyes');
    expect(errors).toEqual([]);
  } finally {
    await closeContexts(ada.context, ben.context);
  }
});
