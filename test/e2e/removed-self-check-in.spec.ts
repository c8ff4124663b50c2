// leftovers39: a removed "You in this plan" could still sign check-ins. Ben acts as Carla; Ada removes Carla;
// his check-in went in, signed "Carla (removed)", on both screens; peopleui38's notice only told him. Now the
// check-in form says so, refuses to sign as a removed person (the model refuses it too: 'removed-person'),
// keeps what he typed, and offers Restore Carla and Choose who I am; restored, the same check-in goes in.
import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { DetailPanel } from './pages/detail-panel.js';
import { expectAccessible } from './support/axe.js';
import { peopleOf, removedPeopleSetup } from './support/removed-people.js';

const removalPlan = removedPeopleSetup();

test('Ben is Carla; Ada removes Carla: his check-in form refuses to sign as her, offers Restore and Choose who I am', async ({ browser }) => {
  test.setTimeout(240_000);
  const { ada, ben, errors, adaPeople, close } = await removalPlan(browser, { workspace: 'removed-self-check-in', planName: 'Removed self check-in', people: ['Carla'] });
  try {
    const benPeople = await peopleOf(ben.page);
    await expect(benPeople.people.getByRole('textbox', { name: 'Name of Carla', exact: true })).toBeVisible();
    await ben.shell.setIdentity('Carla', { person: 'Carla' });
    await ben.shell.goTo('Outline');
    await ben.outline.select('initiative', 'Open a Munich office');
    await new AppShell(ada.page).goTo('Outline');
    await ada.outline.select('initiative', 'Open a Munich office');
    const benDetails = new DetailPanel(ben.page);
    const adaDetails = new DetailPanel(ada.page);

    // Ada removes Carla.
    await peopleOf(ada.page);
    await adaPeople.people.getByRole('button', { name: 'Remove Carla' }).click();
    await new AppShell(ada.page).goTo('Outline');

    // Ben's form says so; pressing Add check-in refuses, nothing recorded on either screen, his note kept.
    const form = benDetails.checkInForm;
    const removedSelf = form.getByRole('group', { name: 'You are Carla, removed from the plan' });
    await expect(removedSelf).toContainText(/^You are Carla in this plan, and Ada Host removed Carla on .+\. A check-in cannot be signed by a removed person: restore Carla, or choose who you are\./);
    await benDetails.addCheckIn({ note: 'lease signed' });
    await expect(form.getByRole('alert')).toHaveText('Not added: Carla was removed, and a removed person cannot sign a check-in. Restore Carla, or choose who you are.');
    await expect(form.getByLabel('Note', { exact: true })).toHaveValue('lease signed');
    await expect(benDetails.history).toHaveCount(0);
    await expect(adaDetails.history).toHaveCount(0);
    await expectAccessible(ben.page, 'the check-in form of a removed “You in this plan”');
    await ben.page.screenshot({ path: 'docs/screenshots/removed-self-check-in.png' });

    // Choose who I am opens the identity dialog.
    await removedSelf.getByRole('button', { name: 'Choose who I am' }).click();
    const dialog = ben.page.getByRole('dialog', { name: 'Who are you?' });
    await expect(dialog.getByLabel('You in this plan')).toHaveValue('Carla (removed)');
    await ben.page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    // Restore Carla from the form: the refusal goes, and the same check-in goes in, signed Carla, on both screens.
    await removedSelf.getByRole('button', { name: 'Restore Carla' }).click();
    await expect(removedSelf).toHaveCount(0);
    await expect(form.getByRole('alert')).toHaveCount(0);
    await form.getByRole('button', { name: 'Add check-in' }).click();
    await expect(benDetails.history).toHaveCount(1);
    await expect(adaDetails.history).toHaveCount(1);
    await expect(adaDetails.history.first()).toContainText('Carla');
    await expect(adaDetails.history.first()).toContainText('lease signed');
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});
