// review39a F7: Ben, offline, made Carla the owner of the key result Ada had just added; Ada's Ctrl+Z took
// the key result away, and she removed Carla, who owned nothing on her screen. Back online, Ben's "Restore"
// in Deleted items was refused ("the owner "Carla" was removed from this plan; restore them first or
// choose another"), with nowhere to choose another: the item is in no view. It now comes back naming
// "Carla (removed)", as every other item that names her does.
import { expect, test } from '@playwright/test';
import { DetailPanel } from './pages/detail-panel.js';
import { expectAccessible } from './support/axe.js';
import { addLineAfter } from './support/outline-steps.js';
import { undoTheNewLine } from './support/undone-create.js';
import { outlineOf, peopleOf, removedPeopleSetup } from './support/removed-people.js';

const removalPlan = removedPeopleSetup();

test('an item an undo took away comes back from Deleted items naming its owner removed since', async ({ browser }) => {
  test.setTimeout(240_000);
  const { ada, ben, errors, close } = await removalPlan(browser, { workspace: 'restore-removed-owner', planName: 'Restore plan', people: ['Carla'] });
  try {
    const benPeople = await peopleOf(ben.page);
    await expect(benPeople.people.getByRole('textbox', { name: 'Name of Carla', exact: true })).toBeVisible();
    await outlineOf(ada.page);
    await outlineOf(ben.page);
    await addLineAfter(ada.outline, 'key result', 'Revenue from DACH', 'Churn under 5%');
    await ada.shell.expectSyncStatus('Synced');
    await expect(ben.outline.row('key result', 'Churn under 5%')).toBeVisible();

    // Ben, offline, makes Carla its owner; meanwhile Ada's Ctrl+Z takes it away, and she removes Carla.
    await ben.context.setOffline(true);
    await ben.shell.expectSyncStatus('Offline');
    await ben.outline.select('key result', 'Churn under 5%');
    await new DetailPanel(ben.page).selectField('Owner', 'Carla');
    await undoTheNewLine(ada);
    await (await peopleOf(ada.page)).people.getByRole('button', { name: 'Remove Carla' }).click();
    await expect(ada.page.getByRole('region', { name: 'Removed people' }).getByRole('listitem')).toHaveCount(1);
    await ada.shell.expectSyncStatus('Synced');

    await ben.context.setOffline(false);
    await ben.shell.expectSyncStatus('Synced');
    await expect(ben.outline.rows.filter({ hasText: 'Churn under 5%' })).toHaveCount(0);
    await ben.page.getByRole('button', { name: 'Deleted items' }).click();
    const trash = ben.page.getByRole('dialog', { name: 'Deleted items' });
    const row = trash.getByRole('list', { name: 'Edits on removed items' }).getByRole('listitem').filter({ hasText: 'Churn under 5%' });
    await row.getByRole('button', { name: 'Restore' }).click();
    await ben.page.keyboard.press('Escape');
    await expect(trash).toBeHidden();
    await expect(ben.page.getByRole('status').filter({ hasText: 'was removed from this plan' })).toHaveCount(0);
    await outlineOf(ada.page);
    for (const user of [ben, ada]) {
      await expect(user.outline.row('key result', 'Churn under 5%').locator('.row-owner')).toHaveText('Carla (removed)');
    }
    await ben.outline.select('key result', 'Churn under 5%');
    await expect(new DetailPanel(ben.page).field('Owner')).toHaveValue('Carla (removed)');
    await expectAccessible(ben.page, 'an item restored from Deleted items naming its removed owner');
    await ben.page.screenshot({ path: 'docs/screenshots/restore-removed-owner.png' });
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});
