// fix40c (review40a F1): "Keep this one, merge the other into it" removed the merged-away person outright, and a
// device that had chosen her as "You in this plan" went on acting as a removed person: her check-ins were refused
// ('removed-person'). A merge now writes `mergedInto` on the removed person (leftovers40, 1b3e7fd, which this branch
// builds on), and a device acting as her acts as the kept one (PlanIndex.personNow, followed through merges in turn).
// Two people merging two Danas each into the other at once (A into B here, B into A there) must leave one of them
// live on every replica, never both removed. Real Y.Docs; the property delivers the replicas' updates in a random order.
import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { ROOT_ID, createUndoManager, isPlanError, openPlan, type NodeId, type Plan, type PlanContext, type PersonId } from '../../../shared/model/index.js';
import { T0, syncDocs } from './support.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 80);
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);

/** A replica with a device that chose `chosen` as "You in this plan" (null: only its device name), acting as the renderer makes it act. */
interface Device { doc: Y.Doc; plan: Plan; chosen: string | null; name: string }

function device(name: string, from: Y.Doc | null, prefix: string): Device {
  const doc = new Y.Doc();
  if (from) syncDocs(from, doc);
  let counter = 0;
  const made: Device = { doc, plan: undefined as unknown as Plan, chosen: null, name };
  // As PresencePublisher.actor(): the chosen person, as whom they act now, else the device's name.
  const ctx: PlanContext = {
    get actor() { return made.chosen === null ? name : made.plan.index.personNow(made.chosen); },
    now: () => T0,
    newId: () => `${prefix}${++counter}`,
  };
  made.plan = openPlan(doc, ctx);
  return made;
}

const refusal = (run: () => unknown): string | null => {
  try { run(); return null; } catch (error) { if (isPlanError(error)) return error.code; throw error; }
};

function munich(plan: Plan): NodeId {
  const s = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
  const o = plan.createNode({ kind: 'objective', parent: s, title: 'O' });
  const kr = plan.createNode({ kind: 'key_result', parent: o, title: 'KR', start: 0, target: 10, direction: 'increase' });
  return plan.createNode({ kind: 'initiative', parent: kr, title: 'Open Munich office' });
}

