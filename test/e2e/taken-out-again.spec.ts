import { expect, test } from '@playwright/test';
import { WorkspacePage } from './pages/workspace-page.js';
import { expectAccessible } from './support/axe.js';
import { crewPlan } from './support/crew-plan.js';

/**
 * review39a F3: Ben's copy was kept on his device when Ada took the plan out; Ada moved hers back, and
 * Ben was offered "Share my copy again". Ada then took the plan out again, on purpose. The offer stayed,
 * and pressing it later listed the plan again for everyone (listing restores a plan). Now the offer goes
 * when the plan is taken out again, and Ben is told; the plan stays out for everyone.
 */
test('an offer to share a copy again is withdrawn when the plan is taken out again', async ({ browser }) => {
  test.setTimeout(240_000);
  const { ada, ben, adaSpace, planLink, close } = await crewPlan(browser, 'Offsite plan');
  const benSpace = new WorkspacePage(ben.page);
  try {
    await ben.shell.open(planLink);
    await expect(ben.outline.row('strategy', 'Close the Leeds office')).toBeVisible();
    await ben.shell.expectSyncStatus('Synced');

    const takeOut = async () => {
      const row = adaSpace.plan('crew', 'Offsite plan');
      await row.getByRole('button', { name: 'Remove Offsite plan from the workspace' }).click();
      await row.getByRole('group', { name: 'Confirm taking Offsite plan out of the workspace' }).getByRole('button', { name: 'Remove from workspace' }).click();
      await expect(adaSpace.plan('crew', 'Offsite plan')).toHaveCount(0);
    };
    await adaSpace.backToPlans();
    await takeOut();
    await expect(ben.page.getByRole('status').filter({ hasText: '"Offsite plan" was taken out of workspace crew by Ada. Your copy stays on this device only.' })).toBeVisible();
    await ben.shell.expectSyncStatus('On this device only');

    // Ada moves her copy back: Ben is offered to share his again.
    await ada.page.getByRole('list', { name: 'Plans on this device' }).getByRole('listitem', { name: 'Offsite plan' })
      .getByRole('button', { name: 'Move to crew' }).click();
    await expect(adaSpace.plan('crew', 'Offsite plan')).toBeVisible();
    const offer = ben.page.getByRole('status').filter({ hasText: '"Offsite plan" is in workspace crew again.' });
    await expect(offer.getByRole('button', { name: 'Share my copy again' })).toBeVisible();

    // Ada takes it out again: the offer goes, and Ben is told why.
    await takeOut();
    const again = ben.page.getByRole('status').filter({ hasText: '"Offsite plan" was taken out of workspace crew again by Ada. Your copy stays on this device only.' });
    await expect(again).toBeVisible();
    await expect(offer).toHaveCount(0);
    await expect(ben.page.getByRole('button', { name: 'Share my copy again' })).toHaveCount(0);
    await ben.shell.expectSyncStatus('On this device only');
    await ben.page.screenshot({ path: 'docs/screenshots/taken-out-again.png' });
    await expectAccessible(ben.page, 'an offer to share again withdrawn when the plan is taken out again');

    // The plan stays out for everyone: neither list shows it in the workspace.
    await benSpace.backToPlans();
    await expect(benSpace.plan('crew', 'Offsite plan')).toHaveCount(0);
    await expect(adaSpace.plan('crew', 'Offsite plan')).toHaveCount(0);
    await expect(ben.page.getByRole('list', { name: 'Plans on this device' }).getByRole('listitem', { name: 'Offsite plan' })).toBeVisible();
  } finally {
    await close();
  }
});
