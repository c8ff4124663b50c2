// ties38 (blocker37's leftover): what a colleague on the released Throughline sees when given a plan file
// exported by this one. blocker37 added `restates` to check-ins ("Still blocked" left ticked) and to the plan
// file's check-ins, keeping the file's version 3; the released reader's schema is strict at every level, so
// it refused any file holding one as "The plan file is damaged: check-in 2 (id …): entry Unrecognized key:
// "restates"." The writer now writes such a file as version 4, and every other file as version 3, so the
// released app says "This plan file was written by a newer Throughline (file version 4 > 3); update
// Throughline to open it." and opens the rest exactly as before. These tests run the released reader itself
// (59dc681's shared/, read out of git: support/released-reader.ts) on files this writer exports.
import fc from 'fast-check';
import * as Y from 'yjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportPlanFile, parsePlanFile, serializePlanFile, writePlanFile } from '../../../shared/files/plan-file.js';
import { isPlanError, openPlan, type NodeId, type Plan } from '../../../shared/model/index.js';
import { applyFuzzOp, fuzzOpArb, newStats, seedPlan, type FuzzOp } from '../model/fuzz-ops.js';
import { keyResultReplicas, newPlan, syncDocs, T0, TestContext } from '../model/support.js';
import { releasedPlanFile, type ReleasedPlanFile } from './support/released-reader.js';

const HOUR = 3_600_000;
const NEWER = 'This plan file was written by a newer Throughline (file version 4 > 3); update Throughline to open it.';

let released: ReleasedPlanFile;
beforeAll(async () => { released = await releasedPlanFile(); });

/** Ben raises a blocker; Ada, an hour later, checks in with "Still blocked" left ticked (it restates it). */
function restatedPlan(): { plan: Plan; k: NodeId; restated: string } {
  const { docs, ctxs, plans: [ben, ada], k } = keyResultReplicas(['ben', 'ada'], { title: 'Revenue', start: 0, target: 100 });
  ben!.addCheckIn(k, { blocker: true, note: 'waiting on legal to sign off' });
  syncDocs(docs[0]!, docs[1]!);
  ctxs[1]!.time += HOUR;
  const restated = ada!.addCheckIn(k, { value: 40, blocker: true, restates: true, note: 'revenue up after the webinar' });
  return { plan: ada!, k, restated };
}

function reopen(text: string): Plan {
  const parsed = parsePlanFile(text);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  const doc = new Y.Doc();
  writePlanFile(doc, parsed.file);
  return openPlan(doc, new TestContext(T0 + 2 * HOUR, 'carl', 'c'));
}

describe('a plan file with a "Still blocked" check-in, given to someone on the released Throughline', () => {
  it('is refused by the released app saying it was written by a newer Throughline and to update, not that it is damaged', () => {
    const { plan } = restatedPlan();
    const text = serializePlanFile(exportPlanFile(plan.doc));
    expect(released.PLAN_FILE_VERSION).toBe(3);
    const read = released.parsePlanFile(text);
    // The released app shows `${fileName}: ${message}` (59dc681's renderer/src/files/file-actions.ts).
    expect(read).toEqual({ ok: false, problem: { code: 'newer-version', message: NEWER, row: null } });
  });

  it('opens in this Throughline with the check-in still restating: the reason and raiser stay Ben\'s', () => {
    const { plan, k, restated } = restatedPlan();
    const file = exportPlanFile(plan.doc);
    expect(file.version).toBe(4);
    const reopened = reopen(serializePlanFile(file));
    reopened.index.refresh(T0 + 2 * HOUR);
    expect(reopened.index.checkIns(k).find((checkIn) => checkIn.id === restated)?.restates).toBe(true);
    expect(reopened.index.node(k)!.signals.find((signal) => signal.kind === 'blocked')?.message).toBe('Blocker raised in a check-in today: waiting on legal to sign off');
    expect(exportPlanFile(reopened.doc)).toEqual(file);
  });

  it('a version 3 file holding `restates` (written between blocker37 and ties38) still opens here, restating', () => {
    const { plan, k, restated } = restatedPlan();
    const file = { ...exportPlanFile(plan.doc), version: 3 as const };
    const reopened = reopen(serializePlanFile(file));
    expect(reopened.index.checkIns(k).find((checkIn) => checkIn.id === restated)?.restates).toBe(true);
  });
});

