// usercheck17: a check-in being written belongs to the node it was started on. The form kept its typed
// state while the selection moved, so a note and a blocker written on one item were added to the next
// one selected; and a node deleted under the form took the typing with it, without a word.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROOT_ID, type NodeId } from '../../../shared/model/index.js';
import { createAppStore } from '../../../renderer/src/store/app-store.js';
import {
  EMPTY_CHECK_IN_DRAFT, changeCheckInDraft, draftsByPlace, goneNodeDraftNotice, type CheckInDraft,
} from '../../../renderer/src/detail/check-in-draft.js';
import { twoReplicas } from '../../shared/model/support.js';

const nodes = ['kr', 'initiative', 'task'] as unknown as readonly NodeId[];
type Patch = Partial<Omit<CheckInDraft, 'told'>>;
const patchArb: fc.Arbitrary<Patch> = fc.record({
  value: fc.oneof(fc.constant(''), fc.string({ maxLength: 6 })),
  noValue: fc.boolean(),
  confidence: fc.oneof(fc.constant(''), fc.integer({ min: 0, max: 10 }).map(String)),
  status: fc.constantFrom('', 'on_track', 'at_risk'),
  note: fc.oneof(fc.constant(''), fc.string({ maxLength: 12 })),
  blocker: fc.boolean(),
}, { requiredKeys: [] });
const stepArb = fc.oneof(
  fc.record({ select: fc.constantFrom(...nodes) }),
  fc.record({ type: patchArb }),
);

describe('a check-in draft', () => {
  it('holds, for each node, exactly what was typed while that node was selected, whatever the order of selections', () => {
    let typedAcross = 0;
    fc.assert(fc.property(fc.array(stepArb, { maxLength: 30 }), (steps) => {
      const store = createAppStore();
      const model = new Map<NodeId, Omit<CheckInDraft, 'told'>>();
      let selected: NodeId = nodes[0]!;
      const touched = new Set<NodeId>();
      for (const step of steps) {
        if ('select' in step) { selected = step.select; continue; }
        // The form of the selected node writes the change (CheckInForm's `change`).
        changeCheckInDraft(store, selected, step.type);
        const { told: _told, ...empty } = EMPTY_CHECK_IN_DRAFT;
        model.set(selected, { ...(model.get(selected) ?? empty), ...step.type });
        touched.add(selected);
      }
      if (touched.size > 1) typedAcross++;
      for (const node of nodes) {
        const shown = store.getState().checkInDrafts.get(node) ?? EMPTY_CHECK_IN_DRAFT;
        const { told: _told, ...empty } = EMPTY_CHECK_IN_DRAFT;
        expect({ ...shown, told: false }, `the draft of ${node}`).toEqual({ ...(model.get(node) ?? empty), told: false });
      }
    }), { numRuns: 200 });
    // The runs did the hard case: typing on more than one node.
    expect(typedAcross).toBeGreaterThan(20);
  });

  it('drops a form emptied again, and tells again after a change', () => {
    const store = createAppStore();
    const kr = nodes[0]!;
    changeCheckInDraft(store, kr, { note: ' ' });
    expect(store.getState().checkInDrafts.get(kr)?.note).toBe(' ');
    changeCheckInDraft(store, kr, { note: '' });
    expect(store.getState().checkInDrafts.has(kr)).toBe(false);
    store.getState().setCheckInDraft(kr, { ...EMPTY_CHECK_IN_DRAFT, note: 'x', told: true });
    changeCheckInDraft(store, kr, { note: 'xy' });
    expect(store.getState().checkInDrafts.get(kr)?.told).toBe(false);
  });
});

