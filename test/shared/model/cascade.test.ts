// One test per cascade rule of SPEC §2: each kind is accepted under each allowed parent kind and
// refused (kind-not-allowed, nothing written) under every other.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { ALLOWED_PARENTS, NODE_KINDS, ROOT_ID, isPlanError, type NodeKind, type Plan } from '../../../shared/model/index.js';
import { newPlan } from './support.js';

/** Builds one node of every kind in a valid chain and returns their ids. */
function everyKind(plan: Plan): Record<NodeKind | typeof ROOT_ID, string> {
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
