// Review benchmark: a 5,000-node plan lived through one year — every week one session per person
// group checks in on every key result, KPI and initiative, edits targets, priorities, owners and
// titles, moves and blocks work, adds and deletes nodes, and takes a review point; a day mark is
// written on five days of each week. Measures the encoded size with 52 review points (history kept:
// gc off), opening it, showing the plan as of a review point, and the diff between two review points
// 13 weeks apart (time and heap). Side by side, the costs of the designs considered for keeping
// history (docs/data-model.md §9): the same year with gc on, a full copy of the plan per review
// point, and a JSON projection per review point.
import v8 from 'node:v8';
import vm from 'node:vm';
import * as Y from 'yjs';
import { generatePlan } from '../shared/model/fixtures/generate-plan.js';
import { Prng } from '../shared/model/fixtures/prng.js';
import { DAY_MS, WEEK_MS, encodeCheckIn, formatDate, isPlanError, openPlan, type NodeKind, type PlanContext } from '../shared/model/index.js';
import {
  PastPlans, closePlanAsOf, createReviewPoint, diffReview, listDayMarks, listReviewPoints, openPlanAsOf, recordClientActor, recordDayMark,
  type ReviewSideCache,
} from '../shared/model/history/index.js';
import { median, timeRuns, type BenchResult } from './harness.js';

const NODES = Number(process.env.REVIEW_BENCH_NODES ?? 5_000);
const WEEKS = 52;
const RUNS = Number(process.env.REVIEW_BENCH_RUNS ?? 5);

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;
const heapMb = () => process.memoryUsage().heapUsed / 1024 / 1024;

interface Year {
  doc: Y.Doc;
  /** The same updates applied to a doc that garbage-collects (what the first milestone stored). */
  collected: Y.Doc;
  fullCopyBytes: number;
  projectionBytes: number;
  checkIns: number;
  edits: number;
}

export function liveYear(): Year {
  const doc = new Y.Doc({ gc: false });
  const collected = new Y.Doc({ gc: true });
  doc.on('update', (update: Uint8Array) => Y.applyUpdate(collected, update));
  const start = Date.UTC(2027, 0, 4, 9);
  const generated = generatePlan(doc, { nodes: NODES, checkIns: 0, seed: 7, now: start });
  const rng = new Prng(11);
  let time = start;
  const ctx: PlanContext = { now: () => time, newId: () => rng.id(), actor: 'bench' };
  const plan = openPlan(doc, ctx, { now: time });
  const measured = [...generated.ids.key_result, ...generated.ids.kpi, ...generated.ids.initiative];
  const people = plan.index.people().map((person) => person.id);
  let fullCopyBytes = 0;
  let projectionBytes = 0;
  let checkIns = 0;
  let edits = 0;
  const pick = <T>(list: readonly T[]): T => list[rng.int(0, list.length - 1)]!;
  const attempt = (operation: () => void) => {
    try { operation(); edits++; } catch (error) { if (!isPlanError(error)) throw error; }
  };
  for (let week = 0; week < WEEKS; week++) {
    // Eight sessions a week, each a new Yjs client acting for someone.
    for (let session = 0; session < 8; session++) {
      doc.clientID = rng.int(1, 2 ** 31 - 1);
      recordClientActor(doc, { now: time, actor: pick(people) });
      time += DAY_MS / 2;
      const mine = measured.filter((_, i) => i % 8 === session);
      doc.transact(() => {
        for (const nodeId of mine) {
          doc.getArray('checkins').push([encodeCheckIn({
            id: rng.id(), nodeId, at: time, by: 'bench', value: generated.ids.initiative.includes(nodeId) ? null : rng.int(0, 100),
            confidence: rng.int(3, 9), status: null, blocker: rng.int(0, 40) === 0, note: 'weekly check-in',
          })]);
          checkIns++;
        }
      });
      plan.index.refresh(time);
      const live = [...plan.index.walk()];
      const ofKind = (kind: NodeKind) => live.filter((id) => plan.index.node(id)?.kind === kind);
      const keyResults = ofKind('key_result');
      const tasks = ofKind('task');
      const initiatives = ofKind('initiative');
      for (let i = 0; i < 3; i++) attempt(() => plan.updateNode(pick(keyResults), { target: rng.int(101, 400) }));
      for (let i = 0; i < 3; i++) attempt(() => plan.updateNode(pick(live), { priority: pick(['critical', 'high', 'medium', 'low'] as const) }));
      attempt(() => plan.updateNode(pick(initiatives), { owner: pick(people) }));
      for (let i = 0; i < 3; i++) attempt(() => plan.setTitle(pick(live), `Renamed in week ${week + 1}`));
      attempt(() => plan.moveNode(pick(tasks), { parent: pick(initiatives) }));
      attempt(() => plan.updateNode(pick(tasks), { status: pick(['in_progress', 'blocked', 'done'] as const) }));
      attempt(() => { plan.createNode({ kind: 'task', parent: pick(initiatives), title: `New work ${week}.${session}` }); });
      if (session === 0) attempt(() => plan.deleteNode(pick(tasks)));
      if (session < 5) recordDayMark(doc, formatDate(time), { now: time, actor: 'bench' });
    }
    time = start + (week + 1) * WEEK_MS;
    createReviewPoint(doc, { id: `week-${week + 1}`, name: `Weekly review W${week + 1}` }, { now: time, actor: 'bench' });
    fullCopyBytes += Y.encodeStateAsUpdate(collected).length;
    plan.index.refresh(time);
    projectionBytes += JSON.stringify(plan.index.captureBaseline(`W${week + 1}`, time)).length;
  }
  plan.index.destroy();
  return { doc, collected, fullCopyBytes, projectionBytes, checkIns, edits };
}

