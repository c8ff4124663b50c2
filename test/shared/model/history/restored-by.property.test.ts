// Property (review40a F4): the review diff's "restored by" names a person whose restore brought the item
// back, whatever restores, moves and deletes several replicas made after the review point, and in
// whatever order their changes were delivered. Cara and Dan restore (and delete); Ben and Eve only move
// and delete, so a diff naming them for a restore read the mover off the item's place.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROOT_ID, isPlanError, type NodeId, type Plan } from '../../../../shared/model/index.js';
import { diffReview, listReviewPoints } from '../../../../shared/model/history/index.js';
import { historyPlan, replicaOf, reviewPoint, syncBoth } from './history-support.js';

const RESTORERS = ['cara', 'dan'] as const;
const MOVERS = ['ben', 'eve'] as const;
const ACTORS = [...RESTORERS, ...MOVERS] as const;

type Op =
  | { type: 'restore'; who: number; pick: number }
  | { type: 'move'; who: number; pick: number; to: number }
  | { type: 'delete'; who: number; pick: number }
  | { type: 'sync'; a: number; b: number };

const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ type: fc.constant('restore' as const), who: fc.nat(RESTORERS.length - 1), pick: fc.nat() }), weight: 3 },
  { arbitrary: fc.record({ type: fc.constant('move' as const), who: fc.nat(MOVERS.length - 1), pick: fc.nat(), to: fc.nat() }), weight: 3 },
  fc.record({ type: fc.constant('delete' as const), who: fc.nat(ACTORS.length - 1), pick: fc.nat() }),
  { arbitrary: fc.record({ type: fc.constant('sync' as const), a: fc.nat(ACTORS.length), b: fc.nat(ACTORS.length) }), weight: 2 },
);

const shownIn = (plan: Plan): Set<string> => new Set(plan.index.structure().tree.parent.keys());

/** Runs a model operation; a refusal (not deleted, not allowed there) is no change, as in the app. */
function attempt(run: () => void): boolean {
  try {
    run();
    return true;
  } catch (error) {
    if (isPlanError(error)) return false;
    throw error;
  }
}

describe('review diff: restored by (review40a F4)', () => {
  it('names a replica that restored the item, never one that only moved it, in any delivery order', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.nat(9), { minLength: 1, maxLength: 4 }), fc.array(opArbitrary, { minLength: 1, maxLength: 40 }), (deletedBefore, ops) => {
      const ada = historyPlan({ actor: 'ada' });
      const p = ada.plan;
      const strategy = p.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
      const objective = p.createNode({ kind: 'objective', parent: strategy, title: 'Win EU' });
      const revenue = p.createNode({ kind: 'key_result', parent: objective, title: 'Revenue', start: 0, target: 100, direction: 'increase' });
      const margin = p.createNode({ kind: 'key_result', parent: objective, title: 'Margin', start: 0, target: 10, direction: 'increase' });
      const campaign = p.createNode({ kind: 'initiative', parent: revenue, title: 'Campaign', status: 'active' });
      const events = p.createNode({ kind: 'initiative', parent: margin, title: 'Events', status: 'active' });
      const nodes: NodeId[] = [
        strategy, objective, revenue, margin, campaign, events,
        p.createNode({ kind: 'task', parent: campaign, title: 'Ads', status: 'todo' }),
        p.createNode({ kind: 'task', parent: campaign, title: 'Posters', status: 'todo' }),
        p.createNode({ kind: 'task', parent: events, title: 'Venue', status: 'todo' }),
        p.createNode({ kind: 'task', parent: events, title: 'Speakers', status: 'todo' }),
      ];
      // Where a move may put an item: a key result under the objective, an initiative under a key result, a task under an initiative.
      const parentsFor = (id: NodeId): (NodeId | typeof ROOT_ID)[] => {
        const at = nodes.indexOf(id);
        return at === 0 ? [ROOT_ID] : at === 1 ? [strategy] : at <= 3 ? [objective] : at <= 5 ? [revenue, margin] : [campaign, events];
      };
      // Deleted before the review point (an item inside one deleted first stays deleted on its own).
      for (const at of deletedBefore) attempt(() => p.deleteNode(nodes[at]!));
      ada.ctx.advance(1);
      reviewPoint(ada.doc, ada.ctx, 'start', 'Offsite start');
      const replicas = ACTORS.map((actor, i) => replicaOf(ada.doc, actor, actor[0]!, ada.ctx.advance(1), 100 + i));
      const everyone = [...replicas, ada];
      // Who restored what, as each restorer saw it: the items their restore showed again.
      const restoredBy = new Map<string, Set<string>>();
      for (const op of ops) {
        if (op.type === 'sync') {
          syncBoth(everyone[op.a]!.doc, everyone[op.b]!.doc);
          continue;
        }
        const actor = op.type === 'restore' ? RESTORERS[op.who]! : op.type === 'move' ? MOVERS[op.who]! : ACTORS[op.who]!;
        const replica = replicas[ACTORS.indexOf(actor)]!;
        replica.ctx.advance(1);
        const id = nodes[op.pick % nodes.length]!;
        if (op.type === 'move') attempt(() => replica.plan.moveNode(id, { parent: parentsFor(id)[op.to % parentsFor(id).length]! }));
        else if (op.type === 'delete') attempt(() => replica.plan.deleteNode(id));
        else {
          const before = shownIn(replica.plan);
          if (!attempt(() => replica.plan.restoreNode(id))) continue;
          for (const shown of shownIn(replica.plan)) {
            if (before.has(shown)) continue;
            const by = restoredBy.get(shown) ?? new Set<string>();
            by.add(actor);
            restoredBy.set(shown, by);
          }
        }
      }
      for (let round = 0; round < 2; round++) for (const replica of replicas) syncBoth(ada.doc, replica.doc);
      const now = ada.ctx.advance(1);
      ada.plan.index.refresh(now);
      const diff = diffReview(ada.doc, listReviewPoints(ada.doc)[0]!, { kind: 'now', index: ada.plan.index, now }, ada.plan.ctx);
      for (const change of diff.changes) {
        if (change.kind === 'added' && change.restored) {
          expect({ item: change.nodeId, by: change.by }).toEqual({ item: change.nodeId, by: expect.toBeOneOf([...(restoredBy.get(change.nodeId) ?? [])]) });
        }
        if (change.kind === 'moved' && change.because?.kind === 'restore') {
          expect({ item: change.because.nodeId, by: change.by }).toEqual({ item: change.because.nodeId, by: expect.toBeOneOf([...(restoredBy.get(change.because.nodeId) ?? [])]) });
        }
      }
    }), { numRuns: 150, seed: 20261207 });
  });
});
