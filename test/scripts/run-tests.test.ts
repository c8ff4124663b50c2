import { existsSync, readFileSync } from 'node:fs';
import { constants } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.join(import.meta.dirname, '..', '..');
const source = readFileSync(path.join(root, 'scripts', 'run-tests.mjs'), 'utf8');

// npm test makes large-plan.spec.ts's 100,000-node plan while vitest runs, at the lowest priority, and
// waits for it before Playwright (docs/testing.md, testtime13). A priority Node does not have makes
// setPriority throw into its catch, and the generation then competes with vitest's timed server files.
describe('npm test\'s large plan for the browser tests', () => {
  it('is generated at the lowest priority Node has', () => {
    const named = /osConstants\.priority\.(\w+)/.exec(source)?.[1];
    expect(named).toBeDefined();
    const priorities = constants.priority as Record<string, number>;
    expect(priorities[named!]).toBe(Math.max(...Object.values(priorities)));
  });

  it('runs the script that exists, from vitest\'s start until before Playwright starts', () => {
    const script = /new URL\('\.\.\/(test\/e2e\/support\/[\w-]+\.ts)', import\.meta\.url\)/.exec(source)?.[1];
    expect(script).toBe('test/e2e/support/prepare-large-plan.ts');
    expect(existsSync(path.join(root, script!))).toBe(true);
    const started = source.indexOf('= builtAlone ? prepareLargePlan()');
    const vitest = source.indexOf('args: [vitestCli, \'run\'] })', started);
    const awaited = source.indexOf('await largePlan', vitest);
    const playwright = source.indexOf('args: [playwrightCli, \'test\'] })', awaited);
    expect([started, vitest, awaited, playwright].every((at) => at > 0)).toBe(true);
  });
});