describe('a device whose person was merged into another (fix40c, review40a F1)', () => {
  it('acts as the kept person: her check-in is accepted and signed by the kept one, on both replicas', () => {
    const ada = device('Ada Host', null, 'a');
    const initiative = munich(ada.plan);
    const dana = device('Dana Reyes', ada.doc, 'd');
    // At once, apart: Ada adds Dana and gives her the initiative; Dana adds herself and chooses that person.
    const adasDana = ada.plan.addPerson({ name: 'Dana Reyes' });
    ada.plan.updateNode(initiative, { owner: adasDana });
    const selfDana = dana.plan.addPerson({ name: 'Dana Reyes', email: 'dana@example.com' });
    dana.chosen = selfDana;
    dana.plan.addCheckIn(initiative, { blocker: true, note: 'Landlord has not answered' });
    syncDocs(ada.doc, dana.doc); syncDocs(dana.doc, ada.doc);
    ada.plan.index.refresh(T0); dana.plan.index.refresh(T0);
    // Ada keeps the Dana she added (nothing on her screen said which one Dana is).
    ada.plan.mergePerson(selfDana, adasDana);
    syncDocs(ada.doc, dana.doc);
    ada.plan.index.refresh(T0); dana.plan.index.refresh(T0);
    for (const plan of [ada.plan, dana.plan]) {
      expect(plan.index.person(selfDana)).toMatchObject({ removed: { by: 'Ada Host' }, mergedInto: adasDana });
      expect(plan.index.personNow(selfDana)).toBe(adasDana);
      expect(plan.index.personNow(adasDana)).toBe(adasDana);
    }
    // Before: "removed-person: … a removed person cannot sign a check-in".
    expect(refusal(() => dana.plan.addCheckIn(initiative, { note: 'Lease signed' }))).toBeNull();
    expect(dana.plan.index.checkIns(initiative).at(-1)).toMatchObject({ by: adasDana, note: 'Lease signed' });
    // The kept Dana has her e-mail.
    expect(dana.plan.index.person(adasDana)!.email).toBe('dana@example.com');
  });

  it('follows merges in turn, and an undone merge gives the device its own person back', () => {
    const ada = device('Ada Host', null, 'a');
    const initiative = munich(ada.plan);
    const [p1, p2, p3] = [ada.plan.addPerson({ name: 'Dana' }), ada.plan.addPerson({ name: 'dana' }), ada.plan.addPerson({ name: 'DANA' })];
    ada.plan.index.refresh(T0);
    const dana = device('Dana', ada.doc, 'd');
    dana.chosen = p1;
    const undo = createUndoManager(ada.plan);
    ada.plan.mergePerson(p1, p2);
    ada.plan.index.refresh(T0);
    undo.stopCapturing();
    ada.plan.mergePerson(p2, p3);
    ada.plan.index.refresh(T0);
    syncDocs(ada.doc, dana.doc);
    dana.plan.index.refresh(T0);
    expect(dana.plan.index.person(p1)!.mergedInto).toBe(p3);
    expect(dana.plan.index.personNow(p1)).toBe(p3);
    dana.plan.addCheckIn(initiative, { note: 'one' });
    expect(dana.plan.index.checkIns(initiative).at(-1)!.by).toBe(p3);
    undo.undo();
    undo.undo();
    syncDocs(ada.doc, dana.doc);
    dana.plan.index.refresh(T0);
    expect(dana.plan.index.person(p1)!.removed).toBeUndefined();
    expect(dana.plan.index.personNow(p1)).toBe(p1);
  });

  it('two Danas merged each into the other at once (A into B on one replica, B into A on the other): one is kept, live, on both, and both devices act as her', () => {
    const ada = device('Ada Host', null, 'a');
    const initiative = munich(ada.plan);
    const [a, b] = [ada.plan.addPerson({ name: 'Dana Reyes' }), ada.plan.addPerson({ name: 'dana reyes' })];
    ada.plan.index.refresh(T0);
    const ben = device('Ben Guest', ada.doc, 'b');
    ada.chosen = a;
    ben.chosen = b;
    ada.plan.mergePerson(a, b);
    ben.plan.mergePerson(b, a);
    syncDocs(ada.doc, ben.doc); syncDocs(ben.doc, ada.doc);
    ada.plan.index.refresh(T0); ben.plan.index.refresh(T0);
    for (const plan of [ada.plan, ben.plan]) {
      // Ids a… sort before b…: the smaller id of the loop is the one kept, on every replica alike.
      expect(plan.index.people().map((person) => person.id)).toEqual([a]);
      expect(plan.index.person(b)).toMatchObject({ mergedInto: a });
      expect([plan.index.personNow(a), plan.index.personNow(b)]).toEqual([a, a]);
    }
    for (const d of [ada, ben]) expect(refusal(() => d.plan.addCheckIn(initiative, { note: 'here' }))).toBeNull();
  });

  it('a person removed (not merged) stays removed: the device is asked who it is, as before', () => {
    const ada = device('Ada Host', null, 'a');
    const initiative = munich(ada.plan);
    const carla = ada.plan.addPerson({ name: 'Carla' });
    ada.plan.removePerson(carla);
    ada.plan.index.refresh(T0);
    expect(ada.plan.index.personNow(carla)).toBe(carla);
    ada.chosen = carla;
    expect(refusal(() => ada.plan.addCheckIn(initiative, { note: 'x' }))).toBe('removed-person');
  });

  it('merges made at once on several replicas, delivered in any order: every device acts as a live person (or, after a removal, is asked who it is), the same on every replica', () => {
    const op = fc.oneof(
      { weight: 6, arbitrary: fc.record({ kind: fc.constant('merge' as const), from: fc.nat(3), into: fc.nat(3) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), from: fc.nat(3), into: fc.constant(0) }) },
    );
    const replica = fc.record({ chosen: fc.option(fc.nat(3), { nil: null }), first: fc.array(op, { maxLength: 2 }), second: fc.array(op, { maxLength: 2 }) });
    fc.assert(fc.property(
      fc.integer({ min: 2, max: 4 }), fc.array(replica, { minLength: 2, maxLength: 4 }), fc.array(fc.nat(), { minLength: 64, maxLength: 64 }),
      (count, replicas, shuffle) => {
        const host = device('Host', null, 'h');
        const initiative = munich(host.plan);
        const danas: PersonId[] = [];
        for (let i = 0; i < count; i++) danas.push(host.plan.addPerson({ name: i % 2 ? 'dana reyes' : 'Dana Reyes' }));
        host.plan.index.refresh(T0);
        const devices = replicas.map((r, i) => {
          const made = device(`Device ${i}`, host.doc, `r${i}x`);
          made.chosen = r.chosen === null ? null : danas[r.chosen % count]!;
          return made;
        });
        // Each replica's updates, kept to deliver in a random order.
        const updates = devices.map(() => [] as Uint8Array[]);
        devices.forEach((d, i) => d.doc.on('update', (update: Uint8Array, origin: unknown) => { if (origin !== 'delivery') updates[i]!.push(update); }));
        let draw = 0;
        const pick = (n: number) => shuffle[draw++ % shuffle.length]! % n;
        const removals = new Set<string>();
        const run = (d: Device, ops: readonly { kind: 'merge' | 'remove'; from: number; into: number }[]) => {
          for (const { kind, from, into } of ops) {
            const a = danas[from % count]!, b = danas[into % count]!;
            // What the replica refuses (already removed there, the same person) writes nothing.
            if (kind === 'merge') refusal(() => d.plan.mergePerson(a, b));
            else if (refusal(() => d.plan.removePerson(a)) === null) removals.add(a);
            d.plan.index.refresh(T0);
          }
        };
        /** Delivers to each replica some (or all) of the others' updates not yet delivered, in a random order. */
        const delivered = devices.map(() => devices.map(() => 0));
        const deliver = (all: boolean) => {
          devices.forEach((to, j) => {
            const pending: Uint8Array[] = [];
            devices.forEach((_, i) => {
              if (i === j) return;
              const upTo = all ? updates[i]!.length : delivered[j]![i]! + pick(updates[i]!.length - delivered[j]![i]! + 1);
              pending.push(...updates[i]!.slice(delivered[j]![i]!, upTo));
              delivered[j]![i] = upTo;
            });
            for (let k = pending.length - 1; k > 0; k--) { const m = pick(k + 1); [pending[k], pending[m]] = [pending[m]!, pending[k]!]; }
            for (const update of pending) Y.applyUpdate(to.doc, update, 'delivery');
            to.plan.index.refresh(T0);
          });
        };
        devices.forEach((d, i) => run(d, replicas[i]!.first));
        deliver(false);
        devices.forEach((d, i) => run(d, replicas[i]!.second));
        deliver(true);
        deliver(true);
        const acting = devices.map((d) => d.chosen === null ? null : d.plan.index.personNow(d.chosen));
        for (const d of devices) {
          // Every replica sees the same: whom each device acts as, and who is live.
          expect(devices.map((e) => e.chosen === null ? null : d.plan.index.personNow(e.chosen))).toEqual(acting);
          expect(d.plan.index.people().map((p) => p.id).sort()).toEqual(devices[0]!.plan.index.people().map((p) => p.id).sort());
        }
        // Merges alone never leave the plan without a Dana.
        if (removals.size === 0) expect(devices[0]!.plan.index.people().length).toBeGreaterThan(0);
        devices.forEach((d) => {
          if (d.chosen === null) return;
          const person = d.plan.index.person(d.plan.index.personNow(d.chosen))!;
          if (person.removed) {
            // Asked who they are (RemovedSelfNotice): only when someone removed that person, never by a merge.
            expect(person.mergedInto).toBeUndefined();
            expect(removals.has(person.id)).toBe(true);
            expect(refusal(() => d.plan.addCheckIn(initiative, { note: 'here' }))).toBe('removed-person');
          } else {
            expect(refusal(() => d.plan.addCheckIn(initiative, { note: 'here' }))).toBeNull();
            expect(d.plan.index.checkIns(initiative).at(-1)!.by).toBe(person.id);
          }
        });
      },
    ), { numRuns: RUNS, seed: SEED });
  });
});
