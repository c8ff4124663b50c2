// The accessibility audit the specs share (support/axe.ts) finds what it must. It runs axe-core once
// injected per document instead of through @axe-core/playwright's AxeBuilder (whose every audit injected
// axe again and finished in a new blank page: testtime8, docs/testing.md), so this checks, on the app's
// own page with problems planted in it, that it fails where it should, finds the same violations as the
// builder, audits only inside `include`, and still works after the page navigates.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { auditAccessibility, axeResults, expectAccessible, seriousViolations, wcagTags } from './support/axe.js';
import { startSyncServer, type RunningProcess } from './support/server.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

/** A nameless button, an image without a text alternative, an empty link, all outside any landmark. */
async function plantProblems(page: Page): Promise<void> {
  await page.evaluate(() => {
    const planted = document.createElement('div');
    planted.id = 'planted';
    planted.innerHTML = '<button type="button"></button><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="10" height="10"><a href="#nowhere"></a><p>Words outside every landmark</p>';
    document.body.append(planted);
  });
}

const wcagOptions = { runOnly: { type: 'tag' as const, values: [...wcagTags] }, rules: { region: { enabled: true }, 'label-content-name-mismatch': { enabled: true } } };

/** Each violation as "rule: target, target" sorted, to compare two runs. */
function violationLines(violations: { id: string; nodes: { target: unknown[] }[] }[]): string[] {
  return violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => JSON.stringify(node.target)).sort().join(', ')}`).sort();
}

test('the shared axe audit fails on planted problems, as the AxeBuilder does, inside include only, and after a navigation', async ({ page }) => {
  const shell = new AppShell(page);
  await shell.open(server.url);
  await expectAccessible(page, 'the start page');
  await plantProblems(page);

  const found = await auditAccessibility(page);
  expect(found.map((problem) => problem.rule).sort()).toEqual(['button-name', 'image-alt', 'link-name', 'region']);
  expect(found.find((problem) => problem.rule === 'button-name')?.targets.join(' ')).toContain('#planted');
  await expect(expectAccessible(page, 'the start page with planted problems')).rejects.toThrow(/button-name \(critical\)/);
  expect((await seriousViolations(page)).map((line) => line.split(':')[0]).sort()).toEqual(['button-name', 'image-alt', 'link-name']);

  // The same violations, on the same elements, as @axe-core/playwright's builder finds with these options.
  const ours = await axeResults(page, { options: wcagOptions });
  const builders = await new AxeBuilder({ page }).options(wcagOptions).analyze();
  expect(violationLines(ours.violations)).toEqual(violationLines(builders.violations));
  expect(ours.violations.length).toBeGreaterThanOrEqual(4);

  // `include` audits only inside the selector: the header has none of the planted problems.
  expect(await auditAccessibility(page, { include: '#planted' })).not.toEqual([]);
  expect(await auditAccessibility(page, { include: 'header' })).toEqual([]);

  // A new document has no axe in it: the audit puts it in again.
  await page.reload();
  await expect(page.getByTestId('app-shell')).toBeVisible();
  expect(await page.evaluate(() => 'axe' in window)).toBe(false);
  await expectAccessible(page, 'the start page after a reload');
  await plantProblems(page);
  expect((await auditAccessibility(page)).map((problem) => problem.rule)).toContain('image-alt');
});
