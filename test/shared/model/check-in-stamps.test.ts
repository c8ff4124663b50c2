// stampfix, thirty-first session: review35's findings 1 (one hostile stamp pins a key result's value) and
// 2 (a check-in dated past the Date range crashes refresh for everyone), on real Y.Docs that exchange
// updates as replicas do.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import fc from 'fast-check';
import { openPlan, ROOT_ID, encodeCheckIn, orderOf, planTypes, type CheckIn, type NodeId, type Plan } from '../../../shared/model/index.js';
import { DAY, T0, TestContext } from './support.js';
import { exportPlanFile, parsePlanFile, serializePlanFile } from '../../../shared/files/index.js';

const HOUR = 3_600_000;
/** The last instant a Date can show (checkins.ts STAMP_MAX; written out so the test runs on the old code too). */
const STAMP_MAX = 8.64e15;

function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

/** Ada's plan with one key result checked in at 20, and Eve's replica of it. */
function setup(): { docA: Y.Doc; ctxA: TestContext; planA: Plan; docB: Y.Doc; ctxB: TestContext; planB: Plan; k: NodeId } {
  const docA = new Y.Doc(); const ctxA = new TestContext(T0, 'ada', 'a');
  const planA = openPlan(docA, ctxA);
  const s = planA.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
  const o = planA.createNode({ kind: 'objective', parent: s, title: 'O' });
  const k = planA.createNode({ kind: 'key_result', parent: o, title: 'K', start: 0, target: 100 });
  planA.addCheckIn(k, { value: 20 });
  const docB = new Y.Doc(); sync(docA, docB);
  const ctxB = new TestContext(T0, 'eve', 'e');
  const planB = openPlan(docB, ctxB);
  return { docA, ctxA, planA, docB, ctxB, planB, k };
}

/** Eve writes a tuple straight into the doc, as any peer with write access can (`at` and `order` unchecked). */
function hostile(doc: Y.Doc, k: NodeId, at: number, order: number | undefined, value = 100, id = 'eve1'): void {
  const entry = { id, nodeId: k, at, by: 'eve', value, confidence: null, status: null, blocker: false, note: 'done!', unit: '', clears: [] } as CheckIn;
  if (order !== undefined) entry.order = order;
  // checkInTuple keeps `o` only when later than `at`; write the extras as given.
  const tuple = JSON.parse(encodeCheckIn({ ...entry, order: undefined })) as unknown[];
  tuple[11] = order === undefined ? { c: [] } : { o: order, c: [] };
  doc.transact(() => planTypes(doc).checkins.push([JSON.stringify(tuple)]));
}

describe('review35 F1: a hostile stamp never outranks a correction made after seeing it', () => {
  const variants: Array<[string, (now: number) => { at: number; order?: number }]> = [
    ['at = MAX_SAFE_INTEGER', () => ({ at: Number.MAX_SAFE_INTEGER })],
    ['at = 1e300', () => ({ at: 1e300 })],
    ['at a year ahead + 0.5 ms (fractional)', (now) => ({ at: now + 365 * DAY + 0.5 })],
    ['order = MAX_SAFE_INTEGER, at = now', (now) => ({ at: now, order: Number.MAX_SAFE_INTEGER })],
    ['order = 2^53 + 2, at = now', (now) => ({ at: now, order: 2 ** 53 + 2 })],
    ['order fractional a year ahead', (now) => ({ at: now, order: now + 365 * DAY + 0.5 })],
    ['at = STAMP_MAX - 1 (valid, the farthest date but one)', () => ({ at: STAMP_MAX - 1 })],
    ['order = STAMP_MAX - 1 (valid)', (now) => ({ at: now, order: STAMP_MAX - 1 })],
  ];
  for (const [label, make] of variants) {
    it(label, () => {
      const { docA, ctxA, planA, docB, ctxB, planB, k } = setup();
      ctxB.time += HOUR;
      const { at, order } = make(ctxB.time);
      hostile(docB, k, at, order);
      sync(docB, docA);
      for (let n = 0; n < 2; n++) { ctxA.time += 2 * HOUR; planA.addCheckIn(k, { value: 25, note: 'correction: still 25' }); }
      sync(docA, docB);
      ctxA.time += 60_000; ctxB.time = ctxA.time;
      planA.index.refresh(ctxA.time); planB.index.refresh(ctxB.time);
      expect(planA.index.node(k)!.value).toBe(25);
      expect(planB.index.node(k)!.value).toBe(25);
      const list = planA.index.checkIns(k);
      expect(list.at(-1)!.by).toBe('ada');
      for (const c of list) expect(Number.isInteger(orderOf(c)) && Math.abs(orderOf(c)) <= STAMP_MAX).toBe(true);
    });
  }
});

