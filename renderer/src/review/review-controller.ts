import type { StoreApi } from 'zustand/vanilla';
import { DEFAULT_TIME_ZONE, dayIn, isPlanError, type Plan, type PlanContext } from '../../../shared/model/index.js';
import {
  createReviewPoint, deleteReviewPoint, diffReview, historyTypes, importLegacyReviewPoint,
  PastPlans, isHistoryError, listDayMarks, markDaysOnFirstChange, listReviewPoints, markDiscussed, readDiscussed, recordClientActor, recordDayMark,
  renameReviewPoint, reviewMarkdown, setBaselineReviewPoint, baselineOfReviewPoint, type ReviewDiff, type ReviewPoint, type ReviewSideCache,
} from '../../../shared/model/history/index.js';
import { asOfWords, reviewPointLabels, type ReviewPointLabel } from './point-labels.js';
import { asOfBaselinePoint } from './as-of-baseline.js';
import type { KeyValueStore } from '../library/key-value-store.js';
import type { AppController } from '../session/app-controller.js';
import type { AppState } from '../store/app-state.js';
import { reviewStore, type TimelineMoment } from './review-store.js';
import { BaselineFollower } from './baseline-follower.js';
import { isolatedText } from '../../../shared/text/bidi-isolation.js';
import { actorName } from './actor-name.js';

/** The first milestone kept one review point per plan in this device's storage, under this key. */
const legacyKey = (planId: string) => `throughline:review-point:${planId}`;

/**
 * Why the views are read-only while the plan is shown as of a moment. The time is in the zone of the
 * plan shown (the one its figures and day marks count in), named when this person's clock differs.
 */
function pastReason(moment: TimelineMoment, shown: Plan, labels: ReadonlyMap<string, ReviewPointLabel>): string {
  const { label, time } = asOfWords(moment, labels, shown.index.timeZone);
  return `You are looking at the plan as of “${label}”${time ? ` (${time})` : ''}. Go back to now to edit.`;
}

/** The later side of a comparison: a review point id, or now. */
export type CompareTarget = string | 'now';

/**
 * Review points and history for the open plan: keeps the review store in step with the doc, names
 * this device's Yjs client, writes the day's mark, carries the device-local review point into the
 * plan once, feeds the baseline to priority-shift signals, and shows the plan as of any moment.
 */
export class ReviewController {
  private attached: { plan: Plan; planId: string; baseline: BaselineFollower; detach: () => void } | null = null;
  private past: Plan | null = null;
  /** The last moments shown, kept open so stepping the timeline back and forth is instant. */
  private pastPlans: PastPlans | null = null;
  /** Earlier sides of diffs by review point (immutable snapshots), for the open plan. */
  private sides: ReviewSideCache = new Map();

  constructor(private readonly app: AppController, private readonly appStore: StoreApi<AppState>, private readonly storage: KeyValueStore) {}

  /** Follows the app's open plan. */
  start(): void {
    this.appStore.subscribe((state, previous) => {
      if (state.openState === previous.openState && state.identity === previous.identity) return;
      const live = this.app.plan;
      if (live !== this.attached?.plan) this.attach(live);
      else if (live && state.identity !== previous.identity && !live.doc.gc && !state.readOnlyReason && historyTypes(live.doc).clients.has(String(live.doc.clientID))) {
        // "Who am I" changed after this client wrote: later changes from it are this person's.
        recordClientActor(live.doc, { now: this.ctx.now(), actor: this.ctx.actor, origin: live.origin });
      }
    });
  }

  private get ctx(): PlanContext {
    return this.app.ctx;
  }

  private attach(plan: Plan | null): void {
    this.leavePast();
    this.attached?.detach();
    this.attached = null;
    this.sides = new Map();
    this.pastPlans?.clear();
    this.pastPlans = plan ? new PastPlans(plan.doc, this.ctx) : null;
    const planId = this.app.planId;
    if (!plan || !planId) {
      reviewStore.setState({ points: [], dayMarks: [], asOf: null });
      return;
    }
    const types = historyTypes(plan.doc);
    const onHistory = () => this.readHistory(plan);
    types.reviewPoints.observeDeep(onHistory);
    types.history.observe(onHistory);
    const writable = !plan.readOnly && !this.appStore.getState().readOnlyReason;
    const stopAuthor = writable ? this.nameAuthorOnFirstChange(plan) : () => {};
    // A plan left open across midnight still gets a timeline stop for each day it changes.
    const stopDays = writable ? markDaysOnFirstChange(plan.doc, (origin) => origin === plan.origin, () => ({ now: this.ctx.now(), actor: this.ctx.actor, origin: plan.origin })) : () => {};
    // Priority shifts compare against the plan's baseline review point (else its last): the same on every device.
    const baseline = new BaselineFollower(plan, () => this.ctx, () => this.app.refresh(),
      (error) => this.appStore.getState().notify({ text: `The baseline review point cannot be read: ${messageOf(error)}`, tone: 'error' }));
    this.attached = { plan, planId, baseline, detach: () => { types.reviewPoints.unobserveDeep(onHistory); types.history.unobserve(onHistory); baseline.dispose(); stopAuthor(); stopDays(); } };
    if (writable) this.recordArrival(plan, planId);
    this.readHistory(plan);
  }

