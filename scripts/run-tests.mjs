// Runs every test runner even when an earlier one fails, so the summary counts what each found
// instead of reporting the later runners as missing; exits non-zero if any failed.
import { spawnSync } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let failed = false;
for (const script of ['test:unit', 'test:e2e']) {
  const result = spawnSync(npm, ['run', script], { stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
