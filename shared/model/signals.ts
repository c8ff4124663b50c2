/**
 * The execution signals of SPEC §2 as pure functions of one node's data, the plan settings and the
 * clock passed in. The PlanIndex decides which nodes they apply to and feeds them.
 */
import { DAY_MS, WEEK_MS } from './dates.js';
import { DEFAULT_TIME_ZONE, calendarDaysBetween, calendarDaysFrom, calendarDaysInWords, datePlus, dayIn, endOfDayIn, nextDate, startOfDayIn } from './zone.js';
import { crossedBounds, isAchievedKeyResult, linearTrend } from './rollups.js';
import { withinUnit } from './unit-bounds.js';
import { EARLIEST_PLAUSIBLE_DAY, LATEST_PLAUSIBLE_DAY, MAX_PERIOD_YEARS, periodDatesWarning } from './period-bounds.js';
import { seriesOf, type CheckInSeries, type CheckInsLike } from './check-in-columns.js';
import { datedInFuture } from './checkins.js';
import type { NodeFields } from './fields.js';
import type { PlanSettings } from './settings.js';
import type {
  BlockedSignal, ConfidenceDropSignal, CrossedBoundsSignal, EffortWithoutImpactSignal, FieldChange, ForecastSignal, KpiBreachSignal, MisplacedSignal, OverdueSignal, RangeBreachSignal,
  PaceSignal, PriorityShiftSignal, ReportedStatusSignal, Signal, SlowdownSignal, StaleSignal,
} from './signal-types.js';
import { ALLOWED_PARENTS, KIND_LABELS, PRIORITIES, ROOT_ID, type NodeKind } from './schema.js';
import type { BaselineNode, PeriodView, PlanBaseline } from './views.js';
import type { NodeId } from './ids.js';
import { isolatedText } from '../text/bidi-isolation.js';
import { smallest } from '../collections/long-lists.js';
import { percentFigure, percentText } from './percent.js';
import { isBelow, isOutside } from './tolerance.js';

/** Clock and settings every signal reads. */
export interface SignalClock {
  now: number;
  settings: PlanSettings;
  /** The plan's time zone: due dates end, and periods start and end, at its midnights (UTC if absent). */
  timeZone?: string;
}

const zoneOf = (clock: SignalClock) => clock.timeZone ?? DEFAULT_TIME_ZONE;

/** A time window, epoch ms, end exclusive. */
export interface TimeWindow {
  start: number;
  end: number;
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));
const days = (ms: number) => Math.floor(ms / DAY_MS);
/** A count with its noun, singular or plural: "1 day", "3 days" (messages are read by people). */
const count = (n: number, noun: string, nouns = `${noun}s`) => `${n} ${n === 1 ? noun : nouns}`;
/**
 * The day of `at` in words, counted in the plan's calendar as every date beside the message is shown:
 * "today", "yesterday", "3 days ago". Not elapsed 24-hour spans: a blocker raised at 23:00 and read
 * at 09:00 was raised "yesterday", beside a check-in listed under yesterday's date.
 */
function dayWord(at: number, clock: SignalClock): string {
  // A stamp on a later day than the clock's (another device's clock ahead) reads as today.
  return calendarDaysInWords(Math.max(0, calendarDaysFrom(at, clock.now, zoneOf(clock))));
}

/**
 * A figure as every other figure of the app shows it: grouped ("7,470,000 €", as the check-in history writes
 * "5,000,000 €"), with `digits` decimals at most (review39b F2: "Trend projects -13002881500.68 €" beside
 * "10000000 €"). English notation: signal sentences are English; the renderer shows them as written.
 */
export function figureText(value: number, unit: string | undefined, digits = 2): string {
  const shown = value.toLocaleString('en', { maximumFractionDigits: Math.min(20, Math.max(0, digits)) });
  return unit ? `${shown} ${unit}` : shown;
}

/**
 * A value someone typed, with the metric's unit, always together and grouped as figureText groups
 * ("10,000,000 €"; polish39: the KPI breach and crossed bounds read "10000000"), its decimals as typed.
 */
const withUnit = (value: number, unit: string | undefined) => figureText(value, unit, 12);

/**
 * A value outside a range, as withUnit writes it, with more decimals where 12 would read as the bound it
 * crossed (`bound`, as the message prints it): the message never shows the bound's own figure as the value
 * (review40a F7). Past a bound below 1, isOutside's margin (10^-13) is finer than 12 decimals.
 */
function valueApartFrom(value: number, bound: number, unit: string | undefined): string {
  const boundText = figureText(bound, unit, 12);
  for (let digits = 12; digits < 20; digits++) if (figureText(value, unit, digits) !== boundText) return figureText(value, unit, digits);
  return figureText(value, unit, 20);
}


/** The cadence in whole milliseconds (2.3 days × DAY_MS is 198,719,999.99999997 in floating point). */
function cadenceMs(settings: PlanSettings): number {
  return Math.round(settings.cadenceDays * DAY_MS);
}

// ── When a signal can next change ─────────────────────────────────────────────────────────────
// The `…ChangesAt` functions below give, for a signal computed at an integer `now`, the first integer
// instant after it at which the signal (presence, severity, since, message or evidence) can differ,
// with the node's data unchanged: a clock tick before that instant may reuse the result. They mirror
// their signal functions line by line; a property test compares both at and around every boundary.

/** The first integer instant after which `instant > threshold` holds. */
const firstAfter = (threshold: number) => Math.floor(threshold) + 1;
/** The first instant at which `days(at − from)` is greater than it is at `at`. */
const nextDay = (from: number, at: number) => from + (days(at - from) + 1) * DAY_MS;
/**
 * The first instant at which `dayWord(at, clock)` can read differently: the plan's next midnight, or
 * for an `at` on a later day than the clock's (read as "today") the midnight that ends `at`'s day.
 */
function dayWordChangesAt(at: number, clock: SignalClock): number {
  const zone = zoneOf(clock);
  const today = dayIn(clock.now, zone);
  const day = dayIn(at, zone);
  return endOfDayIn(day > today ? day : today, zone) ?? clock.now + 1;
}
const percent = percentText;

/**
 * "40% done where 51%": the two shares in whole percents, or with as many decimals as it takes for the
 * gap a reader works out from them to be past the threshold the signal crossed. Rounded separately, a
 * progress of 40.5% against 50.55% elapsed read "41% done where 51%" — ten points, which is on track —
 * beside "(at risk)": a figure its own evidence contradicted.
 */
function paceFigures(progress: number, expected: number, threshold: number): string {
  for (let digits = 0; ; digits++) {
    // Whole percents as the node's own figure shows them (percentFigure: 0.4 % of the way is "1%" there, and
    // was "0% done" here, review37b B3); decimals only where whole ones would mislead.
    const shown = (share: number) => (digits === 0 ? String(percentFigure(share)) : String(Number((share * 100).toFixed(digits))));
    const done = shown(progress);
    const elapsed = shown(expected);
    if (Number(elapsed) - Number(done) > threshold * 100 + 1e-9 || digits === 4) return `${done}% done where ${elapsed}%`;
  }
}

