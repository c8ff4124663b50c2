// undo38 (review38b F7): "My note is a new reason" ticked with an empty note was accepted: a blocker check-in
// with no text, and "Blockers standing" listed Ada as a raiser with no reason, on both screens. Now the form
// refuses it in its alert and records nothing (the model refuses it too: `missing-reason`).
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe.js';
import { itemOnTwoScreensSetup } from './support/item-on-two-screens.js';

const itemOnTwoScreens = itemOnTwoScreensSetup();

test('a new reason with an empty note is refused with a message, and nothing is recorded on either screen', async ({ browser }) => {
  test.setTimeout(180_000);
  const { ada, errors, adaDetails, benDetails, close } = await itemOnTwoScreens(browser, { workspace: 'new-reason-needs-note', planName: 'Blockers', asPeople: ['ben', 'ada'], item: ['initiative', 'Open a Munich office'] });
  try {
    await benDetails.addCheckIn({ note: 'waiting on legal', blocker: true });
    await expect(adaDetails.history).toHaveCount(1);

    const form = adaDetails.checkInForm;
    const newReason = form.getByRole('checkbox', { name: 'My note is a new reason' });
    await newReason.check();
    await form.getByRole('button', { name: 'Add check-in' }).click();
    const alert = form.getByRole('alert');
    await expect(alert).toHaveText('Write the new reason in the note, or untick “My note is a new reason”.');
    // The note is where the reason goes: focused, and marked as what is missing.
    const note = form.getByRole('textbox', { name: 'Note' });
    await expect(note).toBeFocused();
    await expect(note).toHaveAttribute('aria-invalid', 'true');
    await expect(newReason).toHaveAccessibleDescription('Write the new reason in the note, or untick “My note is a new reason”.');
    await expectAccessible(ada.page, 'the check-in form refusing a new reason with no note');
    await ada.page.screenshot({ path: 'docs/screenshots/new-reason-needs-note.png' });
    await expect(adaDetails.history).toHaveCount(1);
    for (const details of [adaDetails, benDetails]) {
      await expect(details.checkInForm.getByRole('list', { name: 'Blockers standing' }).getByRole('listitem')).toHaveCount(1);
      await expect(details.checkInForm.getByRole('list', { name: 'Blockers standing' })).not.toContainText('Ada Host');
    }

    // Written, the reason is taken: the message goes, and both screens list it.
    await note.fill('now waiting on procurement');
    await form.getByRole('button', { name: 'Add check-in' }).click();
    await expect(adaDetails.history).toHaveCount(2);
    await expect(alert).toHaveCount(0);
    await expect(benDetails.history).toHaveCount(2);
    await expect(benDetails.checkInForm.getByRole('list', { name: 'Blockers standing' })).toContainText('now waiting on procurement');
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});
