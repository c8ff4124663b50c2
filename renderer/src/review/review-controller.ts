import type { StoreApi } from 'zustand/vanilla';
import { DEFAULT_TIME_ZONE, dayIn, instantInZone, isPlanError, type Plan, type PlanContext } from '../../../shared/model/index.js';
import {
  createReviewPoint, deleteReviewPoint, diffReview, historyTypes, importLegacyReviewPoint,
  PastPlans, isHistoryError, listDayMarks, markDaysOnFirstChange, listReviewPoints, markDiscussed, readDiscussed, recordClientActor, recordDayMark,
  renameReviewPoint, reviewMarkdown, setBaselineReviewPoint, baselineOfReviewPoint, recordAtOrBefore, type RecordedMoment, type ReviewDiff, type ReviewPoint, type ReviewSideCache,
  type TimeProblem,
} from '../../../shared/model/history/index.js';
import { formatCalendarDate, formatPlanDayTime, formatPlanDayTimeNamed } from '../outline/labels.js';
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

/**
 * A side of a comparison as the pickers name it: a review point's id, a day mark (`day:YYYY-MM-DD`), any
 * date and time (`at:<epoch ms>`), or (the later side only) now.
 */
export type CompareTarget = string | 'now';

/** The side id of a date and time. */
export const atSide = (at: number): string => `at:${at}`;

/**
 * One side resolved: a review point, or a day mark or a time read as a review point would be (`point`: the
 * record's snapshot at the time picked), `recordedAt` when that record was taken, and the moment to show.
 */
interface ResolvedSide { point: ReviewPoint; recordedAt: number; record: string | null; moment: TimelineMoment | null }