/** Expected progress: share of the window elapsed at `now`. */
export function expectedProgress(window: TimeWindow, now: number): number {
  if (now <= window.start) return 0;
  if (now >= window.end || window.end <= window.start) return 1;
  return (now - window.start) / (window.end - window.start);
}

/**
 * Pace: gap = progress − expected. At risk below −paceAtRisk, off track below −paceOffTrack. Since:
 * the moment the expected line crossed the threshold at the current progress, or the moment that
 * progress was reached if later.
 */
export function paceSignal(nodeId: NodeId, progress: number | null, window: TimeWindow | null, progressSince: number | null, clock: SignalClock): PaceSignal | null {
  if (progress === null || window === null || clock.now <= window.start) return null;
  const expected = expectedProgress(window, clock.now);
  const gap = progress - expected;
  const { paceAtRisk, paceOffTrack } = clock.settings;
  if (!isBelow(gap, -paceAtRisk)) return null;
  const offTrack = isBelow(gap, -paceOffTrack);
  const threshold = offTrack ? paceOffTrack : paceAtRisk;
  const crossed = window.start + Math.min(1, progress + threshold) * (window.end - window.start);
  const since = Math.min(clock.now, Math.max(crossed, progressSince ?? window.start));
  return {
    kind: 'pace', nodeId, teamId: null, severity: offTrack ? 'off_track' : 'at_risk', since,
    message: `${paceFigures(progress, expected, threshold)} of the period has elapsed (${offTrack ? 'off track' : 'at risk'})`,
    evidence: { progress: round(progress, 4), expected: round(expected, 4), gap: round(gap, 4), periodStart: window.start, periodEnd: window.end },
  };
}

/**
 * A key result's or objective's result once its period has ended (review46b F1): short of its target, it is no
 * longer "behind pace" (nothing in the period is left to catch up) but a verdict the closing review reads, info,
 * so last quarter's misses neither colour this quarter's plan off track nor count as risk origins. Null when it
 * was met or has no progress. Since: the period's end.
 */
export function periodEndedSignal(nodeId: NodeId, progress: number | null, window: TimeWindow): PaceSignal | null {
  if (progress === null || progress >= 1) return null;
  const done = percentFigure(progress);
  return {
    kind: 'pace', nodeId, teamId: null, severity: 'info', since: window.end,
    message: `The period ended at ${done}% done, ${100 - done} point${100 - done === 1 ? '' : 's'} short`,
    evidence: { progress: round(progress, 4), expected: 1, gap: round(progress - 1, 4), periodStart: window.start, periodEnd: window.end, ended: true },
  };
}

/**
 * The kinds of a key result's or objective's own signals that judge how its period is going, and say nothing to
 * act on once it has ended (review46b F1): kept as info, so the detail panel still shows what was said.
 */
const SETTLED_AT_PERIOD_END: ReadonlySet<Signal['kind']> = new Set(['confidence_drop', 'reported_status', 'range_breach']);

/** `signal` as it reads once its node's period has ended: info where SETTLED_AT_PERIOD_END holds, else unchanged. */
export function settledAtPeriodEnd<S extends Signal>(signal: S | null, periodEnded: boolean): S | null {
  if (signal === null || !periodEnded || !SETTLED_AT_PERIOD_END.has(signal.kind)) return signal;
  return { ...signal, severity: 'info' };
}

/** The decimals a projection is shown with: none for thousands and up, one for hundreds, two below. */
function sensibleDigits(value: number): number {
  const size = Math.abs(value);
  return size >= 1000 ? 0 : size >= 100 ? 1 : 2;
}

/**
 * The digits to show `value` with (sensibleDigits, or as many more as it takes not to read as `goal`):
 * "projects 45, missing the target 45" and "projects 10,000,000 €, missing the target 10,000,000 €" would
 * contradict themselves.
 */
function digitsApartFrom(value: number, goal: number): number {
  for (let digits = sensibleDigits(value); digits < 12; digits++) if (round(value, digits) !== goal) return digits;
  return 12;
}

/**
 * The least share of its period, and the least days, the points of a forecast must span before a trend is
 * drawn through them (review39b F2): two check-ins three minutes apart (a value and its correction) made a
 * slope of −1 M€ per three minutes, projected over three weeks to −13,002,881,500 €.
 */
export const FORECAST_MIN_SPAN_SHARE = 0.1;
export const FORECAST_MIN_SPAN_DAYS = 7;

/**
 * The points a key result's forecast is drawn through, x in weeks from the period start: its start value at
 * the period start (what pace reads too: expected progress is measured from the start at the period start;
 * not for a range, which has no start), then each value checked in during the period up to now (short of being
 * dated in the future: `datedInFuture`, so one made inside the app's current clock step counts), less those a
 * later check-in answered (withoutAnswered). Null when
 * they span less than FORECAST_MIN_SPAN_SHARE of the period or FORECAST_MIN_SPAN_DAYS days, whichever is
 * longer: no trend is known yet.
 */
export function forecastPoints(fields: NodeFields, checkIns: CheckInsLike, window: TimeWindow, now: number): { points: { x: number; y: number }[]; lastAt: number } | null {
  const series = seriesOf(checkIns);
  const points: { x: number; y: number }[] = [];
  if (fields.direction !== 'range' && fields.start !== undefined && Number.isFinite(fields.start)) points.push({ x: 0, y: fields.start });
  let lastAt = 0;
  let checkedIn = 0;
  for (let i = 0; i < series.length; i++) {
    const at = series.at(i);
    const value = series.value(i);
    // Up to now as the history reads it (leftovers40): a check-in just made counts at once, though the app's
    // clock moves in 10-minute steps and still reads the step's start; one dated in the future does not.
    if (value === null || at < window.start || at >= window.end || datedInFuture({ at }, now)) continue;
    points.push({ x: (at - window.start) / WEEK_MS, y: value });
    lastAt = at;
    checkedIn++;
  }
  if (checkedIn === 0) return null;
  // The last point is always kept: `lastAt` stays the time of the value progress reads.
  const kept = withoutAnswered(points);
  if (kept.length < 2) return null;
  let first = Infinity;
  let last = -Infinity;
  for (const point of kept) { first = Math.min(first, point.x); last = Math.max(last, point.x); }
  const minSpan = Math.max(FORECAST_MIN_SPAN_SHARE * (window.end - window.start), FORECAST_MIN_SPAN_DAYS * DAY_MS) / WEEK_MS;
  if (last - first < minSpan) return null;
  return { points: kept, lastAt };
}

/**
 * The points left when every value a later check-in answered is dropped (review43c F2). Points come in history
 * order (order stamps); one whose time is later than that of a point after it in that order was seen by that
 * later check-in's author, whose clock was behind: Ben's 350 ms at 10:00, corrected to 650 ms by Cara at 08:05
 * on her laptop's clock (stamped after Ben's). Progress reads Cara's 650; the trend, placing points by time,
 * took Ben's 350 as the latest value and projected from it past the 300 ms target: no forecast miss, beside "30%
 * done … (off track)". Kept: each point no later in time than every point after it, so the latest point in
 * time is the value progress reads.
 */
