// Review46b F1: once a quarter has ended, its key results and objectives kept judging "pace" against 100 % elapsed
// ("60% done where 100% of the period has elapsed (off track)") for ever, with the confidence drops and the "off track"
// words said during it: in 2027-Q1 the plan, its strategy and the pulse stayed off track, and last quarter's misses
// were listed as risk origins, beside nothing anyone could still do about them. Now a period that is over gives its
// key results and objectives a verdict (info): "The period ended at 60% done, 40 points short", and what was said in
// it is kept as info; open work below them (an overdue initiative) still counts as it did.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ROOT_ID, isRiskOriginSignal, openPlan, type CheckInStatus, type NodeId, type Plan, type Signal } from '../../../shared/model/index.js';
import { DAY, TestContext, syncDocs } from './support.js';

const at = (iso: string) => Date.parse(iso);
const Q4_START = at('2026-10-01T00:00:00Z');
const Q4_END = at('2027-01-01T00:00:00Z');
/** Kinds that judge how a period is going: none may change a node's health once its period is over. */
const PERIOD_KINDS: ReadonlySet<Signal['kind']> = new Set(['pace', 'forecast', 'stale', 'confidence_drop', 'reported_status', 'range_breach']);

interface Offsite { docs: Y.Doc[]; plans: Plan[]; ctxs: TestContext[]; strategy: NodeId; objective: NodeId; keyResults: NodeId[]; range: NodeId }

/** Two laptops on one plan: a 2026-Q4 objective with three increasing key results and a "stay within range" one. */
function offsite(): Offsite {
  const docs = [new Y.Doc(), new Y.Doc()];
  const ctxs = [new TestContext(Q4_START, 'ada', 'a'), new TestContext(Q4_START, 'ben', 'b')];
  const ada = openPlan(docs[0]!, ctxs[0]!, { name: 'Offsite' });
  const q4 = ada.addPeriod({ name: '2026-Q4', start: '2026-10-01', end: '2026-12-31' });
  const strategy = ada.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
  const objective = ada.createNode({ kind: 'objective', parent: strategy, title: 'Win DACH', period: q4 });
  const keyResults = ['Revenue', 'Logos', 'Partners'].map((title) => ada.createNode({ kind: 'key_result', parent: objective, title, start: 0, target: 100, direction: 'increase' }));
  const range = ada.createNode({ kind: 'key_result', parent: objective, title: 'Churn', start: 5, rangeLow: 2, rangeHigh: 6, direction: 'range' });
  syncDocs(docs[0]!, docs[1]!);
  const ben = openPlan(docs[1]!, ctxs[1]!);
  return { docs, plans: [ada, ben], ctxs, strategy, objective, keyResults, range };
}

const checkInArb = fc.record({
  laptop: fc.nat(1), keyResult: fc.nat(3), day: fc.integer({ min: 1, max: 91 }), value: fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }),
  confidence: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }), status: fc.constantFrom<CheckInStatus | null>(null, 'on_track', 'at_risk', 'off_track'),
});

describe('a period that has ended (review46b F1)', () => {
  it('a key result missed in 2026-Q4 reads as the period\'s verdict in 2027-Q1, not as off track behind pace', () => {
    const { plans: [ada], ctxs: [ctx], strategy, objective, keyResults: [revenue] } = offsite();
    for (const [day, value, confidence] of [[14, 20, 8], [45, 40, 7], [80, 60, 3]] as const) {
      ctx!.time = Q4_START + day * DAY;
      ada!.addCheckIn(revenue!, { value, confidence, status: 'off_track', note: 'slipping' });
    }
    ada!.index.refresh(at('2026-12-30T12:00:00Z'));
    // Before the end: behind pace, the confidence drop and the owner's word all stand.
    expect(ada!.index.node(revenue!)!.signals.filter((s) => s.severity !== 'info').map((s) => s.kind).sort()).toEqual(['confidence_drop', 'forecast', 'pace', 'reported_status', 'stale']);
    ada!.index.refresh(at('2027-01-12T09:00:00Z'));
    const view = ada!.index.node(revenue!)!;
    expect(view.progress).toBe(0.6);
    expect(view.signals.filter((s) => s.severity !== 'info')).toEqual([]);
    const verdict = view.signals.find((s) => s.kind === 'pace');
    expect(verdict).toMatchObject({ severity: 'info', message: 'The period ended at 60% done, 40 points short', since: Q4_END, evidence: { ended: true } });
    expect(view.health).toBe('on_track');
    expect(ada!.index.node(objective)!.health).toBe('on_track');
    expect(ada!.index.node(strategy)!.health).toBe('on_track');
    expect(ada!.index.signals().filter(isRiskOriginSignal)).toEqual([]);
  });

  it('property: on two laptops, after any check-ins in the quarter synced in any order, no key result or objective of the ended period is at risk for how the period went, and both laptops agree', () => {
    let judgedBefore = 0;
    fc.assert(fc.property(fc.array(checkInArb, { minLength: 1, maxLength: 30 }), fc.integer({ min: 0, max: 200 }), fc.boolean(), (checkIns, daysAfter, syncMidway) => {
      const { docs, plans, ctxs, objective, keyResults, range } = offsite();
      const targets = [...keyResults, range];
      checkIns.sort((a, b) => a.day - b.day).forEach((checkIn, i) => {
        ctxs[checkIn.laptop]!.time = Q4_START + checkIn.day * DAY - 3_600_000;
        const value = checkIn.keyResult === 3 && checkIn.value !== undefined ? checkIn.value / 10 : checkIn.value;
        plans[checkIn.laptop]!.addCheckIn(targets[checkIn.keyResult]!, {
          ...(value === undefined ? {} : { value }), ...(checkIn.confidence === undefined ? {} : { confidence: checkIn.confidence }),
          ...(checkIn.status === null ? {} : { status: checkIn.status }), note: 'week',
        });
        if (syncMidway && i % 3 === 0) syncDocs(docs[checkIn.laptop]!, docs[1 - checkIn.laptop]!);
      });
      syncDocs(docs[0]!, docs[1]!);
      syncDocs(docs[1]!, docs[0]!);
      // The last day of the quarter: the figures judge it, as before.
      plans[0]!.index.refresh(at('2026-12-31T18:00:00Z'));
      judgedBefore += [objective, ...targets].filter((id) => plans[0]!.index.node(id)!.signals.some((s) => PERIOD_KINDS.has(s.kind) && s.severity !== 'info')).length;
      const now = Q4_END + daysAfter * DAY + 3_600_000;
      for (const plan of plans) plan.index.refresh(now);
      for (const id of [objective, ...targets]) {
        const views = plans.map((plan) => plan.index.node(id)!);
        expect(JSON.stringify(views[0]!.signals)).toBe(JSON.stringify(views[1]!.signals));
        const nagging = views[0]!.signals.filter((s) => PERIOD_KINDS.has(s.kind) && s.severity !== 'info');
        expect(nagging, `${plans[0]!.index.title(id)} ${daysAfter} days after 2026-Q4`).toEqual([]);
        const progress = views[0]!.progress;
        const verdict = views[0]!.signals.find((s) => s.kind === 'pace');
        if (id !== range && progress !== null && progress < 1) expect(verdict?.message).toMatch(/^The period ended at \d+% done, \d+ points? short$/);
        else expect(verdict).toBeUndefined();
      }
      expect(plans[0]!.index.summary().health).toBe('on_track');
    }), { numRuns: 80, seed: 46 });
    // The run did real work: the same check-ins were judged while the quarter ran.
    expect(judgedBefore).toBeGreaterThan(20);
  });
});
