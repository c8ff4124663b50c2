// fix40c (review40a F10, F1). Dana, on her own device, says who she is with "Add me" while Ada has already added
// "Dana Reyes": the dialog asks (be her, the default, or add another) instead of making a second Dana unasked, and
// "Add person" in People & teams asks the same. Then Ada adds another "Dana Reyes" on purpose and, seeing two, merges
// the one Dana is into the other: People & teams says which row is Dana's ("Dana Reyes (here now) is this person")
// and keeps hers by default, but Ada presses "Keep this one instead". Before, Dana's device went on acting as the
// removed person and her check-ins were refused; now it acts as the kept Dana and her check-in is added.
import { expect, test, type Page } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { DetailPanel } from './pages/detail-panel.js';
import { PeoplePage } from './pages/people-page.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { twoOnOnePlan } from './support/two-users.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

const peopleOf = async (page: Page) => {
  await new AppShell(page).goTo('People & teams');
  return new PeoplePage(page);
};

test('"Add me" with a live person’s name asks and defaults to being her; a merge of the Dana she is keeps her device acting as the kept one', async ({ browser }) => {
  test.setTimeout(300_000);
  const token = mintToken(server.dataDir, 'merged-self', 'editor');
  const { ada, ben: dana, errors } = await twoOnOnePlan(browser, server.url, token, 'merged-self', 'Merged self');
  try {
    await ada.shell.expectSyncStatus('Synced');
    await dana.shell.expectSyncStatus('Synced');
    const adaPeople = await peopleOf(ada.page);
    await adaPeople.addPerson('Dana Reyes');
    await expect(adaPeople.people.getByRole('textbox', { name: 'Name of Dana Reyes', exact: true })).toHaveCount(1);

    // F10 in People & teams: "Add person" with her name asks; keeping the one there (the focus) adds nobody.
    await adaPeople.addPerson('dana reyes');
    const adaAsked = adaPeople.people.getByRole('group', { name: /already in this plan/ });
    await expect(adaAsked).toHaveAccessibleName('Dana Reyes is already in this plan: add another person named dana reyes, or keep the one there?');
    await expect(adaAsked.getByRole('button', { name: 'Keep the one there' })).toBeFocused();
    await ada.page.keyboard.press('Enter');
    await expect(adaAsked).toHaveCount(0);
    await expect(adaPeople.people.getByLabel("New person's name")).toBeFocused();
    await expect(adaPeople.people.getByRole('textbox', { name: 'Name of Dana Reyes', exact: true })).toHaveCount(1);

    // F10 in "Who are you?": Dana types her name and "Add me"; the dialog asks, being her has the focus.
    const danaPeople = await peopleOf(dana.page);
    await expect(danaPeople.people.getByRole('textbox', { name: 'Name of Dana Reyes', exact: true })).toHaveCount(1);
    await dana.page.getByRole('button', { name: /Who are you\?|You are .*: change/ }).click();
    const dialog = dana.page.getByRole('dialog', { name: 'Who are you?' });
    await dialog.getByLabel('Your name').fill('Dana Reyes');
    await dialog.getByLabel("Add me to this plan's people").check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    const asked = dialog.getByRole('group', { name: /already in this plan/ });
    await expect(asked).toHaveAccessibleName('Dana Reyes is already in this plan: be Dana Reyes, or add another person named Dana Reyes?');
    await expect(asked.getByRole('button', { name: 'Be Dana Reyes' })).toBeFocused();
    await expectAccessible(dana.page, '“Who are you?” asking about a live person’s name');
    await dana.page.screenshot({ path: 'docs/screenshots/identity-live-namesake.png' });
    await dana.page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(dana.page.getByRole('button', { name: 'You are Dana Reyes: change' })).toBeVisible();
    for (const people of [adaPeople, danaPeople]) await expect(people.people.getByRole('textbox', { name: 'Name of Dana Reyes', exact: true })).toHaveCount(1);
    // Each screen says whose the row is: Dana's own, and Ada sees Dana here now as that person.
    await expect(danaPeople.people.locator('.person-claim')).toHaveText(['You are this person']);
    await expect(adaPeople.people.locator('.person-claim')).toHaveText(['Dana Reyes (here now) is this person']);

    // Ada adds another Dana Reyes on purpose (asked, she says so), with an e-mail: now two.
    await adaPeople.addPerson('Dana Reyes');
    await adaPeople.people.getByRole('button', { name: 'Add another person named Dana Reyes' }).click();
    await expect(adaPeople.people.getByRole('textbox', { name: 'Name of Dana Reyes', exact: true })).toHaveCount(2);
    const rows = adaPeople.people.locator('tr[data-person]');
    const added = rows.filter({ has: ada.page.getByRole('textbox', { name: 'Name of Dana Reyes', exact: true }) }).filter({ hasNot: ada.page.locator('.person-claim') });
    await added.getByRole('textbox', { name: 'Email of Dana Reyes' }).fill('dana.r@example.com');
    await added.getByRole('textbox', { name: 'Email of Dana Reyes' }).press('Tab');
    // F1: the row Dana is says so; the other row's note names her and keeps hers by default (the first button).
    await expect(adaPeople.people.locator('tr.same-name-note')).toHaveText([
      'Same name as another person in the plan (perhaps added twice at once). Keep this one, merge the other into it',
      'Same name as another person in the plan (perhaps added twice at once). Dana Reyes (here now) is the other one. Keep the one Dana Reyes (here now) is, merge this one into it Keep this one instead, merge the other into it',
    ]);
    await expectAccessible(ada.page, 'two Danas, one of them the person Dana is, each saying so');
    await ada.page.screenshot({ path: 'docs/screenshots/merged-self-whose-row.png' });

    // Dana starts a check-in (the form open) while Ada keeps the other one instead: Dana's person is merged away.
    await new AppShell(dana.page).goTo('Outline');
    await dana.outline.select('initiative', 'Open a Munich office');
    const details = new DetailPanel(dana.page);
    await expect(details.checkInForm).toBeVisible();
    await adaPeople.people.getByRole('button', { name: 'Keep this one instead, merge the other into it: Dana Reyes, dana.r@example.com, 0 items' }).click();
    await expect(adaPeople.people.getByRole('textbox', { name: 'Name of Dana Reyes', exact: true })).toHaveCount(1);
    await expect(adaPeople.people.getByRole('region', { name: 'Removed people' }).getByRole('listitem')).toHaveText([/^Dana Reyes\s*merged into Dana Reyes .* by Ada Host/]);
    // Dana's device now acts as the kept Dana: Ada's screen shows her there, and her check-in is added, not refused.
    await expect(adaPeople.people.locator('.person-claim')).toHaveText(['Dana Reyes (here now) is this person']);
    await expect(adaPeople.people.getByRole('textbox', { name: 'Email of Dana Reyes' })).toHaveValue('dana.r@example.com');
    await expect(details.root.getByRole('group', { name: /removed from the plan/ })).toHaveCount(0);
    await details.addCheckIn({ note: 'Lease signed' });
    await expect(details.history.filter({ hasText: 'Lease signed' })).toHaveCount(1);
    await expect(details.root.getByRole('alert')).toHaveCount(0);
    await expect(dana.page.locator('.notice').filter({ hasText: 'who you are in this plan' })).toHaveCount(0);
    expect(errors).toEqual([]);
  } finally {
    await closeContexts(ada.context, dana.context);
  }
});