function withoutAnswered(points: readonly { x: number; y: number }[]): { x: number; y: number }[] {
  const kept: { x: number; y: number }[] = [];
  let earliestAfter = Infinity;
  for (let i = points.length - 1; i >= 0; i--) {
    const point = points[i]!;
    if (point.x > earliestAfter) continue;
    kept.push(point);
    earliestAfter = point.x;
  }
  return kept.reverse();
}

/**
 * The projection of `points` to `endX`: their least-squares slope, no steeper than the values' full range
 * over the time they span (the steepest straight path the evidence shows: a least-squares slope weighs every
 * pair of points, and two close points far apart in value made it far steeper than any path the values
 * took), drawn on from the latest point (the value progress reads). Drawn through the points' mean instead,
 * a rising key result that had just jumped to 9.2 M€ "projected" 8.98 M€ (review40b F6): a trend that rises
 * never ends below where the values are now, nor one that falls above. Null when they span no time.
 */
export function forecastProjection(points: readonly { x: number; y: number }[], endX: number): { projected: number; slope: number } | null {
  const trend = linearTrend(points);
  if (trend === null) return null;
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  let latest = points[0]!;
  for (const point of points) {
    minX = Math.min(minX, point.x); maxX = Math.max(maxX, point.x); minY = Math.min(minY, point.y); maxY = Math.max(maxY, point.y);
    // The last of the latest: points come in time order, and of values checked in at one moment the last counts.
    if (point.x >= latest.x) latest = point;
  }
  const steepest = (maxY - minY) / (maxX - minX);
  const slope = Math.max(-steepest, Math.min(steepest, trend.slope));
  return { projected: latest.y + slope * (endX - latest.x), slope };
}

/**
 * Forecast: the trend of the key result's values (forecastPoints: its start at the period start and its
 * check-ins in the period, spanning enough of it) projected to the period end (forecastProjection); a
 * predicted miss when the projection falls short of the target (or outside the range).
 */
export function forecastSignal(nodeId: NodeId, fields: NodeFields, checkIns: CheckInsLike, window: TimeWindow | null, progress: number | null, clock: SignalClock): ForecastSignal | null {
  if (window === null || clock.now >= window.end || progress === 1 || crossedBounds(fields) !== null) return null;
  const found = forecastPoints(fields, checkIns, window, clock.now);
  if (found === null) return null;
  const { points, lastAt } = found;
  const projection = forecastProjection(points, (window.end - window.start) / WEEK_MS);
  if (projection === null) return null;
  // A trend drawn past what the unit can be (an NPS "projected" at 130) stops at its bound (unit-bounds.ts).
  const projected = withinUnit(projection.projected, fields.unit);
  const { direction, target, rangeLow, rangeHigh } = fields;
  let goal: number;
  let miss: boolean;
  if (direction === 'range') {
    if (rangeLow === undefined || rangeHigh === undefined) return null;
    goal = projected < rangeLow ? rangeLow : rangeHigh;
    miss = isBelow(projected, rangeLow) || isBelow(-projected, -rangeHigh);
  } else {
    if (target === undefined) return null;
    goal = target;
    const decreasing = direction === 'decrease' || (direction === undefined && fields.start !== undefined && target < fields.start);
    miss = decreasing ? isBelow(-projected, -target) : isBelow(projected, target);
  }
  if (!miss) return null;
  return {
    kind: 'forecast', nodeId, teamId: null, severity: 'at_risk', since: lastAt,
    message: `Trend projects ${figureText(projected, fields.unit, digitsApartFrom(projected, goal))} by ${dayIn(window.end - 1, zoneOf(clock))}, missing the target ${figureText(goal, fields.unit, 12)}`,
    evidence: { projected: round(projected, 4), target: goal, periodEnd: window.end, slopePerWeek: round(projection.slope, 4), points: points.length },
  };
}

/**
 * Days without a check-in as the stale signal and "Check-ins due" count them: the plan's calendar days
 * from the day of `reference` (the last check-in, or the creation) to today, as "Blocked for N days" and
 * the date shown beside them count (blockedFor). A stamp on a later day than the clock's counts 0.
 */
export function daysWithoutCheckIn(reference: number, clock: SignalClock): number {
  return Math.max(0, calendarDaysFrom(reference, clock.now, zoneOf(clock)));
}

/**
 * Whether a node owes check-ins: the one rule the stale signal and My work's "Check-ins due" read (review36a
 * F5: My work listed a proposed initiative and a key result whose period had ended, which no other view
 * called stale). A KPI; a key result not achieved (isAchievedKeyResult) whose period has not ended
 * (`periodEnd`, null when it has none or its dates crossed: a period's last value is its final one); an open
 * initiative (no status, or active: a proposed one has not started, as the pulse reads it). Nothing archived
 * or under withdrawn work. Owed from the cadence's last day (due), stale after it.
 */
export function owesCheckIn(kind: NodeKind, fields: NodeFields, progress: number | null, inactive: boolean, periodEnd: number | null, now: number): boolean {
  if (inactive) return false;
  if (kind === 'kpi') return true;
  if (kind === 'key_result') return !isAchievedKeyResult(kind, fields, progress) && (periodEnd === null || now < periodEnd);
  if (kind === 'initiative') return fields.status === undefined || fields.status === 'active';
  return false;
}

/**
 * Stale: no check-in for more calendar days than the cadence (counted from creation when there is
 * none), the days the message says: with elapsed 24-hour spans, a check-in at 00:30 read a week later
 * at 01:00 was stale while the words said "No check-in for 7 days (cadence 7 days)". Since: the plan's
 * midnight that began the first day past the cadence.
 */
export function staleSignal(nodeId: NodeId, lastCheckInAt: number | null, createdAt: number | null, clock: SignalClock): StaleSignal | null {
  const reference = lastCheckInAt ?? createdAt;
  if (reference === null) return null;
  const { cadenceDays } = clock.settings;
  const daysSince = daysWithoutCheckIn(reference, clock);
  if (daysSince <= cadenceDays) return null;
  const zone = zoneOf(clock);
  // The first whole count of days past the cadence (2.3 → 3, 7 → 8).
  const firstStaleDay = datePlus(dayIn(reference, zone), Math.floor(cadenceDays) + 1);
  const since = Math.min(clock.now, startOfDayIn(firstStaleDay, zone) ?? clock.now);
  return {
    kind: 'stale', nodeId, teamId: null, severity: 'at_risk', since,
    message: lastCheckInAt === null ? `No check-in since it was created ${dayWord(reference, clock)}` : `No check-in for ${count(daysSince, 'day')} (cadence ${count(cadenceDays, 'day')})`,
    evidence: { lastCheckInAt, cadenceDays, daysSince },
  };
}

