// Renames at an offsite, two people on the same row (review42a F1, F2). An emoji renamed to another
// ("👍" to "👎") stays whole on both screens: the span written used to end between the emoji's two
// UTF-16 halves, and Yjs replaced both with "��" in the document itself. Two people renaming one word
// at once ("engineers" to "designers" here, to "engineering managers" there) get one title shown and
// the other kept on the row to pick, never the word nobody typed ("designering managers").
import { expect, test } from '@playwright/test';
import { DetailPanel } from './pages/detail-panel.js';
import { expectAccessible } from './support/axe.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { hostSharedPlan, joinSharedPlan, newUser, type User } from './support/two-users.js';
import { closeContexts } from './support/close-contexts.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

/** Opens the inline title editor on a row (F2), its text all selected. */
async function startRename(user: User, kind: string, title: string): Promise<void> {
  await user.outline.select(kind, title);
  await user.outline.focus();
  await user.page.keyboard.press('F2');
  await expect(user.outline.titleEditor).toBeFocused();
  await user.page.keyboard.press('Control+a');
}

async function rename(user: User, kind: string, title: string, next: string): Promise<void> {
  await startRename(user, kind, title);
  await user.page.keyboard.insertText(next);
  await user.page.keyboard.press('Enter');
}

test('an emoji renamed to another stays whole, and two renames of one word are a conflict to pick', async ({ browser }) => {
  test.setTimeout(120_000); // two browsers and an axe audit, slow on a loaded machine
  const workspace = 'rename-emoji-word';
  const token = mintToken(server.dataDir, workspace, 'editor');
  const ada = await newUser(browser, 'Ada'), ben = await newUser(browser, 'Ben');
  const link = await hostSharedPlan(ada, server.url, token, workspace, 'Offsite renames');
  await joinSharedPlan(ben, link, 'Ben Guest');

  // Ada gives the key result a mood; Ben turns it round.
  await rename(ada, 'key result', 'Revenue from DACH', 'Revenue from DACH 👍');
  await expect(ben.outline.row('key result', 'Revenue from DACH 👍')).toBeVisible();
  await rename(ben, 'key result', 'Revenue from DACH 👍', 'Revenue from DACH 👎');
  for (const user of [ada, ben]) {
    await expect(user.outline.row('key result', 'Revenue from DACH 👎')).toBeVisible();
    await expect(user.outline.tree).not.toContainText('\uFFFD');
  }
  await expect(new DetailPanel(ada.page).field('Title')).toHaveValue('Revenue from DACH 👎');

  // Both rename the task's one word at the same moment; Ben presses Enter last.
  await rename(ada, 'task', 'Sign the office lease', 'Recruit 3 engineers');
  await expect(ben.outline.row('task', 'Recruit 3 engineers')).toBeVisible();
  await startRename(ada, 'task', 'Recruit 3 engineers');
  await startRename(ben, 'task', 'Recruit 3 engineers');
  await ada.page.keyboard.insertText('Recruit 3 designers');
  await ben.page.keyboard.insertText('Recruit 3 engineering managers');
  await ada.page.keyboard.press('Enter');
  await expect(ben.outline.row('task', 'Recruit 3 engineers')).toHaveCount(0);
  await ben.page.keyboard.press('Enter');
  for (const user of [ada, ben]) {
    const row = user.outline.row('task', 'Recruit 3 engineering managers');
    await expect(row).toBeVisible();
    await expect(row).toHaveAccessibleDescription(/Also renamed to “\u2068Recruit 3 designers\u2069”, pick it in the details/);
    await expect(user.outline.tree).not.toContainText('designering');
  }
  // Ada picks her own title back from the details, by the keyboard; both screens show it, no conflict left.
  await ada.outline.select('task', 'Recruit 3 engineering managers');
  const pick = new DetailPanel(ada.page).root.getByRole('button', { name: /^Also renamed to “Recruit 3 designers” by .* — use it$/ });
  await expectAccessible(ada.page, 'a rename conflict on one word');
  await ada.page.screenshot({ path: 'test-results/rename-one-word-conflict.png' });
  await pick.focus();
  await ada.page.keyboard.press('Enter');
  for (const user of [ada, ben]) await expect(user.outline.row('task', 'Recruit 3 designers')).not.toHaveAccessibleDescription(/Also renamed/);
  await closeContexts(ada.context, ben.context);
});
