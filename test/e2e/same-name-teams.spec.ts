// leftovers40: Ada and Ben, each offline, add a "Platform" team: two Platforms once they are back online,
// nothing said and no way to fold one into the other (people got both in leftovers39). Both now show a
// "same name" hint under Teams, with "Keep this one, merge the other into it"; the merge says what it took
// in and offers Undo; and what Ada, offline, gives her Platform meanwhile reads as the kept one.
import { expect, test } from '@playwright/test';
import { DetailPanel } from './pages/detail-panel.js';
import { expectAccessible } from './support/axe.js';
import { chooseOption } from './support/choose-option.js';
import { closeContexts } from './support/close-contexts.js';
import { outlineOf, peopleOf } from './support/removed-people.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { twoOnOnePlan } from './support/two-users.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

const HINT = 'Same name as another team in the plan (perhaps added twice at once). Keep this one, merge the other into it';

test('two teams of one name: both say so, one merges the other in (with Undo), and an offline edit of the other lands in it', async ({ browser }) => {
  test.setTimeout(300_000);
  const token = mintToken(server.dataDir, 'same-name-teams', 'editor');
  const { ada, ben, errors } = await twoOnOnePlan(browser, server.url, token, 'same-name-teams', 'Same name teams');
  try {
    const adaPeople = await peopleOf(ada.page);
    await adaPeople.addTeam('Engineering');
    const benPeople = await peopleOf(ben.page);
    await expect(benPeople.teams.getByText('Engineering', { exact: true })).toBeVisible();
    await ada.shell.expectSyncStatus('Synced');
    await ben.shell.expectSyncStatus('Synced');

    // Offline, Ada adds Platform under Engineering and gives it the Munich office; Ben adds his at the top.
    await ada.context.setOffline(true);
    await ben.context.setOffline(true);
    await adaPeople.teams.getByLabel("New team's name").fill('Platform');
    await chooseOption(adaPeople.teams.getByLabel("New team's parent"), 'Engineering');
    await adaPeople.teams.getByRole('button', { name: 'Add team' }).click();
    await outlineOf(ada.page);
    await ada.outline.select('initiative', 'Open a Munich office');
    await new DetailPanel(ada.page).selectField('Team', 'Platform');
    await benPeople.addTeam('Platform');
    await ada.context.setOffline(false);
    await ben.context.setOffline(false);
    await ada.shell.expectSyncStatus('Synced');
    await ben.shell.expectSyncStatus('Synced');

    // Both teams say so, on both screens.
    await peopleOf(ada.page);
    for (const people of [adaPeople, benPeople]) await expect(people.teams.locator('.same-name-note')).toHaveText([HINT, HINT]);
    const keepBens = benPeople.teams.getByRole('button', { name: 'Keep this one, merge the other into it: Platform, top level, nothing named by it' });
    await expect(keepBens).toBeVisible();
    await expect(benPeople.teams.getByRole('button', { name: 'Keep this one, merge the other into it: Platform, under Engineering, 1 item' })).toBeVisible();
    await expectAccessible(ben.page, 'two teams of the same name, each with the hint and the merge');
    await ben.page.screenshot({ path: 'docs/screenshots/same-name-teams.png' });

    // Ben keeps his: told what it took in, with Undo; Undo brings both back; he merges again.
    await keepBens.click();
    const merged = ben.shell.saidNotice('Merged');
    await expect(merged.last()).toContainText('Merged: Platform now stands for both and takes in 1 item; the other is under Removed teams.');
    await expect(benPeople.teams.locator('.same-name-note')).toHaveCount(0);
    await merged.last().getByRole('button', { name: 'Undo' }).click();
    await expect(benPeople.teams.locator('.same-name-note')).toHaveText([HINT, HINT]);
    await keepBens.click();
    await expect(benPeople.teams.locator('.same-name-note')).toHaveCount(0);
    await expect(benPeople.teams.getByRole('region', { name: 'Removed teams' }).getByRole('listitem')).toHaveText([/^Platform\s*merged into Platform .* by Ben Guest/]);
    await ada.shell.expectSyncStatus('Synced');
    await expect(adaPeople.teams.locator('.same-name-note')).toHaveCount(0);

    // Ada's Munich office reads as Ben's Platform, not "Platform (removed)".
    await outlineOf(ada.page);
    await ada.outline.select('initiative', 'Open a Munich office');
    await expect(new DetailPanel(ada.page).field('Team')).toHaveValue('Platform');
    await expect(ada.page.getByText('was removed from the plan')).toHaveCount(0);

    // Ben undoes on his side while Ada, offline, gives the office lease to her Platform (under Engineering);
    // Ben merges again; once Ada is back, the lease reads as Ben's Platform on both screens.
    await merged.last().getByRole('button', { name: 'Undo' }).click();
    await expect(benPeople.teams.locator('.same-name-note')).toHaveText([HINT, HINT]);
    await ada.shell.expectSyncStatus('Synced');
    await ada.context.setOffline(true);
    await keepBens.click();
    await expect(benPeople.teams.locator('.same-name-note')).toHaveCount(0);
    await ada.outline.select('task', 'Sign the office lease');
    await chooseOption(new DetailPanel(ada.page).field('Team'), 'Platform', { note: 'Engineering › Platform' });
    await ada.context.setOffline(false);
    await ada.shell.expectSyncStatus('Synced');
    await ben.shell.expectSyncStatus('Synced');
    for (const user of [ada, ben]) {
      await outlineOf(user.page);
      await user.outline.select('task', 'Sign the office lease');
      await expect(new DetailPanel(user.page).field('Team')).toHaveValue('Platform');
      await expect(user.page.getByText('was removed from the plan')).toHaveCount(0);
    }
    expect(errors).toEqual([]);
  } finally {
    await closeContexts(ada.context, ben.context);
  }
});