/**
 * How long a task has been blocked since `since` (at most the clock's now), as the signal and the
 * review pack say it: under a day, the day it began in the plan's calendar ("Blocked since
 * yesterday"); then the calendar days from that day to today ("Blocked for 2 days"), as the date shown
 * beside it and a check-in blocker's "3 days ago" count them. Elapsed 24-hour spans read "for 1 day"
 * beside "since Dec 2" on 4 December, and a blocker raised the same minute by a check-in as "2 days ago".
 */
export function blockedFor(since: number, clock: SignalClock): string {
  if (clock.now - since < DAY_MS) return `Blocked since ${dayWord(since, clock)}`;
  return `Blocked for ${count(Math.max(1, calendarDaysFrom(since, clock.now, zoneOf(clock))), 'day')}`;
}

/** Blocked by status: a blocked task, off track once blocked for longer than the cadence. */
export function blockedByStatusSignal(nodeId: NodeId, fields: NodeFields, fallbackSince: number, clock: SignalClock): BlockedSignal | null {
  if (fields.status !== 'blocked') return null;
  const since = Math.min(fields.blockedSince ?? fallbackSince, clock.now);
  const blockedDays = days(clock.now - since);
  const reason = fields.blockedReason ?? null;
  return {
    kind: 'blocked', nodeId, teamId: null, severity: clock.now - since > cadenceMs(clock.settings) ? 'off_track' : 'at_risk', since,
    message: `${blockedFor(since, clock)}${reason ? `: ${reason}` : ''}`,
    evidence: { source: 'status', reason, days: blockedDays, checkInId: null },
  };
}

/** When blockedByStatusSignal can next change (see "When a signal can next change"). */
export function blockedByStatusChangesAt(fields: NodeFields, fallbackSince: number | null, clock: SignalClock): number {
  if (fields.status !== 'blocked') return Infinity;
  const start = fields.blockedSince ?? fallbackSince;
  // Blocked since the clock itself (no stamp to go by), or since a future instant (read as since
  // now): "since" moves with the clock.
  if (start === null || start > clock.now) return clock.now + 1;
  const offTrackAt = firstAfter(start + cadenceMs(clock.settings));
  // The message counts the plan's days from `start` (blockedFor): it changes at the plan's midnight, and
  // at each whole day since `start` (the switch from "since yesterday", the evidence's elapsed days).
  const dayAt = Math.min(nextDay(start, clock.now), dayWordChangesAt(start, clock));
  return offTrackAt > clock.now ? Math.min(offTrackAt, dayAt) : dayAt;
}

/**
 * The blocker check-ins of a node that still stand, as positions in its series, latest first. A blocker
 * is cleared only knowingly (review33 F1): by a check-in that names it in `clears` (the form's "clears
 * Ben's blocker: …"). A check-in stored before clears were kept (no `clears`) keeps the meaning it was
 * written with: if it raises no blocker, it clears every blocker ordered before it. A check-in written
 * since that clears nothing — a weekly note, or one made offline by someone who never saw the blocker —
 * leaves it standing. A function of the set of check-ins alone, so every replica agrees whatever the
 * order they arrived in.
 */
export function standingBlockers(series: CheckInSeries): number[] {
  const standing: number[] = [];
  let blockers = false;
  let clearing = false;
  for (let i = 0; i < series.length; i++) {
    if (series.blocker(i)) blockers = true;
    if ((series.clears(i)?.length ?? 0) > 0) clearing = true;
  }
  if (!blockers) return standing;
  // Ids named as cleared (only read when some check-in clears: most nodes have none).
  let cleared: Set<string> | null = null;
  if (clearing) {
    cleared = new Set<string>();
    for (let i = 0; i < series.length; i++) for (const id of series.clears(i) ?? []) cleared.add(id);
  }
  let olderCleared = false;
  for (let i = series.length - 1; i >= 0; i--) {
    if (series.blocker(i) && !olderCleared && (cleared === null || !cleared.has(series.id(i)))) standing.push(i);
    // An entry from before clears were kept, raising no blocker: it ended every blocker before it.
    if (!series.blocker(i) && series.clears(i) === undefined) olderCleared = true;
  }
  return standing;
}

/**
 * The standing blockers' span: the earliest (since) and the one whose note is the reason shown, or null.
 * The reason is the note of the latest standing blocker that raised one: a check-in that only says the
 * item is still blocked (`restates`: the form's "Still blocked" left ticked) never gives the reason,
 * whatever its note says (blocker37; review36d B3: "revenue up after the webinar" became the reason, its
 * author a raiser). A raise without a note keeps the reason given before. When only restatements stand
 * (what they restated was cleared by someone who had not seen them), the reason is the latest raise
 * with a note ordered before the latest of them: what its author saw standing and said still held.
 * A function of the set of check-ins alone (the series' order is every replica's).
 */
function blockerSpan(series: CheckInSeries): { first: number; last: number } | null {
  const standing = standingBlockers(series);
  if (standing.length === 0) return null;
  let first = standing[0]!;
  for (const i of standing) if (series.at(i) < series.at(first)) first = i;
  const raised = standing.filter((i) => !series.restates(i));
  if (raised.length > 0) return { first, last: raised.find((i) => series.note(i) !== '') ?? raised[0]! };
  for (let i = standing[0]! - 1; i >= 0; i--) if (series.blocker(i) && !series.restates(i) && series.note(i) !== '') return { first, last: i };
  return { first, last: standing[0]! };
}

/**
 * Blocked by check-in: a blocker raised in a check-in still stands (standingBlockers); since the
 * earliest standing one, with the reason of the latest that raised one (blockerSpan).
 */
export function blockedByCheckInSignal(nodeId: NodeId, checkIns: CheckInsLike, clock: SignalClock): BlockedSignal | null {
  const series = seriesOf(checkIns);
  const span = blockerSpan(series);
  if (span === null) return null;
  const since = series.at(span.first);
  const last = span.last;
  // A restatement's note is never the reason (blockerSpan names one only when nothing else is known).
  const note = series.restates(last) ? '' : series.note(last);
  const blockedDays = days(Math.max(0, clock.now - since));
  return {
    kind: 'blocked', nodeId, teamId: null, severity: clock.now - since > cadenceMs(clock.settings) ? 'off_track' : 'at_risk', since,
    message: `Blocker raised in a check-in ${dayWord(since, clock)}${note ? `: ${note}` : ''}`,
    evidence: { source: 'check-in', reason: note || null, days: blockedDays, checkInId: series.id(last) },
  };
}

/** When blockedByCheckInSignal can next change (see "When a signal can next change"). */
export function blockedByCheckInChangesAt(checkIns: CheckInsLike, clock: SignalClock): number {
  const series = seriesOf(checkIns);
  const span = blockerSpan(series);
  if (span === null) return Infinity;
  const since = series.at(span.first);
  const offTrackAt = firstAfter(since + cadenceMs(clock.settings));
  // days(max(0, now − since)): 0 up to a day after the check-in, then whole days since it; the
  // message's day word changes at the plan's midnight.
  const dayAt = Math.min(clock.now < since ? since + DAY_MS : nextDay(since, clock.now), dayWordChangesAt(since, clock));
  return offTrackAt > clock.now ? Math.min(offTrackAt, dayAt) : dayAt;
}

