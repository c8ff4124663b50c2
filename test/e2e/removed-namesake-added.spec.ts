// leftovers39: adding a person or a team by hand with the name of a removed one made a duplicate without
// a word ("Carla Diaz" beside "Carla Diaz (removed)"); only an import asked (people38). People & teams now
// asks, naming who removed them and when: restore them, or add a new one of the same name. The question
// follows the plan (Ada's restore meanwhile takes it away, nothing added). The import preview's tree names
// a removed owner "Carla Diaz (removed)" while the rows keep naming her as removed, as the outline will.
import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { expectAccessible } from './support/axe.js';
import { peopleOf, removedPeopleSetup } from './support/removed-people.js';

const removalPlan = removedPeopleSetup();

test('adding a removed person’s or team’s name asks: restore, or a new one; the preview tree says “(removed)”', async ({ browser }) => {
  test.setTimeout(300_000); // two browsers, two axe audits, an import: slow on a loaded machine
  const { ben, errors, adaPeople, close } = await removalPlan(browser, { workspace: 'namesake-added', planName: 'Namesake added', people: ['Carla Diaz', 'Dan'], teams: ['Sales'] });
  try {
    await adaPeople.people.getByRole('button', { name: 'Remove Carla Diaz' }).click();
    await adaPeople.teams.getByRole('button', { name: 'Remove team Sales' }).click();
    const adaRemoved = adaPeople.people.getByRole('region', { name: 'Removed people' });
    await expect(adaRemoved.getByRole('listitem')).toHaveText([/^Carla Diaz\s*removed/]);

    // Ben types her name, lower case, and presses Enter: asked, Restore focused.
    const benPeople = await peopleOf(ben.page);
    const benRemoved = benPeople.people.getByRole('region', { name: 'Removed people' });
    await expect(benRemoved.getByRole('listitem')).toHaveText([/^Carla Diaz\s*removed/]);
    const nameField = benPeople.people.getByLabel("New person's name");
    await nameField.fill('carla diaz');
    await nameField.press('Enter');
    const asked = benPeople.people.getByRole('group', { name: /^Carla Diaz was removed from the plan/ });
    await expect(asked).toHaveAccessibleName(/^Carla Diaz was removed from the plan by Ada Host on .+\. Restore Carla Diaz, or add a new person with the same name\?$/);
    await expect(asked.getByRole('button', { name: 'Restore Carla Diaz' })).toBeFocused();
    await expectAccessible(ben.page, 'Asked before adding a removed person’s name');
    await ben.page.screenshot({ path: 'docs/screenshots/namesake-added-asks.png' });

    // Escape: nothing added, back in the name field.
    await ben.page.keyboard.press('Escape');
    await expect(asked).toHaveCount(0);
    await expect(nameField).toBeFocused();
    await expect(benPeople.people.getByRole('textbox', { name: /^Name of carla diaz$/i })).toHaveCount(0);

    // Asked again; Ada restores Carla meanwhile: the question goes, nothing is added.
    await nameField.press('Enter');
    await expect(asked).toBeVisible();
    await adaRemoved.getByRole('button', { name: 'Restore Carla Diaz' }).click();
    await expect(asked).toHaveCount(0);
    await expect(benPeople.people.getByRole('status').filter({ hasText: 'is in the plan again' })).toHaveText('carla diaz is in the plan again (restored or added by someone else meanwhile); nothing was added.');
    await expect(benPeople.people.getByRole('textbox', { name: /^Name of carla diaz$/i })).toHaveCount(1);

    // Ada removes her again; Ben asks again and restores her by keyboard: one Carla Diaz, live, on both screens.
    await adaPeople.people.getByRole('button', { name: 'Remove Carla Diaz' }).click();
    await expect(benRemoved.getByRole('listitem')).toHaveText([/^Carla Diaz\s*removed/]);
    await nameField.fill('Carla Diaz');
    await nameField.press('Enter');
    await expect(asked.getByRole('button', { name: 'Restore Carla Diaz' })).toBeFocused();
    await ben.page.keyboard.press('Enter');
    await expect(benPeople.people.getByRole('button', { name: 'Remove Carla Diaz' })).toBeFocused();
    await expect(nameField).toHaveValue('');
    for (const people of [adaPeople, benPeople]) {
      await expect(people.people.getByRole('textbox', { name: /^Name of carla diaz$/i })).toHaveCount(1);
      await expect(people.people.getByRole('region', { name: 'Removed people' })).toHaveCount(0);
    }

    // A team: Ben adds "Sales", removed by Ada; he chooses a new one. Two on both screens, one removed.
    await benPeople.addTeam('Sales');
    const teamAsked = benPeople.teams.getByRole('group', { name: /^The team Sales was removed from the plan/ });
    await expect(teamAsked).toHaveAccessibleName(/^The team Sales was removed from the plan by Ada Host on .+\. Restore it, or add a new team with the same name\?$/);
    await expect(teamAsked.getByRole('button', { name: 'Restore team Sales' })).toBeFocused();
    await teamAsked.getByRole('button', { name: 'Add a new team named Sales' }).click();
    await expect(teamAsked).toHaveCount(0);
    for (const people of [adaPeople, benPeople]) {
      await expect(people.teams.getByRole('button', { name: 'Remove team Sales' })).toHaveCount(1);
      await expect(people.teams.getByRole('region', { name: 'Removed teams' }).getByRole('listitem')).toHaveText([/^Sales\s*removed .* by Ada Host/]);
    }

    // The import preview: a sheet naming Carla Diaz, removed again by Ada, reads "Carla Diaz (removed)" in the tree.
    await adaPeople.people.getByRole('button', { name: 'Remove Carla Diaz' }).click();
    await expect(benRemoved.getByRole('listitem')).toHaveText([/^Carla Diaz\s*removed/]);
    await new AppShell(ben.page).goTo('Outline');
    await ben.page.setViewportSize({ width: 1200, height: 900 });
    await ben.page.getByRole('button', { name: 'File', exact: true }).click();
    await ben.page.getByRole('button', { name: 'Import from spreadsheet…' }).click();
    const dialog = ben.page.getByRole('dialog', { name: 'Import from a spreadsheet' });
    const csv = 'Objective,Key result,Owner\nGrow the Nordics,Nordic revenue,Carla Diaz\nGrow the Nordics,Churn,Dan\n';
    await dialog.getByLabel('Spreadsheet (CSV or Excel .xlsx)').setInputFiles({ name: 'nordics.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const tree = dialog.getByRole('list', { name: 'Preview of the imported plan' });
    const revenue = tree.locator('.import-node').filter({ hasText: 'Nordic revenue' });
    await expect(revenue).toContainText('· Carla Diaz (removed)');
    await expect(tree.locator('.import-node').filter({ hasText: 'Churn' })).toContainText('· Dan');
    await expectAccessible(ben.page, 'Import preview naming a removed owner');
    await dialog.screenshot({ path: 'docs/screenshots/import-tree-removed-owner.png' });
    await dialog.getByRole('group', { name: /^Carla Diaz was removed/ }).getByRole('radio', { name: /^Restore Carla Diaz/ }).check();
    await expect(revenue).toContainText('· Carla Diaz');
    await expect(revenue).not.toContainText('(removed)');
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});
