// Totals every test runner's JSON report into the one line CI reads: "N passed, N failed".
// A runner that should have run but left no report counts as one failure, so a broken step is never
// reported as green.
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';

const reports = [
  { name: 'vitest', file: 'test-results/vitest.json', failures: (r) => vitestFailures(r), count: (r) => ({ passed: r.numPassedTests ?? 0, failed: (r.numFailedTests ?? 0) + countSuitesThatFailedToLoad(r) }) },
  { name: 'playwright', file: 'test-results/playwright.json', failures: (r) => playwrightFailures(r), count: (r) => ({ passed: (r.stats?.expected ?? 0) + (r.stats?.flaky ?? 0), failed: (r.stats?.unexpected ?? 0) + (r.errors?.length ?? 0) }) },
];

/** A suite that failed without a failing test failed to load (a syntax or import error): one failure. */
function countSuitesThatFailedToLoad(report) {
  return (report.testResults ?? []).filter((suite) => suite.status === 'failed' && !(suite.assertionResults ?? []).some((t) => t.status === 'failed')).length;
}

/** One line per failed test, so that the tail of a CI log, which may be all anyone sees, names them. */
function vitestFailures(report) {
  const lines = [];
  for (const suite of report.testResults ?? []) {
    const file = relative(process.cwd(), suite.name ?? '');
    const failedTests = (suite.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const test of failedTests) lines.push(`failed: ${file} > ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
    if (suite.status === 'failed' && failedTests.length === 0) lines.push(`failed: ${file} (did not load): ${firstLine(suite.message)}`);
  }
  return lines;
}

/**
 * One line per failed test, and one per test that failed and then passed on its retry (counted as
 * passed, but named with its first failure: a flaky test is a defect to fix, never to hide).
 */
function playwrightFailures(report) {
  const lines = (report.errors ?? []).map((error) => `failed: (outside a test): ${firstLine(error.message)}`);
  const visit = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'unexpected' && test.status !== 'flaky') continue;
        const error = (test.results ?? []).map((result) => result.error?.message).find(Boolean);
        const prefix = test.status === 'flaky' ? 'flaky (failed, then passed on its retry): ' : 'failed: ';
        lines.push(`${prefix}${spec.file}:${spec.line} > ${spec.title}: ${firstLine(error)}`);
      }
    }
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of report.suites ?? []) visit(suite);
  return lines;
}

function firstLine(text) {
  // eslint-disable-next-line no-control-regex -- the reporters' messages carry terminal colours
  const plain = String(text ?? 'no message').replace(/\u001b\[[0-9;]*m/g, '').trim();
  const line = plain.split('\n')[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

let passed = 0;
let failed = 0;
for (const report of reports) {
  if (!existsSync(report.file)) {
    console.log(`${report.name}: no report (the step before it failed or it did not run)`);
    failed += 1;
    continue;
  }
  const parsed = JSON.parse(readFileSync(report.file, 'utf8'));
  const counts = report.count(parsed);
  for (const line of report.failures(parsed)) console.log(`${report.name} ${line}`);
  console.log(`${report.name}: ${counts.passed} passed, ${counts.failed} failed`);
  passed += counts.passed;
  failed += Math.max(0, counts.failed);
}
// npm test failed in a step that is not a test runner (lint, typecheck, build): still one failure.
if (process.argv.includes('--checks-failed') && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
