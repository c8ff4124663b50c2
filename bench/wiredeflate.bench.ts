// permessage-deflate on the sync server (--per-message-deflate) against no compression, side by side
// in one run: fresh joins of a large plan by stock ws clients (which offer permessage-deflate, as
// browsers do). Each path gets its own server process (SQLite): the plan is uploaded once, then
// several fresh clients join at once. Measured: bytes that crossed the wire to the joiners, the
// server's CPU time during the joins (/proc), each join's time, the server's peak RSS.
// WIREDEFLATE_NODES=100000 for the 100,000-node plan.
import * as Y from 'yjs';
import { generatePlan } from '../shared/model/fixtures/generate-plan.js';
import type { BenchResult } from './harness.js';
import { median } from './harness.js';
import { joinRound } from './fresh-join.js';

const mebibyte = 1024 * 1024;
const planNodes = Number(process.env.WIREDEFLATE_NODES ?? 20_000);
const joiners = 4;
/** A link of 50 Mbit/s, to say what the bytes would cost off loopback. */
const linkBytesPerSecond = 50e6 / 8;

interface PathFigures { readonly wireMb: number; readonly cpuS: number; readonly joinMs: number; readonly peakRssMb: number }

async function measure(deflate: boolean, plan: Uint8Array): Promise<PathFigures> {
  // Uploads go uncompressed in both paths: only the answers are compared.
  const serveArgs = ['--max-join-bytes', String(256 * mebibyte), ...(deflate ? ['--per-message-deflate'] : [])];
  const round = await joinRound(plan, { joiners, serveArgs, uploadDeflate: false });
  for (const join of round.joins) {
    if (join.extensions.includes('permessage-deflate') !== deflate) throw new Error(`permessage-deflate was ${deflate ? 'not ' : ''}negotiated`);
  }
  return { wireMb: median(round.joins.map((join) => join.wireBytes)) / 1e6, cpuS: round.cpuSeconds, joinMs: median(round.joins.map((join) => join.ms)), peakRssMb: round.peakRssMb };
}

export async function run(): Promise<BenchResult> {
  const doc = new Y.Doc();
  generatePlan(doc, { nodes: planNodes });
  const plan = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  // Alternating order, so neither path always runs on the busier half of the run.
  const plain = [await measure(false, plan)];
  const deflated = [await measure(true, plan)];
  deflated.push(await measure(true, plan));
  plain.push(await measure(false, plan));
  const figures = (runs: PathFigures[]) => ({
    wire: median(runs.map((r) => r.wireMb)), cpu: median(runs.map((r) => r.cpuS)), ms: median(runs.map((r) => r.joinMs)), rss: median(runs.map((r) => r.peakRssMb)),
  });
  const off = figures(plain);
  const on = figures(deflated);
  const size = planNodes >= 1000 ? `${planNodes / 1000}k` : String(planNodes);
  return {
    area: 'wiredeflate',
    metrics: {
      [`plan_${size}_mb`]: plan.byteLength / 1e6,
      wire_per_join_deflate_mb: on.wire,
      wire_per_join_plain_mb: off.wire,
      wire_ratio_plain_vs_deflate: off.wire / on.wire,
      server_cpu_joins_deflate_s: on.cpu,
      server_cpu_joins_plain_s: off.cpu,
      join_deflate_ms: on.ms,
      join_plain_ms: off.ms,
      join_at_50mbit_deflate_ms: on.ms + (on.wire * 1e6 / linkBytesPerSecond) * 1000,
      join_at_50mbit_plain_ms: off.ms + (off.wire * 1e6 / linkBytesPerSecond) * 1000,
      server_peak_rss_deflate_mb: on.rss,
      server_peak_rss_plain_mb: off.rss,
    },
    notes: [`${joiners} fresh joiners at once of a ${planNodes}-node plan (${(plan.byteLength / 1e6).toFixed(1)} MB), SQLite server process, loopback; medians of 2 runs per path, alternating. join_at_50mbit adds the wire bytes' transfer time at 50 Mbit/s (an estimate, not measured).`],
  };
}
