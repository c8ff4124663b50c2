// A plan file whose parents make a loop (review32 finding 8): A under B and B under A, an item under
// itself, or a longer ring. No plan can show an item inside itself, so the tree breaks the loop (the
// item moved last goes back under its previous parent, or to the top level) — and the file opened that
// way without a word. Now each loop is named, with where the plan shows the item it moved, before the
// person chooses to open it; what opens is exactly what the note says, and nothing else moves.
import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { exportPlanFile, parsePlanFile, serializePlanFile, writePlanFile, type PlanFile } from '../../../shared/files/index.js';
import { parentLoops } from '../../../shared/files/plan-file-loops.js';
import { openPlan, ROOT_ID, type Plan } from '../../../shared/model/index.js';
import { nodeId, smallCascade, T0, TestContext, twoReplicas } from '../model/support.js';

type RawNode = { id: string; kind: string; parent: string; order: string; placedAt: number; placedFrom: string; title: string; description: string; fields: Record<string, never>; created: null; updated: null; deleted: { at: number; by: string } | null };
const node = (id: string, parent: string, title: string, placedAt = 0, placedFrom = 'root', deleted = false): RawNode => ({
  id, kind: 'strategy', parent, order: 'a0', placedAt, placedFrom, title, description: '', fields: {}, created: null, updated: null, deleted: deleted ? { at: T0, by: 'ada' } : null,
});
const fileOf = (nodes: RawNode[]) => JSON.stringify({ format: 'throughline-plan', version: 2, meta: { name: 'Loops' }, nodes, checkIns: [], people: {}, teams: {}, periods: {}, links: {} });

function parsed(text: string) {
  const result = parsePlanFile(text);
  if (!result.ok) throw new Error(result.problem.message);
  return result;
}

function opened(file: PlanFile): Plan {
  const doc = new Y.Doc();
  writePlanFile(doc, file);
  const plan = openPlan(doc, new TestContext(T0, 'bob', 'm'));
  plan.index.refresh(T0);
  return plan;
}

const parentOf = (plan: Plan, id: string) => plan.index.node(nodeId(id))!.parent;

describe('a plan file with a loop of parents', () => {
  const text = fileOf([
    node('s1', 'root', 'Strategy'),
    node('a1', 'b1', 'Alpha', 1),
    node('b1', 'a1', 'Beta', 2),
    node('c1', 'c1', 'Gamma'),
    node('d1', 'e1', 'Delta', 1),
    node('e1', 'f1', 'Epsilon', 2),
    node('f1', 'd1', 'Zeta', 3, 's1'),
    node('g1', 'h1', 'Eta', 1, 'root', true),
    node('h1', 'g1', 'Theta', 2, 'root', true),
    node('k1', 's1', 'Kappa'),
  ]);

  it('names every loop and where the plan shows the item it moved, before anything opens', () => {
    const result = parsed(text);
    expect(result.warnings).toEqual([]);
    expect(result.loops).toEqual([
      '2 items form a loop of parents, each under the next: “Alpha” (node 2, id a1) → “Beta” (node 3, id b1) → “Alpha”; “Beta” opens at the top level',
      '“Gamma” (node 4, id c1) is its own parent; it opens at the top level',
      '3 items form a loop of parents, each under the next: “Delta” (node 5, id d1) → “Epsilon” (node 6, id e1) → “Zeta” (node 7, id f1) → “Delta”; “Zeta” opens under “Strategy”',
      '2 items form a loop of parents, each under the next: “Eta” (node 8, id g1) → “Theta” (node 9, id h1) → “Eta”; all of them are deleted in the file and stay deleted',
    ]);
  });

  it('opens as the notes say, and every other item where the file puts it', () => {
    const plan = opened(parsed(text).file);
    expect(parentOf(plan, 'b1')).toBe(ROOT_ID);
    expect(parentOf(plan, 'a1')).toBe('b1');
    expect(parentOf(plan, 'c1')).toBe(ROOT_ID);
    expect(parentOf(plan, 'f1')).toBe('s1');
    expect(parentOf(plan, 'd1')).toBe('e1');
    expect(parentOf(plan, 'e1')).toBe('f1');
    expect(parentOf(plan, 'k1')).toBe('s1');
    expect(plan.index.node(nodeId('g1'))).toBeUndefined();
    expect(plan.index.node(nodeId('h1'))).toBeUndefined();
  });

  it('a file without a loop says nothing of loops', () => {
    const result = parsed(fileOf([node('s1', 'root', 'Strategy'), node('k1', 's1', 'Kappa'), node('b1', 'k1', 'Beta')]));
    expect(result.loops).toEqual([]);
  });

  it('a plan exported in the middle of two people\'s crossing moves says which move the plan undid when opened again', () => {
    const two = twoReplicas((a) => {
      const { initiative } = smallCascade(a);
      return { initiative, x: a.createNode({ kind: 'task', parent: initiative, title: 'Grow' }), y: a.createNode({ kind: 'task', parent: initiative, title: 'Hire' }) };
    });
    two.a.moveNode(two.x, { parent: two.y });
    two.ctxB.time += 1_000;
    two.b.moveNode(two.y, { parent: two.x });
    two.sync();
    const result = parsed(serializePlanFile(exportPlanFile(two.docA)));
    const file = result.file;
    const xIndex = file.nodes.findIndex((entry) => entry.id === two.x) + 1;
    const yIndex = file.nodes.findIndex((entry) => entry.id === two.y) + 1;
    expect(result.loops).toEqual([`2 items form a loop of parents, each under the next: “Grow” (node ${xIndex}, id ${two.x}) → “Hire” (node ${yIndex}, id ${two.y}) → “Grow”; “Hire” opens under “Campaign”`]);
    // As both people's plans show it.
    expect(two.a.index.node(two.y)!.parent).toBe(two.initiative);
    expect(parentOf(opened(file), two.y)).toBe(two.initiative);
    expect(parentOf(opened(file), two.x)).toBe(two.y);
  });

  it('for any parents, every loop is named once and every item the plan shows elsewhere than the file is named in one', () => {
    const ids = ['n1', 'n2', 'n3', 'n4', 'n5', 'n6'];
    const arbitraryNode = fc.record({ parent: fc.constantFrom('root', ...ids), placedAt: fc.integer({ min: 0, max: 3 }), from: fc.constantFrom('root', ...ids), deleted: fc.boolean() });
    fc.assert(fc.property(fc.array(arbitraryNode, { minLength: ids.length, maxLength: ids.length }), (drawn) => {
      const nodes = drawn.map((entry, index) => node(ids[index]!, entry.parent, `T${index + 1}`, entry.placedAt, entry.from, entry.deleted));
      const result = parsed(fileOf(nodes));
      const loops = parentLoops(result.file);
      expect(result.loops).toHaveLength(loops.length);
      const plan = opened(result.file);
      const inLoop = new Set(loops.flat().map((index) => ids[index]!));
      for (const [index, entry] of nodes.entries()) {
        const shown = plan.index.node(nodeId(entry.id));
        if (!shown || shown.parent === entry.parent) continue;
        // Shown elsewhere: because its parent is deleted (the plan's rule, not the file's loop), or named in a note.
        const named = result.loops.some((note) => note.includes(`“T${index + 1}” opens`) || (note.includes(`(node ${index + 1}, id ${entry.id}) is its own parent; it opens`)));
        if (inLoop.has(entry.id)) expect(named).toBe(true);
      }
    }), { numRuns: 300 });
  });
});
