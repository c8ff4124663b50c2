// review36a F6, in the review controller's baseline (BaselineFollower): Carol's device reads the
// baseline review point before Ben's change, which its taker had seen, arrives. The pulse's priority
// shift "Changed since “Q1 offsite”: target" stayed on her device until reload, while Ada's said nothing.
import { describe, expect, it } from 'vitest';
import { BaselineFollower } from '../../../renderer/src/review/baseline-follower.js';
import { baselineOfReviewPoint, listReviewPoints } from '../../../shared/model/history/index.js';
import { pointBeforeChange } from '../../shared/model/history/history-support.js';

describe('the baseline a device compares priority shifts against', () => {
  it('is read again when a change the review point had seen arrives after the point', () => {
    const { ada, carol, keyResult, point, benArrives } = pointBeforeChange();
    const failures: unknown[] = [];
    let applied = 0;
    const follower = new BaselineFollower(carol.plan, () => carol.plan.ctx, () => { applied++; }, (error) => failures.push(error));
    const shifts = () => {
      carol.plan.index.refresh(ada.ctx.now());
      return carol.plan.index.node(keyResult)!.signals.filter((signal) => signal.kind === 'priority_shift').map((signal) => signal.message);
    };
    follower.follow(point());
    expect(applied).toBe(1);
    // Read without Ben's change: Carol's device has target 100 both ways until it arrives.
    expect(shifts()).toEqual([]);
    benArrives();
    expect(applied).toBe(2);
    // As on Ada's device: the target changed before the point, so it is no shift since it.
    ada.plan.index.setBaseline(baselineOfReviewPoint(ada.doc, listReviewPoints(ada.doc).find((candidate) => candidate.id === 'q1')!, ada.plan.ctx));
    ada.plan.index.refresh(ada.ctx.now());
    expect(ada.plan.index.node(keyResult)!.signals.filter((signal) => signal.kind === 'priority_shift')).toEqual([]);
    expect(shifts()).toEqual([]);
    // Whole now: the same point is not read again on later changes or history reads.
    follower.follow(point());
    carol.plan.setTitle(keyResult, 'EU revenue');
    expect(applied).toBe(2);
    expect(failures).toEqual([]);
    follower.dispose();
  });
});