/** A diff as the review view, its Markdown and the pack show it; `note` says how a time between two records was read. */
export type ReviewComparison = { ok: true; diff: ReviewDiff; note: string | null; fromMoment: TimelineMoment | null; fromPoint: ReviewPoint } | { ok: false; message: string };

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

  /** The diff from `fromId` to `to` (review points, day marks, times: CompareTarget), or an error message naming the problem. */
  diff(fromId: string, to: CompareTarget): ReviewComparison {
    const plan = this.attached?.plan;
    if (!plan) return { ok: false, message: 'No plan is open.' };
    const now = this.ctx.now();
    const from = this.resolveSide(plan, fromId, now);
    if (!from.ok) return from;
    const toSide = to === 'now' ? null : this.resolveSide(plan, to, now);
    if (toSide && !toSide.ok) return toSide;
    const zone = plan.index.timeZone;
    if (toSide && toSide.side.point.at <= from.side.point.at) {
      return { ok: false, message: `“until” (${formatPlanDayTime(toSide.side.point.at, zone)}) must be later than “Since” (${formatPlanDayTime(from.side.point.at, zone)}).` };
    }
    try {
      plan.index.refresh(Math.floor(now / 600_000) * 600_000);
      const target = toSide ? { kind: 'point' as const, point: toSide.side.point } : { kind: 'now' as const, index: plan.index, now };
      const options = from.side.recordedAt < from.side.point.at ? { fromRecordedAt: from.side.recordedAt } : {};
      const diff = diffReview(plan.doc, from.side.point, target, this.ctx, this.sides, options);
      return { ok: true, diff, note: [this.readFromNote(from.side, zone), toSide ? this.readFromNote(toSide.side, zone, 'until') : null].filter((words) => words !== null).join(' ') || null, fromMoment: from.side.moment, fromPoint: from.side.point };
    } catch (error) {
      return { ok: false, message: messageOf(error) };
    }
  }

  /** The instant a date-time field's text names in the plan's zone, or why it names none. */
  instantOf(localDateTime: string): { ok: true; at: number } | { ok: false; message: string } {
    const zone = this.attached?.plan.index.timeZone ?? DEFAULT_TIME_ZONE;
    if (localDateTime === '') return { ok: false, message: 'Enter a date and a time.' };
    const at = instantInZone(localDateTime, zone);
    if (at !== null) return { ok: true, at };
    return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(localDateTime)
      ? { ok: false, message: `${localDateTime.replace('T', ' ')} does not exist in ${zone}: the clocks were put forward then. Pick a time before or after the change.` }
      : { ok: false, message: 'Enter a date and a time.' };
  }

  /** A picker's side as a review point (a day or time read from the plan's record at or before it). */
  private resolveSide(plan: Plan, id: string, now: number): { ok: true; side: ResolvedSide } | { ok: false; message: string } {
    const zone = plan.index.timeZone;
    if (id.startsWith('day:')) {
      const mark = listDayMarks(plan.doc).find((candidate) => `day:${candidate.day}` === id);
      if (!mark) return { ok: false, message: 'That day is no longer in the plan’s history.' };
      const label = formatCalendarDate(mark.day);
      const moment = { key: id, label, at: mark.at, snapshot: mark.snapshot };
      return { ok: true, side: { point: syntheticPoint(id, label, mark.at, mark.snapshot), recordedAt: mark.at, record: null, moment } };
    }
    if (id.startsWith('at:')) {
      const at = Number(id.slice(3));
      if (!Number.isSafeInteger(at)) return { ok: false, message: 'Enter a date and a time.' };
      const found = recordAtOrBefore(plan.doc, at, now);
      if (!found.ok) return { ok: false, message: timeProblemText(found.problem, at, zone) };
      const label = formatPlanDayTime(at, zone);
      // Shown as the record it is read from, named as the timeline names it: the plan as of 09:00 is not
      // known, the plan as recorded at 08:30 is (it must not be labelled 09:00).
      const moment = { key: found.record.key, label: this.recordLabel(plan, found.record), at: found.record.at, snapshot: found.record.snapshot };
      return { ok: true, side: { point: syntheticPoint(id, label, at, found.record.snapshot), recordedAt: found.record.at, record: this.recordName(plan, found.record), moment } };
    }
    const point = listReviewPoints(plan.doc).find((candidate) => candidate.id === id);
    if (!point) return { ok: false, message: 'That review point no longer exists.' };
    const moment = point.snapshot ? { key: `point:${point.id}`, label: point.name, at: point.at, snapshot: point.snapshot } : null;
    return { ok: true, side: { point, recordedAt: point.at, record: null, moment } };
  }

  /** A record of the plan as the timeline names it: the review point's name, or the day mark's day. */
  private recordLabel(plan: Plan, record: RecordedMoment): string {
    if (record.key.startsWith('day:')) return formatCalendarDate(record.key.slice(4));
    return listReviewPoints(plan.doc).find((candidate) => `point:${candidate.id}` === record.key)?.name ?? '';
  }

  /** A record of the plan as a sentence names it: "the review point “Week 48”" or "the day mark of Dec 7, 2026". */
  private recordName(plan: Plan, record: RecordedMoment): string {
    if (record.key.startsWith('day:')) return `the day mark of ${formatCalendarDate(record.key.slice(4))}`;
    const point = listReviewPoints(plan.doc).find((candidate) => `point:${candidate.id}` === record.key);
    return `the review point “${isolatedText(point?.name ?? '')}”`;
  }

  /**
   * How a time between two records was read, said wherever the diff is (view, Markdown): the plan's history
   * holds the plan at its review points and day marks only, so edits made between the record and the time
   * picked are listed too (a check-in is counted by its own time).
   */
  private readFromNote(side: ResolvedSide, zone: string, which: 'Since' | 'until' = 'Since'): string | null {
    if (side.record === null || side.recordedAt >= side.point.at) return null;
    const recorded = formatPlanDayTime(side.recordedAt, zone);
    const picked = formatPlanDayTime(side.point.at, zone);
    return which === 'Since'
      ? `The plan is recorded at review points and day marks only: “Since” ${picked} is read from the plan as recorded at ${recorded} (${side.record}), so edits made between ${recorded} and ${picked} are listed too. Check-ins count from ${picked}.`
      : `The plan is recorded at review points and day marks only: “until” ${picked} is read from the plan as recorded at ${recorded} (${side.record}): edits made after ${recorded} are not listed.`;
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
    const zone = plan.index.timeZone;
    // A point called like another also says when it was taken and by whom (review40b F8). A day or a time
    // names its zone: the file is read by people in other zones (a day mark's day is the plan's day).
    const named = (id: string, at: number) => {
      if (id.startsWith('at:')) return formatPlanDayTimeNamed(at, zone);
      if (id.startsWith('day:')) return `${formatCalendarDate(id.slice(4))} (day mark, ${formatPlanDayTimeNamed(at, zone)})`;
      const label = labels.get(id);
      return label?.taken ? `“${isolatedText(label.name)}” (taken ${label.taken})` : `“${isolatedText(label?.name ?? id)}” (${dayIn(at, zone)})`;
    };
    const heading = `Changes since ${named(fromId, result.diff.from)} until ${to === 'now' ? 'now' : named(to, result.diff.to)}`;
    return reviewMarkdown(result.diff, {
      heading, nameOf: (actor) => this.nameOf(actor), nodeTitle: (id) => (id === 'root' ? 'the plan' : plan.index.title(id) || 'Untitled'),
      discussed: this.discussed(fromId),
      ...(result.note ? { note: result.note } : {}),
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

/** A review point standing for a day mark or a time: never written, only read as a side of a diff. */
function syntheticPoint(id: string, name: string, at: number, snapshot: Uint8Array): ReviewPoint {
  return { id, name, at, by: '', snapshot, legacy: null, baseline: false };
}

/** Why a time cannot be a side of a comparison, in the plan's zone. */
function timeProblemText(problem: TimeProblem, at: number, zone: string): string {
  if (problem.kind === 'future') return `${formatPlanDayTime(at, zone)} is in the future: pick a moment up to now (${formatPlanDayTime(problem.now, zone)}).`;
  if (problem.kind === 'before-history') return `${formatPlanDayTime(at, zone)} is before this plan’s history begins (${formatPlanDayTime(problem.earliest, zone)}): pick a moment from then on.`;
  return 'This plan has no history to compare with yet.';
}

function messageOf(error: unknown): string {
  if (isHistoryError(error) || isPlanError(error)) {
    const text = error.message.trim();
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;
  }
  return error instanceof Error ? error.message : String(error);
}