type Extra =
  | { op: 'restate'; node: number }
  | { op: 'clear'; node: number }
  | { op: 'remove'; person: number };
const extraArb: fc.Arbitrary<Extra> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('restate' as const), node: fc.nat({ max: 1000 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('clear' as const), node: fc.nat({ max: 1000 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('remove' as const), person: fc.nat({ max: 3 }) }) },
);

describe('property: any plan this Throughline exports', () => {
  it('the released reader opens it as this one does, or (only when a check-in restates) says to update; never "damaged"', () => {
    let opened = 0, refused = 0;
    const opArb = fc.oneof({ weight: 4, arbitrary: fuzzOpArb.map((op): FuzzOp | Extra => op) }, { weight: 2, arbitrary: extraArb });
    fc.assert(fc.property(fc.boolean(), fc.array(opArb, { minLength: 5, maxLength: 50 }), (raise, ops) => {
      const { plan, ctx } = newPlan();
      seedPlan(plan);
      // Half the plans start with a blocker raised on a key result (a "Still blocked" then has one to restate).
      plan.index.refresh(ctx.now());
      const keyResult = [...plan.index.structure().records.values()].filter((record) => record.kind === 'key_result').map((record) => record.id).sort()[0]!;
      if (raise) plan.addCheckIn(keyResult, { blocker: true, note: 'waiting on legal' });
      const stats = newStats();
      for (const op of ops) {
        if (op.op !== 'restate' && op.op !== 'clear' && op.op !== 'remove') { applyFuzzOp(plan, ctx, op, stats); continue; }
        try {
          plan.index.refresh(ctx.now());
          if (op.op === 'remove') {
            const people = plan.index.people();
            if (people.length > 0) plan.removePerson(people[op.person % people.length]!.id);
            continue;
          }
          const blocked = [...plan.index.structure().records.keys()].filter((id) => plan.index.standingBlockers(id).length > 0).sort();
          const id = blocked[op.node % Math.max(1, blocked.length)] as NodeId | undefined;
          if (id === undefined) continue;
          if (op.op === 'restate') plan.addCheckIn(id, { blocker: true, restates: true, note: 'still waiting' });
          else plan.addCheckIn(id, { note: 'sorted', clears: plan.index.standingBlockers(id).map((checkIn) => checkIn.id) });
        } catch (error) {
          if (!isPlanError(error)) throw error;
        }
      }
      const file = exportPlanFile(plan.doc);
      const text = serializePlanFile(file);
      const restates = file.checkIns.some((checkIn) => checkIn.restates === true);
      const read = released.parsePlanFile(text);
      if (restates) {
        refused++;
        expect(read).toEqual({ ok: false, problem: { code: 'newer-version', message: NEWER, row: null } });
        expect(file.version).toBe(4);
        return;
      }
      expect(file.version).toBe(3);
      opened++;
      const here = parsePlanFile(text);
      // The released reader reads what this one reads, and its writer loses nothing of it: this
      // Throughline's export of the plan the released app made from the file is the same file.
      expect(read).toEqual(here);
      if (!read.ok) return;
      const doc = new Y.Doc();
      released.writePlanFile(doc, read.file);
      expect(exportPlanFile(doc)).toEqual(file);
    }), { numRuns: 40 });
    // Both kinds of file were made often enough to mean something (about 20 of each in 40 runs).
    expect(opened).toBeGreaterThan(5);
    expect(refused).toBeGreaterThan(5);
  });
});