  /**
   * Names this device's client (a new Yjs client id on every open) after its first change to the
   * plan, not on open: a plan opened often and rarely edited must not grow with every open.
   */
  private nameAuthorOnFirstChange(plan: Plan): () => void {
    let stopped = false;
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin !== plan.origin) return;
      plan.doc.off('update', onUpdate);
      queueMicrotask(() => {
        if (stopped || plan.doc.gc) return;
        recordClientActor(plan.doc, { now: this.ctx.now(), actor: this.ctx.actor, origin: plan.origin });
      });
    };
    plan.doc.on('update', onUpdate);
    return () => { stopped = true; plan.doc.off('update', onUpdate); };
  }

  /** Marks the day and carries the device-local review point in once. */
  private recordArrival(plan: Plan, planId: string): void {
    const ctx = { now: this.ctx.now(), actor: this.ctx.actor, origin: plan.origin };
    if (plan.doc.gc) return;
    recordDayMark(plan.doc, dayIn(ctx.now, plan.index.timeZone), ctx);
    const stored = this.storage.getItem(legacyKey(planId));
    if (stored === null) return;
    try {
      const id = importLegacyReviewPoint(plan.doc, JSON.parse(stored) as unknown, ctx);
      if (id && !listReviewPoints(plan.doc).some((point) => point.baseline)) setBaselineReviewPoint(plan.doc, id, ctx);
    } catch (error) {
      this.appStore.getState().notify({ text: `The review point kept on this device could not be carried into the plan: ${messageOf(error)}`, tone: 'error' });
    }
    // Carried in (or unreadable): either way the plan is now where review points live.
    this.storage.removeItem(legacyKey(planId));
  }

  private readHistory(plan: Plan): void {
    const points = listReviewPoints(plan.doc);
    reviewStore.setState((state) => ({ points, dayMarks: listDayMarks(plan.doc), version: state.version + 1 }));
    // Someone else deleted the review point this person is looking back at: the look back ends
    // with a word (the timeline has no place for it any more), instead of a banner naming a point
    // that is gone.
    const asOf = reviewStore.getState().asOf;
    if (this.past && asOf?.key.startsWith('point:') && !points.some((point) => `point:${point.id}` === asOf.key && point.snapshot)) {
      this.backToNow();
      this.appStore.getState().notify({ text: `The review point “${isolatedText(asOf.label)}” was deleted by someone else; you are back to now.`, tone: 'info' });
    } else if (asOf?.key.startsWith('point:')) {
      // Renamed by someone else while this person looks back at it: the banner names it as it is
      // called now (the snapshot and moment are the same; only the name changed).
      const point = points.find((candidate) => `point:${candidate.id}` === asOf.key);
      if (point && point.name !== asOf.label) {
        const renamed = { ...asOf, label: point.name };
        this.app.rewordPastReason(pastReason(renamed, this.past ?? plan, this.pointLabels(points)));
        reviewStore.setState({ asOf: renamed });
      }
    }
    // With no baseline chosen, the last review point, as the review view compares against: the pulse
    // said "no change since the review point" while the review listed the changes since it.
    this.attached?.baseline.follow(points.find((point) => point.baseline) ?? points[points.length - 1] ?? null);
  }

  // ── operations ───────────────────────────────────────────────────────────────────────────

  private write(operation: (plan: Plan, ctx: { now: number; actor: string; origin: unknown }) => void): boolean {
    const plan = this.attached?.plan;
    const state = this.appStore.getState();
    const fail = (text: string) => { state.notify({ text, tone: 'error' }); return false; };
    if (!plan) return fail('No plan is open.');
    if (this.past) return fail('Go back to now to change review points.');
    if (state.readOnlyReason) return fail(state.readOnlyReason);
    try {
      operation(plan, { now: this.ctx.now(), actor: this.ctx.actor, origin: plan.origin });
      return true;
    } catch (error) {
      return fail(messageOf(error));
    }
  }

  /** Names the current moment of the plan. */
  create(name: string): boolean {
    return this.write((plan, ctx) => { createReviewPoint(plan.doc, { id: this.ctx.newId(), name }, ctx); });
  }

  rename(id: string, name: string): boolean {
    return this.write((plan, ctx) => renameReviewPoint(plan.doc, id, name, ctx));
  }

  remove(id: string): boolean {
    return this.write((plan, ctx) => deleteReviewPoint(plan.doc, id, ctx));
  }

  setBaseline(id: string | null): boolean {
    return this.write((plan, ctx) => setBaselineReviewPoint(plan.doc, id, ctx));
  }

  setDiscussed(reviewPointId: string, changeKey: string, discussed: boolean): boolean {
    return this.write((plan, ctx) => markDiscussed(plan.doc, reviewPointId, changeKey, discussed, ctx));
  }

  discussed(reviewPointId: string): ReadonlySet<string> {
    const plan = this.attached?.plan;
    return plan ? new Set(readDiscussed(plan.doc, reviewPointId).keys()) : new Set();
  }

  // ── comparing ────────────────────────────────────────────────────────────────────────────

  /** The diff from review point `fromId` to `to` (another review point or now), or an error message. */
  diff(fromId: string, to: CompareTarget): { ok: true; diff: ReviewDiff } | { ok: false; message: string } {
    const plan = this.attached?.plan;
    if (!plan) return { ok: false, message: 'No plan is open.' };
    const points = listReviewPoints(plan.doc);
    const from = points.find((point) => point.id === fromId);
    const toPoint = to === 'now' ? null : points.find((point) => point.id === to);
    if (!from || (to !== 'now' && !toPoint)) return { ok: false, message: 'That review point no longer exists.' };
    try {
      const now = this.ctx.now();
      plan.index.refresh(Math.floor(now / 600_000) * 600_000);
      const target = toPoint ? { kind: 'point' as const, point: toPoint } : { kind: 'now' as const, index: plan.index, now };
      return { ok: true, diff: diffReview(plan.doc, from, target, this.ctx, this.sides) };
    } catch (error) {
      return { ok: false, message: messageOf(error) };
    }
  }

  /** The display name of an actor: the plan's person of that id ("Carla (removed)" once removed), else the name itself. */
  nameOf(actor: string): string {
    return this.attached ? actorName(this.attached.plan.index, actor) : actor;
  }

  /** How each review point is told apart where one is picked or named: two called alike say when and by whom (reviewPointLabels). */
  pointLabels(points: readonly ReviewPoint[]): Map<string, ReviewPointLabel> {
    return reviewPointLabels(points, this.attached?.plan.index.timeZone ?? DEFAULT_TIME_ZONE, (actor) => this.nameOf(actor));
  }

  /**
   * The review section of the review pack (Markdown), for the desktop export: the diff from
   * `fromId` to `to`, each change with who made it and whether it was discussed.
   */
  reviewSection(fromId: string, to: CompareTarget): string {
    const result = this.diff(fromId, to);
    if (!result.ok) throw new Error(result.message);
    const points = this.attached ? listReviewPoints(this.attached.plan.doc) : [];
    const labels = this.pointLabels(points);
    const plan = this.attached!.plan;
    // A point called like another also says when it was taken and by whom (review40b F8).
    const named = (id: string, at: number) => {
      const label = labels.get(id);
      return label?.taken ? `“${isolatedText(label.name)}” (taken ${label.taken})` : `“${isolatedText(label?.name ?? id)}” (${dayIn(at, plan.index.timeZone)})`;
    };
    const heading = `Changes since ${named(fromId, result.diff.from)} until ${to === 'now' ? 'now' : named(to, result.diff.to)}`;
    return reviewMarkdown(result.diff, {
      heading, nameOf: (actor) => this.nameOf(actor), nodeTitle: (id) => (id === 'root' ? 'the plan' : plan.index.title(id) || 'Untitled'),
      discussed: this.discussed(fromId),
      ...(to === 'now' ? { nodeNow: (id: string) => plan.index.node(id) } : {}),
    });
  }

  // ── the plan as it was ───────────────────────────────────────────────────────────────────

  /** Shows the plan as of a moment, read-only, in every view. */
  showAsOf(moment: TimelineMoment): void {
    const pastPlans = this.pastPlans;
    if (!this.attached || !pastPlans) return;
    let past: Plan;
    try {
      past = pastPlans.open(moment);
    } catch (error) {
      this.appStore.getState().notify({ text: `The plan as of ${moment.label} cannot be shown: ${messageOf(error)}`, tone: 'error' });
      return;
    }
    // Priority shifts as of that moment compare against the review points that existed then (asOfBaselinePoint).
    const compared = asOfBaselinePoint(reviewStore.getState().points, moment);
    try {
      past.index.setBaseline(compared ? baselineOfReviewPoint(this.attached.plan.doc, compared, this.ctx) : null);
    } catch {
      past.index.setBaseline(null);
    }
    past.index.refresh(moment.at);
    this.past = past;
    this.app.showPastPlan(past, pastReason(moment, past, this.pointLabels(reviewStore.getState().points)));
    reviewStore.setState({ asOf: moment });
  }

  /** Back to the live plan. */
  backToNow(): void {
    if (!this.past) return;
    this.app.showPastPlan(null, null);
    this.leavePast();
  }

  /** Leaves the past view; the past plan stays in `pastPlans` (closed when evicted or when the plan changes). */
  private leavePast(): void {
    this.past = null;
    reviewStore.setState({ asOf: null });
  }
}

function messageOf(error: unknown): string {
  if (isHistoryError(error) || isPlanError(error)) {
    const text = error.message.trim();
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;
  }
  return error instanceof Error ? error.message : String(error);
}
