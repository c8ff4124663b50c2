// undo38 (review38b F4): Ctrl+Z right after a check-in. Ada sets "Open a Munich office" due on 2027-03-01,
// checks in "moving" and presses Ctrl+Z on the row. A check-in is history, no undo step, so the press took
// the due date back instead, on her screen and Ben's, with no word of it; the check-in stayed. Now the
// first press changes nothing and says so: the check-in stays, and undo would take back the due date of
// “Open a Munich office”. Pressed again, it does, and says "Undid the due date of …" (a polite notice).
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe.js';
import { itemOnTwoScreensSetup } from './support/item-on-two-screens.js';

/** The text with ⟨ ⟩ standing for the first-strong isolate and its pop. */
const isolated = (text: string) => text.replaceAll('⟨', '\u2068').replaceAll('⟩', '\u2069');

const itemOnTwoScreens = itemOnTwoScreensSetup();

test('Ctrl+Z right after a check-in asks before taking back an older edit, and every undo says what it undid', async ({ browser }) => {
  test.setTimeout(180_000);
  const title = 'Open a Munich office';
  const { ada, errors, adaDetails, benDetails, close } = await itemOnTwoScreens(browser, { workspace: 'undo-after-check-in', planName: 'Undo', asPeople: ['ada'], item: ['initiative', title] });
  try {
    await adaDetails.setField('Due date', '2027-03-01');
    await expect(benDetails.field('Due date')).toHaveValue('2027-03-01');
    await adaDetails.addCheckIn({ note: 'moving' });
    await expect(adaDetails.history).toHaveCount(1);
    await expect(benDetails.history).toHaveCount(1);

    // The header's Undo names the step it would take back.
    const undoButton = ada.page.getByRole('button', { name: 'Undo', exact: true });
    await expect(undoButton).toHaveAttribute('title', new RegExp(isolated('^Undo the due date of “⟨Open a Munich office⟩” \\((Ctrl\\+Z|⌘Z)\\)$')));

    // First press, on the row: nothing is undone, and the notice says why and what undo would change.
    await ada.outline.row('initiative', title).click();
    await ada.page.keyboard.press('Control+z');
    const notices = ada.page.locator('.notices');
    const asked = notices.getByRole('status').locator('.notice').filter({ hasText: 'A check-in cannot be undone.' });
    await expect(asked).toHaveText('A check-in cannot be undone. Your check-in on “Open a Munich office” stays: add a new check-in to correct it. Undo now would take back the due date of “Open a Munich office”: undo again to do that.Undo anyway✕');
    await expect(adaDetails.field('Due date')).toHaveValue('2027-03-01');
    await expect(adaDetails.history).toHaveCount(1);
    await expectAccessible(ada.page, 'the notice after Ctrl+Z right after a check-in');
    await ada.page.screenshot({ path: 'docs/screenshots/undo-after-check-in.png' });

    // Second press: the due date goes, on both screens, and the notice names it. The check-in stays.
    await ada.page.keyboard.press('Control+z');
    await expect(notices.getByRole('status').locator('.notice').filter({ hasText: 'Undid' })).toHaveText('Undid the due date of “Open a Munich office”.✕');
    await expect(adaDetails.field('Due date')).toHaveValue('');
    await expect(benDetails.field('Due date')).toHaveValue('');
    await expect(adaDetails.history).toHaveCount(1);
    await expect(benDetails.history).toHaveCount(1);

    // Redo says what it brought back.
    await ada.page.keyboard.press('Control+Shift+z');
    await expect(notices.getByRole('status').locator('.notice').filter({ hasText: 'Redid' })).toHaveText('Redid the due date of “Open a Munich office”.✕');
    await expect(benDetails.field('Due date')).toHaveValue('2027-03-01');
    await expectAccessible(ada.page, 'the notices after an undo and a redo');
    await ada.page.screenshot({ path: 'docs/screenshots/undo-after-check-in-undid.png' });

    // Ben's check-in is not Ada's: her Ctrl+Z after it undoes at once (her due date), and says so.
    await benDetails.addCheckIn({ note: 'I saw it' });
    await expect(adaDetails.history).toHaveCount(2);
    await ada.outline.row('initiative', title).click();
    await ada.page.keyboard.press('Control+z');
    await expect(benDetails.field('Due date')).toHaveValue('');
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});
