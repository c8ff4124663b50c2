// review39a F1: Yjs passes over an undo step whose changes someone else has all replaced (undoing it would
// change nothing) and takes the one below. Ada set the due date of "Open a Munich office", then that of
// "Sign the office lease"; Ben changed the lease's due date. Her Undo button offered to take back the
// lease's due date, and her Ctrl+Z said "Undid the due date of “Sign the office lease”" (Ben's date stayed)
// while Munich's due date went on both screens with no word. Now the button names Munich's, and the notice
// names it and says the newer step was left as Ben changed it.
import { expect, test } from '@playwright/test';
import { DetailPanel } from './pages/detail-panel.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { twoOnOnePlan } from './support/two-users.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';

/** The text with ⟨ ⟩ standing for the first-strong isolate and its pop. */
const isolated = (text: string) => text.replaceAll('⟨', '\u2068').replaceAll('⟩', '\u2069');

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('an undo whose newest step someone else replaced names the step it takes back, and the one it left', async ({ browser }) => {
  test.setTimeout(180_000);
  const token = mintToken(server.dataDir, 'undo-replaced-step', 'editor');
  const { ada, ben, errors } = await twoOnOnePlan(browser, server.url, token, 'undo-replaced-step', 'Undo');
  try {
    const [munich, lease] = ['Open a Munich office', 'Sign the office lease'];
    const adaDetails = new DetailPanel(ada.page);
    const benDetails = new DetailPanel(ben.page);
    await ada.outline.select('initiative', munich);
    await adaDetails.setField('Due date', '2027-03-01');
    await ada.outline.select('task', lease);
    await adaDetails.setField('Due date', '2027-02-01');
    // Ben changes the lease's due date: Ada's newest step has nothing left to take back.
    await ben.outline.select('task', lease);
    await expect(benDetails.field('Due date')).toHaveValue('2027-02-01');
    await benDetails.setField('Due date', '2027-02-15');
    await expect(adaDetails.field('Due date')).toHaveValue('2027-02-15');

    const undoButton = ada.page.getByRole('button', { name: 'Undo', exact: true });
    await expect(undoButton).toHaveAttribute('title', new RegExp(isolated(`^Undo the due date of “⟨${munich}⟩” \\((Ctrl\\+Z|⌘Z)\\)$`)));
    await ada.outline.row('task', lease).click();
    await ada.page.keyboard.press('Control+z');
    const notice = ada.page.locator('.notices').getByRole('status').locator('.notice').filter({ hasText: 'Undid' });
    await expect(notice).toHaveText(`Undid the due date of “${munich}”. The due date of “${lease}” had already been changed by someone else, so it was left as it is.✕`);
    await expect(adaDetails.field('Due date')).toHaveValue('2027-02-15');
    await ben.outline.select('initiative', munich);
    await expect(benDetails.field('Due date')).toHaveValue('');
    await ada.outline.select('initiative', munich);
    await expect(adaDetails.field('Due date')).toHaveValue('');
    await expectAccessible(ada.page, 'the notice after an undo that passed over a step someone replaced');
    await ada.page.screenshot({ path: 'docs/screenshots/undo-replaced-step.png' });
    expect(errors).toEqual([]);
  } finally {
    await closeContexts(ada.context, ben.context);
  }
});
