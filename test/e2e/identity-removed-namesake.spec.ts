// leftovers39: "Who are you?" with "Add me to this plan's people" and the name of a removed person added a
// second one beside "Carla (removed)", as People & teams did. It now asks the same question: Ben, named
// Carla, restores her and is her again; one Carla on both screens.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe.js';
import { peopleOf, removedPeopleSetup } from './support/removed-people.js';

const removalPlan = removedPeopleSetup();

test('"Add me" with a removed person’s name asks; Restore makes Ben her again, no second Carla', async ({ browser }) => {
  test.setTimeout(240_000);
  const { ben, errors, adaPeople, close } = await removalPlan(browser, { workspace: 'identity-namesake', planName: 'Identity namesake', people: ['Carla'] });
  try {
    await adaPeople.people.getByRole('button', { name: 'Remove Carla' }).click();
    const benPeople = await peopleOf(ben.page);
    await expect(benPeople.people.getByRole('region', { name: 'Removed people' }).getByRole('listitem')).toHaveText([/^Carla\s*removed/]);

    await ben.page.getByRole('button', { name: /Who are you\?|You are .*: change/ }).click();
    const dialog = ben.page.getByRole('dialog', { name: 'Who are you?' });
    await dialog.getByLabel('Your name').fill('Carla');
    await dialog.getByLabel("Add me to this plan's people").check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    const asked = dialog.getByRole('group', { name: /^Carla was removed from the plan/ });
    await expect(asked).toHaveAccessibleName(/^Carla was removed from the plan by Ada Host on .+\. Restore Carla, or add a new person with the same name\?$/);
    await expect(asked.getByRole('button', { name: 'Restore Carla' })).toBeFocused();
    await expectAccessible(ben.page, '“Who are you?” asking about a removed person’s name');
    await ben.page.screenshot({ path: 'docs/screenshots/identity-removed-namesake.png' });
    // polish39: Escape (the question's Cancel) gives the focus back to Save, not to the page; Enter there asks again.
    await ben.page.keyboard.press('Escape');
    await expect(asked).toHaveCount(0);
    await expect(dialog.getByRole('button', { name: 'Save' })).toBeFocused();
    await ben.page.keyboard.press('Enter');
    await expect(asked.getByRole('button', { name: 'Restore Carla' })).toBeFocused();
    await ben.page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(ben.page.getByRole('button', { name: 'You are Carla: change' })).toBeVisible();
    for (const people of [adaPeople, benPeople]) {
      await expect(people.people.getByRole('textbox', { name: 'Name of Carla', exact: true })).toHaveCount(1);
      await expect(people.people.getByRole('region', { name: 'Removed people' })).toHaveCount(0);
    }
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});
