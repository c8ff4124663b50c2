// The cost of one write against how many rename and field-edit records a plan holds. Each
// `updateNode` / `setTitle` reads its node's records; they used to be found by scanning the whole
// map (cost growing with every record in the plan), now through a per-node key index (RecordKeys).
// Both lookups are timed side by side on the same maps, and whole writes at 1k and 50k records.
import * as Y from 'yjs';
import { generatePlan } from '../shared/model/fixtures/generate-plan.js';
import { openPlan } from '../shared/model/index.js';
import { fieldEditKey, fieldEditsOf } from '../shared/model/field-edits.js';
import { renameKey, renamesOf } from '../shared/model/renames.js';
import { RecordKeys } from '../shared/model/records-by-node.js';
import { fieldEditKeyNode } from '../shared/model/field-edits.js';
import { renameKeyNode } from '../shared/model/renames.js';
import { median } from './harness.js';

const WRITES = 200;

/**
 * A plan of 2,000 nodes whose maps hold `records` field edits and as many renames: one per task, the
 * rest on other nodes (so what the written node holds stays the same, and only the plan grows).
 */
function planWithRecords(records: number) {
  const doc = new Y.Doc();
  const generated = generatePlan(doc, { nodes: 2000, checkIns: 0, seed: 3 });
  const tasks = generated.ids.task;
  const fieldEdits = doc.getMap<unknown>('fieldEdits');
  const renames = doc.getMap<unknown>('renames');
  doc.transact(() => {
    for (let i = 0; i < records; i++) {
      const node = i < tasks.length ? tasks[i]! : `other${i}`;
      fieldEdits.set(fieldEditKey(node, 'unit', `old${i}`), { value: `u${i}`, after: [], by: 'bench', at: i });
      renames.set(renameKey(node, 'description', `old${i}`), { after: [], start: 0, end: 0, baseLength: 0, next: `d${i}`, by: 'bench', at: i });
    }
  });
  return { doc, generated, tasks, fieldEdits, renames };
}

function timeEach(count: number, run: (i: number) => void): number[] {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    run(i);
    samples.push(performance.now() - start);
  }
  return samples;
}

/** Median lookup and write costs at 1k and 50k records; the ratios show what grows with the plan. */
export function recordWriteCost(): Record<string, number> {
  const metrics: Record<string, number> = {};
  for (const records of [1_000, 50_000]) {
    const { doc, generated, tasks, fieldEdits, renames } = planWithRecords(records);
    const fieldKeys = new RecordKeys(fieldEdits, fieldEditKeyNode);
    const renameKeys = new RecordKeys(renames, renameKeyNode);
    const node = (i: number) => tasks[(i * 7) % tasks.length]!;
    // Side by side on the same maps: the whole-map scan (before) and the per-node keys (now).
    const scan = timeEach(WRITES, (i) => { fieldEditsOf(fieldEdits, node(i), 'unit'); renamesOf(renames, node(i), 'description'); });
    const indexed = timeEach(WRITES, (i) => { fieldEditsOf(fieldEdits, node(i), 'unit', fieldKeys.keysOf(node(i))); renamesOf(renames, node(i), 'description', renameKeys.keysOf(node(i))); });
    let ids = 0;
    const plan = openPlan(doc, { now: () => generated.now, newId: () => `w${ids++}`, actor: 'bench' }, { now: generated.now });
    plan.updateNode(node(0), { status: 'in_progress' });
    const fieldWrites = timeEach(WRITES, (i) => plan.updateNode(node(i + 1), { status: i % 2 === 0 ? 'in_progress' : 'blocked' }));
    const renameWrites = timeEach(WRITES, (i) => plan.setTitle(node(i + 1), `Renamed ${i}`));
    plan.index.destroy();
    fieldKeys.destroy();
    renameKeys.destroy();
    const label = `${records / 1000}k_records`;
    metrics[`lookup_scan_${label}_ms`] = median(scan);
    metrics[`lookup_indexed_${label}_ms`] = median(indexed);
    metrics[`update_node_${label}_ms`] = median(fieldWrites);
    metrics[`set_title_${label}_ms`] = median(renameWrites);
  }
  metrics.lookup_scan_growth_ratio = metrics.lookup_scan_50k_records_ms! / metrics.lookup_scan_1k_records_ms!;
  metrics.lookup_indexed_growth_ratio = metrics.lookup_indexed_50k_records_ms! / metrics.lookup_indexed_1k_records_ms!;
  metrics.update_node_growth_ratio = metrics.update_node_50k_records_ms! / metrics.update_node_1k_records_ms!;
  metrics.set_title_growth_ratio = metrics.set_title_50k_records_ms! / metrics.set_title_1k_records_ms!;
  return metrics;
}
