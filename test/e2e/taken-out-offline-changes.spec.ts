import { expect, test, type Locator } from '@playwright/test';
import { expectAccessible } from './support/axe.js';
import { crewPlan } from './support/crew-plan.js';
import { addLineAfter } from './support/outline-steps.js';

/** The number in "Sync status: Offline · 4 local changes waiting". */
async function changesWaiting(status: Locator): Promise<number> {
  const label = await status.getAttribute('aria-label') ?? '';
  const found = /(\d+) local changes? waiting/.exec(label);
  if (!found) throw new Error(`no waiting count in "${label}"`);
  return Number(found[1]);
}

/**
 * takenout38 (review38b F2, F5): Ben and Cleo have the plan open and edit offline; Ada takes it out of
 * the workspace meanwhile. Back online, each is told that their changes made offline were never
 * shared and stay in their copy. Ada moves the plan back: Ben shares his copy again from the notice,
 * Cleo by following the plan link, which asks "Share your copy again?" (no trust warning: same server,
 * same workspace). Everything each typed, offline and after the take-out, reaches Ada.
 */
test('changes made offline before a plan was taken out are named, and reach the team once it is back', async ({ browser }) => {
  test.setTimeout(300_000);
  const { ada, ben, cleo, adaSpace, planLink, close } = await crewPlan(browser, 'Offsite plan');
  try {
    for (const person of [ben, cleo]) {
      await person.shell.open(planLink);
      await expect(person.outline.row('strategy', 'Close the Leeds office')).toBeVisible();
      await person.shell.expectSyncStatus('Synced');
      await person.context.setOffline(true);
      await person.shell.expectSyncStatus(/Offline/);
    }
    await addLineAfter(ben.outline, 'strategy', 'Close the Leeds office', 'Ben offline line');
    await addLineAfter(cleo.outline, 'strategy', 'Close the Leeds office', 'Cleo offline line');
    await ben.shell.expectSyncStatus(/Offline · \d+ local changes? waiting/);
    await cleo.shell.expectSyncStatus(/Offline · \d+ local changes? waiting/);
    const [benWaiting, cleoWaiting] = [await changesWaiting(ben.shell.syncStatus), await changesWaiting(cleo.shell.syncStatus)];

    // Ada takes the plan out while they are offline.
    await adaSpace.backToPlans();
    const row = adaSpace.plan('crew', 'Offsite plan');
    await row.getByRole('button', { name: 'Remove Offsite plan from the workspace' }).click();
    await row.getByRole('group', { name: 'Confirm taking Offsite plan out of the workspace' }).getByRole('button', { name: 'Remove from workspace' }).click();
    await expect(adaSpace.plan('crew', 'Offsite plan')).toHaveCount(0);

    // Back online: the notice names the changes that were never shared, and what would share them.
    for (const [person, waiting] of [[ben, benWaiting], [cleo, cleoWaiting]] as const) {
      await person.context.setOffline(false);
      const told = person.page.getByRole('status').filter({ hasText: `Your ${waiting} changes made offline were not shared before it was taken out; they stay in your copy on this device. Ask Ada to move the plan into crew again` });
      await expect(told).toBeVisible();
      await person.shell.expectSyncStatus(`Only here · ${waiting} unsent: On this device only · ${waiting} changes never shared`);
    }
    await ben.page.screenshot({ path: 'docs/screenshots/taken-out-offline-changes.png' });
    await expectAccessible(ben.page, 'a plan taken out while its changes made offline waited');
    // What they type now stays in their copies, for now.
    await addLineAfter(ben.outline, 'strategy', 'Ben offline line', 'Ben after the take-out');
    await ben.shell.expectSyncStatus(`Only here · ${benWaiting} unsent: On this device only · ${benWaiting} changes never shared`);

    // Ada moves her copy back into the workspace.
    await ada.page.getByRole('list', { name: 'Plans on this device' }).getByRole('listitem', { name: 'Offsite plan' })
      .getByRole('button', { name: 'Move to crew' }).click();
    await expect(adaSpace.plan('crew', 'Offsite plan')).toBeVisible();

    // Ben is asked, once, whether to share his copy again; nothing is shared unasked.
    const offer = ben.page.getByRole('status').filter({ hasText: `"Offsite plan" is in workspace crew again. Your ${benWaiting} changes made offline before it was taken out have not reached the others yet. Share your copy there again?` });
    await expect(offer).toBeVisible();
    await ben.shell.expectSyncStatus(`Only here · ${benWaiting} unsent: On this device only · ${benWaiting} changes never shared`);
    await ben.page.screenshot({ path: 'docs/screenshots/taken-out-listed-again.png' });
    await expectAccessible(ben.page, 'the offer to share a copy again');
    await offer.getByRole('button', { name: 'Share my copy again' }).click();
    await ben.shell.expectSyncStatus('Synced');
    // What was said about his copy being on this device only goes with it.
    await expect(ben.page.getByRole('status').filter({ hasText: 'was taken out of workspace crew' })).toHaveCount(0);
    await expect(offer).toHaveCount(0);

    // Cleo follows the plan link: a plain question, not "Move to another server?".
    await cleo.shell.open(planLink);
    const question = cleo.page.getByRole('dialog', { name: 'Share your copy again?' });
    await expect(question).toBeVisible();
    await expect(question).toContainText(`Your ${cleoWaiting} changes made offline before it was taken out have not reached the others yet.`);
    await expect(question).not.toContainText('trust');
    await expect(cleo.page.getByRole('dialog', { name: 'Move to another server?' })).toHaveCount(0);
    await expect(question.getByRole('button', { name: 'Share it again' })).toBeFocused();
    await cleo.page.screenshot({ path: 'docs/screenshots/taken-out-share-again-link.png' });
    await expectAccessible(cleo.page, 'the plan link to a copy taken out of the same workspace');
    await question.getByRole('button', { name: 'Share it again' }).click();
    await expect(cleo.outline.row('strategy', 'Cleo offline line')).toBeVisible();
    await cleo.shell.expectSyncStatus('Synced');
    await expect(cleo.page.getByRole('status').filter({ hasText: 'was taken out of workspace crew' })).toHaveCount(0);
    await expect(cleo.page.getByRole('status').filter({ hasText: 'is in workspace crew again' })).toHaveCount(0);

    // Nothing anyone typed is lost: Ada has every line, and so do Ben and Cleo.
    await ada.shell.open(planLink);
    for (const person of [ada, ben, cleo]) {
      for (const line of ['Close the Leeds office', 'Ben offline line', 'Ben after the take-out', 'Cleo offline line']) {
        await expect(person.outline.row('strategy', line)).toBeVisible();
      }
    }
    await ada.shell.expectSyncStatus('Synced');
  } finally {
    await close();
  }
});
