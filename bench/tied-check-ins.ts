// The live index's cost of one update holding many check-ins on one key result, by how their order stamps
// relate (review37b B1): all one stamp (a peer pushing entries at STAMP_MAX: equal stamps are ordered by
// place in the check-ins Y.Array), distinct stamps in order (the usual), distinct stamps newest first and in a
// random order (ties38: these were inserted one at a time, each shifting the node's range, until merged).
// Timed side by side on the same plan: applying the update to a replica whose index is open, then refresh().
import * as Y from 'yjs';
import { generatePlan } from '../shared/model/fixtures/generate-plan.js';
import { PlanIndex, STAMP_MAX, encodeCheckIn, planTypes } from '../shared/model/index.js';
import { median } from './harness.js';

const COUNT = Number(process.env.MODEL_BENCH_TIED_CHECKINS ?? 8_000);
const RUNS = Number(process.env.MODEL_BENCH_TIED_RUNS ?? 5);

/** 0 … COUNT − 1 in a fixed random order (a linear congruential generator, seed 38). */
const SHUFFLED: number[] = (() => {
  const order = Array.from({ length: COUNT }, (_, i) => i);
  let seed = 38;
  for (let i = COUNT - 1; i > 0; i--) { seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648; const j = seed % (i + 1); [order[i], order[j]] = [order[j]!, order[i]!]; }
  return order;
})();

const STAMPS = {
  tied: () => STAMP_MAX,
  distinct: (i: number, now: number) => now + 1_000 + i,
  newest_first: (i: number, now: number) => now + 1_000 + COUNT - i,
  random_order: (i: number, now: number) => now + 1_000 + SHUFFLED[i]!,
} as const;

/** Medians (ms) of applying one update of COUNT check-ins to a 2,000-node plan with 10,000 check-ins, and refreshing. */
export function tiedCheckInCost(): Record<string, number> {
  const source = new Y.Doc();
  const generated = generatePlan(source, { nodes: 2_000, checkIns: 10_000, seed: 5 });
  const base = Y.encodeStateAsUpdate(source);
  const now = generated.now;
  const keyResult = generated.ids.key_result[0]!;
  const updates = Object.fromEntries(Object.entries(STAMPS).map(([name, stampOf]) => {
    const peer = new Y.Doc();
    Y.applyUpdate(peer, base);
    const before = Y.encodeStateVector(peer);
    const entries = Array.from({ length: COUNT }, (_, i) => encodeCheckIn({
      id: `bench-${i}`, nodeId: keyResult, at: stampOf(i, now), by: 'eve', value: i % 100, confidence: null, status: null, blocker: false, note: '', unit: '', clears: [],
    }));
    peer.transact(() => planTypes(peer).checkins.push(entries));
    return [name, Y.encodeStateAsUpdate(peer, before)];
  })) as Record<keyof typeof STAMPS, Uint8Array>;
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(STAMPS).map((name) => [name, []]));
  // Side by side: each run times every kind on a fresh replica (the first run is a warm-up).
  for (let run = 0; run <= RUNS; run++) {
    for (const name of Object.keys(STAMPS) as (keyof typeof STAMPS)[]) {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, base);
      const index = new PlanIndex(doc, { now });
      const start = performance.now();
      Y.applyUpdate(doc, updates[name]);
      index.refresh(now);
      const took = performance.now() - start;
      if (index.checkIns(keyResult).length < COUNT) throw new Error(`${name}: the check-ins did not arrive`);
      index.destroy();
      if (run > 0) samples[name]!.push(took);
    }
  }
  const label = `${COUNT}`;
  const metrics: Record<string, number> = {};
  for (const name of Object.keys(STAMPS)) metrics[`${name}_checkins_${label}_ms`] = median(samples[name]!);
  metrics[`tied_over_distinct_checkins_${label}`] = metrics[`tied_checkins_${label}_ms`]! / metrics[`distinct_checkins_${label}_ms`]!;
  metrics[`newest_first_over_distinct_checkins_${label}`] = metrics[`newest_first_checkins_${label}_ms`]! / metrics[`distinct_checkins_${label}_ms`]!;
  return metrics;
}
