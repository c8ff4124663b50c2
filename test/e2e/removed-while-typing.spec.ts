// peopleui38 (review38b F1 and F3). F1: Ben was typing Carla's e-mail when Ada removed Carla. Her row
// went from under his cursor, the focus fell to the page, what he had typed was gone on both screens
// and nothing told him. The row now stays, marked removed by Ada, with Restore, until he leaves it;
// what he typed is kept in the removed Carla on both screens, and a notice says where it went.
// F3: after Remove, "Remove Carla?" and Restore the focus fell to <body> and nothing was said: the
// focus now goes to Restore / the restored row's Remove (people38) and a notice says it.
import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { DetailPanel } from './pages/detail-panel.js';
import { expectAccessible } from './support/axe.js';
import { peopleOf, removedPeopleSetup } from './support/removed-people.js';

const removalPlan = removedPeopleSetup();

test('Ben typing Carla’s e-mail as Ada removes her: the row stays, marked, his words are kept and he is told', async ({ browser }) => {
  test.setTimeout(240_000); // two browsers and an axe audit: slow on a loaded machine
  const { ben, errors, adaPeople, close } = await removalPlan(browser, { workspace: 'removed-while-typing', planName: 'Removed while typing', people: ['Carla', 'Dan'] });
  try {
    const benPeople = await peopleOf(ben.page);
    const email = benPeople.people.getByRole('textbox', { name: 'Email of Carla', exact: true });
    await email.click();
    await ben.page.keyboard.type('carla@exa');

    // Ada removes Carla (she owns nothing: at once).
    await adaPeople.people.getByRole('button', { name: 'Remove Carla' }).click();
    await expect(adaPeople.people.getByRole('region', { name: 'Removed people' }).getByRole('listitem')).toHaveText([/^Carla\s*removed/]);

    // Ben's row stays under his cursor, marked removed by Ada, with Restore; his field keeps the focus.
    const note = benPeople.people.getByRole('status').filter({ hasText: 'was just removed by' });
    await expect(note).toHaveText(/^Carla was just removed by Ada Host\. What you are typing is kept with them/);
    await expect(email).toBeFocused();
    await expect(email).toHaveValue('carla@exa');
    await expect(benPeople.people.getByRole('button', { name: 'Restore Carla' })).toBeVisible();
    await expectAccessible(ben.page, 'A row removed by someone else while it is typed in');
    await ben.page.screenshot({ path: 'docs/screenshots/removed-while-typing.png' });

    // He finishes and leaves the row: kept in the removed Carla, on both screens, and he is told.
    await ben.page.keyboard.type('mple.com');
    await ben.page.keyboard.press('Tab');
    const kept = ben.page.locator('.notice').filter({ hasText: 'was removed by Ada Host while you typed' });
    await expect(kept).toContainText('Your e-mail “carla@example.com” is kept with them under Removed people');
    // Still in the row (its role field, read-only now): the row stays until he leaves it.
    await expect(benPeople.people.getByRole('textbox', { name: 'Role of Carla', exact: true })).toBeFocused();
    await expect(benPeople.people.getByRole('textbox', { name: 'Role of Carla', exact: true })).toHaveAttribute('readonly', '');
    await benPeople.people.getByRole('textbox', { name: 'Name of Dan', exact: true }).click();
    await expect(note).toHaveCount(0);
    for (const people of [adaPeople, benPeople]) {
      await expect(people.people.getByRole('region', { name: 'Removed people' }).getByRole('listitem')).toHaveText([/^Carla · carla@example\.com\s*removed/]);
      await expect(people.people.getByRole('textbox', { name: 'Email of Carla', exact: true })).toHaveCount(0);
    }
    await ben.page.screenshot({ path: 'docs/screenshots/removed-while-typing-kept.png' });

    // The notice's Restore brings her back with the e-mail, for both.
    await kept.getByRole('button', { name: 'Restore Carla' }).click();
    for (const people of [adaPeople, benPeople]) {
      await expect(people.people.getByRole('textbox', { name: 'Email of Carla', exact: true })).toHaveValue('carla@example.com');
    }
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});

test('keyboard only: Remove, “Remove Carla?” and Restore keep the focus in place and say what happened, for people and teams', async ({ browser }) => {
  test.setTimeout(240_000);
  const { ada, ben, errors, adaPeople: people, close } = await removalPlan(browser, { workspace: 'removal-focus', planName: 'Removal focus', people: ['Carla', 'Dan'], teams: ['Sales'] });
  try {
    await new AppShell(ada.page).goTo('Outline');
    await ada.outline.select('initiative', 'Open a Munich office');
    await new DetailPanel(ada.page).selectField('Owner', 'Carla');
    await peopleOf(ada.page);
    // What happened is said in the notices' polite live region.
    const notices = ada.page.locator('.notices').getByRole('status');
    const removedPeople = people.people.getByRole('region', { name: 'Removed people' });

    // Carla owns an item: asked; Tab to the dialog's Remove, Enter. The focus is on her Restore.
    await people.people.getByRole('button', { name: 'Remove Carla' }).focus();
    await ada.page.keyboard.press('Enter');
    const asked = ada.page.getByRole('dialog', { name: 'Remove Carla?' });
    await expect(asked.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await ada.page.keyboard.press('Tab');
    await ada.page.keyboard.press('Enter');
    await expect(asked).toBeHidden();
    await expect(removedPeople.getByRole('button', { name: 'Restore Carla' })).toBeFocused();
    await expect(notices).toContainText('Carla removed. Restore is under Removed people.');

    // Dan owns nothing: removed at once, the focus on his Restore.
    await people.people.getByRole('button', { name: 'Remove Dan' }).focus();
    await ada.page.keyboard.press('Enter');
    await expect(removedPeople.getByRole('button', { name: 'Restore Dan' })).toBeFocused();
    await expect(notices).toContainText('Dan removed.');

    // Enter on Restore: Dan is back, the focus on his row's Remove (people38's path), and it is said.
    await ada.page.keyboard.press('Enter');
    await expect(people.people.getByRole('button', { name: 'Remove Dan', exact: true })).toBeFocused();
    await expect(notices).toContainText('Dan restored.');
    await expectAccessible(ada.page, 'People after a keyboard restore');

    // A team: Remove (nothing in it: at once), then Restore, by keyboard.
    await people.teams.getByRole('button', { name: 'Remove team Sales' }).focus();
    await ada.page.keyboard.press('Enter');
    const restoreSales = people.teams.getByRole('region', { name: 'Removed teams' }).getByRole('button', { name: 'Restore team Sales' });
    await expect(restoreSales).toBeFocused();
    await expect(notices).toContainText('Team Sales removed. Restore is under Removed teams.');
    await ada.page.keyboard.press('Enter');
    await expect(people.teams.getByRole('button', { name: 'Remove team Sales', exact: true })).toBeFocused();
    await expect(notices).toContainText('Team Sales restored.');
    await ada.page.screenshot({ path: 'docs/screenshots/restore-keeps-focus.png' });
    // Ben's screen follows.
    const benPeople = await peopleOf(ben.page);
    await expect(benPeople.people.getByRole('textbox', { name: 'Name of Dan', exact: true })).toBeVisible();
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});
