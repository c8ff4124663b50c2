// The server's answer to fresh joins of a large plan: one sync step 2 (the old path, forced with a
// reply part bound above the plan's size) against paced parts of 1 MiB, side by side in one run.
// Each path gets its own server process (SQLite): the plan is uploaded once, then several fresh
// clients join at once; the server's peak RSS (VmHWM) and each join's time are measured.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { generatePlan } from '../shared/model/fixtures/generate-plan.js';
import type { BenchResult } from './harness.js';
import { median } from './harness.js';
import { freshJoin } from './fresh-join.js';
import { spawnListeningServer } from './server-process.js';

const root = path.resolve(import.meta.dirname, '..');
const mebibyte = 1024 * 1024;
const planNodes = 20_000;
const joiners = 4;
const secret = 'bench-secret-0123456789abcdef0123456789';

interface PathFigures {
  readonly peakRssMb: number;
  readonly joinMs: number;
}

async function measure(replyPartBytes: number, plan: Uint8Array): Promise<PathFigures> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'throughline-joinparts-bench-'));
  const cli = ['--import', 'tsx', path.join(root, 'sync-server', 'cli.ts')];
  const env = { ...process.env, THROUGHLINE_SECRET: secret };
  const token = execFileSync(process.execPath, [...cli, 'token', '--data', dataDir, '--workspace', 'bench', '--role', 'editor'], { env, encoding: 'utf8' }).trim();
  const server = await spawnListeningServer([...cli, 'serve', '--port', '0', '--data', dataDir, '--log-level', 'warn', '--request-timeout-ms', '60000', '--max-reply-part-bytes', String(replyPartBytes)], { cwd: root, env });
  const url = `${server.wsBase}/bench/plan?token=${token}`;
  try {
    // The plan goes up once as a join upload (under the 64 MiB allowance), then the room is loaded.
    await freshJoin(url, { upload: plan });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const joins = await Promise.all(Array.from({ length: joiners }, () => freshJoin(url)));
    for (const join of joins) {
      if (Y.encodeStateAsUpdate(join.doc).byteLength < plan.byteLength * 0.99) throw new Error('a joiner did not receive the whole plan');
    }
    const peakKb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.child.pid}/status`, 'utf8'))?.[1] ?? 0);
    return { peakRssMb: peakKb / 1024, joinMs: median(joins.map((join) => join.ms)) };
  } finally {
    await new Promise<void>((done) => {
      server.child.once('exit', () => done());
      server.child.kill('SIGTERM');
    });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchResult> {
  const doc = new Y.Doc();
  generatePlan(doc, { nodes: planNodes });
  const plan = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  // Alternating order, so neither path always runs on the busier half of the run.
  const single = [await measure(256 * mebibyte, plan)];
  const parted = [await measure(mebibyte, plan)];
  parted.push(await measure(mebibyte, plan));
  single.push(await measure(256 * mebibyte, plan));
  const figures = (runs: PathFigures[]) => ({ rss: median(runs.map((r) => r.peakRssMb)), ms: median(runs.map((r) => r.joinMs)) });
  const one = figures(single);
  const parts = figures(parted);
  return {
    area: 'joinparts',
    metrics: {
      plan_20k_mb: plan.byteLength / 1e6,
      server_peak_rss_parted_mb: parts.rss,
      server_peak_rss_single_mb: one.rss,
      peak_rss_ratio_parted_vs_single: parts.rss / one.rss,
      join_parted_ms: parts.ms,
      join_single_ms: one.ms,
      join_time_ratio_parted_vs_single: parts.ms / one.ms,
    },
    notes: [`${joiners} fresh joiners at once of a ${planNodes}-node plan (${(plan.byteLength / 1e6).toFixed(1)} MB), SQLite server process; medians of 2 runs per path, alternating`],
  };
}
