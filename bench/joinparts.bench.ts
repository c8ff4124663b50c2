// The server's answer to fresh joins of a large plan: one sync step 2 (the old path, forced with a
// reply part bound above the plan's size) against paced parts of 1 MiB, side by side in one run.
// Each path gets its own server process (SQLite): the plan is uploaded once, then several fresh
// clients join at once; the server's peak RSS (VmHWM) and each join's time are measured.
import * as Y from 'yjs';
import { generatePlan } from '../shared/model/fixtures/generate-plan.js';
import type { BenchResult } from './harness.js';
import { median } from './harness.js';
import { joinRound } from './fresh-join.js';

const mebibyte = 1024 * 1024;
const planNodes = 20_000;
const joiners = 4;

interface PathFigures {
  readonly peakRssMb: number;
  readonly joinMs: number;
}

async function measure(replyPartBytes: number, plan: Uint8Array): Promise<PathFigures> {
  // The plan goes up once as a join upload (under the 64 MiB allowance), then the room is loaded.
  const round = await joinRound(plan, { joiners, serveArgs: ['--max-reply-part-bytes', String(replyPartBytes)], uploadDeflate: true });
  return { peakRssMb: round.peakRssMb, joinMs: median(round.joins.map((join) => join.ms)) };
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
