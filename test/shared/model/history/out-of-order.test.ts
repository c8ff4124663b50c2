// review36a F6: Ada had seen Ben's target change (100 → 150) when she took "Q1 offsite". Carol's device
// receives the review point first and Ben's change a moment later (clampToDoc's case: they travel
// separately). What Carol's device read from the point before the change arrived (the review's earlier
// side, a past plan) was kept for the session: the change stayed "since the review" on her device only.
import { describe, expect, it } from 'vitest';
import {
  PastPlans, describeChange, diffReview, heldOfSnapshot, snapshotStateVector, type ReviewSideCache,
} from '../../../../shared/model/history/index.js';
import { pointBeforeChange } from './history-support.js';

describe('a review point that arrives before a change its taker had seen', () => {
  it('the cached earlier side of the review is read again once the change arrives', () => {
    const { carol, point, benArrives, ada } = pointBeforeChange();
    const cache: ReviewSideCache = new Map();
    const now = ada.ctx.advance(1);
    const diff = () => {
      carol.plan.index.refresh(now);
      return diffReview(carol.doc, point(), { kind: 'now', index: carol.plan.index, now }, carol.plan.ctx, cache)
        .changes.map((change) => describeChange(change, (id) => carol.plan.index.title(id)));
    };
    // Before it arrives, Carol's device has the plan without it on both sides: nothing changed.
    expect(diff()).toEqual([]);
    expect(heldOfSnapshot(carol.doc, snapshotStateVector(point().snapshot!))).not.toBe('');
    benArrives();
    expect(heldOfSnapshot(carol.doc, snapshotStateVector(point().snapshot!))).toBe('');
    // The change came before the point: it is not a change since it, with the cache as without.
    expect(diff()).toEqual([]);
    expect(diffReview(carol.doc, point(), { kind: 'now', index: carol.plan.index, now }, carol.plan.ctx).changes).toEqual([]);
  });

  it('a past plan opened before the change arrived is opened again after', () => {
    const { carol, point, benArrives, keyResult } = pointBeforeChange();
    const kept = new PastPlans(carol.doc, carol.plan.ctx);
    const moment = () => ({ key: 'point:q1', at: point().at, snapshot: point().snapshot! });
    const first = kept.open(moment());
    expect(first.index.node(keyResult)!.fields.target).toBe(100);
    expect(kept.open(moment())).toBe(first);
    benArrives();
    const again = kept.open(moment());
    expect(again).not.toBe(first);
    expect(again.index.node(keyResult)!.fields.target).toBe(150);
    // Once whole, it is kept as before.
    expect(kept.open(moment())).toBe(again);
    kept.clear();
  });
});