/** Overdue: open work past the end of its due date (the next midnight in the plan's zone). */
export function overdueSignal(nodeId: NodeId, dueDate: string | undefined, clock: SignalClock): OverdueSignal | null {
  if (dueDate === undefined) return null;
  const zone = zoneOf(clock);
  const due = endOfDayIn(dueDate, zone);
  if (due === null || clock.now <= due) return null;
  // Calendar days in the plan's zone (a DST day is 23 or 25 hours long): 1 on the day after the due day.
  const daysOverdue = calendarDaysBetween(dueDate, dayIn(clock.now, zone));
  return {
    kind: 'overdue', nodeId, teamId: null, severity: 'at_risk', since: due,
    message: `Due ${dueDate}, ${count(daysOverdue, 'day')} overdue`,
    evidence: { dueDate, daysOverdue },
  };
}

/** When overdueSignal can next change (see "When a signal can next change"). */
export function overdueChangesAt(dueDate: string | undefined, clock: SignalClock): number {
  if (dueDate === undefined) return Infinity;
  const zone = zoneOf(clock);
  const due = endOfDayIn(dueDate, zone);
  if (due === null) return Infinity;
  // Past it, the count of days overdue grows at the next midnight in the plan's zone.
  return clock.now <= due ? firstAfter(due) : startOfDayIn(nextDate(dayIn(clock.now, zone)), zone)!;
}

/**
 * Confidence drop: a person's latest confidence is at least `confidenceDrop` points below the one they gave
 * before (review45c F3). Confidence is each author's own belief: compared across people, Mia's first 4 an
 * hour after Ben's 8 read "Confidence fell from 8 to 4", and Ben's 8 the next day took it away while Mia's 4
 * stood. Of several people's drops, the one checked in latest; none when no one's latest confidence fell.
 */
export function confidenceDropSignal(nodeId: NodeId, checkIns: CheckInsLike, clock: SignalClock): ConfidenceDropSignal | null {
  const series = seriesOf(checkIns);
  // Per author, the position of their latest confidence while the one before it is looked for; null once judged.
  const latestBy = new Map<string, number | null>();
  let found: { latest: number; before: number } | null = null;
  for (let i = series.length - 1; i >= 0; i--) {
    const confidence = series.confidence(i);
    if (confidence === null) continue;
    const by = series.by(i);
    const latest = latestBy.get(by);
    if (latest === undefined) { latestBy.set(by, i); continue; }
    if (latest === null) continue;
    latestBy.set(by, null);
    if (isBelow(confidence - series.confidence(latest)!, clock.settings.confidenceDrop)) continue;
    if (found === null || latest > found.latest) found = { latest, before: i };
  }
  if (found === null) return null;
  const from = series.confidence(found.before)!;
  const to = series.confidence(found.latest)!;
  return {
    kind: 'confidence_drop', nodeId, teamId: null, severity: 'at_risk', since: series.at(found.latest),
    message: `Confidence fell from ${from} to ${to}`,
    evidence: { from, to, checkInId: series.id(found.latest) },
  };
}

/** How a reported status reads in a sentence. */
const STATUS_WORDS = { on_track: 'on track', at_risk: 'at risk', off_track: 'off track' } as const;

/**
 * Another person's word against the latest status on the latest one's own day (review45c F2): of the check-ins
 * giving a status on that calendar day (the plan's zone) by someone other than the latest one's author, the latest
 * whose status differs, or null. Each person's latest word that day counts: Ben's "off track" at 09:00 taken back by
 * Ben's own "on track" at 11:00 is no disagreement with Mia's "on track" at 15:00.
 */
function sameDayDisagreement(series: CheckInSeries, latest: number, zone: string): number | null {
  const day = dayIn(series.at(latest), zone);
  const status = series.status(latest);
  const seen = new Set<string>([series.by(latest)]);
  for (let i = latest - 1; i >= 0; i--) {
    const earlier = series.status(i);
    if (earlier === null) continue;
    if (dayIn(series.at(i), zone) !== day) continue;
    const by = series.by(i);
    if (seen.has(by)) continue;
    seen.add(by);
    if (earlier !== status) return i;
  }
  return null;
}

/**
 * Reported status (review43c F1): the latest check-in that gave a status (on track, at risk, off track) said at
 * risk or off track. That status is its author's word on the item, and stands until a later check-in gives
 * another: a check-in with a value or a note but no status does not take it back. Before, the status was kept
 * and shown in the history and read by no figure, so a key result on pace whose owner had just checked in "Off
 * track: big deal slipped" read On track in the outline, on the canvas and on the pulse. Severity: the status
 * said. Since: the first of the latest run of check-ins giving that status or a worse one (statusless ones
 * passed over). Its message reads no clock (no day words), so it never changes with time alone. On an achieved key
 * result (`achieved`: it reached its target) the status stands only while no value came in after it: a value that
 * reached the target later is newer evidence than the word, while "off track" given with the value that reached
 * it (a target equal to its start held by a whisker) is the owner's word on that value.
 *
 * Two people the same day (review45c F2): the later status is the item's, but another person's different status
 * given that calendar day (sameDayDisagreement) is not overruled in silence. The signal names it (`evidence.
 * disagreement`; the message names both people by `nameOf`), and a later "on track" against someone's "at risk" or "off
 * track" that day reads at risk: the team has not agreed the item is fine. It lasts until a status is given on a
 * later day (the latest day then holds the word that stands) or the other person says the same that day.
 */
export function reportedStatusSignal(nodeId: NodeId, checkIns: CheckInsLike, achieved = false, timeZone: string = DEFAULT_TIME_ZONE, nameOf: (by: string) => string = (by) => by): ReportedStatusSignal | null {
  const series = seriesOf(checkIns);
  let latest = -1;
  for (let i = series.length - 1; i >= 0 && latest < 0; i--) if (series.status(i) !== null) latest = i;
  if (latest < 0) return null;
  const status = series.status(latest)!;
  if (achieved) for (let i = latest + 1; i < series.length; i++) if (series.value(i) !== null) return null;
  const other = sameDayDisagreement(series, latest, timeZone);
  const otherStatus = other === null ? null : series.status(other)!;
  if (status === 'on_track' && (otherStatus === null || otherStatus === 'on_track')) return null;
  let first = latest;
  for (let i = latest - 1; status !== 'on_track' && i >= 0; i--) {
    const earlier = series.status(i);
    if (earlier === null) continue;
    if (earlier === 'on_track' || (status === 'off_track' && earlier !== 'off_track')) break;
    first = i;
  }
  const note = series.note(latest);
  const disagreement = other === null ? null : { status: otherStatus!, checkInId: series.id(other), by: series.by(other), note: series.note(other) };
  const said = `${STATUS_WORDS[status]}${note ? `: ${note}` : ''}`;
  const message = disagreement === null
    ? `Latest check-in says ${said}`
    : `${nameOf(series.by(latest))}'s latest check-in says ${said}; ${nameOf(disagreement.by)} said ${STATUS_WORDS[disagreement.status]} the same day${disagreement.note ? `: ${disagreement.note}` : ''}`;
  return {
    kind: 'reported_status', nodeId, teamId: null, severity: status === 'on_track' ? 'at_risk' : status, since: series.at(status === 'on_track' ? other! : first),
    message,
    evidence: { status, checkInId: series.id(latest), by: series.by(latest), disagreement },
  };
}

