// leftovers39: after a plan was taken out of its workspace, the status pill of a copy with changes made
// offline read "On this device only": the count of changes waiting vanished, which reads as "sent"; only
// the notice said they never were (takenout38). The pill now keeps the count, as changes never shared, also
// after a reload (the library entry's takenOut record), with an explanation in its title.
import { expect, test, type Locator } from '@playwright/test';
import { WorkspacePage } from './pages/workspace-page.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { addLineAfter, typeCascade } from './support/outline-steps.js';
import { startSyncServer } from './support/server.js';
import { joinLink, mintToken } from './support/tokens.js';
import { newUser } from './support/two-users.js';

/** The number in "Sync status: Offline · 2 local changes waiting". */
async function changesWaiting(status: Locator): Promise<number> {
  const found = /(\d+) local changes? waiting/.exec(await status.getAttribute('aria-label') ?? '');
  if (!found) throw new Error('no waiting count');
  return Number(found[1]);
}

test('the status pill keeps counting changes a take-out left unshared', async ({ browser }) => {
  test.setTimeout(240_000);
  const server = await startSyncServer();
  const token = mintToken(server.dataDir, 'crew', 'editor');
  const [ada, ben] = [await newUser(browser, 'Ada'), await newUser(browser, 'Ben')];
  const adaSpace = new WorkspacePage(ada.page);
  try {
    await ada.shell.open(joinLink(server.url, server.url, 'crew', token));
    await adaSpace.createPlan('Offsite plan');
    await ada.outline.focus();
    await typeCascade(ada.outline, ['Close the Leeds office']);
    await ada.shell.expectSyncStatus('Synced');
    const planId = /#\/plan\/([^/]+)\//.exec(ada.page.url())?.[1];
    await ben.shell.open(joinLink(server.url, server.url, 'crew', token, planId));
    await expect(ben.outline.row('strategy', 'Close the Leeds office')).toBeVisible();
    await ben.shell.expectSyncStatus('Synced');
    await ben.context.setOffline(true);
    await addLineAfter(ben.outline, 'strategy', 'Close the Leeds office', 'Ben offline line');
    await ben.shell.expectSyncStatus(/Offline · \d+ local changes? waiting/);
    const waiting = await changesWaiting(ben.shell.syncStatus);
    const never = `${waiting} ${waiting === 1 ? 'change' : 'changes'} never shared`;

    // Ada takes the plan out while Ben is offline; back online, his pill still counts his changes.
    await adaSpace.backToPlans();
    const row = adaSpace.plan('crew', 'Offsite plan');
    await row.getByRole('button', { name: 'Remove Offsite plan from the workspace' }).click();
    await row.getByRole('group', { name: 'Confirm taking Offsite plan out of the workspace' }).getByRole('button', { name: 'Remove from workspace' }).click();
    await expect(adaSpace.plan('crew', 'Offsite plan')).toHaveCount(0);
    await ben.context.setOffline(false);
    await ben.shell.expectSyncStatus(`Only here · ${waiting} unsent: On this device only · ${never}`);
    // polish39: shown short, so the header keeps the plan's name whole at 1280 px; the name above says it in full.
    await expect(ben.shell.syncStatus).toHaveText(`Only here · ${waiting} unsent`);
    await ben.page.setViewportSize({ width: 1280, height: 800 });
    const planName = ben.page.locator('.app-header .plan-name');
    await expect(planName).toHaveText('Offsite plan');
    expect(await planName.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
    await expect(ben.shell.syncStatus).toHaveAttribute('title', `This plan is stored on this device only: it was taken out of workspace crew before ${waiting === 1 ? '1 change' : `${waiting} changes`} made here offline reached it. They stay in this copy; once the plan is in crew again you can share your copy there again.`);
    await expectAccessible(ben.page, 'the status pill of a copy taken out with changes never shared');
    await ben.page.screenshot({ path: 'docs/screenshots/taken-out-pill-count.png' });

    // Reloaded, the count is still there (kept with the plan's library entry).
    await ben.page.reload();
    await expect(ben.outline.row('strategy', 'Ben offline line')).toBeVisible();
    await ben.shell.expectSyncStatus(`Only here · ${waiting} unsent: On this device only · ${never}`);
  } finally {
    await closeContexts(ada.context, ben.context);
    await server.stop();
  }
});
