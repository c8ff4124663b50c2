/**
 * Check-ins are packed immutable tuples in ONE top-level Y.Array, appended only:
 *   [format=1, id, nodeId, at, by, value|null, confidence|null, status|null, blocker 0|1, note, unit?]
 * stored as the tuple's JSON string. `unit` (usercheck16) is the key result's or KPI's unit when the value
 * was given ("" for none): a value is only ever compared with values and bounds in the same unit. Entries
 * stored before it have ten elements (their unit is not known: see `unitOfCheckIn`), and readers of format
 * 1 that predate it read the first ten and ignore the rest.
 *
 * Since trustA31 a writer appends a twelfth element, an object `{o?, c}` (the unit is then `null` when
 * there is none): `o` the check-in's order stamp when it is later than `at` (a check-in is stamped after
 * every check-in on its node its author had seen: hybrid-logical-clock style, so a correction always
 * counts as later than what it corrects, whatever the clocks), and `c` the ids of the blocker check-ins
 * it clears (`[]`: none). An entry without the object was written before: a later check-in without a
 * blocker clears the blockers before it, as it always did (`standingBlockers`, signals.ts). Consecutive appends by one client merge into one Yjs item, so a
 * year of check-ins costs a handful of items instead of ~10 per check-in; and one string per entry
 * decodes about 3× faster on load than a JSON array of 10 values (Yjs decodes every string inside an
 * array separately). Entries are decoded defensively (a plain array is accepted too): one that is
 * malformed or in a newer format is skipped and counted, never trusted.
 */
import { CHECKIN_STATUSES, type CheckInStatus } from './schema.js';

export const CHECKIN_FORMAT = 1;

/** One check-in: the daily-execution layer of a node. */
export interface CheckIn {
  id: string;
  nodeId: string;
  /** Epoch ms (the author's clock). */
  at: number;
  /** Author (the acting user's id). */
  by: string;
  /** New metric value (key results, KPIs), or null. */
  value: number | null;
  /** Confidence 0–10, or null. */
  confidence: number | null;
  status: CheckInStatus | null;
  /** The author flags a blocker. */
  blocker: boolean;
  note: string;
  /** The node's unit when the check-in was made ("" for none); absent in check-ins stored before it was kept. */
  unit?: string;
  /**
   * The order stamp, when later than `at`: the check-in was made after seeing a check-in on its node
   * stamped at or after its author's clock (`orderOf`). Absent: `at` is the order stamp.
   */
  order?: number;
  /**
   * The ids of the blocker check-ins this check-in clears, knowingly (`[]`: it clears none). Absent in
   * check-ins stored before it was kept: those clear every earlier blocker unless they raise one.
   */
  clears?: string[];
  /**
   * True on a blocker check-in that says the item is still blocked without giving a new reason (the
   * form's "Still blocked" left ticked): it keeps the blockers standing but is no raise of its own, so its
   * note is never the reason shown and its author never a raiser (blocker37; signals.ts blockerSpan).
   * Stored as a blocker (`blocker` 1) so that a Throughline from before it still reads the item as
   * blocked; absent on every other check-in.
   */
  restates?: true;
}

/**
 * The largest time or order stamp a check-in may carry: the last instant a JavaScript Date can show
 * (8.64e15 ms, in the year 275760), well below 2^53 so that a stamp + 1 is still exact. A stored `at`
 * that is no integer within ±STAMP_MAX makes the entry malformed (skipped and counted); a stored order
 * stamp that is not one is read as absent (the check-in is ordered by its `at`). Review35 F1/F2: a stamp
 * of 2^53, 1e300 or a fractional one could not be followed by a later one, and a date past 8.64e15 made
 * the stale signal's date arithmetic throw for everyone.
 */
export const STAMP_MAX = 8.64e15;

/** True for a time or order stamp a check-in may carry: an integer within ±STAMP_MAX. */
export const validStamp = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && Math.abs(x) <= STAMP_MAX;

/**
 * The order stamp for a check-in made at `at` after seeing check-ins up to `latestSeen` (their largest
 * order stamp), or undefined when `at` itself is later. Never past STAMP_MAX: a check-in that has seen one
 * stamped STAMP_MAX is stamped STAMP_MAX too, and the two are ordered by their places in the check-ins
 * Y.Array, where the one appended after seeing the other sits after it (compareCheckIns; trust36).
 */
