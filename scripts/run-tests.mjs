// `npm test`: the static checks and the build, then every test runner, so CI's one command covers
// everything. Runs every test runner even when an earlier one fails, so the summary counts what each
// found instead of reporting the later runners as missing; exits non-zero if anything failed.
//
// Stage 1 runs the checks and the build side by side: none reads another's output, and each is one
// mostly single-threaded process, so on CI's two cores this stage takes about as long as its longest
// job instead of the sum (docs/testing.md has the figures). The build is done here rather than between
// the runners so that it never competes with vitest's timing-sensitive tests for the cores.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

const windows = process.platform === 'win32';
const npm = windows ? 'npm.cmd' : 'npm';
const npx = windows ? 'npx.cmd' : 'npx';

/**
 * The checks of `npm run lint` and `npm run typecheck`, and `npm run build`, longest first.
 * `build:node` is `tsc -p tsconfig.node.json` with emit: it reports exactly the type errors of the
 * typecheck's `tsc -p tsconfig.node.json --noEmit`, so that second compilation is not repeated.
 */
const stageOne = [
  { name: 'typecheck (tsc -p tsconfig.json)', command: npx, args: ['tsc', '-p', 'tsconfig.json'], kind: 'check' },
  { name: 'lint', command: npm, args: ['run', 'lint'], kind: 'check' },
  { name: 'build:node (and the typecheck of tsconfig.node.json)', command: npm, args: ['run', 'build:node'], kind: 'check' },
  { name: 'build:web', command: npm, args: ['run', 'build:web'], kind: 'build' },
];

/** Runs a job with its output captured, so that jobs running side by side do not interleave lines. */
function runCaptured(job) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(job.command, job.args, { shell: windows, env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' } });
    const chunks = [];
    child.stdout.on('data', (chunk) => chunks.push(chunk));
    child.stderr.on('data', (chunk) => chunks.push(chunk));
    child.on('error', (error) => chunks.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (code) => resolve({ job, ok: code === 0, output: Buffer.concat(chunks).toString('utf8'), seconds: (performance.now() - started) / 1000 }));
  });
}

/** Runs the jobs at most `slots` at a time, printing each one's output whole as it ends. */
async function runSideBySide(jobs, slots) {
  const waiting = [...jobs];
  const results = [];
  const worker = async () => {
    for (let job = waiting.shift(); job; job = waiting.shift()) {
      const result = await runCaptured(job);
      process.stdout.write(`\n> ${job.name}: ${result.ok ? 'ok' : 'FAILED'} in ${result.seconds.toFixed(1)} s\n${result.output}`);
      results.push(result);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(slots, jobs.length)) }, worker));
  return results;
}

function runInherited(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', shell: windows });
    child.on('error', () => resolve(false));
    child.on('close', (code) => resolve(code === 0));
  });
}

const stageOneStarted = performance.now();
const results = await runSideBySide(stageOne, Math.max(2, availableParallelism()));
console.log(`\nchecks and build: ${((performance.now() - stageOneStarted) / 1000).toFixed(1)} s`);
// A failed lint or typecheck stops `npm test` before the runners, as `lint && typecheck && …` did.
if (results.some((result) => !result.ok && result.job.kind === 'check')) {
  console.error(`failed: ${results.filter((result) => !result.ok).map((result) => result.job.name).join(', ')}`);
  process.exit(1);
}
const built = results.every((result) => result.ok);

let failed = !built;
if (!(await runInherited(npm, ['run', 'test:unit']))) failed = true;
// The end-to-end tests run on the build of stage 1 (`npm run test:e2e` alone builds first).
if (built) {
  if (!(await runInherited(npx, ['playwright', 'test']))) failed = true;
} else {
  console.error('build failed: the end-to-end tests did not run');
}
process.exit(failed ? 1 : 0);
