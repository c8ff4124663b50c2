import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ROOT_ID, createUndoManager, openPlan, type NodeId, type Plan } from '../../../shared/model/index.js';
import { checkDrop, drop, indent, newChild, newKpi, newSibling, outdent, reorder, selectionAfterDelete } from '../../../renderer/src/outline/outline-commands.js';
import { foldForSearch as searchable } from '../../../shared/text/fold-for-search.js';

function freshPlan(): Plan {
  let id = 0;
  let clock = Date.UTC(2027, 0, 10);
  return openPlan(new Y.Doc(), { now: () => (clock += 1000), newId: () => `id${++id}`, actor: 'tester' }, { name: 'Test' });
}

/** Runs a command and refreshes the index, as the app does after every operation. */
function apply<T>(plan: Plan, command: () => T): T {
  const result = command();
  plan.index.refresh(plan.index.now);
  return result;
}

function selected(result: ReturnType<typeof newSibling>): NodeId {
  if (!result.ok) throw new Error(result.message);
  return result.select;
}

function shape(plan: Plan, parent: string = ROOT_ID): unknown[] {
  return plan.index.children(parent).map((id) => {
    const node = plan.index.node(id)!;
    const label = `${node.kind}:${node.title}`;
    return node.childIds.length > 0 ? [label, shape(plan, id)] : label;
  });
}

describe('keyboard commands of the outline', () => {
  it('builds strategy → objective → key result → initiative → task with Enter and Tab alone', () => {
    const plan = freshPlan();
    const strategy = selected(apply(plan, () => newSibling(plan, null)));
    apply(plan, () => plan.setTitle(strategy, 'Grow'));
    let current = strategy;
    for (const title of ['Win EU', 'Revenue 10M', 'Launch DE', 'Hire sales']) {
      current = selected(apply(plan, () => newSibling(plan, current)));
      apply(plan, () => plan.setTitle(current, title));
      current = selected(apply(plan, () => indent(plan, current)));
    }
    expect(shape(plan)).toEqual([['strategy:Grow', [['objective:Win EU', [['key_result:Revenue 10M', [['initiative:Launch DE', ['task:Hire sales']]]]]]]]]);
  });

  it('turns a blank line into the kind of its new level, but never retypes a node with content', () => {
    const plan = freshPlan();
    const strategy = selected(apply(plan, () => newSibling(plan, null)));
    const objective = selected(apply(plan, () => newChild(plan, strategy)));
    const keyResult = selected(apply(plan, () => newChild(plan, objective)));
    const initiative = selected(apply(plan, () => newChild(plan, keyResult)));
    const task = selected(apply(plan, () => newChild(plan, initiative)));
    const outdented = selected(apply(plan, () => outdent(plan, task)));
    expect(plan.index.node(outdented)).toMatchObject({ kind: 'initiative', parent: keyResult });
    // The same node, retyped where it stands, not a new one made in its place.
    expect(outdented).toBe(task);
    const busy = selected(apply(plan, () => newChild(plan, initiative)));
    apply(plan, () => plan.addCheckIn(busy, { confidence: 5 }));
    expect(apply(plan, () => outdent(plan, busy))).toEqual({ ok: false, message: 'A task cannot go under a key result: it belongs under an initiative or a task.' });
    expect(plan.index.node(busy)).toMatchObject({ kind: 'task', parent: initiative });
  });

  it('undoes a blank line’s change of kind and place in one step', () => {
    const plan = freshPlan();
    const undo = createUndoManager(plan, { captureTimeout: 0 });
    const strategy = selected(apply(plan, () => newSibling(plan, null)));
    const objective = selected(apply(plan, () => newChild(plan, strategy)));
    const line = selected(apply(plan, () => newSibling(plan, objective)));
    apply(plan, () => indent(plan, line));
    expect(plan.index.node(line)).toMatchObject({ kind: 'key_result', parent: objective });
    apply(plan, () => undo.undo());
    expect(plan.index.node(line)).toMatchObject({ kind: 'objective', parent: strategy });
    expect(plan.index.children(strategy)).toEqual([objective, line]);
  });

  it('explains why the first item of a level cannot be indented and the top level cannot be outdented', () => {
    const plan = freshPlan();
    const strategy = selected(apply(plan, () => newSibling(plan, null)));
    expect(indent(plan, strategy)).toMatchObject({ ok: false, message: expect.stringContaining('Nothing above') });
    expect(outdent(plan, strategy)).toMatchObject({ ok: false, message: expect.stringContaining('top level') });
  });

  it('reorders among siblings and keeps the order on undo', () => {
    const plan = freshPlan();
    const undo = createUndoManager(plan, { captureTimeout: 0 });
    const a = selected(apply(plan, () => newSibling(plan, null)));
    const b = selected(apply(plan, () => newSibling(plan, a)));
    apply(plan, () => reorder(plan, b, -1));
    expect(plan.index.children(ROOT_ID)).toEqual([b, a]);
    apply(plan, () => undo.undo());
    expect(plan.index.children(ROOT_ID)).toEqual([a, b]);
  });

  it('refuses a drop the cascade forbids with a sentence, and moves on an allowed one', () => {
    const plan = freshPlan();
    const strategy = selected(apply(plan, () => newSibling(plan, null)));
    const objective = selected(apply(plan, () => newChild(plan, strategy)));
    const keyResult = selected(apply(plan, () => newChild(plan, objective)));
    const initiative = selected(apply(plan, () => newChild(plan, keyResult)));
    const task = selected(apply(plan, () => newChild(plan, initiative)));
    expect(checkDrop(plan, task, keyResult, 'inside')).toEqual({ refused: 'A task cannot go under a key result: it belongs under an initiative or a task.' });
    expect(checkDrop(plan, objective, keyResult, 'inside')).toEqual({ refused: 'An item cannot be moved inside itself.' });
    expect(checkDrop(plan, task, task, 'after')).toEqual({ refused: 'An item cannot be dropped on itself.' });
    const second = selected(apply(plan, () => newSibling(plan, initiative)));
    expect(apply(plan, () => drop(plan, task, second, 'inside'))).toEqual({ ok: true, select: task });
    expect(plan.index.parentOf(task)).toBe(second);
    expect(apply(plan, () => drop(plan, second, initiative, 'before'))).toEqual({ ok: true, select: second });
    expect(plan.index.children(keyResult)).toEqual([second, initiative]);
  });

  it('selects a neighbour after a delete', () => {
    const plan = freshPlan();
    const a = selected(apply(plan, () => newSibling(plan, null)));
    const b = selected(apply(plan, () => newSibling(plan, a)));
    const child = selected(apply(plan, () => newChild(plan, b)));
    expect(selectionAfterDelete(plan, a)).toBe(b);
    expect(selectionAfterDelete(plan, b)).toBe(a);
    expect(selectionAfterDelete(plan, child)).toBe(b);
  });
});