describe('review35 F2: a check-in dated outside the Date range is skipped, and refresh never throws', () => {
  for (const at of [STAMP_MAX + 1, Number.MAX_SAFE_INTEGER, 1e300, -STAMP_MAX - 1, T0 + 0.5]) {
    it(`at = ${at}: skipped as malformed`, () => {
      const { docA, ctxA, planA, docB, k } = setup();
      hostile(docB, k, at, undefined, 50);
      sync(docB, docA);
      expect(() => planA.index.refresh(ctxA.time + 60_000)).not.toThrow();
      expect(planA.index.node(k)!.value).toBe(20);
      expect(planA.index.checkIns(k).map((c) => c.id)).not.toContain('eve1');
    });
  }
  for (const at of [STAMP_MAX, -STAMP_MAX, 0]) {
    it(`at = ${at}: kept (a valid date), and the stale signal's date arithmetic does not throw`, () => {
      const { docA, ctxA, planA, docB, k } = setup();
      hostile(docB, k, at, undefined, 50);
      sync(docB, docA);
      for (const now of [ctxA.time + 60_000, ctxA.time + 400 * DAY, STAMP_MAX, -STAMP_MAX]) expect(() => planA.index.refresh(now)).not.toThrow();
      expect(planA.index.checkIns(k).map((c) => c.id)).toContain('eve1');
    });
  }
  it('a plan file with a check-in dated past the Date range is refused, naming the value', () => {
    const { docA, k } = setup();
    const file = JSON.parse(serializePlanFile(exportPlanFile(docA))) as { checkIns: Array<Record<string, unknown>> };
    expect(file.checkIns[0]!.nodeId).toBe(k);
    for (const [field, value] of [['at', STAMP_MAX + 1], ['at', T0 + 0.5], ['order', 2 ** 53 + 2], ['order', 1e300]] as const) {
      const edited = structuredClone(file);
      edited.checkIns[0]![field] = value;
      const parsed = parsePlanFile(JSON.stringify(edited));
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.problem.message).toContain(`${field} must be a whole number of milliseconds`);
      if (!parsed.ok) expect(parsed.problem.message).toContain(`(the file has ${value})`);
    }
  });
  it('addCheckIn refuses an `at` outside the Date range or fractional', () => {
    const { planA, k } = setup();
    expect(() => planA.addCheckIn(k, { value: 1, at: STAMP_MAX + 1 })).toThrow(/275760/);
    expect(() => planA.addCheckIn(k, { value: 1, at: T0 + 0.5 })).toThrow(/whole number/);
  });
});

describe('property: whatever stamps and dates a hostile peer writes', () => {
  const anyNumber = fc.oneof(
    fc.double({ noNaN: false }),
    fc.integer({ min: -2 * STAMP_MAX, max: 2 * STAMP_MAX }),
    fc.constantFrom(STAMP_MAX - 1, STAMP_MAX + 1, -STAMP_MAX, 2 ** 53 - 1, 2 ** 53, 2 ** 53 + 2, 1e300, -1e300, Infinity, -Infinity, 0.5),
    fc.integer({ min: T0 - 400 * DAY, max: T0 + 400 * DAY }).map((x) => x + 0.5),
    fc.integer({ min: T0 - 400 * DAY, max: T0 + 400 * DAY }),
  );
  it('a check-in made after seeing them is ordered after them (at the STAMP_MAX cap too), and refresh never throws', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ at: anyNumber, order: fc.option(anyNumber, { nil: undefined }), id: fc.constantFrom('eve1', 'zzz', '~~~', 'a0') }), { minLength: 1, maxLength: 4 }),
      fc.integer({ min: -30 * DAY, max: 30 * DAY }),
      (entries, skew) => {
        const { docA, ctxA, planA, docB, planB, k } = setup();
        entries.forEach((e, i) => hostile(docB, k, e.at, e.order, 100, `${e.id}-${i}`));
        sync(docB, docA);
        ctxA.time += skew;
        planA.addCheckIn(k, { value: 25 });
        sync(docA, docB);
        for (const plan of [planA, planB]) {
          for (const now of [ctxA.time, T0 + 1000 * DAY]) expect(() => plan.index.refresh(now)).not.toThrow();
          const list = plan.index.checkIns(k);
          const mine = list.findIndex((c) => c.by === 'ada' && c.value === 25);
          expect(mine).toBeGreaterThanOrEqual(0);
          // Even at the STAMP_MAX cap: equal stamps go by place in the Y.Array, and hers was appended after
          // every entry she had seen (trust36; stampfix left this gap, ordered by the ids the peer picks).
          expect(mine).toBe(list.length - 1);
          expect(plan.index.node(k)!.value).toBe(25);
        }
      },
    ), { numRuns: 150 });
  });
});