export async function run(): Promise<BenchResult> {
  const built = performance.now();
  const year = liveYear();
  const buildSeconds = (performance.now() - built) / 1000;
  const encoded = Y.encodeStateAsUpdate(year.doc);
  const collectedBytes = Y.encodeStateAsUpdate(year.collected).length;

  const collected = Y.encodeStateAsUpdate(year.collected);
  const ctx: PlanContext = { now: () => Date.now(), newId: () => 'x', actor: 'bench' };
  // Open: decode + openPlan, the history-keeping doc and, interleaved run by run so both see the
  // same machine load, the same year garbage-collected (what the first milestone stored).
  const openOnce = (bytes: Uint8Array, gc: boolean) => {
    const doc = new Y.Doc({ gc });
    Y.applyUpdate(doc, bytes);
    return openPlan(doc, ctx, { now: Date.UTC(2028, 0, 1) });
  };
  const openSamples: number[] = [], openGcOnSamples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    collectGarbage();
    let started = performance.now();
    openOnce(encoded, false).index.destroy();
    openSamples.push(performance.now() - started);
    collectGarbage();
    started = performance.now();
    openOnce(collected, true).index.destroy();
    openGcOnSamples.push(performance.now() - started);
  }
  const points = listReviewPoints(year.doc);
  const from = points.find((point) => point.id === 'week-26')!;
  const to = points.find((point) => point.id === 'week-39')!;
  const asOfSamples = await timeRuns(RUNS, () => {
    const past = openPlanAsOf(year.doc, { at: from.at, snapshot: from.snapshot! }, ctx);
    closePlanAsOf(past);
  });
  // Stepping the timeline back to a moment shown a moment ago: the app keeps the last few open.
  const pastPlans = new PastPlans(year.doc, ctx);
  const moment = { key: `point:${from.id}`, at: from.at, snapshot: from.snapshot! };
  pastPlans.open(moment);
  pastPlans.open({ key: `point:${to.id}`, at: to.at, snapshot: to.snapshot! });
  const asOfRevisitSamples = await timeRuns(RUNS, () => { pastPlans.open(moment); });
  pastPlans.clear();
  let changes = 0;
  const diffSamples = await timeRuns(RUNS, () => { changes = diffReview(year.doc, from, { kind: 'point', point: to }, ctx).changes.length; });
  // The review view keeps the earlier side (an immutable review point) between diffs: comparing the
  // same review point with another one, or with now after each edit, rebuilds only the later side.
  const sides: ReviewSideCache = new Map();
  diffReview(year.doc, from, { kind: 'point', point: to }, ctx, sides);
  const diffCachedSamples = await timeRuns(RUNS, () => { diffReview(year.doc, from, { kind: 'point', point: to }, ctx, sides); });
  const peaks: number[] = [];
  for (let i = 0; i < 3; i++) {
    collectGarbage();
    const before = heapMb();
    // Heap grown by the diff before anything is collected: every past doc, index and state it built.
    const diff = diffReview(year.doc, from, { kind: 'point', point: to }, ctx);
    peaks.push(heapMb() - before);
    void diff;
  }
  const snapshotBytes = points.reduce((sum, point) => sum + (point.snapshot?.length ?? 0), 0);
  const dayMarks = listDayMarks(year.doc);
  const dayMarkBytes = dayMarks.reduce((sum, mark) => sum + mark.snapshot.length, 0);
  return {
    area: 'review',
    metrics: {
      diff_ms: median(diffSamples),
      diff_peak_mb: median(peaks),
      encoded_bytes_52_reviews: encoded.length,
      open_ms: median(openSamples),
      open_gc_on_ms: median(openGcOnSamples),
      open_history_over_gc_on: median(openSamples) / median(openGcOnSamples),
      as_of_ms: median(asOfSamples),
      as_of_revisit_ms: median(asOfRevisitSamples),
      diff_earlier_side_cached_ms: median(diffCachedSamples),
      diff_over_earlier_side_cached: median(diffSamples) / median(diffCachedSamples),
      encoded_bytes_gc_on: collectedBytes,
      day_marks: dayMarks.length,
      day_mark_bytes: dayMarkBytes,
      review_snapshot_bytes_52: snapshotBytes,
      full_copy_bytes_52: year.fullCopyBytes,
      json_projection_bytes_52: year.projectionBytes,
      diff_changes: changes,
    },
    notes: [
      `${NODES} nodes, ${year.checkIns} check-ins, ${year.edits} edits over ${WEEKS} weeks from ${WEEKS * 8} sessions; ${points.length} review points; built in ${buildSeconds.toFixed(1)} s`,
      `history kept (gc off) costs ${((encoded.length / collectedBytes - 1) * 100).toFixed(1)}% over the same year with gc on`,
      `open = decode + openPlan (index built), gc on and off interleaved; as_of = past doc from the week-26 snapshot + its index; as_of_revisit = the same moment again from the kept past plans; diff = week 26 → week 39 (cold, and with the earlier side cached as the review view does); medians of ${RUNS}`,
    ],
  };
}
