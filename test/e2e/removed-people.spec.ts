// people37 (review36c F4): Ada removed Carla and the Sales team while Ben, offline, made Carla the owner
// of a task, set her e-mail and added "Sales EMEA" under Sales. After the merge the task showed no owner
// and nothing said why, Ben's e-mail was gone, Sales EMEA's parent picker had no option for its parent,
// and Remove took Carla away in one click although she owned items. Removal is now a tombstone: the
// task reads "Carla (removed)" and offers another owner, Carla is listed under Removed people with
// Ben's e-mail (and can be restored), Sales EMEA sits at the top level, and Remove asks first.
import { expect, test } from '@playwright/test';
import { DetailPanel } from './pages/detail-panel.js';
import { expectAccessible } from './support/axe.js';
import { chooseOption } from './support/choose-option.js';
import { outlineOf, peopleOf, removedPeopleSetup } from './support/removed-people.js';

const removalPlan = removedPeopleSetup();

test('a person and a team removed while Ben works offline with them: the owner says "(removed)", his e-mail and sub-team are kept', async ({ browser }) => {
  test.setTimeout(240_000); // two browsers, offline and back, two axe audits: slow on a loaded machine
  const { ada, ben, errors, adaPeople, close } = await removalPlan(browser, { workspace: 'removed-people', planName: 'Removed people', people: ['Carla', 'Dan'], teams: ['Sales'] });
  try {
    const benPeople = await peopleOf(ben.page);
    await expect(benPeople.teams.getByText('Sales', { exact: true })).toBeVisible();
    await expect(benPeople.people.getByRole('textbox', { name: 'Name of Carla', exact: true })).toBeVisible();

    // Ada makes Carla the owner of the initiative.
    await outlineOf(ada.page);
    await ada.outline.select('initiative', 'Open a Munich office');
    const adaDetails = new DetailPanel(ada.page);
    await adaDetails.selectField('Owner', 'Carla');
    await expect(ada.outline.row('initiative', 'Open a Munich office').locator('.row-owner')).toHaveText('Carla');
    // Ada filters the outline by Carla: the filter keeps working after the removal and says so.
    await ada.outline.filter('owner', 'Carla');

    // Ben, offline: Carla owns the task, her e-mail, and Sales EMEA under Sales.
    await ben.context.setOffline(true);
    await ben.shell.expectSyncStatus('Offline');
    await outlineOf(ben.page);
    await ben.outline.select('task', 'Sign the office lease');
    const benDetails = new DetailPanel(ben.page);
    await benDetails.selectField('Owner', 'Carla');
    await expect(ben.outline.row('task', 'Sign the office lease').locator('.row-owner')).toHaveText('Carla');
    await peopleOf(ben.page);
    await benPeople.people.getByRole('textbox', { name: 'Email of Carla', exact: true }).fill('carla@example.com');
    await benPeople.people.getByRole('textbox', { name: 'Email of Carla', exact: true }).press('Tab');
    await benPeople.teams.getByLabel("New team's name").fill('Sales EMEA');
    await chooseOption(benPeople.teams.getByLabel("New team's parent"), 'Sales');
    await benPeople.teams.getByRole('button', { name: 'Add team' }).click();
    await expect(benPeople.teams.getByText('Sales EMEA', { exact: true })).toBeVisible();

    // Ada removes Carla: she owns an item, so Ada is asked first, told how many.
    await peopleOf(ada.page);
    await adaPeople.people.getByRole('button', { name: 'Remove Carla' }).click();
    const asked = ada.page.getByRole('dialog', { name: 'Remove Carla?' });
    await expect(asked).toContainText('Carla owns or is assigned 1 item. It keeps showing “Carla (removed)” until someone chooses another owner.');
    await expectAccessible(ada.page, 'Asked before removing a person who owns an item');
    await ada.page.screenshot({ path: 'docs/screenshots/remove-person-asks.png' });
    await asked.getByRole('button', { name: 'Remove Carla' }).click();
    await expect(asked).toBeHidden();
    // Dan owns nothing: removed at once, and restored from the list.
    await adaPeople.people.getByRole('button', { name: 'Remove Dan' }).click();
    const removedPeople = adaPeople.people.getByRole('region', { name: 'Removed people' });
    await expect(removedPeople.getByRole('listitem')).toHaveCount(2);
    await removedPeople.getByRole('button', { name: 'Restore Dan' }).click();
    await expect(adaPeople.people.getByRole('textbox', { name: 'Name of Dan', exact: true })).toBeVisible();
    await adaPeople.teams.getByRole('button', { name: 'Remove team Sales' }).click();
    await expect(adaPeople.teams.getByRole('region', { name: 'Removed teams' }).getByRole('listitem')).toHaveText([/^Sales\s*removed/]);

    // Ben comes back.
    await ben.context.setOffline(false);
    await ben.shell.expectSyncStatus('Synced');

    for (const user of [ada, ben]) {
      const people = await peopleOf(user.page);
      // Carla is no longer a person to pick, but listed as removed, with Ben's e-mail.
      await expect(people.people.getByRole('textbox', { name: 'Name of Carla', exact: true })).toHaveCount(0);
      await expect(people.people.getByRole('region', { name: 'Removed people' }).getByRole('listitem')).toHaveText([/Carla · carla@example\.com\s*removed .* still named by 2 items/]);
      // Sales EMEA sits at the top level, and its parent picker says so.
      await expect(people.teams.getByRole('combobox', { name: 'Parent team of Sales EMEA' })).toHaveValue('');
      await expect(people.teams.getByRole('combobox', { name: 'Parent team of Sales EMEA' })).toHaveAttribute('placeholder', 'Top level');
      if (user === ben) {
        await expectAccessible(user.page, 'People & teams listing a removed person and team');
        await user.page.screenshot({ path: 'docs/screenshots/people-removed-lists.png' });
      }
      // Both items name Carla as removed.
      await outlineOf(user.page);
      await expect(user.outline.row('task', 'Sign the office lease').locator('.row-owner')).toHaveText('Carla (removed)');
      await expect(user.outline.row('initiative', 'Open a Munich office').locator('.row-owner')).toHaveText('Carla (removed)');
    }

    await expect(ada.page.getByRole('combobox', { name: 'Filter by owner' })).toHaveValue('Carla (removed)');
    await ada.outline.filter('owner', 'Any owner');
    await expect(ada.page.getByRole('combobox', { name: 'Filter by owner' })).toHaveValue('');
    // The task's owner field shows her, says what happened, and offers another owner (not Carla).
    await ada.outline.select('task', 'Sign the office lease');
    await expect(adaDetails.field('Owner')).toHaveValue('Carla (removed)');
    await expect(adaDetails.root.getByRole('status').filter({ hasText: /^Carla was removed from the plan on .*\. Choose another owner, or restore them under People & teams\.$/ })).toBeVisible();
    await expectAccessible(ada.page, 'An item owned by a removed person');
    await ada.page.screenshot({ path: 'docs/screenshots/owner-removed.png' });
    await adaDetails.selectField('Owner', 'Dan');
    await expect(adaDetails.field('Owner')).toHaveValue('Dan');
    await expect(adaDetails.root.getByRole('status').filter({ hasText: /was removed from the plan/ })).toHaveCount(0);
    await expect(ben.outline.row('task', 'Sign the office lease').locator('.row-owner')).toHaveText('Dan');

    // Ben restores Carla: she is back with his e-mail, and the initiative names her again.
    const benAgain = await peopleOf(ben.page);
    await benAgain.people.getByRole('region', { name: 'Removed people' }).getByRole('button', { name: 'Restore Carla' }).click();
    await expect(benAgain.people.getByRole('textbox', { name: 'Email of Carla', exact: true })).toHaveValue('carla@example.com');
    await outlineOf(ada.page);
    await expect(ada.outline.row('initiative', 'Open a Munich office').locator('.row-owner')).toHaveText('Carla');
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});
