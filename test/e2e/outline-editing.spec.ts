import { expect, test } from '@playwright/test';
import * as Y from 'yjs';
import { ROOT_ID, openPlan } from '../../shared/model/index.js';
import { AppShell } from './pages/app-shell.js';
import { LibraryPage } from './pages/library-page.js';
import { OutlinePage, rowName } from './pages/outline-page.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { addLineAfter, typeCascade } from './support/outline-steps.js';
import { storePlanInBrowser } from './support/stored-plan.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('drag and drop reorders and reparents, and refuses what the cascade forbids with a message', async ({ page }) => {
  const shell = new AppShell(page);
  const outline = new OutlinePage(page);
  await shell.open(server.url);
  await new LibraryPage(page).createPlan('Drag plan');
  await typeCascade(outline, ['Grow', 'Win DACH', 'Revenue', 'Munich office', 'Sign lease']);
  // A second strategy with an objective: Ctrl+Enter adds a child a level down.
  await addLineAfter(outline, 'strategy', 'Grow', 'Retain');
  await outline.press('Control+Enter');
  await outline.typeTitle('Cut churn');
  await outline.press('Enter');  // commits the last line; Escape then drops the empty next one
  await outline.press('Escape');
  await expect(outline.row('objective', 'Cut churn')).toHaveAttribute('aria-level', '2');
  // Escape cancels a rename: the title stays as it was and nothing is written.
  await outline.select('objective', 'Cut churn');
  await outline.focus();
  await outline.press('F2');
  await page.keyboard.press('End');
  await page.keyboard.type(' never mind');
  await outline.press('Escape');
  await expect(outline.row('objective', 'Cut churn')).toBeVisible();
  await expect(outline.row('objective', 'Cut churn never mind')).toHaveCount(0);

  // A task dropped onto a key result: refused, with the reason.
  await outline.row('task', 'Sign lease').dragTo(outline.row('key result', 'Revenue'), { targetPosition: { x: 200, y: 16 } });
  await expect(shell.notice('A task cannot go under a key result: it belongs under an initiative or a task.')).toBeVisible();
  await expect(outline.row('task', 'Sign lease')).toHaveAttribute('aria-level', '5');

  // An objective dropped into the other strategy, then before its sibling.
  await outline.row('objective', 'Cut churn').dragTo(outline.row('strategy', 'Grow'), { targetPosition: { x: 200, y: 16 } });
  await expect(outline.row('objective', 'Cut churn')).toHaveAttribute('aria-level', '2');
  await outline.row('objective', 'Cut churn').dragTo(outline.row('objective', 'Win DACH'), { targetPosition: { x: 200, y: 3 } });
  const names = await outline.rows.evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label')));
  expect(names).toEqual(['STR Grow', 'OBJ Cut churn', 'OBJ Win DACH', 'KR Revenue', 'INI Munich office', 'TSK Sign lease', 'STR Retain']);

  // Keyboard moves: Alt+↓ reorders, Tab refuses a cascade break with a message.
  await outline.select('objective', 'Cut churn');
  await outline.focus();
  await outline.press('Alt+ArrowDown');
  await expect(outline.rows.nth(1)).toHaveAccessibleName(rowName('objective', 'Win DACH'));
  // Shift+Tab moves an initiative with work under it up a level, where the cascade allows it…
  await outline.select('initiative', 'Munich office');
  await outline.focus();
  await outline.press('Shift+Tab');
  await expect(outline.row('initiative', 'Munich office')).toHaveAttribute('aria-level', '3');
  // …and refuses the next step, to under a strategy, with the reason.
  await outline.press('Shift+Tab');
  await expect(shell.notice('An initiative cannot go under a strategy: it belongs under a key result or a KPI or an objective.')).toBeVisible();
  await expect(outline.row('initiative', 'Munich office')).toHaveAttribute('aria-level', '3');
  // A line with nothing under it yet takes the kind of its new level: Tab makes "Retain" an objective.
  await outline.select('strategy', 'Retain');
  await outline.focus();
  await outline.press('Tab');
  await expect(outline.row('objective', 'Retain')).toHaveAttribute('aria-level', '2');

  // Deleted items can be restored, or purged for good.
  await outline.select('task', 'Sign lease');
  await outline.focus();
  await outline.press('Delete');
  await expect(outline.row('task', 'Sign lease')).toHaveCount(0);
  await page.getByRole('button', { name: 'Deleted items' }).click();
  const trash = page.getByRole('dialog', { name: 'Deleted items' });
  await trash.getByRole('listitem').filter({ hasText: 'Sign lease' }).getByRole('button', { name: 'Restore' }).click();
  await expect(outline.row('task', 'Sign lease')).toBeVisible();
  await expect(trash.getByRole('listitem')).toHaveCount(0);
  await trash.getByRole('button', { name: 'Close' }).click();
  await outline.select('task', 'Sign lease');
  await outline.focus();
  await outline.press('Delete');
  await page.getByRole('button', { name: 'Deleted items' }).click();
  await trash.getByRole('listitem').filter({ hasText: 'Sign lease' }).getByRole('button', { name: 'Purge' }).click();
  await expect(trash.getByRole('listitem')).toHaveCount(0);
  await trash.getByRole('button', { name: 'Close' }).click();
  await expect(outline.row('task', 'Sign lease')).toHaveCount(0);

  // Collapse and expand with the arrows.
  await outline.select('objective', 'Win DACH');
  await outline.focus();
  await outline.press('ArrowLeft');
  await expect(outline.row('key result', 'Revenue')).toHaveCount(0);
  await outline.press('ArrowRight');
  await expect(outline.row('key result', 'Revenue')).toBeVisible();
});

/**
 * A plan of 61 strategies ("Only strategy", then "Strategy 0" … "Strategy 59"), as the app stores it.
 * Typing them through the keyboard took 13 s of the test's set-up; what is checked is how the outline
 * shows them.
 */
function planOfManyStrategies(): Uint8Array {
  const doc = new Y.Doc();
  let next = 0;
  const plan = openPlan(doc, { now: () => Date.UTC(2026, 11, 1), newId: () => `n${(next++).toString().padStart(6, '0')}`, actor: 'e2e' }, { name: 'Long plan' });
  plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Only strategy' });
  for (let i = 0; i < 60; i++) plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: `Strategy ${i}` });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

test('a long outline is virtualised: only the rows on screen are in the DOM', async ({ page }) => {
  const shell = new AppShell(page);
  const outline = new OutlinePage(page);
  await shell.open(server.url);
  await storePlanInBrowser(page, { id: 'long-plan', name: 'Long plan', update: planOfManyStrategies() });
  await page.goto(`${server.url}#/plan/long-plan/outline`);
  await expect(outline.row('strategy', 'Only strategy')).toBeVisible();
  await outline.focus();
  await outline.press('End');
  await expect(outline.selectedRow).toHaveAccessibleName(rowName('strategy', 'Strategy 59'));
  await expect(outline.rows.last()).toBeVisible();
  // Only the rows on screen (plus a small overscan) are in the DOM.
  expect(await outline.rows.count()).toBeLessThan(61);
  await outline.press('Home');
  await expect(outline.selectedRow).toHaveAccessibleName(rowName('strategy', 'Only strategy'));
  await outline.press('End');
  await expect(outline.selectedRow).toHaveAccessibleName(rowName('strategy', 'Strategy 59'));
});
