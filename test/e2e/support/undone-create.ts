import { expect, type Browser } from '@playwright/test';
import { addLineAfter } from './outline-steps.js';
import { mintToken } from './tokens.js';
import { twoOnOnePlan, type TwoOnOnePlan, type User } from './two-users.js';

/**
 * Ada and Ben on one shared plan (workspace `workspace`), where Ada has just added the key result "Churn
 * under 5%" after "Revenue from DACH" and Ben sees it: the set-up of the undo-in-the-bad-order specs.
 */
export async function twoOnANewKeyResult(browser: Browser, server: { url: string; dataDir: string }, workspace: string, planName: string): Promise<TwoOnOnePlan> {
  const token = mintToken(server.dataDir, workspace, 'editor');
  const two = await twoOnOnePlan(browser, server.url, token, workspace, planName);
  await addLineAfter(two.ada.outline, 'key result', 'Revenue from DACH', 'Churn under 5%');
  await two.ada.shell.expectSyncStatus('Synced');
  await expect(two.ben.outline.row('key result', 'Churn under 5%')).toBeVisible();
  return two;
}

/** Ada's two Ctrl+Z: the first takes back her typing, the second her new line; then her device is synced. */
export async function undoTheNewLine(ada: User): Promise<void> {
  await ada.outline.focus();
  await ada.outline.press('Control+z');
  await expect(ada.outline.row('key result', 'Untitled')).toBeVisible();
  await ada.outline.press('Control+z');
  await expect(ada.outline.rows.filter({ hasText: 'Untitled' })).toHaveCount(0);
  await ada.shell.expectSyncStatus('Synced');
}

/** Ada's two Ctrl+Z (undoTheNewLine), then two Ctrl+Shift+Z bringing the key result back; then her device is synced. */
export async function undoAndRedoTheNewLine(ada: User): Promise<void> {
  await undoTheNewLine(ada);
  await ada.outline.press('Control+Shift+z');
  await ada.outline.press('Control+Shift+z');
  await expect(ada.outline.row('key result', 'Churn under 5%')).toBeVisible();
  await ada.shell.expectSyncStatus('Synced');
}
