import { expect, test } from '@playwright/test';
import { LibraryPage } from './pages/library-page.js';
import { expectAccessible } from './support/axe.js';
import { hostedTrio } from './support/hosted-trio.js';
import { appendToTitle } from './support/outline-steps.js';

/**
 * hostfix left (host36): a change forced past the read-only screen after Ada's app took the host's
 * demotion (or one on its way over a link slower than the demotion's grace) was refused by the server:
 * it stayed in Ada's copy, nobody else ever saw it, and the app said nothing — her copy went on
 * differing from everyone else's in silence. The app now reads the server's refusal (its permission-
 * denied message, which the stock client only logs), tells her in plain words that the change was not
 * shared, and offers to keep her version as a plan of her own.
 */
test('a change forced past the read-only screen after the host made Ada a viewer is refused, Ben never sees it, and Ada is told and can keep her version', async ({ browser }) => {
  test.setTimeout(180_000);
  const { ada, ben, panel, close } = await hostedTrio(browser, { adaAutomation: true });
  try {
    // Ada is renaming the objective when the host makes her a viewer.
    await ada.outline.select('objective', 'Win the DACH market');
    await ada.outline.focus();
    await ada.outline.press('F2');
    await ada.page.keyboard.press('End');
    await ada.page.keyboard.type(' and the Alpine region');
    const adaRow = panel.getByRole('table').getByRole('row', { name: 'Ada Host', exact: true });
    await adaRow.getByRole('button', { name: 'Make viewer: Ada Host…' }).click();
    await adaRow.getByRole('group', { name: 'Confirm making Ada Host a viewer' }).getByRole('button', { name: 'Make viewer', exact: true }).click();
    await expect(panel.getByRole('status')).toContainText('Ada Host is now a viewer.');
    await expect(ada.shell.notice('The host made you a viewer')).toBeVisible();
    await ada.page.keyboard.press('Escape');
    await ada.shell.expectSyncStatus('Synced · view only');
    const notShared = ada.shell.notice(/was not shared: you are a viewer of it now, and the server refused it/);
    await expect(notShared).toHaveCount(0);

    // A change forced past the read-only screen, straight into her copy of the plan.
    await ada.page.evaluate(() => {
      const hook = (window as unknown as { __throughline: { findNode(title: string): string | null; forceRename(id: string, title: string): void } }).__throughline;
      hook.forceRename(hook.findNode('Revenue from DACH')!, 'Revenue from DACH, forced after the demotion');
    });
    await expect(ada.outline.row('key result', 'Revenue from DACH, forced after the demotion')).toBeVisible();

    // She is told, in words, that it was not shared and where it is.
    await expect(notShared).toBeVisible();
    await expect(notShared).toContainText('A change you made to “Offsite 2027” was not shared');
    await expect(notShared).toContainText('Nobody else sees it: it is only in your copy on this device');
    // The status no longer says the copies agree (it said "Synced · view only").
    await ada.shell.expectSyncStatus('View only · your change was not shared');
    await ada.page.screenshot({ path: 'docs/screenshots/demoted-forced-change.png' });
    await expectAccessible(ada.page, 'participant told that a change forced after the demotion was not shared');

    // Ben's later edit reaches Ada, so whatever her app sent was handled by then: the forced title never reached him.
    await appendToTitle(ben.outline, 'task', 'Sign the office lease', ' in Munich');
    await expect(ada.outline.row('task', 'Sign the office lease in Munich')).toBeVisible();
    await expect(ben.outline.row('key result', 'Revenue from DACH')).toBeVisible();
    await expect(ben.outline.row('key result', 'Revenue from DACH, forced after the demotion')).toHaveCount(0);

    // She keeps her version as a plan of her own, on her device only.
    await notShared.getByRole('button', { name: 'Keep my version as a copy' }).click();
    await expect(ada.shell.notice('Your version is kept as “Offsite 2027 (my version)”, on this device only')).toBeVisible();
    await ada.page.getByRole('link', { name: 'All plans' }).click();
    const copy = new LibraryPage(ada.page).plan('Offsite 2027 (my version)');
    await expect(copy).toContainText('This device only');
    await copy.getByRole('link', { name: 'Offsite 2027 (my version)' }).click();
    await expect(ada.outline.row('key result', 'Revenue from DACH, forced after the demotion')).toBeVisible();
    await ada.shell.expectSyncStatus('On this device only');
  } finally {
    await close();
  }
});
