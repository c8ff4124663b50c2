// Property: the index built in steps (PlanIndex.build, paused anywhere, with edits from another
// replica arriving between steps) equals the one-shot build of the doc as it ends up, once one
// refresh has brought the edits in; with no edits it equals it at once and is not dirty.
import * as Y from 'yjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PlanIndex, openPlan, openingPlan, planTypes, type Plan } from '../../../shared/model/index.js';
import { generatePlan } from '../../../shared/model/fixtures/generate-plan.js';
import { TestContext, snapshotEverything, syncDocs } from './support.js';
import { applyFuzzOp, fuzzOpArb, newStats, type FuzzOp } from './fuzz-ops.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const SEED = Number(process.env.FUZZ_SEED ?? 20271202);

// Enough nodes, check-ins and teams that every phase of the build (nodes, check-ins, contexts,
// roll-ups, team signals, views) takes several steps.
const source = new Y.Doc();
const generated = generatePlan(source, { nodes: 700, checkIns: 3_000, teams: 300, people: 40, seed: 7 });
const stored = Y.encodeStateAsUpdate(source);
const NOW = generated.now;

function loaded(): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, stored);
  return doc;
}

/** Between steps: run this many more steps, then maybe apply an edit made on the other replica. */
interface Pause { steps: number; edit: FuzzOp | null }
const pauseArb: fc.Arbitrary<Pause> = fc.record({ steps: fc.nat({ max: 4 }), edit: fc.option(fuzzOpArb, { freq: 4 }) });

function buildWithPauses(pauses: readonly Pause[], counters: { steps: number; edits: number }): void {
  const doc = loaded();
  const other = loaded();
  const ctx = new TestContext(NOW, 'bob', 'b');
  const otherPlan: Plan = openPlan(other, ctx, { now: NOW });
  const stats = newStats();
  const steps = PlanIndex.build(doc, { now: NOW });
  let next = steps.next();
  let edited = false;
  for (let p = 0; !next.done; p++) {
    const pause = pauses[p % Math.max(1, pauses.length)] ?? { steps: 1, edit: null };
    for (let i = 0; i < Math.max(1, pause.steps) && !next.done; i++) {
      next = steps.next();
      counters.steps++;
    }
    if (!next.done && pause.edit && p < pauses.length) {
      applyFuzzOp(otherPlan, ctx, pause.edit, stats);
      syncDocs(other, doc);
      counters.edits++;
      edited = true;
    }
  }
  const index = next.value;
  if (!edited) expect(index.dirty).toBe(false);
  index.refresh(NOW);
  const oneShot = new PlanIndex(doc, { now: NOW });
  expect(snapshotEverything(index)).toEqual(snapshotEverything(oneShot));
  oneShot.destroy();
  index.destroy();
  otherPlan.index.destroy();
}

describe('the index built in steps equals the one-shot build', () => {
  it('with no edits, it is equal at once, for any pause pattern', () => {
    const doc = loaded();
    const oneShot = new PlanIndex(doc, { now: NOW });
    const steps = PlanIndex.build(doc, { now: NOW });
    let count = 0;
    for (let next = steps.next(); ; next = steps.next()) {
      if (next.done) {
        expect(next.value.dirty).toBe(false);
        expect(snapshotEverything(next.value)).toEqual(snapshotEverything(oneShot));
        break;
      }
      count++;
    }
    // Each phase is cut: a build of 700 nodes and 3,000 check-ins is many steps, not one.
    expect(count).toBeGreaterThan(15);
  });

  it(`with edits from another replica arriving between steps (${RUNS} runs, seed ${SEED})`, { timeout: 300_000 }, () => {
    const counters = { steps: 0, edits: 0 };
    fc.assert(fc.property(fc.array(pauseArb, { minLength: 1, maxLength: 30 }), (pauses) => buildWithPauses(pauses, counters)), { seed: SEED, numRuns: RUNS });
    expect(counters.edits).toBeGreaterThan(RUNS * 3);
  });

  it('openingPlan in steps gives the plan openPlan gives', () => {
    const doc = loaded();
    const steps = openingPlan(doc, new TestContext(NOW), { now: NOW });
    let next = steps.next();
    while (!next.done) next = steps.next();
    const plan = next.value;
    expect(plan.readOnly).toBe(false);
    expect(snapshotEverything(plan.index)).toEqual(snapshotEverything(openPlan(loaded(), new TestContext(NOW), { now: NOW }).index));
  });
});

describe('the team signals are cut by tasks, not teams', () => {
  /** Steps of PlanIndex.build over `doc`. */
  const stepsOf = (doc: Y.Doc): number => {
    const steps = PlanIndex.build(doc, { now: NOW });
    let count = 0;
    for (let next = steps.next(); !next.done; next = steps.next()) count++;
    return count;
  };

  it('a plan of fewer than 256 teams takes a step per few hundred of their tasks (256 teams per step made 50–170 ms steps at 100k)', () => {
    const withTeam = new Y.Doc();
    const plan = generatePlan(withTeam, { nodes: 4_000, checkIns: 500, teams: 100, people: 200, seed: 11 });
    // The same doc with no team anywhere (no node's own team, no person's): the team phase has nothing to read.
    const noTeam = new Y.Doc();
    Y.applyUpdate(noTeam, Y.encodeStateAsUpdate(withTeam));
    noTeam.transact(() => {
      for (const node of planTypes(noTeam).nodes.values()) {
        const init = JSON.parse(node.get('init') as string) as Record<string, unknown>;
        delete init.team;
        node.set('init', JSON.stringify(init));
      }
      for (const person of planTypes(noTeam).people.values()) person.delete('team');
    });
    const tasks = plan.ids.task.length;
    expect(tasks).toBeGreaterThan(2_000);
    // Every other phase walks the same nodes, records and check-ins: the extra steps are the team phase's.
    // ~30 tasks a team, a step ends at the first team past 256 tasks.
    expect(stepsOf(withTeam) - stepsOf(noTeam)).toBeGreaterThanOrEqual(Math.floor(tasks / 320));
  });
});
