/**
 * The unit of a check-in's value (usercheck16). A key result's unit can change after check-ins were made
 * (k€ to M€): reading the earlier values in the new unit turned "500 k€" into "500 M€", counted against a
 * target of 1 M€ as done. So each check-in keeps the unit it was made in (checkins.ts), and a value is
 * compared only with values and bounds in the same unit: progress, pace, forecast and breach read the
 * check-ins in the node's current unit alone, and the history shows each value in its own unit. When the
 * latest value is in another unit, the node has no current value (progress not known, nothing judged)
 * until someone checks in in the current unit: an older value in it would be out of date, and 0 % (the
 * start) would call half-done work behind.
 *
 * Check-ins stored before units were kept have none. Such a check-in is read in the node's current unit
 * unless it was made before the unit's last change (the latest `unit` field edit record's time, written
 * since the seventeenth session): then its unit is not known, and it is shown as such and not compared.
 */
import { ListSeries, type CheckInSeries } from './check-in-columns.js';
import type { CheckIn } from './checkins.js';
import type { FieldEditRecord } from './field-edits.js';

/** When the node's unit was last changed (the latest time among its `unit` field edit records), or null. */
export function unitChangedAt(records: Iterable<FieldEditRecord> | undefined): number | null {
  let at: number | null = null;
  for (const record of records ?? []) if (record.field === 'unit' && (at === null || record.at > at)) at = record.at;
  return at;
}

/**
 * The unit check-in `i` was made in ("" for none), or null when it is not known (stored before units
 * were kept, and before the unit's last change). `unit` is the node's current unit.
 */
export function unitOfCheckIn(recorded: string | undefined, at: number, unit: string | undefined, changedAt: number | null): string | null {
  if (recorded !== undefined) return recorded;
  return changedAt !== null && at < changedAt ? null : unit ?? '';
}

/** The unit of a check-in object (see unitOfCheckIn). */
export function checkInUnit(checkIn: Pick<CheckIn, 'unit' | 'at'>, unit: string | undefined, changedAt: number | null): string | null {
  return unitOfCheckIn(checkIn.unit, checkIn.at, unit, changedAt);
}

/**
 * The check-ins whose value is in the node's current unit `unit`, and those without a value (a note, a
 * confidence). The series itself when every check-in with a value is in that unit.
 */
export function valuesInUnit(series: CheckInSeries, unit: string | undefined, changedAt: number | null): CheckInSeries {
  const current = unit ?? '';
  let kept: CheckIn[] | null = null;
  for (let i = 0; i < series.length; i++) {
    const inUnit = series.value(i) === null || unitOfCheckIn(series.unit(i), series.at(i), unit, changedAt) === current;
    if (inUnit) { if (kept) kept.push(series.checkIn(i)); continue; }
    if (!kept) { kept = []; for (let k = 0; k < i; k++) kept.push(series.checkIn(k)); }
  }
  return kept ? new ListSeries(kept) : series;
}

/**
 * What a measured node's figures read: `series`, its check-ins with values in the current unit (and those
 * without a value); `awaitingValue` when the latest value was given in another unit or one not known.
 */
export function measuredIn(series: CheckInSeries, unit: string | undefined, changedAt: number | null): { series: CheckInSeries; awaitingValue: boolean } {
  let latest = -1;
  for (let i = series.length - 1; i >= 0 && latest < 0; i--) if (series.value(i) !== null) latest = i;
  if (latest < 0) return { series, awaitingValue: false };
  if (unitOfCheckIn(series.unit(latest), series.at(latest), unit, changedAt) !== (unit ?? '')) return { series: NO_VALUES, awaitingValue: true };
  return { series: valuesInUnit(series, unit, changedAt), awaitingValue: false };
}

const NO_VALUES: CheckInSeries = new ListSeries([]);

/** How many check-ins with a value are in another unit than `unit`, or in one not known. */
export function valuesInOtherUnits(checkIns: readonly CheckIn[], unit: string | undefined, changedAt: number | null): number {
  let count = 0;
  for (const checkIn of checkIns) if (checkIn.value !== null && checkInUnit(checkIn, unit, changedAt) !== (unit ?? '')) count++;
  return count;
}