/** KPI breach: the latest value is outside the healthy range; since the first value of that run. */
export function kpiBreachSignal(nodeId: NodeId, fields: NodeFields, checkIns: CheckInsLike): KpiBreachSignal | null {
  const { healthyLow, healthyHigh } = fields;
  if (healthyLow === undefined && healthyHigh === undefined) return null;
  // A healthy range whose low is above its high holds no value: crossedBoundsSignal says so instead.
  if (healthyLow !== undefined && healthyHigh !== undefined && healthyLow > healthyHigh) return null;
  const outside = (value: number) => isOutside(value, healthyLow, healthyHigh);
  const run = latestRunOutside(checkIns, outside);
  if (run === null) return null;
  const { value, since } = run;
  const range = `${healthyLow === undefined ? '−∞' : figureText(healthyLow, undefined, 12)}–${healthyHigh === undefined ? '∞' : figureText(healthyHigh, undefined, 12)}`;
  const crossed = healthyLow !== undefined && value < healthyLow ? healthyLow : healthyHigh!;
  return {
    kind: 'kpi_breach', nodeId, teamId: null, severity: 'off_track', since,
    message: `Value ${valueApartFrom(value, crossed, fields.unit)} is outside the healthy range ${range}${fields.unit ? ` ${fields.unit}` : ''}`,
    evidence: { value, healthyLow: healthyLow ?? null, healthyHigh: healthyHigh ?? null },
  };
}

/**
 * The latest value of the newest run of check-in values outside a range, and when that run began (the
 * first value of it); null when the latest value is inside. Values-less check-ins are passed over.
 */
function latestRunOutside(checkIns: CheckInsLike, outside: (value: number) => boolean): { value: number; since: number } | null {
  const series = seriesOf(checkIns);
  let latest: number | null = null;
  let since = 0;
  for (let i = series.length - 1; i >= 0; i--) {
    const checkInValue = series.value(i);
    if (checkInValue === null) continue;
    if (!outside(checkInValue)) break;
    latest ??= checkInValue;
    since = series.at(i);
  }
  return latest === null ? null : { value: latest, since };
}

/**
 * Range breach: a "stay within range" key result whose latest value is outside its range (review39b F1). Off
 * track, as a KPI's breach, whatever share of the period has elapsed: its progress (1 inside, falling to 0 one
 * range-width outside) was judged by pace, so early in a period 12 % against 5–10 % read "On track". Since the
 * first value of that run outside.
 *
 * With no value checked in, its start value is its value (keyResultProgress reads `value ?? start`), and is
 * judged the same way when `startSince` is given (when the start or range was last set): 12 % against 5–10 %
 * with no check-in yet was never a breach, and read "60%, on track" (review40a F2). Null `startSince` leaves
 * the start out (values in another unit, whose start was not theirs).
 */
export function rangeBreachSignal(nodeId: NodeId, fields: NodeFields, checkIns: CheckInsLike, startSince: number | null = null): RangeBreachSignal | null {
  const { direction, rangeLow, rangeHigh, start } = fields;
  if (direction !== 'range' || rangeLow === undefined || rangeHigh === undefined || rangeLow > rangeHigh) return null;
  const outside = (value: number) => isOutside(value, rangeLow, rangeHigh);
  const run = latestRunOutside(checkIns, outside);
  const fromStart = run === null && startSince !== null && start !== undefined && !hasValue(checkIns) && outside(start);
  if (run === null && !fromStart) return null;
  const { value: latest, since } = run ?? { value: start!, since: startSince! };
  const unit = fields.unit;
  return {
    kind: 'range_breach', nodeId, teamId: null, severity: 'off_track', since,
    message: `${fromStart ? 'Start value' : 'Value'} ${valueApartFrom(latest, latest < rangeLow ? rangeLow : rangeHigh, unit)} is outside the range ${figureText(rangeLow, undefined, 12)}–${figureText(rangeHigh, unit, 12)}${fromStart ? ' (no value checked in yet)' : ''}`,
    evidence: { value: latest, rangeLow, rangeHigh },
  };
}

/** True if any check-in holds a value. */
function hasValue(checkIns: CheckInsLike): boolean {
  const series = seriesOf(checkIns);
  for (let i = series.length - 1; i >= 0; i--) if (series.value(i) !== null) return true;
  return false;
}

/**
 * Crossed bounds: a key result's or KPI's bounds contradict each other (rollups.ts crossedBounds), so
 * its progress is not measured (null) and no breach or forecast is judged against them; this signal
 * says why, naming both bounds, instead of a figure the evidence contradicts. Since the node's last
 * update (the edit that crossed them, as far as the doc can tell).
 */
export function crossedBoundsSignal(nodeId: NodeId, kind: 'key_result' | 'kpi', fields: NodeFields, changedAt: number): CrossedBoundsSignal | null {
  const crossed = crossedBounds(fields);
  if (crossed === null) return null;
  const { low, high } = crossed;
  const what = kind === 'kpi' ? 'no value can be judged healthy or not' : 'its progress cannot be measured';
  let message: string;
  if (low.field === 'rangeLow') message = `The range ${withUnit(low.value, fields.unit)} to ${withUnit(high.value, fields.unit)} runs backwards (its low is above its high), so ${what}: set the range again`;
  else if (low.field === 'healthyLow') message = `The healthy range ${withUnit(low.value, fields.unit)} to ${withUnit(high.value, fields.unit)} runs backwards (its low is above its high), so ${what}: set the healthy range again`;
  else if (low.field === 'start') message = `The target ${withUnit(high.value, fields.unit)} is below the start ${withUnit(low.value, fields.unit)} of an increasing key result, so ${what}: set the start, target or direction again`;
  else message = `The target ${withUnit(low.value, fields.unit)} is above the start ${withUnit(high.value, fields.unit)} of a decreasing key result, so ${what}: set the start, target or direction again`;
  return {
    kind: 'crossed_bounds', nodeId, teamId: null, severity: 'at_risk', since: changedAt, message,
    evidence: { lowField: low.field, low: low.value, highField: high.field, high: high.value },
  };
}