describe('outline commands that explain themselves', () => {
  it('Alt+↑ on a first child and Alt+↓ on a last child say why nothing moved', () => {
    const plan = freshPlan();
    const strategy = apply(plan, () => plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' }));
    const first = apply(plan, () => plan.createNode({ kind: 'objective', parent: strategy, title: 'A' }));
    const last = apply(plan, () => plan.createNode({ kind: 'objective', parent: strategy, title: 'B' }));
    expect(apply(plan, () => reorder(plan, first, -1))).toEqual({ ok: false, message: expect.stringMatching(/Already the first item at its level.*Shift\+Tab/) });
    expect(apply(plan, () => reorder(plan, last, 1))).toEqual({ ok: false, message: expect.stringMatching(/Already the last item/) });
  });

  it('a KPI is created under the selected key result, beside a selected KPI, or under the nearest objective above', () => {
    const plan = freshPlan();
    const strategy = apply(plan, () => plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' }));
    const objective = apply(plan, () => plan.createNode({ kind: 'objective', parent: strategy, title: 'O' }));
    const keyResult = apply(plan, () => plan.createNode({ kind: 'key_result', parent: objective, title: 'KR', start: 0, target: 10 }));
    const kpi = selected(apply(plan, () => newKpi(plan, keyResult)));
    expect(plan.index.node(kpi)).toMatchObject({ kind: 'kpi', parent: keyResult });
    const sibling = selected(apply(plan, () => newKpi(plan, kpi)));
    expect(plan.index.node(sibling)).toMatchObject({ kind: 'kpi', parent: keyResult });
    const initiative = apply(plan, () => plan.createNode({ kind: 'initiative', parent: objective, title: 'I' }));
    const fromInitiative = selected(apply(plan, () => newKpi(plan, initiative)));
    expect(plan.index.node(fromInitiative)).toMatchObject({ kind: 'kpi', parent: objective });
    expect(apply(plan, () => newKpi(plan, strategy))).toEqual({ ok: false, message: expect.stringMatching(/belongs under a key result or an objective/) });
  });

  it('Find matches titles that contain zero-width characters', () => {
    expect(searchable('Re\u200Bvenue\u00AD growth')).toBe('revenue growth');
    expect(searchable('Revenue').includes(searchable('reve\u200Bnue'))).toBe(true);
  });
});

describe('a blank line changing kind while someone else edits it', () => {
  /** Two people's replicas of one plan, each with its own clock and ids, synced to the same state. */
  function twoReplicas(): { ada: Plan; ben: Plan; sync: () => void } {
    const replica = (actor: string, prefix: string, doc: Y.Doc): Plan => {
      let id = 0;
      let clock = Date.UTC(2027, 0, 10);
      return openPlan(doc, { now: () => (clock += 1000), newId: () => `${prefix}${++id}`, actor }, { name: 'Test' });
    };
    const adaDoc = new Y.Doc(), benDoc = new Y.Doc();
    const ada = replica('ada', 'a', adaDoc);
    const sync = () => {
      Y.applyUpdate(benDoc, Y.encodeStateAsUpdate(adaDoc, Y.encodeStateVector(benDoc)));
      Y.applyUpdate(adaDoc, Y.encodeStateAsUpdate(benDoc, Y.encodeStateVector(adaDoc)));
    };
    sync();
    const ben = replica('ben', 'b', benDoc);
    return { ada, ben, sync: () => { sync(); ada.index.refresh(ada.index.now); ben.index.refresh(ben.index.now); } };
  }

  /** Strategy "Grow" with two objectives, "Nordics" and a blank-but-titled line "Win Iberia" below it. */
  function objectives(plan: Plan): { nordics: NodeId; iberia: NodeId } {
    const strategy = apply(plan, () => plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' }));
    const nordics = apply(plan, () => plan.createNode({ kind: 'objective', parent: strategy, title: 'Win the Nordics' }));
    const iberia = apply(plan, () => plan.createNode({ kind: 'objective', parent: strategy, title: 'Win Iberia' }));
    return { nordics, iberia };
  }

  it('Tab on a line keeps what another person wrote on it meanwhile: their rename and check-in stay', () => {
    // Ada turns the line into a key result under "Win the Nordics" (Tab) while Ben, offline, renames it
    // and checks in on it. The line used to be recreated (deleted, purged, made again under a new id):
    // Ben's rename and check-in went to the purged node and were gone for good, without a word.
    const { ada, ben, sync } = twoReplicas();
    const { nordics, iberia } = objectives(ada);
    sync();
    const moved = selected(apply(ada, () => indent(ada, iberia)));
    apply(ben, () => ben.setTitle(iberia, 'Win Iberia and Portugal'));
    apply(ben, () => ben.addCheckIn(iberia, { confidence: 6, note: 'Lisbon first' }));
    sync();
    for (const plan of [ada, ben]) {
      expect(shape(plan)).toEqual([['strategy:Grow', [['objective:Win the Nordics', ['key_result:Win Iberia and Portugal']]]]]);
      const line = plan.index.children(nordics)[0]!;
      expect(line).toBe(moved);
      expect(plan.index.checkIns(line).map((checkIn) => checkIn.note)).toEqual(['Lisbon first']);
    }
  });

  it('two people pressing Tab on the same line at once end with one line, not two', () => {
    const { ada, ben, sync } = twoReplicas();
    const { iberia } = objectives(ada);
    sync();
    apply(ada, () => indent(ada, iberia));
    apply(ben, () => indent(ben, iberia));
    sync();
    for (const plan of [ada, ben]) expect(shape(plan)).toEqual([['strategy:Grow', [['objective:Win the Nordics', ['key_result:Win Iberia']]]]]);
  });
});
