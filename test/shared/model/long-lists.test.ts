// review36d B2 (server36, thirty-second session): `Math.min(...list)` and `push(...list)` pass every item
// as an argument on the stack, and past about 125,000 items V8 throws RangeError. The app serves plans of
// 100,000 nodes and more, and an editor (the hostile peer the project defends against) can put any number
// of children under one node and write its `kind` key: one such write made refresh throw on every replica,
// so the plan could not be shown. These run at 150,000-200,000 items, past the limit.
import { generateNKeysBetween } from 'fractional-indexing';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { parsePlanFile } from '../../../shared/files/index.js';
import { parentLoops } from '../../../shared/files/plan-file-loops.js';
import { largest, smallest } from '../../../shared/collections/long-lists.js';
import { planTypes } from '../../../shared/model/doc.js';
import { Prng } from '../../../shared/model/fixtures/prng.js';
import { MAX_CLEARS } from '../../../shared/model/checkins.js';
import { encodeCheckIn, openPlan, ROOT_ID, type NodeId } from '../../../shared/model/index.js';
import { misplacedBelowSignal } from '../../../shared/model/signals.js';
import { T0, TestContext } from './support.js';

const many = 200_000;

/** `count` key results under `parent`, written in one transaction as a peer's update would arrive. */
function writeKeyResults(doc: Y.Doc, parent: NodeId, count: number): void {
  const rng = new Prng(36);
  const orders = generateNKeysBetween(null, null, count);
  const nodes = planTypes(doc).nodes;
  doc.transact(() => {
    for (let i = 0; i < count; i++) {
      const node = new Y.Map<unknown>();
      nodes.set(rng.id(), node);
      node.set('init', JSON.stringify({ kind: 'key_result', created: { at: T0 + i, by: 'eve' }, place: { parent, order: orders[i]!, at: T0, from: ROOT_ID }, start: 0, target: 100 }));
      node.set('title', new Y.Text(`Key result ${i + 1}`));
    }
  }, 'peer');
}

describe('lists past the stack\'s argument limit (review36d B2)', () => {
  it('a hostile kind change on an objective with 200,000 key results: the plan still opens, and the objective says they are misplaced', { timeout: 300_000 }, () => {
    const ada = openPlan(new Y.Doc(), new TestContext(T0, 'ada', 'a'));
    const strategy = ada.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
    const objective = ada.createNode({ kind: 'objective', parent: strategy, title: 'Win EU' });
    // Ben's replica gets Ada's plan, then Eve's updates: 200,000 key results under the objective, and
    // the objective's kind key written to "task" (key results may not sit under a task).
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(ada.doc));
    writeKeyResults(doc, objective, many);
    doc.transact(() => (planTypes(doc).nodes.get(objective) as Y.Map<unknown>).set('kind', 'task'), 'peer');
    const ben = openPlan(doc, new TestContext(T0 + 1_000, 'ben', 'b'));
    ben.index.refresh(T0 + 1_000);
    expect(ben.index.node(objective)!.childIds).toHaveLength(many);
    // Its own signal says where a task belongs; the one for what is below it is the info one.
    const below = ben.index.node(objective)!.signals.find((signal) => signal.kind === 'misplaced' && signal.severity === 'info');
    expect(below).toMatchObject({ since: T0, evidence: { parentKind: 'task', leftOut: true } });
    expect(below!.message).toBe(`${many} items below do not belong under a task, they are counted in no roll-up: move each where its kind belongs`);
  });

  it('misplacedBelowSignal over 200,000 children takes the earliest since', () => {
    const children = Array.from({ length: many }, (_, i) => ({ id: `c${i}` as NodeId, kind: 'task' as const, since: many - i }));
    expect(misplacedBelowSignal('p' as NodeId, 'key_result', children)?.since).toBe(1);
  });

  it('a plan file whose parents make one loop of 200,000 items opens with that loop named, not a throw', { timeout: 120_000 }, () => {
    const nodes = Array.from({ length: many }, (_, i) => ({
      id: `n${i}`, kind: 'strategy', parent: `n${(i + 1) % many}`, order: 'a0', placedAt: i, placedFrom: 'root', title: `Item ${i + 1}`, description: '', fields: {}, created: null, updated: null, deleted: null,
    }));
    expect(parentLoops({ nodes }).map((loop) => [loop.length, loop[0]])).toEqual([[many, 0]]);
    const result = parsePlanFile(JSON.stringify({ format: 'throughline-plan', version: 2, meta: { name: 'Ring' }, nodes, checkIns: [], people: {}, teams: {}, periods: {}, links: {} }));
    if (!result.ok) throw new Error(result.problem.message);
    expect(result.loops).toHaveLength(1);
    expect(result.loops[0]).toMatch(/^200000 items form a loop of parents/);
  });

  it('standing blockers of a task with 140,010 check-ins, 130,000 of them standing (review36d T5)', { timeout: 120_000 }, () => {
    const ada = openPlan(new Y.Doc(), new TestContext(T0, 'ada', 'a'));
    const strategy = ada.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
    const objective = ada.createNode({ kind: 'objective', parent: strategy, title: 'Win EU' });
    const initiative = ada.createNode({ kind: 'initiative', parent: objective, title: 'Open Munich' });
    const task = ada.createNode({ kind: 'task', parent: initiative, title: 'Sign the lease' });
    // As a peer's update would bring them: 140,000 blockers, then ten check-ins clearing the first 10,000
    // by name (1,000 each, the most one may name). The series and the standing list are past the limit.
    const blockers = 140_000;
    const cleared = 10_000;
    const checkIn = (id: string, at: number, blocker: boolean, clears: string[]) => encodeCheckIn({ id, nodeId: task, at, by: 'eve', value: null, confidence: null, status: null, blocker, note: blocker ? `blocked ${id}` : 'done', unit: '', clears });
    const tuples = Array.from({ length: blockers }, (_, i) => checkIn(`b${i}`, T0 + 1 + i, true, []));
    for (let k = 0; k < cleared / MAX_CLEARS; k++) tuples.push(checkIn(`clears-${k}`, T0 + 2 * blockers + k, false, Array.from({ length: MAX_CLEARS }, (_, i) => `b${k * MAX_CLEARS + i}`)));
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(ada.doc));
    doc.getArray<string>('checkins').push(tuples);
    const ben = openPlan(doc, new TestContext(T0 + 3 * blockers, 'ben', 'b'));
    ben.index.refresh(T0 + 3 * blockers);
    expect(ben.index.checkIns(task)).toHaveLength(blockers + cleared / MAX_CLEARS);
    const standing = ben.index.standingBlockers(task);
    expect(standing).toHaveLength(blockers - cleared);
    // Latest first: the last blocker raised down to the first one not cleared.
    expect([standing[0]!.id, standing.at(-1)!.id]).toEqual([`b${blockers - 1}`, `b${cleared}`]);
    // The task is blocked since the earliest blocker still standing, with the latest one's reason.
    expect(ben.index.node(task)!.signals.find((signal) => signal.kind === 'blocked')).toMatchObject({ since: T0 + 1 + cleared });
  });

  it('smallest and largest agree with Math.min and Math.max, empty and NaN included, at any length', () => {
    for (const values of [[], [3], [2, -1, 5], [1, Number.NaN, 0], [Number.POSITIVE_INFINITY, -0]]) {
      expect(smallest(values)).toBe(Math.min(...values));
      expect(largest(values)).toBe(Math.max(...values));
    }
    const long = Array.from({ length: many }, (_, i) => (i * 7919) % many);
    expect([smallest(long), largest(long)]).toEqual([0, many - 1]);
  });
});