/**
 * A key result's or objective's period whose end day is before its start day (two people moved them past
 * each other): no pace or forecast can be judged in it, so the node says why instead of judging nothing
 * in silence. The same kind as crossed bounds (at risk, "Bounds crossed"); `since` is the node's creation
 * (a period's dates carry no time of writing).
 */
export function crossedPeriodSignal(nodeId: NodeId, period: PeriodView, since: number): CrossedBoundsSignal | null {
  const name = isolatedText(period.name);
  const evidence = { lowField: 'periodEnd', low: period.endMs, highField: 'periodStart', high: period.startMs };
  if (period.crossed) {
    return { kind: 'crossed_bounds', nodeId, teamId: null, severity: 'at_risk', since, evidence,
      message: `The period “${name}” runs backwards (it starts ${period.start}, after its end ${period.end}), so no pace can be judged: set the period's dates again` };
  }
  // Implausible dates (review45a F7): pace is not judged in them, and the node says why rather than "on track".
  const warning = periodDatesWarning(period.start, period.end);
  if (warning === null) return null;
  return { kind: 'crossed_bounds', nodeId, teamId: null, severity: 'at_risk', since, evidence,
    message: `The period “${name}” runs from ${period.start} to ${period.end}, ${implausibleWhy(period.start, period.end)}, so no pace can be judged: set the period's dates again` };
}

/** Why a period's dates are implausible, in a clause ("more than 5 years"). */
function implausibleWhy(start: string, end: string): string {
  if (start < EARLIEST_PLAUSIBLE_DAY) return `starting before ${EARLIEST_PLAUSIBLE_DAY}`;
  if (end > LATEST_PLAUSIBLE_DAY) return `ending after ${LATEST_PLAUSIBLE_DAY}`;
  return `more than ${MAX_PERIOD_YEARS} years`;
}

/**
 * Slowdown: completions per week in the recent window below `slowdownRatio` of the rate in the
 * baseline window just before it (only when the baseline rate is at least `slowdownMinPerWeek`).
 */
export function slowdownSignal(subject: { nodeId: NodeId | null; teamId: string | null }, doneTimes: readonly number[], clock: SignalClock): SlowdownSignal | null {
  const { slowdownRecentDays, slowdownBaselineDays, slowdownRatio, slowdownMinPerWeek } = clock.settings;
  const recentStart = clock.now - slowdownRecentDays * DAY_MS;
  const baselineStart = recentStart - slowdownBaselineDays * DAY_MS;
  let recent = 0;
  let baseline = 0;
  for (const at of doneTimes) {
    if (at > clock.now) continue;
    if (at >= recentStart) recent++;
    else if (at >= baselineStart) baseline++;
  }
  const recentPerWeek = recent / (slowdownRecentDays / 7);
  const baselinePerWeek = baseline / (slowdownBaselineDays / 7);
  if (isBelow(baselinePerWeek, slowdownMinPerWeek) || !isBelow(recentPerWeek, slowdownRatio * baselinePerWeek)) return null;
  return {
    kind: 'slowdown', nodeId: subject.nodeId, teamId: subject.teamId, severity: 'at_risk', since: recentStart,
    // The rate as shown decides the noun: "1 task done per week" (it read "1 tasks"), "0.5 tasks".
    message: `${count(round(recentPerWeek, 1), 'task')} done per week in the last ${count(slowdownRecentDays, 'day')}, down from ${round(baselinePerWeek, 1)}`,
    evidence: { recentPerWeek: round(recentPerWeek, 4), baselinePerWeek: round(baselinePerWeek, 4), recentDays: slowdownRecentDays, baselineDays: slowdownBaselineDays },
  };
}

/** A key result linked to an initiative, with its progress now and at the start of the effort window. */
export interface LinkedKeyResult {
  id: string;
  progressNow: number | null;
  progressThen: number | null;
}

/**
 * Effort without impact: an initiative completed at least `effortMinDoneTasks` tasks in the window
 * while none of its key results (ancestor or contributes-to) moved by `effortMinProgressMove`.
 */
export function effortWithoutImpactSignal(nodeId: NodeId, doneTimes: readonly number[], keyResults: readonly LinkedKeyResult[], clock: SignalClock): EffortWithoutImpactSignal | null {
  if (keyResults.length === 0) return null;
  const { effortWindowDays, effortMinDoneTasks, effortMinProgressMove } = clock.settings;
  const windowStart = clock.now - effortWindowDays * DAY_MS;
  let done = 0;
  let first = Infinity;
  for (const at of doneTimes) {
    if (at < windowStart || at > clock.now) continue;
    done++;
    if (at < first) first = at;
  }
  if (done < effortMinDoneTasks) return null;
  let maxMove = 0;
  for (const keyResult of keyResults) {
    const move = Math.abs((keyResult.progressNow ?? 0) - (keyResult.progressThen ?? 0));
    if (move > maxMove) maxMove = move;
  }
  if (!isBelow(maxMove, effortMinProgressMove)) return null;
  return {
    kind: 'effort_without_impact', nodeId, teamId: null, severity: 'at_risk', since: first,
    message: `${count(done, 'task')} done in ${count(effortWindowDays, 'day')} while its key results moved ${percent(maxMove)}`,
    evidence: { doneTasks: done, keyResults: keyResults.map((keyResult) => keyResult.id), windowDays: effortWindowDays, maxProgressMove: round(maxMove, 4) },
  };
}

/** The goalposts a baseline remembers (absent from a device-local one, which then does not compare them). */
const GOALPOST_FIELDS = ['start', 'rangeLow', 'rangeHigh', 'healthyLow', 'healthyHigh', 'direction', 'unit', 'manualProgress', 'period'] as const;

/** A changed field in the words of a priority shift's message ("range" for either bound of it). */
const SHIFT_WORDS: Record<FieldChange['field'], string> = {
  added: 'added', parent: 'parent', target: 'target', weight: 'weight', priority: 'priority', owner: 'owner', start: 'start',
  rangeLow: 'range', rangeHigh: 'range', healthyLow: 'healthy range', healthyHigh: 'healthy range', direction: 'direction', unit: 'unit',
  manualProgress: 'manual progress', period: 'period', periodDates: 'period dates',
};

/**
 * Priority shift: target, weight, priority, owner or parent changed since the baseline, or the goalposts
 * moved (start, range, healthy range, direction, unit, manual progress, period: review36a F1; the dates of
 * its own period, `periodDates` its first and last day now, when the baseline kept them: blocker37), or the
 * node is new.
 */
