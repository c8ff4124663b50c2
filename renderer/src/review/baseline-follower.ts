/**
 * The baseline priority shifts compare against, kept in step with the plan's baseline review point
 * (else its last one) for the review controller. It is read again when the point changes (another
 * point, a new name), and also when the changes its taker had seen of some client reach this device
 * after the point did: a baseline read without them flagged them "changed since" until reload, on this
 * device only (review36a F6; as-of.ts clampToDoc is the case). Only a client becoming whole counts, not
 * each change of one still short (heldOfSnapshot): a point claiming more of a person than exists made
 * each of their keystrokes read the baseline again (review37b B2).
 */
import { baselineOfReviewPoint, heldOfSnapshot, snapshotStateVector, type ReviewPoint } from '../../../shared/model/history/index.js';
import type { Plan, PlanContext } from '../../../shared/model/index.js';

export class BaselineFollower {
  private key: string | null = null;
  /** The point while this device holds only part of what its taker had seen: every update checks whether a client it lacked is now whole. */
  private cut: { point: ReviewPoint; stateVector: Map<number, number>; held: string } | null = null;
  /** The last snapshot decoded, by its bytes (a history change lists the points again, not the snapshot). */
  private decoded: { snapshot: Uint8Array; stateVector: Map<number, number> } | null = null;
  private readonly onUpdate = () => {
    const cut = this.cut;
    if (cut && heldOfSnapshot(this.plan.doc, cut.stateVector) !== cut.held) this.follow(cut.point);
  };

  /** `applied`: the baseline was set (refresh the views); `failed`: the point's snapshot cannot be read. */
  constructor(private readonly plan: Plan, private readonly ctx: () => PlanContext, private readonly applied: () => void, private readonly failed: (error: unknown) => void) {
    plan.doc.on('update', this.onUpdate);
  }

  /** Compares priority shifts against `point` (null: none), reading it again only when what it gives can differ. */
  follow(point: ReviewPoint | null): void {
    let held = '';
    this.cut = null;
    if (point?.snapshot) {
      try {
        if (this.decoded?.snapshot !== point.snapshot) this.decoded = { snapshot: point.snapshot, stateVector: snapshotStateVector(point.snapshot) };
        held = heldOfSnapshot(this.plan.doc, this.decoded.stateVector);
        if (held !== '') this.cut = { point, stateVector: this.decoded.stateVector, held };
      } catch {
        // An unreadable snapshot: baselineOfReviewPoint below says so.
      }
    }
    const key = point ? `${point.id}:${point.name}:${held}` : null;
    if (key === this.key) return;
    this.key = key;
    try {
      this.plan.index.setBaseline(point ? baselineOfReviewPoint(this.plan.doc, point, this.ctx()) : null);
    } catch (error) {
      this.plan.index.setBaseline(null);
      this.failed(error);
    }
    this.applied();
  }

  dispose(): void {
    this.plan.doc.off('update', this.onUpdate);
    this.cut = null;
  }
}