describe('the notice for a draft whose node went away, on two real replicas', () => {
  const setUp = () => twoReplicas((plan) => {
    const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
    const objective = plan.createNode({ kind: 'objective', parent: strategy, title: 'Win DACH' });
    const keyResult = plan.createNode({ kind: 'key_result', parent: objective, title: 'Revenue from DACH', start: 0, target: 100, unit: 'k€', direction: 'increase' });
    return { objective, keyResult };
  }, ['Ada Host', 'Ben Guest']);
  const draft: CheckInDraft = { ...EMPTY_CHECK_IN_DRAFT, value: '70', confidence: '4', note: 'Two partners signed', blocker: true };
  const gone = (plan: ReturnType<typeof setUp>['b'], id: NodeId, me: string) => ({
    title: 'Revenue from DACH', unit: 'k€', me, nameOf: (by: string) => by,
    deletedBy: plan.index.deletedNodes().find((deleted) => deleted.id === id)?.by ?? null,
  });
  const plain = (text: string) => text.replace(/[\u2066-\u2069]/g, '');

  it('names who deleted it and everything written, and offers the restore', () => {
    const { a, b, keyResult, sync } = setUp();
    a.deleteNode(keyResult);
    sync();
    expect(b.index.node(keyResult)).toBeUndefined();
    const notice = goneNodeDraftNotice(draft, gone(b, keyResult, 'Ben Guest'));
    expect(notice?.restorable).toBe(true);
    expect(plain(notice!.text)).toBe('“Revenue from DACH” was deleted by Ada Host while you wrote a check-in on it. It was not added; what you wrote is kept: value 70 k€, confidence 4/10, note “Two partners signed”, a blocker.');
    // The restore the notice offers brings it back on both replicas.
    b.restoreNode(keyResult);
    sync();
    expect(a.index.node(keyResult)?.title).toBe('Revenue from DACH');
  });

  it('says "you" for one\'s own delete, and no restore by id for a node inside a deleted one', () => {
    const { a, b, objective, keyResult, sync } = setUp();
    b.deleteNode(keyResult);
    b.index.refresh(b.index.now);
    expect(plain(goneNodeDraftNotice(draft, gone(b, keyResult, 'Ben Guest'))!.text)).toContain('was deleted by you while');
    b.restoreNode(keyResult);
    a.deleteNode(objective);
    sync();
    const inside = goneNodeDraftNotice(draft, gone(b, keyResult, 'Ben Guest'));
    expect(plain(inside!.text)).toContain('“Revenue from DACH” was deleted while you wrote a check-in on it.');
    expect(inside!.restorable).toBe(false);
  });

  it('tells nothing when nothing was written, only spaces, or it was told already', () => {
    const { a, b, keyResult, sync } = setUp();
    a.deleteNode(keyResult);
    sync();
    expect(goneNodeDraftNotice(undefined, gone(b, keyResult, 'Ben Guest'))).toBeNull();
    expect(goneNodeDraftNotice({ ...EMPTY_CHECK_IN_DRAFT, note: '  ', value: ' ' }, gone(b, keyResult, 'Ben Guest'))).toBeNull();
    expect(goneNodeDraftNotice({ ...draft, told: true }, gone(b, keyResult, 'Ben Guest'))).toBeNull();
  });
});

// usercheck18: the notice came only from the form of the selected item as it went away. A draft left
// on another item, deleted by someone else (or while this device was away), was never told of.
describe('drafts on deleted items, whichever item is selected', () => {
  it('are exactly the untold drafts on this plan\'s nodes deleted (themselves or with an ancestor), through deletes and restores by another person', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.nat(5), fc.boolean()), { maxLength: 12 }),
      fc.array(fc.tuple(fc.nat(5), fc.boolean()), { maxLength: 6 }),
      (actions, drafted) => {
        const { a, b, ids, sync } = twoReplicas((plan) => {
          const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
          const objective = plan.createNode({ kind: 'objective', parent: strategy, title: 'Win DACH' });
          const keyResult = plan.createNode({ kind: 'key_result', parent: objective, title: 'Revenue', start: 0, target: 100 });
          const initiative = plan.createNode({ kind: 'initiative', parent: keyResult, title: 'Munich' });
          const task = plan.createNode({ kind: 'task', parent: initiative, title: 'Lease' });
          const other = plan.createNode({ kind: 'initiative', parent: keyResult, title: 'Fair' });
          return { ids: [objective, keyResult, initiative, task, other, strategy] };
        }, ['Ada Host', 'Ben Guest']);
        // Ben's drafts, on nodes of this plan and on one of another plan (one list serves every plan).
        const drafts = new Map<NodeId, CheckInDraft>([['elsewhere' as NodeId, { ...EMPTY_CHECK_IN_DRAFT, note: 'other plan' }]]);
        for (const [at, told] of drafted) drafts.set(ids[at]!, { ...EMPTY_CHECK_IN_DRAFT, note: `on ${at}`, told });
        // Ada deletes and restores (a restore of a node not deleted is refused, as in the app).
        for (const [at, remove] of actions) {
          const id = ids[at]!;
          const deleted = a.index.deletedNodes().some((node) => node.id === id);
          if (remove && a.index.node(id)) a.deleteNode(id);
          else if (!remove && deleted) a.restoreNode(id);
        }
        sync();
        const { gone, back } = draftsByPlace(drafts, b.index.structure());
        const live = (id: NodeId) => b.index.node(id) !== undefined;
        const expectedGone = [...drafts].filter(([id, draft]) => ids.includes(id) && !live(id) && !draft.told).map(([id]) => id);
        const expectedBack = [...drafts].filter(([id, draft]) => ids.includes(id) && live(id) && draft.told).map(([id]) => id);
        expect(new Set(gone)).toEqual(new Set(expectedGone));
        expect(new Set(back)).toEqual(new Set(expectedBack));
      },
    ), { numRuns: 150 });
  });
});