export function priorityShiftSignal(nodeId: NodeId, current: BaselineNode, baseline: PlanBaseline, changedAt: number, periodDates: { start: string; end: string } | null = null, createdAt: number | null = null, titleOf: (id: string) => string | null = () => null): PriorityShiftSignal | null {
  const before = baseline.nodes[nodeId];
  const changes: FieldChange[] = [];
  if (!before) changes.push({ field: 'added', before: null, after: current.title });
  else {
    if (before.parent !== current.parent) changes.push({ field: 'parent', before: before.parent, after: current.parent });
    if (before.target !== current.target) changes.push({ field: 'target', before: before.target, after: current.target });
    if (before.weight !== current.weight) changes.push({ field: 'weight', before: before.weight, after: current.weight });
    if (before.priority !== current.priority) changes.push({ field: 'priority', before: before.priority, after: current.priority });
    if (before.owner !== current.owner) changes.push({ field: 'owner', before: before.owner, after: current.owner });
    for (const field of GOALPOST_FIELDS) {
      const was = before[field];
      const now = current[field] ?? null;
      if (was !== undefined && was !== now) changes.push({ field, before: was, after: now });
    }
    // The node kept its period, whose dates were edited since (a changed period is reported as such).
    const then = typeof current.period === 'string' && before.period === current.period ? baseline.periods?.[current.period] : undefined;
    if (then && periodDates && (then.start !== periodDates.start || then.end !== periodDates.end)) {
      changes.push({ field: 'periodDates', before: `${then.start} – ${then.end}`, after: `${periodDates.start} – ${periodDates.end}` });
    }
  }
  if (changes.length === 0) return null;
  const words = [...new Set(changes.map((change) => (change.field === 'priority' ? priorityWords(change) : change.field === 'parent' ? moveWords(change, baseline, titleOf) : SHIFT_WORDS[change.field])))];
  return {
    kind: 'priority_shift', nodeId, teamId: null, severity: 'info', since: Math.max(changedAt, baseline.at),
    // Not in the baseline but created before it: it was deleted then and restored since (review39b F4).
    message: before ? `Changed since “${isolatedText(baseline.name)}”: ${words.join(', ')}` : `${createdAt !== null && createdAt < baseline.at ? 'Restored' : 'Added'} since “${isolatedText(baseline.name)}”`,
    evidence: { changes, baselineAt: baseline.at },
  };
}

/** Priorities from the highest (schema.ts PRIORITIES): which way a change went. */
const PRIORITY_RANK: Readonly<Record<string, number>> = Object.fromEntries(PRIORITIES.map((priority, rank) => [priority, rank]));

/**
 * A priority change in a leader's words, which way and from what to what (review45c F4): "priority" alone read
 * the same for an initiative raised to critical and one lowered to low the same morning, so the pulse's "Are
 * priorities shifting?" could not say where the team's effort was going without opening the review.
 */
function priorityWords(change: FieldChange): string {
  const { before, after } = change;
  if (typeof before !== 'string') return `priority set to ${String(after)}`;
  if (typeof after !== 'string') return `priority ${before} cleared`;
  const way = (PRIORITY_RANK[after] ?? 0) < (PRIORITY_RANK[before] ?? 0) ? 'raised' : 'lowered';
  return `priority ${way} from ${before} to ${after}`;
}

/**
 * A move in a leader's words, from where to where by title (review45c F4's "not done"): "parent" alone told a
 * manager an initiative had moved, not that its effort now counts toward another key result. A parent's title is
 * its title now (`titleOf`), else the one the baseline kept (a parent deleted since); the top of the plan by name.
 */
function moveWords(change: FieldChange, baseline: PlanBaseline, titleOf: (id: string) => string | null): string {
  const name = (id: unknown) => {
    if (typeof id !== 'string') return 'nowhere';
    if (id === ROOT_ID) return 'the top of the plan';
    const title = titleOf(id) ?? baseline.nodes[id]?.title ?? '';
    return `“${isolatedText(title || 'Untitled')}”`;
  };
  return `moved from ${name(change.before)} to ${name(change.after)}`;
}

/** "a key result", "an objective", "the top of the plan". */
function kindWithArticle(kind: NodeKind | typeof ROOT_ID): string {
  if (kind === ROOT_ID) return 'the top of the plan';
  const label = KIND_LABELS[kind];
  return `${/^[aeiouAEIOU]/.test(label) ? 'an' : 'a'} ${label}`;
}

/** Kinds whose progress a parent rolls up (a strategy, objective, key result): placed where no parent rolls them up, they count nowhere. */
export function progressKind(kind: NodeKind): boolean {
  return kind === 'strategy' || kind === 'objective' || kind === 'key_result';
}

/** Where a kind belongs, in words: "an objective", "an initiative or a task". */
function belongsUnder(kind: NodeKind): string {
  return ALLOWED_PARENTS[kind].map(kindWithArticle).join(' or ');
}

/**
 * Misplaced: a node under a parent its kind may not sit under (SPEC §2 cascade), which no operation makes but a
 * merge can (review33 F3: a sub-objective turned into a key result while someone added a key result under it; a
 * key result moved into an objective someone deleted, re-attached under the strategy). A strategy, objective or
 * key result there is counted in no roll-up, and says so; either way it says where to move it. At risk.
 */
export function misplacedSignal(nodeId: NodeId, kind: NodeKind, parentKind: NodeKind | typeof ROOT_ID, since: number): MisplacedSignal {
  const where = parentKind === ROOT_ID ? 'at the top of the plan' : `under ${kindWithArticle(parentKind)}`;
  const leftOut = progressKind(kind);
  const label = kindWithArticle(kind);
  const message = `${label[0]!.toUpperCase()}${label.slice(1)} does not belong ${where}${leftOut ? ', so its progress is counted in no roll-up' : ''}: move it under ${belongsUnder(kind)}`;
  return {
    kind: 'misplaced', nodeId, teamId: null, severity: 'at_risk', since, message,
    evidence: { parentKind, belongsUnder: [...ALLOWED_PARENTS[kind]], nodeIds: [nodeId], leftOut },
  };
}

/**
 * The parent's side of misplaced children: how many of its children sit where their kind does not belong and
 * how many of those its roll-up leaves out. Info (the children's own signals carry the health), so the parent's
 * detail panel says its figure leaves them out.
 */
export function misplacedBelowSignal(nodeId: NodeId, kind: NodeKind, children: readonly { id: NodeId; kind: NodeKind; since: number }[]): MisplacedSignal | null {
  if (children.length === 0) return null;
  const n = children.length;
  const leftOut = children.filter((child) => progressKind(child.kind)).length;
  const what = n === 1 ? kindWithArticle(children[0]!.kind) : `${n} items`;
  const counted = leftOut === 0 ? '' : leftOut === n ? `, ${n === 1 ? 'it is' : 'they are'} counted in no roll-up${progressKind(kind) ? ', this one included' : ''}` : `, ${leftOut} of them counted in no roll-up${progressKind(kind) ? ', this one included' : ''}`;
  const message = `${what[0]!.toUpperCase()}${what.slice(1)} below ${n === 1 ? 'does' : 'do'} not belong under ${kindWithArticle(kind)}${counted}: move ${n === 1 ? 'it' : 'each'} where its kind belongs`;
  return {
    kind: 'misplaced', nodeId, teamId: null, severity: 'info', since: smallest(children.map((child) => child.since)), message,
    evidence: { parentKind: kind, belongsUnder: [], nodeIds: children.map((child) => child.id).sort(), leftOut: leftOut > 0 },
  };
}
