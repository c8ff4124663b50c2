// review36a F6, in the review controller's baseline (BaselineFollower): Carol's device reads the
// baseline review point before Ben's change, which its taker had seen, arrives. The pulse's priority
// shift "Changed since “Q1 offsite”: target" stayed on her device until reload, while Ada's said nothing.
//
// ties37, thirty-third session (review37b B2): a review point whose snapshot claims more of a client than
// this device holds (any editor writes review points; a claim of 2^30 never comes true) kept the follower
// "cut", and every change by that client moved its held clock and read the whole baseline again: each of
// Carol's keystrokes rebuilt it on every device. Now it is read again when a client it lacked becomes whole.
// Rebuilds are counted through the real class (its `applied` callback), for a sequence of edits.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BaselineFollower } from '../../../renderer/src/review/baseline-follower.js';
import { baselineOfReviewPoint, listReviewPoints, type ReviewPoint } from '../../../shared/model/history/index.js';
import { pointBeforeChange } from '../../shared/model/history/history-support.js';

/** `point` with its snapshot claiming that its taker had seen `client` up to `clock`. */
function claiming(point: ReviewPoint, client: number, clock: number): ReviewPoint {
  const snapshot = Y.decodeSnapshot(point.snapshot!);
  snapshot.sv.set(client, clock);
  return { ...point, snapshot: Y.encodeSnapshot(snapshot) };
}

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

  it('a point claiming far more of Carol than exists: none of her edits reads it again', () => {
    const { carol, keyResult, point, benArrives } = pointBeforeChange();
    benArrives();
    let applied = 0;
    const follower = new BaselineFollower(carol.plan, () => carol.plan.ctx, () => { applied++; }, () => undefined);
    follower.follow(claiming(point(), carol.doc.clientID, 2 ** 30));
    expect(applied).toBe(1);
    for (let i = 0; i < 30; i++) carol.plan.setTitle(keyResult, `Revenue ${i}`);
    expect(applied).toBe(1);
    follower.dispose();
  });

  it('a point claiming a little more of Carol than she has made yet: read again once, on the edit that makes her whole', () => {
    const { carol, keyResult, point, benArrives } = pointBeforeChange();
    benArrives();
    let applied = 0;
    const follower = new BaselineFollower(carol.plan, () => carol.plan.ctx, () => { applied++; }, () => undefined);
    const claimed = Y.getState(carol.doc.store, carol.doc.clientID) + 40;
    follower.follow(claiming(point(), carol.doc.clientID, claimed));
    const counts: number[] = [];
    let whole = -1;
    for (let i = 0; i < 30; i++) {
      carol.plan.setTitle(keyResult, `Revenue ${i}`);
      counts.push(applied - 1);
      if (whole < 0 && Y.getState(carol.doc.store, carol.doc.clientID) >= claimed) whole = i;
    }
    expect(whole).toBeGreaterThan(1);
    expect(counts).toEqual(counts.map((_, i) => (i < whole ? 0 : 1)));
    follower.dispose();
  });

  it('the changes its taker had seen arriving in two pieces: read again once, when the second makes Ben whole', () => {
    // Ben's two changes reach Ada before the point; Carol's device gets them one at a time after it.
    const { carol, keyResult, point, pieces } = pointBeforeChange([
      (ben, k) => { ben.updateNode(k, { target: 150 }); },
      (ben, k) => { ben.setTitle(k, 'EU revenue'); },
    ]);
    let applied = 0;
    const follower = new BaselineFollower(carol.plan, () => carol.plan.ctx, () => { applied++; }, () => undefined);
    follower.follow(point());
    expect(applied).toBe(1);
    Y.applyUpdate(carol.doc, pieces[0]!);
    expect(carol.plan.doc.store.pendingStructs).toBeNull();
    expect(applied).toBe(1);
    Y.applyUpdate(carol.doc, pieces[1]!);
    expect(applied).toBe(2);
    carol.plan.setTitle(keyResult, 'EU revenue (net)');
    expect(applied).toBe(2);
    follower.dispose();
  });
});
