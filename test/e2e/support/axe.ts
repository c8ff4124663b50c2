import { createRequire } from 'node:module';
import { expect, test, type Page } from '@playwright/test';
import type { AxeResults, RunOptions } from 'axe-core';

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

/**
 * Only violations are read, so axe builds the selectors of every node only for them (`resultTypes`:
 * passed and inapplicable rules keep one node each). Which rules run and what they find is unchanged.
 */
const violationsOnly: RunOptions = { resultTypes: ['violations'] };

/** The options of the WCAG audit (`expectAccessible`, `auditAccessibility`). */
const wcagAudit: RunOptions = { ...violationsOnly, runOnly: { type: 'tag', values: [...wcagTags] }, rules: { region: { enabled: true }, 'label-content-name-mismatch': { enabled: true } } };

/**
 * axe-core's own script: the package @axe-core/playwright depends on and injected (the same version,
 * resolved from there so that the two cannot differ).
 */
const axeSource = (createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright'))('axe-core') as { source: string }).source;

/** What `axeResults` asks of axe: the rules, and which result types to collect in full. */
export interface AxeRun {
  options?: RunOptions;
  /** A CSS selector: audit only inside it (axe's `include` context). */
  include?: string;
}

/**
 * Runs axe-core in the page's document and returns its results: the same `axe.run` with the same
 * options as @axe-core/playwright's `AxeBuilder.analyze()`, but axe's script is put into a document once
 * and then reused. The builder put its 550 KB script into the page again on every audit, ran each audit
 * in two halves (`runPartial` in the page, `finishRun` in a new blank page it opened in the same browser
 * context for the purpose, with axe injected there too), and sent back every passed and inapplicable
 * node: ~2–3 s of Chromium's CPU per audit on the sample plan, against ~0.5–0.6 s this way (docs/testing.md,
 * testtime8). The app's pages have no frames, which is what the two halves are for.
 */
export async function axeResults(page: Page, run: AxeRun = {}): Promise<AxeResults> {
  for (let injected = 0; ; injected += 1) {
    const results = await page.evaluate(async ({ options, include }) => {
      const axe = (window as unknown as { axe?: { run: (context: unknown, options: unknown) => Promise<AxeResults> } }).axe;
      if (!axe) return undefined;
      return axe.run(include === undefined ? document : { include: [include] }, options);
    }, { options: run.options ?? {}, include: run.include });
    if (results) return results;
    // Not there yet (first audit of this document, or the page navigated since): put it in, then run.
    if (injected === 2) throw new Error(`axe-core could not be put into ${page.url()}`);
    await page.evaluate(axeSource);
  }
}

/** One violation, short enough to read in a failure message. */
export interface AccessibilityProblem {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Runs axe on the page (optionally only inside `include`) and returns what must be fixed. */
export async function auditAccessibility(page: Page, options: { include?: string } = {}): Promise<AccessibilityProblem[]> {
  const results = await axeResults(page, { options: wcagAudit, include: options.include });
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
  const problems = await test.step(`axe audit: ${what}`, () => auditAccessibility(page, options));
  const report = problems.map((problem) => `${problem.rule} (${problem.impact}): ${problem.help}\n    ${problem.targets.join('\n    ')}`).join('\n');
  expect(problems, `accessibility problems in ${what}:\n${report}`).toEqual([]);
}

/**
 * Serious or critical findings of every axe rule (not only the WCAG tags) on the whole page, one line
 * each with the elements concerned: for tests that audit a whole screen (header, canvas, panels).
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await test.step('axe audit: serious violations', () => axeResults(page, { options: violationsOnly }));
  return results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}
