// Totals every test runner's JSON report into the one line CI reads: "N passed, N failed".
// A runner that should have run but left no report counts as one failure, so a broken step is never
// reported as green.
import { existsSync, readFileSync } from 'node:fs';

const reports = [
  { name: 'vitest', file: 'test-results/vitest.json', count: (r) => ({ passed: r.numPassedTests ?? 0, failed: (r.numFailedTests ?? 0) + countSuitesThatFailedToLoad(r) }) },
  { name: 'playwright', file: 'test-results/playwright.json', count: (r) => ({ passed: (r.stats?.expected ?? 0) + (r.stats?.flaky ?? 0), failed: (r.stats?.unexpected ?? 0) + (r.errors?.length ?? 0) }) },
];

/** A suite that failed without a failing test failed to load (a syntax or import error): one failure. */
function countSuitesThatFailedToLoad(report) {
  return (report.testResults ?? []).filter((suite) => suite.status === 'failed' && !(suite.assertionResults ?? []).some((t) => t.status === 'failed')).length;
}

let passed = 0;
let failed = 0;
for (const report of reports) {
  if (!existsSync(report.file)) {
    console.log(`${report.name}: no report (the step before it failed or it did not run)`);
    failed += 1;
    continue;
  }
  const counts = report.count(JSON.parse(readFileSync(report.file, 'utf8')));
  console.log(`${report.name}: ${counts.passed} passed, ${counts.failed} failed`);
  passed += counts.passed;
  failed += Math.max(0, counts.failed);
}
// npm test failed in a step that is not a test runner (lint, typecheck, build): still one failure.
if (process.argv.includes('--checks-failed') && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
