/** Roll-up formulas of SPEC §2 (defaults; weights from the nodes, thresholds from the plan settings). */
import type { NodeFields } from './fields.js';
import { seriesOf, type CheckInsLike } from './check-in-columns.js';
import { isOutside } from './tolerance.js';

/** Clamps to [0, 1]. */
export function clamp01(value: number): number {
  return value < 0 ? 0 : value > 1 ? 1 : value;
}

/** The latest metric value among check-ins sorted by (at, id), or null. */
export function latestValue(checkIns: CheckInsLike): number | null {
  const series = seriesOf(checkIns);
  for (let i = series.length - 1; i >= 0; i--) {
    const value = series.value(i);
    if (value !== null) return value;
  }
  return null;
}

/**
 * A key result is achieved when its target is reached (progress 1) and it is no range to stay inside:
 * it is done, so it owes no check-in — not stale, not due in My work (review33 F7). A range's 100 %
 * only says "inside it now", so a range key result still goes stale.
 */
export function isAchievedKeyResult(kind: string, fields: { direction?: string }, progress: number | null): boolean {
  return kind === 'key_result' && progress === 1 && fields.direction !== 'range';
}

/** The latest metric value at or before `at`, or null. */
export function valueAt(checkIns: CheckInsLike, at: number): number | null {
  const series = seriesOf(checkIns);
  for (let i = series.length - 1; i >= 0; i--) {
    if (series.at(i) > at) continue;
    const value = series.value(i);
    if (value !== null) return value;
  }
  return null;
}

/** Two bounds of a metric that contradict each other: `low` is above `high` (or a target is on the wrong side of its start). */
export interface CrossedBounds {
  low: { field: 'rangeLow' | 'healthyLow' | 'start' | 'target'; value: number };
  high: { field: 'rangeHigh' | 'healthyHigh' | 'start' | 'target'; value: number };
}

/**
 * The bounds of a key result's or KPI's metric that contradict each other, or null: a range whose low
 * is above its high, a healthy range likewise, a target below the start of an increasing key result or
 * above the start of a decreasing one. Every edit is checked alone, so one person cannot write this;
 * two people can, at the same time (Ada raises the range's low to 50 while Ben lowers its high to 40:
 * each write was valid and both are kept), and so can an older plan or a peer. No figure measured
 * against such bounds means anything (every value of a range 50–40 read as 100 % on track).
 */
export function crossedBounds(fields: NodeFields): CrossedBounds | null {
  const { start, target, direction, rangeLow, rangeHigh, healthyLow, healthyHigh } = fields;
  if (direction === 'range') {
    if (rangeLow !== undefined && rangeHigh !== undefined && rangeLow > rangeHigh) return { low: { field: 'rangeLow', value: rangeLow }, high: { field: 'rangeHigh', value: rangeHigh } };
  } else if (start !== undefined && target !== undefined) {
    if (direction === 'increase' && target < start) return { low: { field: 'start', value: start }, high: { field: 'target', value: target } };
    if (direction === 'decrease' && target > start) return { low: { field: 'target', value: target }, high: { field: 'start', value: start } };
  }
  if (healthyLow !== undefined && healthyHigh !== undefined && healthyLow > healthyHigh) return { low: { field: 'healthyLow', value: healthyLow }, high: { field: 'healthyHigh', value: healthyHigh } };
  return null;
}

/**
 * Key result progress = (current − start) / (target − start), clamped to [0, 1]; with no check-in the
 * current value is the start. Direction "range": 1 inside [rangeLow, rangeHigh], falling linearly to
 * 0 at one range-width outside it. Null when the metric is not defined enough to measure, when its
 * bounds cross (crossedBounds), and for a target equal to the start until a value is checked in.
 */
export function keyResultProgress(fields: NodeFields, value: number | null): number | null {
  const { start, target, direction, rangeLow, rangeHigh } = fields;
  if (crossedBounds(fields) !== null) return null;
  if (direction === 'range') {
    const current = value ?? start;
    if (current === undefined || rangeLow === undefined || rangeHigh === undefined) return null;
    // Inside as the range breach judges it (tolerance.ts): float noise past a bound is 100%, not 99% beside no breach.
    if (!isOutside(current, rangeLow, rangeHigh)) return 1;
    const width = rangeHigh - rangeLow || 1;
    const distance = current < rangeLow ? rangeLow - current : current - rangeHigh;
    return clamp01(1 - distance / width);
  }
  if (start === undefined || target === undefined) return null;
  const current = value ?? start;
  if (target === start) {
    // A key result measures change; one whose target is its start (refused on input, but an older
    // plan may hold it) has no value until a check-in, then is reached (1) or not (0).
    if (value === null) return null;
    const increasing = direction !== 'decrease';
    return (increasing ? value >= target : value <= target) ? 1 : 0;
  }
  // Halved first: both differences stay finite for any finite field values (-1e308 to 1e308 would
  // make the span Infinity and every value 0 %); halving a double is exact.
  return clamp01((current / 2 - start / 2) / (target / 2 - start / 2));
}

/** Weighted mean of (progress, weight) pairs, ignoring null progress and zero weight; null if none. */
export function weightedMean(parts: readonly { progress: number | null; weight: number }[]): number | null {
  let sum = 0;
  let weights = 0;
  let largest = 0;
  for (const { progress, weight } of parts) {
    if (progress === null || !(weight > 0)) continue;
    sum += progress * weight;
    weights += weight;
    if (weight > largest) largest = weight;
  }
  if (!(weights > 0)) return null;
  if (Number.isFinite(weights)) return sum / weights;
  // Weights near the largest double sum to Infinity (and the mean to 0 or NaN): take them relative to
  // the largest, which keeps every ratio and every sum finite.
  sum = 0;
  weights = 0;
  for (const { progress, weight } of parts) {
    if (progress === null || !(weight > 0)) continue;
    sum += progress * (weight / largest);
    weights += weight / largest;
  }
  return sum / weights;
}

/** Least-squares line through (x, y) points; null with fewer than two distinct x. */
export function linearTrend(points: readonly { x: number; y: number }[]): { slope: number; intercept: number } | null {
  const n = points.length;
  if (n < 2) return null;
  let sx = 0, sy = 0;
  for (const p of points) { sx += p.x; sy += p.y; }
  const mx = sx / n, my = sy / n;
  let sxx = 0, sxy = 0;
  for (const p of points) { sxx += (p.x - mx) * (p.x - mx); sxy += (p.x - mx) * (p.y - my); }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}
