// peopleui38 (review38b F6): Ben is Carla in this plan ("You in this plan"). Ada removed Carla and
// nothing told Ben: My work and his check-ins went on as "Carla", and Ada's review rows read
// "owner — → Carla" and "by Carla" while the outline said "Carla (removed)". Ben now gets a notice
// naming Ada, with Restore and Choose who I am, My work says it too, and the review marks Carla removed.
import { expect, test } from '@playwright/test';
import { DetailPanel } from './pages/detail-panel.js';
import { ReviewPage } from './pages/review-page.js';
import { expectAccessible } from './support/axe.js';
import { peopleOf, removedPeopleSetup } from './support/removed-people.js';

const removalPlan = removedPeopleSetup();

test('Ben is Carla; Ada removes Carla: Ben is told, with Restore and Choose who I am, and the review says “Carla (removed)”', async ({ browser }) => {
  test.setTimeout(240_000);
  const { ada, ben, errors, adaPeople, close } = await removalPlan(browser, { workspace: 'removed-self', planName: 'Removed self', people: ['Carla'] });
  try {
    const benPeople = await peopleOf(ben.page);
    await expect(benPeople.people.getByRole('textbox', { name: 'Name of Carla', exact: true })).toBeVisible();
    await ben.shell.setIdentity('Carla', { person: 'Carla' });
    const review = new ReviewPage(ada.page);
    await review.open();
    await review.createReviewPoint('Before offsite');

    // Ben makes himself the owner of the office.
    await ben.shell.goTo('Outline');
    await ben.outline.select('initiative', 'Open a Munich office');
    await new DetailPanel(ben.page).selectField('Owner', 'Carla');

    // Ada removes Carla (she owns an item: asked).
    await peopleOf(ada.page);
    await adaPeople.people.getByRole('button', { name: 'Remove Carla' }).click();
    await ada.page.getByRole('dialog', { name: 'Remove Carla?' }).getByRole('button', { name: 'Remove Carla' }).click();

    // Ben is told, naming Ada, with both ways on.
    const told = ben.page.locator('.notice').filter({ hasText: 'who you are in this plan' });
    await expect(told).toContainText(/^Ada Host removed Carla, who you are in this plan, .*My work and your check-ins still name Carla \(removed\): restore Carla, or choose who you are\./);
    await expect(told.getByRole('button', { name: 'Restore Carla' })).toBeVisible();
    await expect(told.getByRole('button', { name: 'Choose who I am' })).toBeVisible();
    await ben.shell.goTo('My work');
    await expect(ben.page.getByRole('heading', { name: 'My work — Carla (removed)', level: 2 })).toBeVisible();
    await expect(ben.page.locator('.mywork-removed')).toContainText('Carla, who you are in this plan, was removed by Ada Host.');
    await expectAccessible(ben.page, 'My work of a removed person, with the notice');
    await ben.page.screenshot({ path: 'docs/screenshots/removed-self-told.png' });

    // Ada's review rows mark Carla removed, as the outline does.
    await review.open();
    const owner = review.change('Open a Munich office', 'owner — → Carla (removed)');
    await expect(owner).toBeVisible();
    await expect(owner).toContainText('by Carla (removed)');
    await ada.page.screenshot({ path: 'docs/screenshots/review-removed-person.png' });

    // Choose who I am opens the dialog, which says Carla is removed.
    await told.getByRole('button', { name: 'Choose who I am' }).click();
    const dialog = ben.page.getByRole('dialog', { name: 'Who are you?' });
    await expect(dialog.getByLabel('You in this plan')).toHaveValue('Carla (removed)');
    await expect(dialog.getByRole('status')).toHaveText('Carla was removed from this plan: restore them under People & teams, or choose who you are.');
    await ben.page.keyboard.press('Escape');

    // Restore from My work: Carla is back, the notice does not come again.
    await ben.page.locator('.mywork-removed').getByRole('button', { name: 'Restore Carla' }).click();
    await expect(ben.page.getByRole('heading', { name: 'My work — Carla', level: 2 })).toBeVisible();
    await expect(ben.page.locator('.mywork-removed')).toHaveCount(0);
    await expect(told).toHaveCount(0);
    await expect(owner).toHaveCount(0);
    await expect(review.change('Open a Munich office', 'owner — → Carla')).toContainText('by Carla');
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});
