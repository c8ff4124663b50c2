// Model benchmark: a generated plan of 20,000 nodes and a year of ~100,000 check-ins. Measures load
// from one encoded update, the index build, a full recompute, one edit brought up to date
// incrementally, and the encoded size — and, side by side, two alternative layouts of the same data:
// the naive one (Y.Map per node with a key per field, Y.Text title, Y.Array of Y.Map check-ins per
// node) and the per-field one (Y.Map per node, one key per field, packed check-in arrays).
import v8 from 'node:v8';
import vm from 'node:vm';
import * as Y from 'yjs';
import { generatePlan } from '../shared/model/fixtures/generate-plan.js';
import { PlanIndex, openPlan, decodeCheckIn, checkInTuple, type CheckIn } from '../shared/model/index.js';
import { readNodeRecord, readTitle } from '../shared/model/doc.js';
import { median, percentile, timeRuns, type BenchResult } from './harness.js';
import { recordWriteCost } from './record-writes.js';
import { tiedCheckInCost } from './tied-check-ins.js';
import { leftOutCost } from './left-out.js';

const NODES = Number(process.env.MODEL_BENCH_NODES ?? 20_000);
const CHECKINS = Number(process.env.MODEL_BENCH_CHECKINS ?? 100_000);
const RUNS = Number(process.env.MODEL_BENCH_RUNS ?? 5);
const EDITS = 40;

/** Rewrites a plan doc into another layout, to compare load cost and size on the same data. */
function rewrite(source: Y.Doc, layout: 'naive' | 'per-field'): Uint8Array {
  const target = new Y.Doc();
  const nodes = target.getMap<Y.Map<unknown>>('nodes');
  const byNode = new Map<string, CheckIn[]>();
  for (const raw of source.getArray('checkins').toArray()) {
    const checkIn = decodeCheckIn(raw);
    if (!checkIn) continue;
    const list = byNode.get(checkIn.nodeId) ?? [];
    list.push(checkIn);
    byNode.set(checkIn.nodeId, list);
  }
  target.transact(() => {
    for (const [id, node] of source.getMap<Y.Map<unknown>>('nodes')) {
      const record = readNodeRecord(id, node)!;
      const map = new Y.Map<unknown>();
      nodes.set(id, map);
      map.set('kind', record.kind);
      if (layout === 'naive') {
        map.set('parent', record.place.parent);
        map.set('order', record.place.order);
      } else map.set('place', record.place);
      map.set('title', new Y.Text(readTitle(node)));
      if (layout === 'per-field') map.set('description', new Y.Text());
      if (record.created) map.set('created', record.created);
      for (const [key, value] of Object.entries(record.fields)) map.set(key, value);
      if (layout === 'naive') {
        const checkIns = new Y.Array<Y.Map<unknown>>();
        map.set('checkins', checkIns);
        checkIns.push((byNode.get(id) ?? []).map((checkIn) => {
          const entry = new Y.Map<unknown>();
          for (const [key, value] of Object.entries(checkIn)) if (value !== null && value !== '' && key !== 'nodeId') entry.set(key, value);
          return entry;
        }));
      }
    }
    if (layout === 'per-field') target.getArray('checkins').push([...byNode.values()].flat().sort((a, b) => a.at - b.at).map(checkInTuple));
  });
  return Y.encodeStateAsUpdate(target);
}

/** A garbage collection on demand (for heap figures), without starting node with --expose-gc. */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

/** Heap growth (MB) of the loaded doc alone, and of doc + index. */
function heapOf(update: Uint8Array, now: number): { doc: number; total: number } {
  collectGarbage();
  const base = process.memoryUsage().heapUsed;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  collectGarbage();
  const withDoc = process.memoryUsage().heapUsed;
  const index = new PlanIndex(doc, { now });
  collectGarbage();
  const withIndex = process.memoryUsage().heapUsed;
  index.destroy();
  return { doc: (withDoc - base) / 1e6, total: (withIndex - base) / 1e6 };
}

/** Number of Yjs structs (items and GC ranges, merged) a doc holds. */
function itemCount(update: Uint8Array): number {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  let count = 0;
  for (const structs of doc.store.clients.values()) count += structs.length;
  return count;
}

function loadMs(update: Uint8Array): Promise<number[]> {
  return timeRuns(RUNS, () => Y.applyUpdate(new Y.Doc(), update));
}

