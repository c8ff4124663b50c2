// fix45a, forty-first session (review45c F5): a task blocked by its status and then by a check-in ("still
// waiting"), set back to In progress, kept "Blocker raised in a check-in …" on the pulse (off track after
// a week): a leader saw a team blocked that was not. Setting the status away from Blocked now clears the
// check-in blockers its author saw, written as a check-in that says so.
import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { DetailPanel } from './pages/detail-panel.js';
import { LibraryPage } from './pages/library-page.js';
import { OutlinePage } from './pages/outline-page.js';
import { PulsePage } from './pages/pulse-page.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { typeCascade } from './support/outline-steps.js';
import { expectAccessible } from './support/axe.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

const BLOCKED = 'Are teams blocked somewhere?';

test('a task set back to In progress is no longer blocked on the pulse, its check-in blocker cleared', async ({ page }) => {
  test.setTimeout(150_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const shell = new AppShell(page);
  const outline = new OutlinePage(page);
  const detail = new DetailPanel(page);
  const pulse = new PulsePage(page);
  await shell.open(server.url);
  await shell.setIdentity('Ben Okafor');
  await new LibraryPage(page).createPlan('Launch 2027');
  await typeCascade(outline);
  const task = 'Sign the office lease';
  await outline.select('task', task);
  await detail.selectField('Status', 'Blocked');
  await detail.addCheckIn({ blocker: true, note: 'still waiting for legal' });
  await expect(detail.history).toHaveCount(1);
  const note = detail.root.getByRole('note', { name: 'Blocked by a check-in' });
  await expect(note).toContainText('or the status is changed from Blocked');

  await shell.goTo('Execution pulse');
  await expect(pulse.card(BLOCKED)).toHaveText(/somewhere\?\s*1\s*blocked item/);
  await pulse.open(BLOCKED);
  await expect(pulse.entry(BLOCKED, task)).toContainText('still waiting for legal');

  // Friday: legal answered; Ben sets the status back to In progress.
  await shell.goTo('Outline');
  await outline.select('task', task);
  await detail.selectField('Status', 'In progress');
  await expect(detail.history).toHaveCount(2);
  await expect(detail.history.filter({ hasText: 'still waiting for legal' })).toContainText('Blocker (cleared)');
  await expect(detail.history.first()).toContainText('Cleared a blocker');
  await expect(note).toHaveCount(0);

  await shell.goTo('Execution pulse');
  await expect(pulse.card(BLOCKED)).toHaveText(/somewhere\?\s*0\s*blocked items\s*nothing blocked/);
  await expectAccessible(page, 'the pulse after the task was unblocked');
  await page.screenshot({ path: 'docs/screenshots/unblock-clears-check-in-blocker.png' });
  expect(errors).toEqual([]);
});
