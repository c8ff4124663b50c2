// leftovers39: redo right after one's own check-in did not ask, though undo does (undo38). Ada undoes the
// due date she set on "Open a Munich office", checks in "moving" with the date gone, and presses
// Ctrl+Shift+Z: the date came back under her check-in, unsaid. Redo now follows undo's rule: the first
// press changes nothing and says what it would bring back; pressed again (or "Redo anyway"), it does.
import { expect, test } from '@playwright/test';
import { DetailPanel } from './pages/detail-panel.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { twoOnOnePlan } from './support/two-users.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('Ctrl+Shift+Z right after a check-in asks before bringing back what was undone before it', async ({ browser }) => {
  test.setTimeout(180_000);
  const token = mintToken(server.dataDir, 'redo-after-check-in', 'editor');
  const { ada, ben, errors } = await twoOnOnePlan(browser, server.url, token, 'redo-after-check-in', 'Redo');
  try {
    await ada.shell.setIdentity('Ada Host', { addAsPerson: true });
    const title = 'Open a Munich office';
    await ada.outline.select('initiative', title);
    await ben.outline.select('initiative', title);
    const adaDetails = new DetailPanel(ada.page);
    const benDetails = new DetailPanel(ben.page);
    await adaDetails.setField('Due date', '2027-03-01');
    await expect(benDetails.field('Due date')).toHaveValue('2027-03-01');
    const notices = ada.page.locator('.notices');
    await ada.outline.row('initiative', title).click();
    await ada.page.keyboard.press('Control+z');
    await expect(notices.getByRole('status').locator('.notice').filter({ hasText: 'Undid' })).toHaveText('Undid the due date of “Open a Munich office”.✕');
    await expect(benDetails.field('Due date')).toHaveValue('');

    // Ada checks in with the date gone, then presses Ctrl+Shift+Z on the row: asked, nothing brought back.
    await adaDetails.addCheckIn({ note: 'moving' });
    await expect(benDetails.history).toHaveCount(1);
    await ada.outline.row('initiative', title).click();
    await ada.page.keyboard.press('Control+Shift+z');
    const asked = notices.getByRole('status').locator('.notice').filter({ hasText: 'You checked in on' });
    await expect(asked).toHaveText('You checked in on “Open a Munich office” after undoing the due date of “Open a Munich office”. Redo now would bring it back, after your check-in: redo again to do that.Redo anyway✕');
    await expect(adaDetails.field('Due date')).toHaveValue('');
    await expect(benDetails.field('Due date')).toHaveValue('');
    await expectAccessible(ada.page, 'the notice after Ctrl+Shift+Z right after a check-in');
    await ada.page.screenshot({ path: 'docs/screenshots/redo-after-check-in.png' });

    // "Redo anyway": the date is back on both screens, said; the check-in stays.
    await asked.getByRole('button', { name: 'Redo anyway' }).click();
    await expect(notices.getByRole('status').locator('.notice').filter({ hasText: 'Redid' })).toHaveText('Redid the due date of “Open a Munich office”.✕');
    await expect(benDetails.field('Due date')).toHaveValue('2027-03-01');
    await expect(adaDetails.history).toHaveCount(1);
    await expect(benDetails.history).toHaveCount(1);
    expect(errors).toEqual([]);
  } finally {
    await closeContexts(ada.context, ben.context);
  }
});