export function stampAfter(latestSeen: number, at: number): number | undefined {
  if (!Number.isFinite(latestSeen)) return undefined;
  const next = Math.min(Math.floor(latestSeen) + 1, STAMP_MAX);
  return next > at ? next : undefined;
}

/** The stamp a check-in is ordered by: its order stamp, else its author's clock. */
export const orderOf = (checkIn: Pick<CheckIn, 'at' | 'order'>): number => checkIn.order ?? checkIn.at;

/** The extras element of a tuple (index 11). */
export interface CheckInExtras {
  o?: number;
  c: string[];
  /** 1 on a blocker check-in that restates the standing blockers (`CheckIn.restates`); older readers ignore it. */
  r?: 1;
}

/** The longest unit a check-in keeps (a node's unit is at most this long). */
export const CHECKIN_UNIT_MAX = 40;

/** The tuple stored in the doc for a check-in. */
export type CheckInTuple = [number, string, string, number, string, number | null, number | null, string | null, 0 | 1, string]
  | [number, string, string, number, string, number | null, number | null, string | null, 0 | 1, string, string]
  | [number, string, string, number, string, number | null, number | null, string | null, 0 | 1, string, string | null, CheckInExtras];

/** The tuple of a check-in. */
export function checkInTuple(checkIn: CheckIn): CheckInTuple {
  const tuple: CheckInTuple = [CHECKIN_FORMAT, checkIn.id, checkIn.nodeId, checkIn.at, checkIn.by, checkIn.value, checkIn.confidence, checkIn.status, checkIn.blocker ? 1 : 0, checkIn.note];
  if (checkIn.clears === undefined && checkIn.order === undefined && checkIn.restates === undefined) return checkIn.unit === undefined ? tuple : [...tuple, checkIn.unit] as CheckInTuple;
  const extras: CheckInExtras = checkIn.order !== undefined && checkIn.order > checkIn.at ? { o: checkIn.order, c: checkIn.clears ?? [] } : { c: checkIn.clears ?? [] };
  if (checkIn.restates === true && checkIn.blocker) extras.r = 1;
  return [...tuple, checkIn.unit ?? null, extras] as CheckInTuple;
}

/** The most blockers one check-in may name as cleared (a hostile peer's longer list is read as none). */
export const MAX_CLEARS = 1_000;

/**
 * Reads a tuple's extras element: its order stamp, cleared ids and whether it restates the standing
 * blockers (`r` exactly 1; any other value is no restating), or null when there is none (an older entry).
 */
