// One test per cascade rule of SPEC §2: each kind is accepted under each allowed parent kind and
// refused (kind-not-allowed, nothing written) under every other.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { ALLOWED_PARENTS, NODE_KINDS, ROOT_ID, isPlanError, kindsAllowedAt, type NodeId, type NodeKind, type Plan } from '../../../shared/model/index.js';
import { T0, newPlan, smallCascade } from './support.js';

/** Builds one node of every kind in a valid chain and returns their ids. */
function everyKind(plan: Plan): Record<NodeKind, NodeId> & { root: typeof ROOT_ID } {
  const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
  const objective = plan.createNode({ kind: 'objective', parent: strategy, title: 'O' });
  const keyResult = plan.createNode({ kind: 'key_result', parent: objective, title: 'KR' });
  const kpi = plan.createNode({ kind: 'kpi', parent: keyResult, title: 'KPI' });
  const initiative = plan.createNode({ kind: 'initiative', parent: kpi, title: 'I' });
  const task = plan.createNode({ kind: 'task', parent: initiative, title: 'T' });
  return { root: ROOT_ID, strategy, objective, key_result: keyResult, kpi, initiative, task };
}

const parents = [ROOT_ID, ...NODE_KINDS] as const;

describe('cascade rules', () => {
  for (const kind of NODE_KINDS) {
    for (const parentKind of parents) {
      const allowed = (ALLOWED_PARENTS[kind] as readonly string[]).includes(parentKind);
      it(`${kind} under ${parentKind}: ${allowed ? 'allowed' : 'refused'}`, () => {
        const { doc, plan } = newPlan();
        const ids = everyKind(plan);
        const before = Y.encodeStateVector(doc);
        const create = () => plan.createNode({ kind, parent: ids[parentKind], title: 'x' });
        if (allowed) {
          const id = create();
          plan.index.refresh(plan.index.now);
          expect(plan.index.parentOf(id)).toBe(ids[parentKind]);
        } else {
          expect(create).toThrowError(expect.objectContaining({ code: 'kind-not-allowed' }));
          expect(Y.encodeStateVector(doc)).toEqual(before);
          // Moving an existing node of that kind there is refused the same way.
          if (kind !== 'strategy' || parentKind !== ROOT_ID) {
            try {
              plan.moveNode(ids[kind], { parent: ids[parentKind] });
              expect.unreachable('move should be refused');
            } catch (error) {
              expect(isPlanError(error, 'kind-not-allowed') || isPlanError(error, 'cycle')).toBe(true);
            }
          }
        }
      });
    }
  }

  it('names the kinds and the allowed parents in the message', () => {
    const { plan } = newPlan();
    const ids = everyKind(plan);
    expect(() => plan.createNode({ kind: 'task', parent: ids.strategy, title: 'x' })).toThrowError(/a task cannot be placed under a strategy .*it belongs under an initiative or a task/);
  });
});

describe('kinds a node may be changed to where it stands (the detail panel\'s kind picker)', () => {
  it('lists only the kinds allowed under the parent and above every child', () => {
    // A leaf under an objective: every kind an objective may hold.
    expect(kindsAllowedAt('objective', [])).toEqual(['objective', 'key_result', 'kpi', 'initiative']);
    // With an initiative below: whatever may hold an initiative (not an initiative itself).
    expect(kindsAllowedAt('objective', ['initiative'])).toEqual(['objective', 'key_result', 'kpi']);
    // With a key result below, only an objective can stay there.
    expect(kindsAllowedAt('objective', ['key_result'])).toEqual(['objective']);
    // At the top level only a strategy; under a key result a KPI or an initiative.
    expect(kindsAllowedAt(ROOT_ID, [])).toEqual(['strategy']);
    expect(kindsAllowedAt('key_result', [])).toEqual(['kpi', 'initiative']);
    expect(kindsAllowedAt('key_result', ['task'])).toEqual(['initiative']);
    expect(kindsAllowedAt('initiative', [])).toEqual(['task']);
  });

  it('agrees with changeKind: every listed kind is accepted, every other refused', () => {
    const { plan, doc } = newPlan();
    const { objective, keyResult, initiative } = smallCascade(plan);
    plan.index.refresh(T0);
    for (const id of [objective, keyResult, initiative]) {
      const node = plan.index.node(id)!;
      const parent = plan.index.parentOf(id)!;
      const allowed = kindsAllowedAt(plan.index.node(parent)?.kind ?? ROOT_ID, node.childIds.map((child) => plan.index.node(child)!.kind));
      for (const kind of NODE_KINDS) {
        const { plan: copy, doc: copyDoc } = newPlan({ prefix: 'c' });
        Y.applyUpdate(copyDoc, Y.encodeStateAsUpdate(doc));
        copy.index.refresh(T0);
        const attempt = () => copy.changeKind(id, kind);
        if (allowed.includes(kind)) expect(attempt).not.toThrow();
        else expect(attempt).toThrow();
      }
    }
  });
});
