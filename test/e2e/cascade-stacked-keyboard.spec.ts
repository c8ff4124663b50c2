import { expect, test } from '@playwright/test';
import { CanvasDriver } from './pages/canvas-driver.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { joinLink, mintToken } from './support/tokens.js';
import { newUser, type User } from './support/two-users.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

/** The whole cascade on the canvas ("Everything"): the sample plan's wide subtrees are stacked in columns. */
async function everything(user: User): Promise<{ canvas: CanvasDriver }> {
  await user.page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Cascade' }).click();
  await user.page.getByRole('toolbar', { name: 'Canvas tools' }).getByRole('combobox', { name: 'Levels shown' }).selectOption({ label: 'Everything' });
  const canvas = new CanvasDriver(user.page);
  await expect.poll(() => canvas.cards()).toBeGreaterThan(100);
  // Wrapped: the driver is a thenable, which an async function's return would await.
  return { canvas };
}

/**
 * usercheck6: in a stacked column (a key result with its initiatives and tasks listed below it, indented
 * like the outline) the arrows kept the tree's meaning: Down on a task below the column's top card did
 * nothing (a task has no child) with the next task right under it, and Right ("the card to the right")
 * went down the column to a sibling (fixed with review31's finding 7: ↓/↑ walk the column, ←/→ go to the
 * card beside on the screen). Ben walks a column with the arrows while Ada, on another window size, adds a
 * task to it.
 */
test('in a stacked column the arrows select the card the screen shows there, also after someone adds to it', async ({ browser }) => {
  test.setTimeout(180_000);
  const ada = await newUser(browser, 'Ada', true, { viewport: { width: 1280, height: 800 } });
  const ben = await newUser(browser, 'Ben', true, { viewport: { width: 1000, height: 700 } });
  try {
    // Ada shares the sample company's plan; Ben opens her plan link.
    await ada.shell.open(server.url);
    await ada.page.getByRole('button', { name: 'Open sample plan' }).click();
    await expect(ada.page.getByRole('treeitem').first()).toBeVisible({ timeout: 30_000 });
    await ada.shell.setIdentity('Ada Host');
    await ada.page.getByRole('button', { name: 'Share' }).click();
    const share = ada.page.getByRole('dialog', { name: 'Share this plan' });
    await share.getByLabel('Join link').fill(joinLink(server.url, server.url, 'stacks', mintToken(server.dataDir, 'stacks', 'editor')));
    await share.getByRole('button', { name: 'Connect' }).click();
    await ada.shell.expectSyncStatus('Synced');
    await ada.page.getByRole('button', { name: 'Share' }).click();
    const link = await share.getByRole('textbox', { name: 'Plan link' }).inputValue();
    await share.getByRole('button', { name: 'Done' }).click();
    await ben.page.goto(link);
    await expect(ben.outline.row('initiative', 'Partner referral programme')).toBeVisible({ timeout: 30_000 });
    await ben.shell.setIdentity('Ben');
    await ben.shell.expectSyncStatus('Synced');

    const { canvas } = await everything(ben);
    // The key result heads a column: its initiative, then that initiative's tasks, one per line.
    await canvas.click('Partner referral programme').expectSelected('Partner referral programme');
    await canvas.press('ArrowDown').expectSelected('Update the forecast');
    await canvas.press('ArrowDown').expectSelected('Prepare the budget');
    await canvas.press('ArrowUp').expectSelected('Update the forecast');
    // Down and down again to the column's last task, then it stays there.
    await canvas.press('ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown').expectSelected('Clean up old data');
    await canvas.press('ArrowDown').expectSelected('Clean up old data');
    // Left and Right go to the card beside it on the screen, on the same line: the neighbouring column's.
    await canvas.press('ArrowUp', 'ArrowUp', 'ArrowUp', 'ArrowUp', 'ArrowUp', 'ArrowUp').expectSelected('Partner referral programme');
    await canvas.press('ArrowUp').expectSelected('Close 40 new mid-market logos');
    await canvas.press('ArrowRight').expectSelected('Raise average deal size to 24 k€');
    // Where they are on Ben's screen now (the view follows the selection): the column top left of its
    // initiative, the next column right of it.
    const [top, member, next] = [await canvas.cardRect('Close 40 new mid-market logos'), await canvas.cardRect('Partner referral programme'), await canvas.cardRect('Raise average deal size to 24 k€')];
    expect(top.x).toBeLessThan(member.x);
    expect(next.x).toBeGreaterThan(member.x + member.width);
    await canvas.press('ArrowLeft').expectSelected('Close 40 new mid-market logos');
    await canvas.press('ArrowDown').expectSelected('Partner referral programme');

    // Ada, on her larger window, adds a task to the column Ben is looking at.
    const before = await canvas.cards();
    await ada.outline.select('initiative', 'Partner referral programme');
    await ada.outline.focus();
    await ada.outline.press('Control+Enter');
    await ada.page.keyboard.type('Call the top ten partners');
    await ada.outline.press('Enter');
    await ada.outline.press('Escape');
    // Ben's column grows by a line (a new child comes first): the arrows walk it as it now is.
    await expect.poll(() => canvas.cards()).toBe(before + 1);
    await canvas.click('Partner referral programme');
    await canvas.press('ArrowDown').expectSelected('Call the top ten partners');
    const [initiative, added] = [await canvas.cardRect('Partner referral programme'), await canvas.cardRect('Call the top ten partners')];
    expect(added.y).toBeGreaterThan(initiative.y);
    await canvas.press('ArrowDown').expectSelected('Update the forecast');
    await canvas.press('ArrowUp', 'ArrowUp').expectSelected('Partner referral programme');
    await ben.page.screenshot({ path: 'docs/screenshots/canvas-stacked-keyboard.png' });
    await expectAccessible(ben.page, 'stacked cascade walked with the arrows');
  } finally {
    await closeContexts(ada.context, ben.context);
  }
});
