import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe.js';
import { hostedTrio } from './support/hosted-trio.js';

/**
 * usercheck6: Ben is renaming a line in the outline when the host makes him a viewer. Enter then
 * closed the editor, put the old title back and said only that he is a viewer: his words were gone.
 * The details' fields keep words they cannot save in a notice that stays; the outline now does too.
 */
test('a participant made a viewer while renaming in the outline or writing a check-in keeps what he typed, and is told so', async ({ browser }) => {
  test.setTimeout(180_000);
  const { ada, ben, panel, close } = await hostedTrio(browser);
  try {

    // Ben starts renaming the objective and is half-way through his words.
    await ben.outline.select('objective', 'Win the DACH market');
    await ben.outline.focus();
    await ben.outline.press('F2');
    await ben.page.keyboard.press('End');
    await ben.page.keyboard.type(' and the Alpine region');

    // Meanwhile the host makes him a viewer.
    const benRow = panel.getByRole('table').getByRole('row', { name: 'Ben', exact: true });
    await benRow.getByRole('button', { name: 'Make viewer: Ben…' }).click();
    await benRow.getByRole('group', { name: 'Confirm making Ben a viewer' }).getByRole('button', { name: 'Make viewer', exact: true }).click();
    await expect(panel.getByRole('status')).toContainText('Ben is now a viewer.');
    await expect(ben.shell.notice('The host made you a viewer')).toBeVisible();

    // He finishes typing and presses Enter: nothing is saved (he is a viewer), but his words are kept and said.
    const title = ben.outline.tree.getByRole('textbox', { name: 'Title', exact: true });
    await expect(title).toBeFocused();
    await ben.page.keyboard.type(' by March');
    await ben.page.keyboard.press('Enter');
    const kept = ben.shell.notice('What you typed is kept here');
    await expect(kept).toContainText('Win the DACH market and the Alpine region by March');
    await expect(kept).toContainText('You are a viewer of this plan');
    await expect(ben.outline.row('objective', 'Win the DACH market')).toBeVisible();
    // Nothing reached Ada: the title is as it was.
    await expect(ada.outline.row('objective', 'Win the DACH market')).toBeVisible();
    await ben.page.screenshot({ path: 'docs/screenshots/demoted-while-renaming.png' });
    await expectAccessible(ben.page, 'participant made a viewer while renaming, words kept');

    // Made an editor again, Ben writes a check-in on the key result; the host makes him a viewer before
    // he adds it. The form goes (he cannot add it), but what he wrote is said and kept, not gone unseen.
    await expect(async () => {
      await benRow.getByRole('button', { name: 'Make editor: Ben' }).click();
      await expect(panel.getByRole('status')).toContainText('Ben is now an editor.', { timeout: 3_000 });
    }).toPass({ timeout: 20_000 });
    await ben.shell.expectSyncStatus('Synced');
    await ben.outline.select('key result', 'Revenue from DACH');
    const details = ben.page.getByRole('complementary', { name: 'Details' });
    await details.getByLabel('Note', { exact: true }).fill('Two pilots signed in Munich');
    await expect(async () => {
      await benRow.getByRole('button', { name: 'Make viewer: Ben…' }).click();
      await benRow.getByRole('group', { name: 'Confirm making Ben a viewer' }).getByRole('button', { name: 'Make viewer', exact: true }).click();
      await expect(panel.getByRole('status')).toContainText('Ben is now a viewer.', { timeout: 3_000 });
    }).toPass({ timeout: 20_000 });
    await ben.shell.expectSyncStatus('Synced · view only');
    const keptCheckIn = details.getByRole('note').filter({ hasText: 'Your check-in on' });
    await expect(keptCheckIn).toContainText('was not added: you cannot change this plan now');
    await expect(keptCheckIn).toContainText('Two pilots signed in Munich');
    await keptCheckIn.scrollIntoViewIfNeeded();
    await ben.page.screenshot({ path: 'docs/screenshots/check-in-kept-when-made-viewer.png' });
    await expectAccessible(ben.page, 'participant made a viewer while writing a check-in, words kept');
    // An editor again: the form is back with his words in it.
    await expect(async () => {
      await benRow.getByRole('button', { name: 'Make editor: Ben' }).click();
      await expect(panel.getByRole('status')).toContainText('Ben is now an editor.', { timeout: 3_000 });
    }).toPass({ timeout: 20_000 });
    await expect(details.getByLabel('Note', { exact: true })).toHaveValue('Two pilots signed in Munich');
    await expect(keptCheckIn).toHaveCount(0);
  } finally {
    await close();
  }
});
