/**
 * What a check-in on a measured node (key result, KPI) must carry. A value outside a sane magnitude
 * for the metric (1e308 breaks every chart axis) is refused, never stored; a check-in that carries
 * nothing (no value, note, blocker, confidence or status) is refused. The form makes a check-in
 * without a value explicit ("No new value: note, confidence or blocker only").
 *
 * The sane magnitude: |value| ≤ VALUE_SCALE × the largest bound the metric names (start, target,
 * range, healthy range; at least 1), and never beyond MAX_CHECKIN_VALUE. A key result from 0 to 100
 * takes values within ±1e8; one without bounds within ±1e15 (MAX_METRIC_MAGNITUDE). Wide enough for any real metric (and
 * for a unit mistake to be corrected by a new check-in), narrow enough to keep charts drawable.
 */
import { PlanError } from './errors.js';
import { invisibleTextProblem, showsNothing } from '../text/invisible-text.js';
import type { NodeRecord } from './doc.js';
import { largest } from '../collections/long-lists.js';
import { MAX_METRIC_MAGNITUDE, metricValueProblem } from './unit-bounds.js';

/** How many times its largest bound a metric's value may be. */
export const VALUE_SCALE = 1_000_000;
/** The largest magnitude any check-in value may have. */
export const MAX_CHECKIN_VALUE = MAX_METRIC_MAGNITUDE;

/** The largest magnitude a check-in value of this node may have. */
export function checkInValueLimit(record: Pick<NodeRecord, 'fields'>): number {
  const { start, target, rangeLow, rangeHigh, healthyLow, healthyHigh } = record.fields;
  const bounds = [start, target, rangeLow, rangeHigh, healthyLow, healthyHigh].filter((bound): bound is number => bound !== undefined);
  if (bounds.length === 0) return MAX_CHECKIN_VALUE;
  return Math.min(MAX_CHECKIN_VALUE, VALUE_SCALE * Math.max(1, largest(bounds.map(Math.abs))));
}

/** Throws unless a check-in with this value, note and blocker flag may be added to the node. */
export function checkInValueAllowed(record: Pick<NodeRecord, 'kind' | 'fields'>, value: number | null, note: string, blocker: boolean, carriesOther: boolean): void {
  const measured = record.kind === 'key_result' || record.kind === 'kpi';
  if (value !== null) {
    const limit = checkInValueLimit(record);
    if (Math.abs(value) > limit) {
      throw new PlanError('out-of-range', `the check-in's value ${value} is outside what this ${record.kind === 'kpi' ? 'KPI' : record.kind === 'key_result' ? 'key result' : 'item'} can take (at most ±${limit.toLocaleString('en-US')})`);
    }
    // An NPS of 12,000 is no score at all: refused as the detail panel refuses such a target.
    const impossible = measured ? metricValueProblem(value, record.fields.unit, "the check-in's value") : null;
    if (impossible) throw new PlanError('out-of-range', impossible);
    return;
  }
  if (measured && showsNothing(note) && !blocker && !carriesOther) {
    // A note of only spaces or zero-width characters is no note: say so, or the refusal reads wrong.
    const invisible = invisibleTextProblem(note);
    throw new PlanError('invalid-input', `${invisible ? `the note ${invisible}, so it is no note; ` : ''}a check-in on a key result or KPI needs a value, or else a note, a blocker, a confidence or a status`);
  }
}
