// How long the built sync server takes from spawn until it prints its URL (what every e2e spec and
// `npm start` wait for). Usage: node scripts/server-start-time.mjs [starts=12] [entry=dist/sync-server/cli.js]
// Prints each start's wall time, and the medians of wall and of the server's CPU until then. A probe for docs/benchmarks.md (testtime7).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const starts = Number(process.argv[2] ?? 12);
const entry = process.argv[3] ?? 'dist/sync-server/cli.js';

function startOnce() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'throughline-start-'));
  const began = process.hrtime.bigint();
  const child = spawn(process.execPath, [entry, 'serve', '--port', '0', '--host', '127.0.0.1', '--data', dataDir]);
  return new Promise((resolve, reject) => {
    let printed = '';
    child.stdout.on('data', (chunk) => {
      printed += chunk;
      if (!/"url":"http/.test(printed)) return;
      const ms = Number(process.hrtime.bigint() - began) / 1e6;
      const cpuMs = cpuOf(child.pid);
      child.once('exit', () => { rmSync(dataDir, { recursive: true, force: true }); resolve({ ms, cpuMs }); });
      child.kill('SIGTERM');
    });
    child.stderr.on('data', (chunk) => { printed += chunk; });
    child.once('exit', (code) => { if (!/"url":"http/.test(printed)) reject(new Error(`exited ${code}: ${printed}`)); });
  });
}

/** The process's CPU so far (user + system), in ms. */
function cpuOf(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const median = (values) => Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]);
const runs = [];
for (let i = 0; i < starts; i += 1) runs.push(await startOnce());
console.log(JSON.stringify({ entry, wallMs: runs.map((run) => Math.round(run.ms)), medianWallMs: median(runs.map((run) => run.ms)), medianCpuMs: median(runs.map((run) => run.cpuMs)) }));
