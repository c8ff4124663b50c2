import { expect, test } from '@playwright/test';
import { WorkspacePage } from './pages/workspace-page.js';
import { expectAccessible } from './support/axe.js';
import { crewPlan } from './support/crew-plan.js';
import { addLineAfter } from './support/outline-steps.js';

/**
 * A plan taken out of its workspace is not handed to anyone with an old link, and the open copies stop
 * syncing before their people are told (removed37, review36c F3). Three people on three devices: Ada
 * takes the plan out; Ben has it open and types on after the notice; Cleo, who never had it, follows the
 * old plan link; Ada moves it into the workspace again and Cleo's link opens it, without Ben's line.
 */
test('a plan taken out of the workspace: old links no longer fetch it, an open copy stops syncing, moving it back shares it again', async ({ browser }) => {
  test.setTimeout(240_000);
  const { ada, ben, cleo, adaSpace, planLink, close } = await crewPlan(browser, 'Reorg (confidential)');
  const cleoSpace = new WorkspacePage(cleo.page);
  try {
    // Ben opens the plan by its link and keeps it open.
    await ben.shell.open(planLink);
    await expect(ben.outline.row('strategy', 'Close the Leeds office')).toBeVisible();
    await ben.shell.expectSyncStatus('Synced');

    // Ada takes it out; the confirmation says what happens to links and open copies.
    await adaSpace.backToPlans();
    const row = adaSpace.plan('crew', 'Reorg (confidential)');
    await row.getByRole('button', { name: 'Remove Reorg (confidential) from the workspace' }).click();
    const confirm = row.getByRole('group', { name: 'Confirm taking Reorg (confidential) out of the workspace' });
    await expect(confirm).toContainText('the server stops sharing it: its links no longer open it, and whoever has it open stops syncing');
    await expect(confirm).toContainText('moving a copy into the workspace again shares it again');
    await ada.page.screenshot({ path: 'docs/screenshots/removed-plan-confirmation.png' });
    await expectAccessible(ada.page, 'the library with the remove-from-workspace confirmation');
    await confirm.getByRole('button', { name: 'Remove from workspace' }).click();
    await expect(adaSpace.plan('crew', 'Reorg (confidential)')).toHaveCount(0);

    // Ben is told, and his status says the plan is on this device only: it no longer syncs.
    await expect(ben.page.getByRole('status').filter({ hasText: '"Reorg (confidential)" was taken out of workspace crew by Ada. Your copy stays on this device only.' })).toBeVisible();
    await ben.shell.expectSyncStatus('On this device only');
    await addLineAfter(ben.outline, 'strategy', 'Close the Leeds office', 'Ben typed after the removal');
    await expect(ben.outline.row('strategy', 'Ben typed after the removal')).toBeVisible();
    await ben.shell.expectSyncStatus('On this device only');
    await ben.page.screenshot({ path: 'docs/screenshots/removed-plan-open-copy.png' });
    await expectAccessible(ben.page, 'an open plan just taken out of its workspace');

    // Ben follows the old link again: no question about moving his copy back; it opens, on his device only.
    await ben.shell.open(planLink);
    await expect(ben.page.getByRole('status').filter({ hasText: 'so it is not shared any more. Your copy is on this device only.' })).toBeVisible();
    await expect(ben.page.getByRole('dialog')).toHaveCount(0);
    await expect(ben.outline.row('strategy', 'Ben typed after the removal')).toBeVisible();
    await ben.shell.expectSyncStatus('On this device only');

    // Cleo, who never had it, follows the old plan link: told who took it out, and nothing is fetched.
    await cleo.shell.open(planLink);
    const told = cleo.shell.saidNotice('“Reorg (confidential)” was taken out of workspace crew by Ada, so it is not shared any more. Nothing of it was downloaded to this device.', 'alert');
    await expect(told).toBeVisible();
    await expect(cleo.page.getByRole('tree', { name: 'Plan outline' })).toHaveCount(0);
    await expect(cleo.page.getByRole('list', { name: 'Plans on this device' })).toHaveCount(0);
    await expect(cleoSpace.plan('crew', 'Reorg (confidential)')).toHaveCount(0);
    await cleo.page.screenshot({ path: 'docs/screenshots/removed-plan-old-link.png' });
    await expectAccessible(cleo.page, 'the library after an old link to a plan taken out of the workspace');

    // Ada moves her copy into the workspace again: listed and served again; Ben's later line never reached it.
    await ada.page.getByRole('list', { name: 'Plans on this device' }).getByRole('listitem', { name: 'Reorg (confidential)' })
      .getByRole('button', { name: 'Move to crew' }).click();
    await expect(adaSpace.plan('crew', 'Reorg (confidential)')).toBeVisible();
    await cleo.shell.open(planLink);
    await expect(cleo.outline.row('strategy', 'Close the Leeds office')).toBeVisible();
    await cleo.shell.expectSyncStatus('Synced');
    await expect(cleo.outline.row('strategy', 'Ben typed after the removal')).toHaveCount(0);
    // Ben's copy stays his, on his device only.
    await ben.shell.expectSyncStatus('On this device only');
  } finally {
    await close();
  }
});
