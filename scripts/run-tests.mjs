// `npm test`: the static checks, the build and every test runner, so CI's one command covers
// everything. Runs every test runner even when another fails, so the summary counts what each found
// instead of reporting one as missing; a failed check (tsc, lint) stops them, as does an interruption;
// exits non-zero if anything failed.
//
// The order: the checks and the build side by side (each is one mostly single-threaded process, so on
// two cores the stage takes about as long as its longest job), then vitest alone, then Playwright on the
// build. vitest's server files check wall-clock limits, so nothing else runs beside them.
// THROUGHLINE_TEST_LANES=2 runs Playwright beside the checks and vitest instead (testtime2): measured on
// a quiet two-core machine it took as long (1,700 s against ~1,680 s: Playwright alone already keeps both
// cores busy) and slowed vitest's server files by 2.3×, so it is not the default (docs/testing.md).
// A failed lint or typecheck still fails `npm test` at once: the runners are stopped and it exits 1.
import { spawn } from 'node:child_process';
import { availableParallelism, constants as osConstants, setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';

const windows = process.platform === 'win32';
const npm = windows ? 'npm.cmd' : 'npm';
const npx = windows ? 'npx.cmd' : 'npx';
/** The runners' own command-line entries (what npx runs), run with this Node: a signal to the process then reaches the runner itself. */
const playwrightCli = fileURLToPath(new URL('../node_modules/@playwright/test/cli.js', import.meta.url));
const vitestCli = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));

/** The build, which the end-to-end tests need. `build:node` is `tsc -p tsconfig.node.json` with emit: it reports exactly the type errors of the typecheck's `tsc -p tsconfig.node.json --noEmit`, so that second compilation is not repeated. */
const buildJobs = [
  { name: 'build:node (and the typecheck of tsconfig.node.json)', command: npm, args: ['run', 'build:node'], kind: 'check' },
  { name: 'build:web', command: npm, args: ['run', 'build:web'], kind: 'build' },
];

/** The other checks of `npm run lint` and `npm run typecheck`, longest first. */
const checkJobs = [
  { name: 'typecheck (tsc -p tsconfig.json)', command: npx, args: ['tsc', '-p', 'tsconfig.json'], kind: 'check' },
  { name: 'lint', command: npm, args: ['run', 'lint'], kind: 'check' },
];

/** Children still running, to be stopped if a check fails or `npm test` itself is interrupted. */
const running = new Set();

/** Keeps `child` among the running ones until it closes, then calls `done` with its exit code and its output (stdout and stderr as they came). */
function whenClosed(child, done) {
  running.add(child);
  const chunks = [];
  child.stdout.on('data', (chunk) => chunks.push(chunk));
  child.stderr.on('data', (chunk) => chunks.push(chunk));
  child.on('error', (error) => chunks.push(Buffer.from(`${error.message}\n`)));
  child.on('close', (code) => {
    running.delete(child);
    done(code, Buffer.concat(chunks).toString('utf8'));
  });
}

/**
 * large-plan.spec.ts's 100,000-node plan, generated into .tmp/ when missing (a fresh clone), while vitest
 * runs and at the lowest priority: it then takes only CPU vitest leaves idle (its server files wait on
 * sockets and timers most of the time) instead of half a minute of the browser test's. Resolves when it
 * is done, with what to print; on a failure the browser test generates the plan itself, as it does alone.
 */
function prepareLargePlan() {
  const started = performance.now();
  const script = fileURLToPath(new URL('../test/e2e/support/prepare-large-plan.ts', import.meta.url));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    try { setPriority(child.pid, osConstants.priority.PRIORITY_LOW); } catch { /* not allowed here: it runs at the normal priority */ }
    whenClosed(child, (code, captured) => {
      const output = captured.trim();
      // Printed once vitest is done, so that its lines and vitest's do not interleave.
      resolve(`\n> large plan for the browser tests: ${code === 0 ? 'ok' : 'FAILED (large-plan.spec.ts generates it itself)'} in ${((performance.now() - started) / 1000).toFixed(1)} s\n${output}`);
    });
  });
}

/** Runs a job with its output captured, so that jobs running side by side do not interleave lines. */
function runCaptured(job) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(job.command, job.args, { shell: windows, env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' } });
    whenClosed(child, (code, output) => {
      const result = { job, ok: code === 0, output, seconds: (performance.now() - started) / 1000 };
      process.stdout.write(`\n> ${job.name}: ${result.ok ? 'ok' : 'FAILED'} in ${result.seconds.toFixed(1)} s\n${result.output}`);
      resolve(result);
    });
  });
}

