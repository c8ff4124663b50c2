import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/**
 * The accessibility audit every end-to-end test of a view runs (reuse it for new views):
 *
 *   import { expectAccessible } from './support/axe.js';
 *   await expectAccessible(page, 'outline with the detail panel');
 *
 * axe-core with the WCAG 2.0/2.1/2.2 A and AA rules, plus the `region` rule (every piece of
 * content inside a landmark) and `label-content-name-mismatch` (WCAG 2.5.3 label in name: a
 * control's accessible name contains its visible text; experimental in axe, so enabled by name).
 * It fails listing each serious or critical violation (and any
 * `region` one) with the elements concerned; `auditAccessibility` returns them for a custom check.
 */
export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] as const;

/** One violation, short enough to read in a failure message. */
export interface AccessibilityProblem {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Runs axe on the page (optionally only inside `include`) and returns what must be fixed. */
export async function auditAccessibility(page: Page, options: { include?: string } = {}): Promise<AccessibilityProblem[]> {
  let builder = new AxeBuilder({ page }).options({ runOnly: { type: 'tag', values: [...wcagTags] }, rules: { region: { enabled: true }, 'label-content-name-mismatch': { enabled: true } } });
  if (options.include) builder = builder.include(options.include);
  const results = await builder.analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical' || violation.id === 'region')
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact ?? 'unknown',
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => `${node.target.join(' ')}${node.failureSummary ? ` — ${node.failureSummary.split('\n').slice(1, 2).join('').trim()}` : ''}`),
    }));
}

/** Fails the test when the page (or `include`) has a serious or critical violation, naming each. */
export async function expectAccessible(page: Page, what: string, options: { include?: string } = {}): Promise<void> {
  const problems = await auditAccessibility(page, options);
  const report = problems.map((problem) => `${problem.rule} (${problem.impact}): ${problem.help}\n    ${problem.targets.join('\n    ')}`).join('\n');
  expect(problems, `accessibility problems in ${what}:\n${report}`).toEqual([]);
}

/**
 * Serious or critical findings of every axe rule (not only the WCAG tags) on the whole page, one line
 * each with the elements concerned: for tests that audit a whole screen (header, canvas, panels).
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}
