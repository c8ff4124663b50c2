import { expect, test } from '@playwright/test';
import { WorkspacePage } from './pages/workspace-page.js';
import { expectAccessible } from './support/axe.js';
import { startSyncServer } from './support/server.js';
import { joinLink, mintToken } from './support/tokens.js';
import { newUser } from './support/two-users.js';
import { closeContexts } from './support/close-contexts.js';

test('an editor takes a plan out of the workspace after confirming: it leaves everyone\'s list, and whoever had it open keeps a copy on their device', async ({ browser }) => {
  test.setTimeout(180_000);
  const server = await startSyncServer();
  const link = joinLink(server.url, server.url, 'crew', mintToken(server.dataDir, 'crew', 'editor'));
  const [ana, ben] = [await newUser(browser, 'Ana'), await newUser(browser, 'Ben')];
  const [anaSpace, benSpace] = [new WorkspacePage(ana.page), new WorkspacePage(ben.page)];
  try {
    await ana.shell.open(link);
    await anaSpace.createPlan('Old plan');
    await ana.shell.expectSyncStatus('Synced');
    await anaSpace.backToPlans();
    await anaSpace.createPlan('Keep plan');
    await ana.shell.expectSyncStatus('Synced');
    await anaSpace.backToPlans();

    // Ben opens the old plan once (so his device holds a copy), then goes back to the list.
    await ben.shell.open(link);
    await benSpace.open('crew', 'Old plan');
    await ben.shell.expectSyncStatus('Synced');
    await benSpace.backToPlans();
    expect(await benSpace.planNames('crew')).toEqual(['Keep plan', 'Old plan']);

    // Ana asks to remove it; the confirmation says what happens; "Keep it" changes nothing.
    const row = anaSpace.plan('crew', 'Old plan');
    await row.getByRole('button', { name: 'Remove Old plan from the workspace' }).click();
    const confirm = row.getByRole('group', { name: 'Confirm taking Old plan out of the workspace' });
    await expect(confirm).toContainText('It leaves everyone\'s list');
    await ana.page.screenshot({ path: 'docs/screenshots/remove-from-workspace.png' });
    await expectAccessible(ana.page, 'the library with the remove-from-workspace confirmation');
    await confirm.getByRole('button', { name: 'Keep it' }).click();
    await expect(confirm).toHaveCount(0);
    expect(await benSpace.planNames('crew')).toEqual(['Keep plan', 'Old plan']);

    await row.getByRole('button', { name: 'Remove Old plan from the workspace' }).click();
    await confirm.getByRole('button', { name: 'Remove from workspace' }).click();

    // Gone from both workspace lists; each of them keeps their copy, on that device only.
    for (const [user, space] of [[ana, anaSpace], [ben, benSpace]] as const) {
      await expect(space.plan('crew', 'Old plan')).toHaveCount(0);
      expect(await space.planNames('crew')).toEqual(['Keep plan']);
      const devicePlans = user.page.getByRole('list', { name: 'Plans on this device' });
      await expect(devicePlans.getByRole('listitem', { name: 'Old plan' })).toBeVisible();
    }
    await expect(ben.page.getByRole('status').filter({ hasText: '"Old plan" was taken out of workspace crew' })).toBeVisible();

    // A reload does not list it again (every device re-lists its plans on start, except removed ones).
    for (const [user, space] of [[ana, anaSpace], [ben, benSpace]] as const) {
      await user.page.reload();
      await expect(space.plan('crew', 'Keep plan')).toBeVisible();
      await expect(space.plan('crew', 'Old plan')).toHaveCount(0);
    }
  } finally {
    await closeContexts(ana.context, ben.context);
    await server.stop();
  }
});
