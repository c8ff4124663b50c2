import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { auditAccessibility, axeResults, type AccessibilityProblem } from './support/axe.js';
import { startSyncServer, type RunningProcess } from './support/server.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

/** Every view of the sample plan has no serious or critical axe violation and all content in landmarks. */
test('every view of the sample plan passes the axe audit (WCAG 2.2 AA, landmarks)', async ({ page }) => {
  test.setTimeout(300_000);
  const shell = new AppShell(page);
  await shell.open(server.url);
  const found: Record<string, AccessibilityProblem[]> = {};
  const audit = async (view: string) => { found[view] = await auditAccessibility(page); };

  await audit('plan list (empty)');
  await page.getByRole('button', { name: 'Open sample plan' }).click();
  await expect(page.getByRole('treeitem').first()).toBeVisible({ timeout: 30_000 });
  await audit('outline');
  // Label in name (WCAG 2.5.3) really ran on the tree items: each one's name holds its visible "KR …" text.
  const labelInName = await axeResults(page, { options: { runOnly: { type: 'rule', values: ['label-content-name-mismatch'] } }, include: '[role="tree"]' });
  expect(labelInName.violations).toEqual([]);
  expect(labelInName.passes.find((rule) => rule.id === 'label-content-name-mismatch')?.nodes.length ?? 0).toBeGreaterThan(10);
  await page.locator('[role="treeitem"][data-kind="key_result"]').first().click();
  await expect(page.getByRole('complementary').or(page.locator('.detail-panel')).first()).toBeVisible();
  await audit('outline with the detail panel');
  await shell.goTo('Execution pulse');
  await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
  await audit('execution pulse');
  await shell.goTo('People & teams');
  await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
  await audit('people & teams');
  await shell.goTo('My work');
  await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
  await audit('my work');
  await page.getByRole('link', { name: 'All plans' }).click();
  await expect(page.getByRole('list', { name: 'Plans on this device' })).toBeVisible();
  await audit('plan list');

  const report = Object.entries(found).flatMap(([view, problems]) => problems.map((problem) => `${view}: ${problem.rule} (${problem.impact}) ${problem.help}\n    ${problem.targets.join('\n    ')}`));
  expect(Object.keys(found)).toHaveLength(7);
  expect(report, report.join('\n')).toEqual([]);
});