export async function run(): Promise<BenchResult> {
  if (process.env.MODEL_BENCH_ONLY_TIES === '1') return { area: 'model', metrics: tiedCheckInCost() };
  if (process.env.MODEL_BENCH_ONLY_LEFT_OUT === '1') return { area: 'model', metrics: leftOutCost() };
  const records = recordWriteCost();
  if (process.env.MODEL_BENCH_ONLY_RECORDS === '1') return { area: 'model', metrics: records };
  const ties = tiedCheckInCost();
  const leftOut = leftOutCost();
  const source = new Y.Doc();
  const generated = generatePlan(source, { nodes: NODES, checkIns: CHECKINS, seed: 1 });
  const update = Y.encodeStateAsUpdate(source);
  const now = generated.now;

  const load = await loadMs(update);
  const build: number[] = [];
  const open: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const start = performance.now();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update);
    const loaded = performance.now();
    const index = new PlanIndex(doc, { now });
    const end = performance.now();
    index.destroy();
    if (i === 0) continue; // warm-up
    build.push(end - loaded);
    open.push(end - start);
  }

  // One plan, opened once, for the recompute and edit figures.
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  let ids = 0;
  const plan = openPlan(doc, { now: () => now, newId: () => `bench${ids++}`, actor: 'bench' }, { now });
  const index = plan.index;
  const full = await timeRuns(RUNS, () => index.fullRecompute(now));
  let later = now;
  const timeAdvance = await timeRuns(RUNS, () => index.refresh(++later));
  index.refresh(now);

  const edits: number[] = [];
  const refreshOnly: number[] = [];
  const { key_result: keyResults, task: tasks, initiative: initiatives } = generated.ids;
  for (let i = 0; i < EDITS; i++) {
    const start = performance.now();
    if (i % 2 === 0) plan.addCheckIn(keyResults[(i * 37) % keyResults.length]!, { value: 50 + i, confidence: 6 });
    else plan.updateNode(tasks[(i * 101) % tasks.length]!, { status: i % 4 === 1 ? 'done' : 'in_progress' });
    const written = performance.now();
    index.refresh(now);
    const end = performance.now();
    edits.push(end - start);
    refreshOnly.push(end - written);
  }
  const moves: number[] = [];
  const creates: number[] = [];
  for (let i = 0; i < 10; i++) {
    let start = performance.now();
    plan.moveNode(tasks[(i * 211) % tasks.length]!, { parent: initiatives[(i * 17) % initiatives.length]! });
    index.refresh(now);
    moves.push(performance.now() - start);
    start = performance.now();
    plan.createNode({ kind: 'task', parent: initiatives[(i * 31) % initiatives.length]!, title: `New task ${i}`, status: 'todo' });
    index.refresh(now);
    creates.push(performance.now() - start);
  }
  const heap = heapOf(update, now);

  const naive = rewrite(source, 'naive');
  const perField = rewrite(source, 'per-field');
  const naiveLoad = await loadMs(naive);
  const perFieldLoad = await loadMs(perField);

  const fullMs = median(full);
  const editMs = median(edits);
  return {
    area: 'model',
    metrics: {
      load_ms: median(load),
      index_build_ms: median(build),
      open_total_ms: median(open),
      full_compute_ms: fullMs,
      time_advance_ms: median(timeAdvance),
      incremental_edit_ms: editMs,
      incremental_edit_p95_ms: percentile(edits, 95),
      incremental_refresh_ms: median(refreshOnly),
      full_over_incremental: fullMs / editMs,
      move_edit_ms: median(moves),
      create_edit_ms: median(creates),
      encoded_bytes: update.length,
      yjs_items: itemCount(update),
      doc_heap_mb: heap.doc,
      doc_and_index_heap_mb: heap.total,
      naive_load_ms: median(naiveLoad),
      naive_encoded_bytes: naive.length,
      naive_yjs_items: itemCount(naive),
      per_field_load_ms: median(perFieldLoad),
      per_field_encoded_bytes: perField.length,
      per_field_yjs_items: itemCount(perField),
      ...records,
      ...ties,
      ...leftOut,
    },
    notes: [
      `${NODES} nodes, ${generated.checkIns} check-ins, ${index.signals().length} signals; medians of ${RUNS} runs (edits: ${EDITS}, moves and creates: 10 each)`,
      'open_total = load + index_build (first interactive view); full_compute = fullRecompute (re-read doc, materialise, roll-ups, signals)',
      'incremental_edit = the operation plus refresh(); time_advance = refresh() with a new clock (derived state only)',
    ],
  };
}
