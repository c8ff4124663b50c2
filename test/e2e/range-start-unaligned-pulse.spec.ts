// fix40a (review40a F2, F8): a "stay within range" key result whose start value is outside its range, with no
// check-in yet, read "60%, On track" everywhere (its breach judged check-ins only); and the pulse's "Where do
// risks begin?" said "no risk signal" in green beside a plan at risk only because its open work sits under an
// archived objective. Driven as a person does it: fields typed in the detail panel, the pulse and canvas opened.
import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { CanvasDriver } from './pages/canvas-driver.js';
import { DetailPanel } from './pages/detail-panel.js';
import { LibraryPage } from './pages/library-page.js';
import { OutlinePage } from './pages/outline-page.js';
import { PulsePage } from './pages/pulse-page.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { addLineAfter, typeCascade } from './support/outline-steps.js';
import { seriousViolations } from './support/axe.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });
test.beforeEach(async ({ context }) => {
  await context.addInitScript(() => window.localStorage.setItem('throughline:automation', '1'));
});

test('a range key result whose start value is outside its range, before any check-in, is Out of range on the row, the panel, the pulse and the canvas (review40a F2)', async ({ page }) => {
  test.setTimeout(180_000);
  const shell = new AppShell(page);
  const outline = new OutlinePage(page);
  const detail = new DetailPanel(page);
  await shell.open(server.url);
  await new LibraryPage(page).createPlan('Offsite 2027');
  await typeCascade(outline);
  await addLineAfter(outline, 'key result', 'Revenue from DACH', 'Employee turnover');

  await outline.select('key result', 'Employee turnover');
  await detail.selectField('Direction', 'Stay within range');
  await detail.setField('Unit', '%');
  await detail.setField('Start value', '12');
  await detail.setField('Range low', '5');
  await detail.setField('Range high', '10');
  await expect(detail.history).toHaveCount(0);
  await expect(detail.health).toHaveAccessibleName(/Off track/i);
  await expect(detail.root).toContainText('Out of range');
  await expect(detail.root).toContainText('Start value 12 % is outside the range 5–10 % (no value checked in yet)');
  const row = outline.row('key result', 'Employee turnover');
  await expect(row).toContainText(/Out of range/i);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: 'test-results/fix40a-range-start.png' });

  await shell.goTo('Execution pulse');
  const pulse = new PulsePage(page);
  await pulse.open('Where do risks begin?');
  await expect(pulse.entry('Where do risks begin?', 'Employee turnover')).toContainText('Start value 12 % is outside the range 5–10 %');
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Cascade' }).click();
  const canvas = new CanvasDriver(page);
  await expect.poll(async () => (await canvas.card('Employee turnover'))?.health).toBe('off track');

  // A value checked in inside the range ends it.
  await shell.goTo('Outline');
  await outline.select('key result', 'Employee turnover');
  await detail.addCheckIn({ value: '8' });
  await expect(detail.history).toHaveCount(1);
  await expect(row).not.toContainText(/Out of range/i);
});

test('a plan at risk only for work under an archived objective: the pulse\'s risk card warns and points at the alignment card, never "no risk signal" in green (review40a F8)', async ({ page }) => {
  test.setTimeout(180_000);
  const shell = new AppShell(page);
  const outline = new OutlinePage(page);
  const detail = new DetailPanel(page);
  await shell.open(server.url);
  await new LibraryPage(page).createPlan('Offsite 2027');
  await typeCascade(outline);
  await outline.select('objective', 'Win the DACH market');
  await detail.field('Archived').check();
  await expect(detail.field('Archived')).toBeChecked();

  await shell.goTo('Execution pulse');
  const pulse = new PulsePage(page);
  const risk = pulse.card('Where do risks begin?');
  await expect(risk).toContainText('no risk signal besides unaligned work: see “How much work serves the strategy?”');
  await expect(risk.getByRole('button')).toHaveClass(/tone-warn/);
  // The card it points at (the risk card's words name it too, so matched by its start) lists the work.
  const aligned = page.getByRole('list', { name: 'Pulse questions' }).getByRole('listitem').filter({ hasText: /^How much work serves the strategy\?/ });
  await expect(aligned).toContainText('2 of 2items unaligned');
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: 'test-results/fix40a-pulse-unaligned.png' });
});
