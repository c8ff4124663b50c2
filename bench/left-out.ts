// The full derivation of a plan whose objective holds many key results of unknown progress (review37b B6:
// the names a figure leaves out were gathered with Array.includes, quadratic in them), side by side with the
// same plan whose key results are measured. Bounds crossed (target below the start) are stored as a peer that
// skips the operations' checks can.
import * as Y from 'yjs';
import { PlanIndex, ROOT_ID, openPlan, planTypes } from '../shared/model/index.js';
import { median } from './harness.js';

const COUNT = Number(process.env.MODEL_BENCH_LEFT_OUT ?? 20_000);
const RUNS = Number(process.env.MODEL_BENCH_LEFT_OUT_RUNS ?? 3);
const NOW = Date.UTC(2027, 0, 4);

function planOf(unknown: boolean): Y.Doc {
  const doc = new Y.Doc();
  let ids = 0;
  const plan = openPlan(doc, { now: () => NOW, newId: () => `lo${ids++}`, actor: 'bench' }, { now: NOW });
  const s = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
  const o = plan.createNode({ kind: 'objective', parent: s, title: 'Win EU' });
  const nodes = planTypes(doc).nodes;
  doc.transact(() => {
    for (let i = 0; i < COUNT; i++) {
      const id = plan.createNode({ kind: 'key_result', parent: o, title: `KR ${i}`, start: 100, target: 200, direction: 'increase' });
      if (unknown) (nodes.get(id) as Y.Map<unknown>).set('target', 0);
    }
  });
  plan.index.destroy();
  return doc;
}

/** Medians (ms) of a full index build of each plan. */
export function leftOutCost(): Record<string, number> {
  const docs = { left_out: planOf(true), measured: planOf(false) };
  const samples: Record<string, number[]> = { left_out: [], measured: [] };
  for (let run = 0; run <= RUNS; run++) {
    for (const name of ['left_out', 'measured'] as const) {
      const start = performance.now();
      const index = new PlanIndex(docs[name], { now: NOW });
      const took = performance.now() - start;
      index.destroy();
      if (run > 0) samples[name]!.push(took);
    }
  }
  return {
    [`left_out_${COUNT}_build_ms`]: median(samples.left_out!),
    [`measured_${COUNT}_build_ms`]: median(samples.measured!),
    [`left_out_over_measured_${COUNT}`]: median(samples.left_out!) / median(samples.measured!),
  };
}