/** Runs the jobs at most `slots` at a time, printing each one's output whole as it ends. */
async function runSideBySide(jobs, slots) {
  const waiting = [...jobs];
  const results = [];
  const worker = async () => {
    for (let job = waiting.shift(); job; job = waiting.shift()) results.push(await runCaptured(job));
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(slots, jobs.length)) }, worker));
  return results;
}

/** Runs a job with the terminal's output (Playwright's progress is shown as it goes). */
function runInherited(job) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(job.command, job.args, { stdio: 'inherit', shell: windows });
    running.add(child);
    child.on('error', () => { running.delete(child); resolve({ job, ok: false, seconds: (performance.now() - started) / 1000 }); });
    child.on('close', (code) => { running.delete(child); resolve({ job, ok: code === 0, seconds: (performance.now() - started) / 1000 }); });
  });
}

/** Stops every runner still going: SIGINT, as Ctrl-C, so Playwright closes its browsers and servers. */
function stopRunning() {
  for (const child of running) child.kill('SIGINT');
}
// Ctrl-C reaches the runners from the terminal itself (a second SIGINT would make Playwright quit
// without closing its browsers); a SIGTERM, as a cancelled CI job sends, is passed on.
// Once interrupted no further job starts, and npm test exits as an interrupted process does whatever the
// runners then return (review24: a Ctrl-C during vitest used to start the whole Playwright suite next).
let interrupted = null;
process.on('SIGINT', () => { interrupted ??= 130; });
process.on('SIGTERM', () => { interrupted ??= 143; stopRunning(); });
/** Exits with `ok`'s status, or the interrupting signal's. */
const finish = (ok) => process.exit(interrupted ?? (ok ? 0 : 1));

let checkFailed = false;
const failCheck = (results) => {
  const failed = results.filter((result) => !result.ok && result.job.kind === 'check');
  if (failed.length === 0) return false;
  checkFailed = true;
  console.error(`failed: ${failed.map((result) => result.job.name).join(', ')}; stopping the test runners`);
  stopRunning();
  return true;
};

const started = performance.now();
const since = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
/** The default order (above); THROUGHLINE_TEST_LANES=2 runs the two lanes below instead. */
if (process.env.THROUGHLINE_TEST_LANES !== '2') {
  const results = await runSideBySide([...checkJobs, ...buildJobs], Math.max(2, availableParallelism()));
  console.log(`\nchecks and build: ${since()}`);
  if (failCheck(results) || interrupted) finish(false);
  const builtAlone = results.every((result) => result.ok);
  const largePlan = builtAlone ? prepareLargePlan() : undefined;
  const vitest = await runInherited({ name: 'vitest', command: process.execPath, args: [vitestCli, 'run'] });
  if (largePlan) console.log(await largePlan);
  const playwright = builtAlone && !interrupted ? await runInherited({ name: 'playwright', command: process.execPath, args: [playwrightCli, 'test'] }) : undefined;
  if (!builtAlone) console.error('build failed: the end-to-end tests did not run');
  console.log(`\nnpm test: ${since()}`);
  finish(builtAlone && vitest.ok && playwright?.ok === true);
}

const buildResults = await runSideBySide(buildJobs, Math.max(2, availableParallelism()));
console.log(`\nbuild: ${since()}`);
// A failed typecheck of tsconfig.node.json stops `npm test` before the runners, as `lint && typecheck && …` did.
if (failCheck(buildResults) || interrupted) finish(false);
const built = buildResults.every((result) => result.ok);

const playwrightLane = async () => {
  if (!built) {
    console.error('build failed: the end-to-end tests did not run');
    return false;
  }
  if (interrupted) return false;
  const result = await runInherited({ name: 'playwright', command: process.execPath, args: [playwrightCli, 'test'] });
  console.log(`\nplaywright: ${result.ok ? 'ok' : 'FAILED'} in ${result.seconds.toFixed(1)} s (at ${since()})`);
  return result.ok;
};

const otherLane = async () => {
  // One check at a time: beside Playwright, two at once would only take the cores from it.
  for (const job of checkJobs) {
    if (interrupted || failCheck([await runCaptured(job)])) return false;
  }
  if (interrupted) return false;
  console.log(`\nchecks: done at ${since()}`);
  // vitest's output is printed whole when it ends, so that its lines and Playwright's do not interleave.
  const result = await runCaptured({ name: 'vitest', command: process.execPath, args: [vitestCli, 'run'], kind: 'runner' });
  console.log(`vitest: done at ${since()}`);
  return result.ok;
};

const [playwrightOk, otherOk] = await Promise.all([playwrightLane(), otherLane()]);
console.log(`\nnpm test: ${since()}`);
finish(!checkFailed && built && playwrightOk && otherOk);
