// review43c F2: a value answered by a later check-in from a laptop whose clock was behind stayed the forecast's
// latest point. Ben checks in 350 ms by mistake at 10:00; Cara, whose laptop reads 08:05, sees it and checks in
// 650 ms (stamped after Ben's, so the history and progress read 650: "30% done … (off track)"). The trend placed
// points by their authors' clocks, took Ben's 350 as the latest and projected from it past the 300 ms target: no
// forecast miss beside a key result off pace. Real Y.Docs, three replicas.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ROOT_ID, openPlan } from '../../../shared/model/index.js';
import { TestContext, signalKinds, syncDocs } from './support.js';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;

/** Ada's Q4 with p95 latency 800 → 300 ms, weekly values from Oct 1, and Ben's and Cara's replicas. */
function latencyQuarter(weeks: number) {
  const ctxA = new TestContext(at('2026-09-28T17:00:00Z'), 'ada', 'a');
  const docA = new Y.Doc();
  const ada = openPlan(docA, ctxA);
  const q4 = ada.addPeriod({ name: '2026-Q4', start: '2026-10-01', end: '2026-12-31' });
  const strategy = ada.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Be fast' });
  const objective = ada.createNode({ kind: 'objective', parent: strategy, title: 'Snappy app', period: q4 });
  const latency = ada.createNode({ kind: 'key_result', parent: objective, title: 'p95 latency', start: 800, target: 300, direction: 'decrease', unit: 'ms' });
  for (let w = 0; w < weeks; w++) { ctxA.time = at('2026-10-01T17:00:00Z') + w * WEEK; ada.addCheckIn(latency, { value: 800 - w * 20 }); }
  const replica = (actor: string, prefix: string) => {
    const doc = new Y.Doc();
    syncDocs(docA, doc);
    const ctx = new TestContext(ctxA.time, actor, prefix);
    return { doc, ctx, plan: openPlan(doc, ctx) };
  };
  return { ada, ctxA, docA, latency, ben: replica('ben', 'b'), cara: replica('cara', 'c') };
}

describe('the forecast projects from the value the history reads (review43c F2)', () => {
  it('a value corrected from a laptop whose clock is behind is not the trend\'s latest point', () => {
    const { ada, docA, latency, ben, cara } = latencyQuarter(9);
    ben.ctx.time = at('2026-12-07T10:00:00Z');
    syncDocs(docA, ben.doc);
    ben.plan.addCheckIn(latency, { value: 350 });
    syncDocs(ben.doc, cara.doc);
    cara.ctx.time = at('2026-12-07T08:05:00Z');
    cara.plan.addCheckIn(latency, { value: 650, note: 'Correction: 650, not 350' });
    syncDocs(cara.doc, docA);
    syncDocs(cara.doc, ben.doc);
    for (const plan of [ada, ben.plan, cara.plan]) {
      plan.index.refresh(at('2026-12-07T10:10:00Z'));
      const view = plan.index.node(latency)!;
      expect(view.value).toBe(650);
      expect(signalKinds(plan.index, latency)).toContain('pace');
      const forecast = view.signals.find((signal) => signal.kind === 'forecast');
      expect(forecast?.message).toMatch(/^Trend projects 5\d\d(\.\d)? ms by 2026-12-31, missing the target 300 ms$/);
      expect(forecast!.since).toBe(at('2026-12-07T08:05:00Z'));
    }
  });
});
