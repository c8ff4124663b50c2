// An offsite where Ben works by keyboard only and with a screen reader while Ada edits the same plan in
// another browser (review43a): he keeps his place in the outline when the plan changes under him, and
// hears what the other person did to the row he is on.
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { openStoredCascade } from './support/stored-cascade.js';
import { mintToken } from './support/tokens.js';
import { newUser, twoOnOnePlan, type User } from './support/two-users.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

/** The focused element as a screen reader names it: its role and accessible name. */
async function focusedElement(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return 'body';
    return `${element.getAttribute('role') ?? element.tagName.toLowerCase()} ${element.getAttribute('aria-label') ?? ''}`.trim();
  });
}

/** A notice in the polite live region of the notices, where what happened is said. */
function announced(user: User, text: string | RegExp) {
  return user.shell.saidNotice(text);
}

test('deleting the last row and undoing it keeps the keyboard in the outline (review43a F1)', async ({ browser }) => {
  const ben = await newUser(browser, 'Ben');
  await openStoredCascade(ben, server.url, 'Keyboard plan');
  await ben.outline.focus();
  await ben.page.keyboard.press('Home');
  await expect(ben.outline.row('strategy', 'Grow in Europe')).toHaveAttribute('aria-selected', 'true');
  // The strategy holds everything else: deleting it empties the tree.
  await ben.page.keyboard.press('Delete');
  await expect(ben.outline.rows).toHaveCount(0);
  expect(await focusedElement(ben.page)).toBe('tree Plan outline');
  await ben.page.keyboard.press('Control+z');
  await expect(ben.outline.row('strategy', 'Grow in Europe')).toBeVisible();
  expect(await focusedElement(ben.page)).toBe('tree Plan outline');
  // The keys still act on the tree: ↓ selects, F2 renames.
  await ben.page.keyboard.press('ArrowDown');
  await expect(ben.outline.selectedRow).toHaveCount(1);
  await ben.page.keyboard.press('F2');
  await expect(ben.outline.titleEditor).toBeFocused();
  await ben.page.keyboard.press('Escape');
  await closeContexts(ben.context);
});

test('the other person renames and deletes the row Ben is on: he is told, and keeps a place (review43a F2, F3, F4)', async ({ browser }) => {
  const token = mintToken(server.dataDir, 'keyboard-offsite', 'editor');
  const { ada, ben, errors } = await twoOnOnePlan(browser, server.url, token, 'keyboard-offsite', 'Offsite by keyboard');
  // Ben reaches his row by keyboard: the tree, then ↓ to the key result.
  await ben.outline.focus();
  // Tab changes a row's level in the tree; the tree's description says so and how to leave it.
  await expect(ben.outline.tree).toHaveAccessibleDescription(/Tab\/Shift\+Tab level .* Esc leave/);
  for (let step = 0; step < 3; step += 1) await ben.page.keyboard.press('ArrowDown');
  await expect(ben.outline.row('key result', 'Revenue from DACH')).toHaveAttribute('aria-selected', 'true');

  await ada.outline.select('key result', 'Revenue from DACH');
  await ada.outline.focus();
  await ada.page.keyboard.press('F2');
  await ada.page.keyboard.press('Control+a');
  await ada.page.keyboard.type('DACH revenue');
  await ada.page.keyboard.press('Enter');
  await expect(announced(ben, 'Ada Host renamed “Revenue from DACH” to “DACH revenue”.')).toBeVisible();
  // Ada is not told of her own rename.
  await expect(announced(ada, 'renamed “Revenue from DACH”')).toHaveCount(0);

  await ada.page.keyboard.press('Delete');
  await expect(ben.outline.row('key result', 'DACH revenue')).toHaveCount(0);
  await expect(announced(ben, 'Key result “DACH revenue” was deleted by Ada Host. Now on objective “Win the DACH market”.')).toBeVisible();
  await expect(ben.outline.row('objective', 'Win the DACH market')).toHaveAttribute('aria-selected', 'true');
  await expect(ben.outline.tree).toHaveAttribute('aria-activedescendant', /^row-/);
  expect(await focusedElement(ben.page)).toBe('tree Plan outline');
  await expectAccessible(ben.page, 'the outline after another person deleted the selected row');
  await ben.page.screenshot({ path: 'docs/screenshots/keyboard-offsite-deleted-elsewhere.png' });
  // His keys go on from there: ↑ is the strategy above.
  await ben.page.keyboard.press('ArrowUp');
  await expect(ben.outline.row('strategy', 'Grow in Europe')).toHaveAttribute('aria-selected', 'true');
  expect(errors).toEqual([]);
  await closeContexts(ada.context, ben.context);
});
