// people38: two gaps people37's removal of people and teams left.
// 1. A team's Remove went at once, though the team had members, sub-teams and items: it now asks, as a
//    person's does, naming what the team holds (live: Ben's new sub-team shows in Ada's open question),
//    Cancel first, Escape cancels, once removed the focus is on its Restore button and once restored on
//    its Remove button.
// 2. A spreadsheet naming Carla, who was removed, added a second "Carla" beside "Carla (removed)". The
//    preview now says who removed her and which rows name her, follows Ada's restore and removal live,
//    and by default names her as removed: no second Carla on either screen.
import { expect, test } from '@playwright/test';
import { DetailPanel } from './pages/detail-panel.js';
import { expectAccessible } from './support/axe.js';
import { chooseOption } from './support/choose-option.js';
import { outlineOf, peopleOf, removedPeopleSetup } from './support/removed-people.js';

const removalPlan = removedPeopleSetup();

test('removing a team that has a member, sub-teams and an item asks first, naming them, by keyboard', async ({ browser }) => {
  test.setTimeout(240_000); // two browsers and an axe audit: slow on a loaded machine
  const { ada, ben, errors, adaPeople, close } = await removalPlan(browser, { workspace: 'remove-team-asks', planName: 'Remove team asks', people: ['Carla'], teams: ['Sales'] });
  try {
    await adaPeople.teams.getByLabel("New team's name").fill('Sales EMEA');
    await chooseOption(adaPeople.teams.getByLabel("New team's parent"), 'Sales');
    await adaPeople.teams.getByRole('button', { name: 'Add team' }).click();
    await expect(adaPeople.teams.getByText('Sales EMEA', { exact: true })).toBeVisible();
    await chooseOption(adaPeople.people.getByLabel('Team of Carla'), 'Sales');
    await outlineOf(ada.page);
    await ada.outline.select('initiative', 'Open a Munich office');
    await new DetailPanel(ada.page).selectField('Team', 'Sales');

    // Ada presses Remove on Sales by keyboard: asked, Cancel first.
    await peopleOf(ada.page);
    const remove = adaPeople.teams.getByRole('button', { name: 'Remove team Sales', exact: true });
    await remove.focus();
    await ada.page.keyboard.press('Enter');
    const asked = ada.page.getByRole('dialog', { name: 'Remove team Sales?' });
    await expect(asked).toContainText('Sales has 1 member, 1 sub-team and 1 item.');
    await expect(asked.getByRole('button', { name: 'Cancel' })).toBeFocused();

    // Ben adds a sub-team under Sales meanwhile: Ada's open question counts it.
    const benPeople = await peopleOf(ben.page);
    await benPeople.teams.getByLabel("New team's name").fill('Sales APAC');
    await chooseOption(benPeople.teams.getByLabel("New team's parent"), 'Sales');
    await benPeople.teams.getByRole('button', { name: 'Add team' }).click();
    await expect(asked).toContainText('Sales has 1 member, 2 sub-teams and 1 item.');
    await expect(asked.getByRole('listitem')).toHaveText([
      'Its member shows no team until someone picks another or the team is restored.',
      'Its sub-teams move to the top level.',
      'Its item counts under no team until someone picks another team.',
    ]);
    await expectAccessible(ada.page, 'Asked before removing a team with a member, sub-teams and an item');
    await ada.page.screenshot({ path: 'docs/screenshots/remove-team-asks.png' });

    // Escape cancels: nothing removed, the focus back on Remove.
    await ada.page.keyboard.press('Escape');
    await expect(asked).toBeHidden();
    await expect(remove).toBeFocused();
    await expect(adaPeople.teams.getByRole('region', { name: 'Removed teams' })).toHaveCount(0);

    // Asked again, Tab to the dialog's Remove and Enter: removed, the focus on its Restore.
    await ada.page.keyboard.press('Enter');
    await expect(asked).toBeVisible();
    await ada.page.keyboard.press('Tab');
    await expect(asked.getByRole('button', { name: 'Remove team Sales' })).toBeFocused();
    await ada.page.keyboard.press('Enter');
    await expect(asked).toBeHidden();
    const restore = adaPeople.teams.getByRole('region', { name: 'Removed teams' }).getByRole('button', { name: 'Restore team Sales' });
    await expect(restore).toBeFocused();

    // Ben sees it removed, his sub-team and Sales EMEA at the top level.
    await expect(benPeople.teams.getByRole('region', { name: 'Removed teams' }).getByRole('listitem')).toHaveText([/^Sales\s*removed/]);
    await expect(benPeople.teams.getByRole('combobox', { name: 'Parent team of Sales APAC' })).toHaveAttribute('placeholder', 'Top level');

    // Enter on Restore takes it back, for both; the focus goes to its Remove again.
    await ada.page.keyboard.press('Enter');
    await expect(remove).toBeFocused();
    await expect(benPeople.teams.getByRole('region', { name: 'Removed teams' })).toHaveCount(0);
    await expect(benPeople.teams.getByRole('combobox', { name: 'Parent team of Sales APAC' })).toHaveValue('under Sales');

    // Both ask at once; Ben removes it first: Ada's open question says so and offers only Close.
    await adaPeople.teams.getByRole('button', { name: 'Remove team Sales', exact: true }).click();
    await expect(asked).toBeVisible();
    await benPeople.teams.getByRole('button', { name: 'Remove team Sales', exact: true }).click();
    const benAsked = ben.page.getByRole('dialog', { name: 'Remove team Sales?' });
    await benAsked.getByRole('button', { name: 'Remove team Sales' }).click();
    await expect(asked.getByRole('status')).toHaveText(/^Sales was removed meanwhile by Ben Guest on .+\.$/);
    await expect(asked.getByRole('button')).toHaveText(['Close']);
    await ada.page.keyboard.press('Escape');
    await expect(asked).toBeHidden();
    await expect(adaPeople.teams.getByRole('region', { name: 'Removed teams' }).getByRole('listitem')).toHaveText([/^Sales\s*removed .* by Ben Guest/]);
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});

test('a spreadsheet naming removed Carla: the preview says so and follows Ada live; the import adds no second Carla', async ({ browser }) => {
  test.setTimeout(240_000);
  const { ada, ben, errors, adaPeople, close } = await removalPlan(browser, { workspace: 'import-removed', planName: 'Import removed', people: ['Carla', 'Dan'] });
  try {
    await adaPeople.people.getByRole('button', { name: 'Remove Carla' }).click();
    const adaRemoved = adaPeople.people.getByRole('region', { name: 'Removed people' });
    await expect(adaRemoved.getByRole('listitem')).toHaveText([/^Carla\s*removed/]);

    // Ben imports a sheet naming Carla on two rows.
    await outlineOf(ben.page);
    await ben.page.setViewportSize({ width: 1200, height: 900 });
    await ben.page.getByRole('button', { name: 'File', exact: true }).click();
    await ben.page.getByRole('button', { name: 'Import from spreadsheet…' }).click();
    const dialog = ben.page.getByRole('dialog', { name: 'Import from a spreadsheet' });
    const csv = 'Objective,Key result,Owner\nGrow the Nordics,Nordic revenue,Carla\nGrow the Nordics,Partners signed,Carla\nGrow the Nordics,Churn,Dan\n';
    await dialog.getByLabel('Spreadsheet (CSV or Excel .xlsx)').setInputFiles({ name: 'nordics.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const question = dialog.getByRole('group', { name: /^Carla was removed from the plan/ });
    await expect(question).toBeVisible();
    await expect(question.locator('legend')).toHaveText(/^Carla was removed from the plan by Ada Host on .+; 2 rows name Carla \(rows 2 and 3\)\.$/);
    const keep = question.getByRole('radio', { name: /^Name Carla as removed/ });
    await expect(keep).toBeChecked();
    await expectAccessible(ben.page, 'Import preview asking about a removed person');
    await dialog.screenshot({ path: 'docs/screenshots/import-names-removed.png' });

    // Ada restores Carla: the question goes. She removes her again: it is back.
    await adaRemoved.getByRole('button', { name: 'Restore Carla' }).click();
    await expect(adaPeople.people.getByRole('button', { name: 'Remove Carla' })).toBeFocused();
    await expect(question).toHaveCount(0);
    await adaPeople.people.getByRole('button', { name: 'Remove Carla' }).click();
    await expect(question).toBeVisible();

    // By keyboard: the arrows move between the answers; Ben keeps the default.
    await keep.focus();
    await ben.page.keyboard.press('ArrowDown');
    await expect(question.getByRole('radio', { name: /^Restore Carla/ })).toBeChecked();
    await ben.page.keyboard.press('ArrowUp');
    await expect(keep).toBeChecked();
    await dialog.getByRole('button', { name: /^Import \d+ items$/ }).click();
    await expect(dialog).toBeHidden();

    // Both screens: the rows name "Carla (removed)", and there is one Carla, removed.
    for (const user of [ada, ben]) {
      await outlineOf(user.page);
      await expect(user.outline.row('key result', 'Nordic revenue').locator('.row-owner')).toHaveText('Carla (removed)');
      await expect(user.outline.row('key result', 'Partners signed').locator('.row-owner')).toHaveText('Carla (removed)');
      await expect(user.outline.row('key result', 'Churn').locator('.row-owner')).toHaveText('Dan');
      const people = await peopleOf(user.page);
      await expect(people.people.getByRole('textbox', { name: 'Name of Carla', exact: true })).toHaveCount(0);
      await expect(people.people.getByRole('region', { name: 'Removed people' }).getByRole('listitem')).toHaveText([/^Carla\s*removed .* still named by 2 items\s*Restore$/]);
    }
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});