export function readExtras(raw: unknown, at: number): { order?: number; clears: string[]; restates?: true } | null {
  if (raw === undefined || raw === null || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const { o, c, r } = raw as { o?: unknown; c?: unknown; r?: unknown };
  // Ids of blockers: strings; a list that is no list of ids clears nothing (never more than its author named).
  const clears = Array.isArray(c) && c.length <= MAX_CLEARS && c.every((id) => typeof id === 'string' && id.length <= 64) ? c as string[] : [];
  // An order stamp is later than the author's clock and an integer within ±STAMP_MAX (+1 must still be a
  // later stamp); any other is read as absent, and the check-in is ordered by its `at`.
  const read: { order?: number; clears: string[]; restates?: true } = validStamp(o) && o > at ? { order: o, clears } : { clears };
  if (r === 1) read.restates = true;
  return read;
}

/** Packs a check-in into the string stored in the doc. */
export function encodeCheckIn(checkIn: CheckIn): string {
  return JSON.stringify(checkInTuple(checkIn));
}

const STATUS_SET: ReadonlySet<string> = new Set(CHECKIN_STATUSES);

function finiteOrNull(value: unknown): number | null | undefined {
  if (value === null) return null;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Unpacks a stored entry; null when it is malformed or of a format this code does not know. */
export function decodeCheckIn(stored: unknown): CheckIn | null {
  let raw = stored;
  if (typeof stored === 'string') {
    try {
      raw = JSON.parse(stored);
    } catch {
      return null;
    }
  }
  if (!Array.isArray(raw) || raw.length < 10 || raw[0] !== CHECKIN_FORMAT) return null;
  // Index access, not destructuring: this runs 100,000 times when a large plan opens.
  const tuple = raw as unknown[];
  const id = tuple[1], nodeId = tuple[2], at = tuple[3], by = tuple[4], rawValue = tuple[5];
  const rawConfidence = tuple[6], status = tuple[7], blocker = tuple[8], note = tuple[9];
  if (typeof id !== 'string' || typeof nodeId !== 'string' || typeof by !== 'string' || typeof note !== 'string') return null;
  // A time that is no integer within the Date range is malformed (review35 F1/F2).
  if (!validStamp(at)) return null;
  const value = finiteOrNull(rawValue);
  const confidence = finiteOrNull(rawConfidence);
  if (value === undefined || confidence === undefined) return null;
  if (confidence !== null && (confidence < 0 || confidence > 10)) return null;
  if (status !== null && (typeof status !== 'string' || !STATUS_SET.has(status))) return null;
  if (blocker !== 0 && blocker !== 1) return null;
  const checkIn: CheckIn = { id, nodeId, at, by, value, confidence, status: status as CheckInStatus | null, blocker: blocker === 1, note };
  // A unit that is no unit (a hostile peer's) is read as not known, as in an entry from before units were kept.
  const unit = tuple[10];
  if (typeof unit === 'string' && unit.length <= CHECKIN_UNIT_MAX) checkIn.unit = unit;
  const extras = readExtras(tuple[11], at);
  if (extras !== null) {
    if (extras.order !== undefined) checkIn.order = extras.order;
    checkIn.clears = extras.clears;
    // Restating is a kind of blocker check-in: on one without a blocker the mark means nothing.
    if (extras.restates && checkIn.blocker) checkIn.restates = true;
  }
  return checkIn;
}

/**
 * Orders check-ins by order stamp. Equal stamps are NOT ordered here: they keep their order in the
 * check-ins Y.Array (sort a list read in that order, stably; `Array.prototype.sort` is stable). Every
 * replica agrees on that order, and an entry appended after seeing another sits after it, which an id
 * (the author's choice) did not give: a hostile entry stamped STAMP_MAX tied with every later
 * correction, capped at STAMP_MAX too, and won by picking a large id (trust36; stampfix's gap).
 */
export function compareCheckIns(a: CheckIn, b: CheckIn): number {
  return orderOf(a) - orderOf(b);
}

/**
 * A node's check-ins, in Y.Array order, put in history order: by order stamp, equal stamps in Y.Array
 * order, an entry equal in id and order stamp to one before it in the Y.Array dropped (the same entry
 * pushed twice by a buggy or hostile peer counts once; the first kept). Returns a new list.
 */
export function historyOrder(inArrayOrder: readonly CheckIn[]): CheckIn[] {
  const sorted = [...inArrayOrder].sort(compareCheckIns);
  const kept: CheckIn[] = [];
  let runIds = new Set<string>();
  for (let i = 0; i < sorted.length; i++) {
    const checkIn = sorted[i]!;
    if (i === 0 || orderOf(checkIn) !== orderOf(sorted[i - 1]!)) runIds = new Set();
    if (runIds.has(checkIn.id)) continue;
    runIds.add(checkIn.id);
    kept.push(checkIn);
  }
  return kept;
}

/**
 * How far past the reader's clock a check-in's time may be before it reads as dated in the future: a
 * clock a few minutes off is ordinary, one an hour or more ahead is broken (review33 F6).
 */
export const FUTURE_SLACK_MS = 60 * 60_000;

/**
 * True when a check-in's time (its author's clock) is later than the reader's clock by more than
 * FUTURE_SLACK_MS: the history marks it ("dated in the future: its author's clock may be ahead")
 * instead of letting it stand as the latest in silence. A check-in made after seeing it still counts
 * as later (its order stamp), so it can always be corrected.
 */
export function datedInFuture(checkIn: Pick<CheckIn, 'at'>, now: number): boolean {
  return checkIn.at - now > FUTURE_SLACK_MS;
}
