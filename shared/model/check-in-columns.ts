/**
 * The check-ins the index keeps, as columns rather than one object per check-in. A plan of 100,000
 * nodes holds about 495,000 check-ins; as objects each was ~80 bytes of young-generation survivors
 * (plus a heap number for its time), copied by every scavenge while a plan opens. Here they are:
 *
 * 1. One arena of typed arrays for the whole plan (times, values, confidences, flags) and one array of
 *    the stored entries themselves (the strings the Y.Doc already holds): a check-in's id, author and
 *    note are read from its stored entry when asked for, never kept apart.
 * 2. Each node's check-ins sit side by side in the arena, by order stamp, equal stamps in their order in
 *    the check-ins Y.Array, an entry equal in id and order stamp to one before it in the Y.Array skipped:
 *    the order and the de-duplication of `historyOrder` (checkins.ts). Equal stamps are rare (the same
 *    millisecond, or entries at the STAMP_MAX cap): only then does an insert ask where entries sit.
 *    `times` holds each author's clock (what is shown, and what the signals count days from), `orders`
 *    the order stamp (the same unless a check-in was stamped after one its author had seen, checkins.ts).
 *    A transaction's new check-ins are merged into each node's range at once (`insertAll`), so an update
 *    of entries in any order of stamps costs about what one in order does.
 * 3. A node that receives a check-in after the full read and has no room moves its range to the
 *    arena's end (with room to grow); the hole it leaves is reclaimed when the holes outweigh the rest.
 * 4. Readers get a `CheckInSeries` of one node (valid until the store next changes); `decoded` gives
 *    the same check-ins as `CheckIn` objects, equal to each stored entry decoded on its own.
 */
import { CHECKIN_STATUSES, type CheckInStatus } from './schema.js';
import { historyOrder, orderOf, readExtras, type CheckIn } from './checkins.js';
import { itemsPerStep, runToEnd, type Steps } from './steps.js';
import { storedCheckInId } from './record-items.js';

/**
 * About how many check-ins one step of `CheckInColumns.grouping` moves (a few typed-array writes
 * each), and how many it puts in order (a range out of order is sorted as objects) before it yields.
 */
const entriesPerGroupingStep = 16 * itemsPerStep;
const entriesPerOrderingStep = 4 * itemsPerStep;

/** One node's check-ins, oldest first, read by position (0 … length − 1). */
export interface CheckInSeries {
  readonly length: number;
  at(i: number): number;
  value(i: number): number | null;
  confidence(i: number): number | null;
  status(i: number): CheckInStatus | null;
  blocker(i: number): boolean;
  id(i: number): string;
  by(i: number): string;
  note(i: number): string;
  /** The node's unit when the check-in was made ("" for none); undefined when not known (stored before units were kept). */
  unit(i: number): string | undefined;
  /** The check-in at `i` as an object. */
  checkIn(i: number): CheckIn;
  /** The stamp it is ordered by (`orderOf`). */
  order(i: number): number;
  /** The blocker check-ins it clears; undefined for an entry stored before clears were kept (checkins.ts). */
  clears(i: number): readonly string[] | undefined;
  /** True for a blocker check-in that restates the standing blockers, raising none of its own (`CheckIn.restates`). */
  restates(i: number): boolean;
}

/**
 * Where stored entries sit in the check-ins Y.Array: for each entry given, the index of its first
 * occurrence (an entry stored twice as the same string is one entry). Asked only for entries of equal
 * order stamps; the doc cache walks the Y.Array for it (DocCache).
 */
export type PositionsOf = (entries: readonly unknown[]) => readonly number[];

/** One check-in for `CheckInColumns.insertAll`: decoded from `stored`; `nodeId` is the string to keep for a new node. */
export interface CheckInInsert { checkIn: CheckIn; stored: unknown; nodeId?: string }

/** What the signals and roll-ups accept: a series, or (tests, callers with objects at hand) a list. */
export type CheckInsLike = CheckInSeries | readonly CheckIn[];

/** A series over a list of objects (the bench's object baseline, and callers holding a list). */
export class ListSeries implements CheckInSeries {
  constructor(private readonly list: readonly CheckIn[]) {}
  get length(): number { return this.list.length; }
  at(i: number): number { return this.list[i]!.at; }
  value(i: number): number | null { return this.list[i]!.value; }
  confidence(i: number): number | null { return this.list[i]!.confidence; }
  status(i: number): CheckInStatus | null { return this.list[i]!.status; }
  blocker(i: number): boolean { return this.list[i]!.blocker; }
  id(i: number): string { return this.list[i]!.id; }
  by(i: number): string { return this.list[i]!.by; }
  note(i: number): string { return this.list[i]!.note; }
  unit(i: number): string | undefined { return this.list[i]!.unit; }
  checkIn(i: number): CheckIn { return this.list[i]!; }
  order(i: number): number { return orderOf(this.list[i]!); }
  clears(i: number): readonly string[] | undefined { return this.list[i]!.clears; }
  restates(i: number): boolean { return this.list[i]!.restates === true && this.list[i]!.blocker; }
}

/** A series of a list, or the series itself. */
export function seriesOf(checkIns: CheckInsLike): CheckInSeries {
  return Array.isArray(checkIns) ? new ListSeries(checkIns as readonly CheckIn[]) : checkIns as CheckInSeries;
}

const BLOCKER = 1;
/** Bits 1–2 of a flag byte: 0 for no status, else the status's index in CHECKIN_STATUSES + 1. */
const STATUS_SHIFT = 1;
/** The two status bits, once shifted (bits 3 and 4 are the extras flags below). */
const STATUS_MASK = 0b11;
const STATUS_OF: readonly (CheckInStatus | null)[] = [null, ...CHECKIN_STATUSES];
const STATUS_CODE: ReadonlyMap<string, number> = new Map(CHECKIN_STATUSES.map((status, i) => [status, i + 1]));
/** Bit 3: the entry carries the extras element (clears kept); bit 4: it clears at least one blocker; bit 5: it restates the standing blockers. */
const EXTRAS = 1 << 3;
const CLEARS = 1 << 4;
const RESTATES = 1 << 5;

function flagsOf(checkIn: CheckIn): number {
  return (checkIn.blocker ? BLOCKER : 0) | ((checkIn.status === null ? 0 : STATUS_CODE.get(checkIn.status)!) << STATUS_SHIFT)
    | (checkIn.clears === undefined ? 0 : EXTRAS) | (checkIn.clears !== undefined && checkIn.clears.length > 0 ? CLEARS : 0)
    | (checkIn.restates === true && checkIn.blocker ? RESTATES : 0);
}

/** The stored entry's tuple (the entry was checked by decodeCheckIn when it was read). */
function tupleOf(stored: unknown): unknown[] {
  return (typeof stored === 'string' ? JSON.parse(stored) : stored) as unknown[];
}


/** A series of one node's range in the store. */
class RangeSeries implements CheckInSeries {
  constructor(private readonly store: CheckInColumns, private readonly start: number, readonly length: number, private readonly nodeId: string) {}
  at(i: number): number { return this.store.times[this.start + i]!; }
  value(i: number): number | null { const value = this.store.values[this.start + i]!; return value === value ? value : null; }
  confidence(i: number): number | null { const value = this.store.confidences[this.start + i]!; return value === value ? value : null; }
  status(i: number): CheckInStatus | null { return STATUS_OF[(this.store.flags[this.start + i]! >> STATUS_SHIFT) & STATUS_MASK]!; }
  blocker(i: number): boolean { return (this.store.flags[this.start + i]! & BLOCKER) !== 0; }
  id(i: number): string { return storedCheckInId(this.store.stored[this.start + i])!; }
  by(i: number): string { return tupleOf(this.store.stored[this.start + i])[4] as string; }
  note(i: number): string { return tupleOf(this.store.stored[this.start + i])[9] as string; }
  unit(i: number): string | undefined { return this.store.unitAt(this.start + i); }
  order(i: number): number { return this.store.orders[this.start + i]!; }
  clears(i: number): readonly string[] | undefined {
    const flags = this.store.flags[this.start + i]!;
    if ((flags & EXTRAS) === 0) return undefined;
    if ((flags & CLEARS) === 0) return NO_IDS;
    return readExtras(tupleOf(this.store.stored[this.start + i])[11], this.at(i))!.clears;
  }
  restates(i: number): boolean { return (this.store.flags[this.start + i]! & RESTATES) !== 0; }
  checkIn(i: number): CheckIn {
    const tuple = tupleOf(this.store.stored[this.start + i]);
    const checkIn: CheckIn = {
      id: tuple[1] as string, nodeId: this.nodeId, at: this.at(i), by: tuple[4] as string, value: this.value(i),
      confidence: this.confidence(i), status: this.status(i), blocker: this.blocker(i), note: tuple[9] as string,
    };
    const unit = this.unit(i);
    if (unit !== undefined) checkIn.unit = unit;
    const order = this.order(i);
    if (order !== checkIn.at) checkIn.order = order;
    const clears = this.clears(i);
    if (clears !== undefined) checkIn.clears = [...clears];
    if (this.restates(i)) checkIn.restates = true;
    return checkIn;
  }
}

const NO_IDS: readonly string[] = [];

const EMPTY: CheckInSeries = new ListSeries([]);

/** The check-ins of a plan by node, as columns (see the module comment). */
export class CheckInColumns {
  /** Epoch ms of each arena slot (the author's clock). */
  times = new Float64Array(0);
  /** The order stamp of each slot (`orderOf`: the time unless stamped after a check-in seen). */
  orders = new Float64Array(0);
  /** The metric value, NaN for none (a stored value is always finite). */
  values = new Float64Array(0);
  /** The confidence, NaN for none. */
  confidences = new Float64Array(0);
  /** Blocker (bit 0) and status (bits 1–2). */
  flags = new Uint8Array(0);
  /** The unit of each slot as an index into `unitNames` (UNIT_NOT_KNOWN: none recorded). */
  units = new Uint16Array(0);
  /** The units met, interned (a plan has a handful; a hostile one past the column's range reads from the entry). */
  readonly unitNames: UnitNames = new UnitNames();
  /** The stored entry of each slot (its id, author and note are read from it). */
  stored: unknown[] = [];
  /** Arena slots handed out (live ranges, their spare room and holes). */
  private used = 0;
  /** Arena slots no range owns any more. */
  private holes = 0;
  /** Check-ins held. */
  private held = 0;
  private readonly rangeOf = new Map<string, number>();
  private starts = new Int32Array(0);
  private lengths = new Int32Array(0);
  private capacities = new Int32Array(0);
  /** Each range's node id (the string of the node's record where there is one). */
  private nodeIds: string[] = [];
  /** The runs of equal stamps 'tied' inserts joined, not yet settled: by range, the stamp and how many joined it. */
  private readonly tiedRuns = new Map<number, Map<number, number>>();

  /** Number of check-ins held. */
  get size(): number { return this.held; }

  /**
   * `compactHoles`: the holes are reclaimed once there are more than this many and they are over half
   * the arena (a parameter so that tests reach it with a few check-ins).
   */
  constructor(private readonly compactHoles = 1024, unitNames?: UnitNames) {
    if (unitNames) this.unitNames = unitNames;
  }

  /** Nodes that have check-ins. */
  nodes(): IterableIterator<string> { return this.rangeOf.keys(); }

  /** How many check-ins a node has. */
  count(nodeId: string): number {
    const range = this.rangeOf.get(nodeId);
    return range === undefined ? 0 : this.lengths[range]!;
  }

  /** A node's check-ins, oldest first (valid until the store next changes). */
  series(nodeId: string): CheckInSeries {
    const range = this.rangeOf.get(nodeId);
    return range === undefined ? EMPTY : new RangeSeries(this, this.starts[range]!, this.lengths[range]!, this.nodeIds[range]!);
  }

  /** A node's check-ins as objects, oldest first. */
  decoded(nodeId: string): CheckIn[] {
    const series = this.series(nodeId);
    const list: CheckIn[] = new Array<CheckIn>(series.length);
    for (let i = 0; i < series.length; i++) list[i] = series.checkIn(i);
    return list;
  }

  /**
   * Inserts one check-in (decoded from `stored`): `insertAll` of one entry. Returns 'tied' when its stamp
   * meets an equal one on its node (it then waits for `settleTies`), else 'added'.
   */
  insert(checkIn: CheckIn, stored: unknown, nodeId: string = checkIn.nodeId): 'added' | 'tied' {
    let added = false;
    this.insertAll([{ checkIn, stored, nodeId }], () => { added = true; });
    return added ? 'added' : 'tied';
  }

  /**
   * Inserts a transaction's check-ins by order stamp: after the entries of a lower stamp. One whose stamp
   * another entry of its node has already (stored, or earlier in the batch) is put after them for now and
   * waits for `settleTies`, which puts every run of equal stamps a batch touched in history order at once:
   * placing each tied entry on its own (a walk of the Y.Array and a read of the run's ids per entry) made
   * 8,000 entries pushed with one stamp in one update take 110 s on every replica (review37b B1). Calls
   * `added` with the node of each entry put in place without a tie (a node may be named more than once).
   *
   * Each node's new entries are sorted by stamp (stably: ties keep the batch's order, as one insert after
   * another did) and merged into its range from the back, each stored entry moved at most once: inserted
   * one by one, entries pushed newest first shifted the whole range once each, 8,000 in one update took
   * 231 ms against 44 ms in order, growing with the square (ties37's leftover). Work: the batch sorted,
   * a binary search per entry, and the node's entries of a higher stamp than the batch's lowest moved once.
   */
  insertAll(batch: readonly CheckInInsert[], added: (nodeId: string) => void = () => undefined): void {
    if (batch.length === 0) return;
    if (batch.length === 1) { this.mergeInto(this.rangeFor(batch[0]!), batch, added); return; }
    const byRange = new Map<number, CheckInInsert[]>();
    for (const entry of batch) {
      const range = this.rangeFor(entry);
      const list = byRange.get(range);
      if (list === undefined) byRange.set(range, [entry]);
      else list.push(entry);
    }
    for (const [range, list] of byRange) this.mergeInto(range, list, added);
  }

  private rangeFor(entry: CheckInInsert): number {
    return this.rangeOf.get(entry.checkIn.nodeId) ?? this.newRange(entry.nodeId ?? entry.checkIn.nodeId, 0);
  }

  /** Merges one node's new entries into its range (see insertAll). */
  private mergeInto(range: number, list: readonly CheckInInsert[], added: (nodeId: string) => void): void {
    const count = list.length;
    let stamps = list.map((entry) => orderOf(entry.checkIn));
    let sorted = list;
    let inOrder = true;
    for (let j = 1; j < count && inOrder; j++) if (stamps[j]! < stamps[j - 1]!) inOrder = false;
    if (!inOrder) {
      const byStamp = Array.from({ length: count }, (_, j) => j);
      const unsorted = stamps;
      byStamp.sort((a, b) => unsorted[a]! - unsorted[b]! || a - b);
      sorted = byStamp.map((j) => list[j]!);
      stamps = byStamp.map((j) => unsorted[j]!);
    }
    let start = this.starts[range]!;
    const length = this.lengths[range]!;
    if (length + count > this.capacities[range]!) start = this.move(range, Math.max(4, length * 2, length + count));
    const nodeId = this.nodeIds[range]!;
    // Stored entries [start, end) not yet passed; the batch's entries [0, j] not yet placed, ending at `to`.
    let end = start + length;
    let to = end + count;
    let runs: Map<number, number> | undefined;
    for (let j = count - 1; j >= 0; j--) {
      const order = stamps[j]!;
      // The stored entries of a higher stamp go after it: moved once, as a block.
      const from = start + this.firstAtLeast(start, end - start, order, true);
      if (from < end) {
        this.moveSlots(from, end, to - (end - from));
        to -= end - from;
        end = from;
      }
      to--;
      this.write(to, sorted[j]!.checkIn, sorted[j]!.stored);
      if ((end > start && this.orders[end - 1] === order) || (j > 0 && stamps[j - 1] === order)) {
        runs ??= this.tiedRuns.get(range) ?? new Map<number, number>();
        runs.set(order, (runs.get(order) ?? 0) + 1);
      } else {
        added(nodeId);
      }
    }
    if (runs !== undefined) this.tiedRuns.set(range, runs);
    this.lengths[range] = length + count;
    this.held += count;
  }

  /** True while inserts wait for `settleTies`. */
  get unsettled(): boolean { return this.tiedRuns.size > 0; }

  /**
   * Puts each run of equal order stamps that a 'tied' insert joined in history order (`historyOrder`):
   * by where its entries sit in the Y.Array (`positionsOf`, asked once for all of them), an entry equal
   * in id to one before it dropped. Work in the runs' length (ids read from each entry's prefix,
   * `storedCheckInId`), plus the one `positionsOf`. Calls `changed` with each node whose check-ins read
   * otherwise than before the inserts; returns how many entries it dropped as duplicates.
   */
  settleTies(positionsOf: PositionsOf, changed: (nodeId: string) => void = () => undefined): number {
    if (this.tiedRuns.size === 0) return 0;
    interface Run { range: number; from: number; end: number; added: number; offset: number }
    const runs: Run[] = [];
    const entries: unknown[] = [];
    for (const [range, stamps] of this.tiedRuns) {
      const start = this.starts[range]!, length = this.lengths[range]!;
      // Highest stamp first: dropping entries from a run moves only the slots after it.
      for (const order of [...stamps.keys()].sort((a, b) => b - a)) {
        const from = start + this.firstAtLeast(start, length, order);
        const end = start + this.firstAtLeast(start, length, order, true);
        runs.push({ range, from, end, added: stamps.get(order)!, offset: entries.length });
        for (let k = from; k < end; k++) entries.push(this.stored[k]);
      }
    }
    this.tiedRuns.clear();
    const positions = positionsOf(entries);
    let dropped = 0;
    const touched = new Set<number>();
    for (const run of runs) {
      const size = run.end - run.from;
      // The inserted entries were put at the run's end: the run before them is slots [0, before).
      const before = size - run.added;
      const byPlace = Array.from({ length: size }, (_, k) => k);
      byPlace.sort((a, b) => positions[run.offset + a]! - positions[run.offset + b]! || a - b);
      const ids = new Set<string>();
      const kept: number[] = [];
      for (const k of byPlace) {
        const id = storedCheckInId(this.stored[run.from + k]) ?? '';
        if (ids.has(id)) continue;
        ids.add(id);
        kept.push(k);
      }
      if (kept.length !== before || kept.some((k, n) => k !== n)) touched.add(run.range);
      this.rewriteRun(run.range, run.from, run.end, kept);
      dropped += size - kept.length;
    }
    for (const range of touched) changed(this.nodeIds[range]!);
    return dropped;
  }

  /** The first position in a range (sorted by order stamp) whose stamp is at least `order` (past it: `after`). */
  private firstAtLeast(start: number, length: number, order: number, after = false): number {
    let low = 0, high = length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const stamp = this.orders[start + middle]!;
      if (stamp < order || (after && stamp === order)) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Writes slots [from, end) of a range as the slots `kept` (offsets from `from`, in order) and closes up after them. */
  private rewriteRun(range: number, from: number, end: number, kept: readonly number[]): void {
    const pick = <T extends Float64Array | Uint8Array | Uint16Array>(column: T) => { const values = kept.map((k) => column[from + k]!); column.set(values, from); };
    pick(this.times); pick(this.orders); pick(this.values); pick(this.confidences); pick(this.flags); pick(this.units);
    const stored = kept.map((k) => this.stored[from + k]);
    for (let n = 0; n < stored.length; n++) this.stored[from + n] = stored[n];
    const dropped = end - from - kept.length;
    if (dropped === 0) return;
    const rangeEnd = this.starts[range]! + this.lengths[range]!;
    const to = from + kept.length;
    this.times.copyWithin(to, end, rangeEnd);
    this.orders.copyWithin(to, end, rangeEnd);
    this.values.copyWithin(to, end, rangeEnd);
    this.confidences.copyWithin(to, end, rangeEnd);
    this.flags.copyWithin(to, end, rangeEnd);
    this.units.copyWithin(to, end, rangeEnd);
    for (let k = end; k < rangeEnd; k++) this.stored[k - dropped] = this.stored[k];
    for (let k = rangeEnd - dropped; k < rangeEnd; k++) this.stored[k] = undefined;
    this.lengths[range] = this.lengths[range]! - dropped;
    this.held -= dropped;
  }

  /** Moves slots [from, end) to [to, to + end − from), to ≥ from (the slots between are overwritten). */
  private moveSlots(from: number, end: number, to: number): void {
    this.times.copyWithin(to, from, end);
    this.orders.copyWithin(to, from, end);
    this.values.copyWithin(to, from, end);
    this.confidences.copyWithin(to, from, end);
    this.flags.copyWithin(to, from, end);
    this.units.copyWithin(to, from, end);
    // A plain array's copyWithin stops at its length, which may be short of the range's spare room.
    for (let k = end - 1; k >= from; k--) this.stored[k + to - from] = this.stored[k];
  }

  /** The unit of slot `k` (see CheckInSeries.unit). */
  unitAt(k: number): string | undefined {
    const code = this.units[k]!;
    if (code === UNIT_NOT_KNOWN) return undefined;
    if (code === UNIT_IN_ENTRY) { const unit = tupleOf(this.stored[k])[10]; return typeof unit === 'string' ? unit : undefined; }
    return this.unitNames.name(code);
  }

  private write(k: number, checkIn: CheckIn, stored: unknown): void {
    this.times[k] = checkIn.at;
    this.orders[k] = orderOf(checkIn);
    this.values[k] = checkIn.value === null ? NaN : checkIn.value;
    this.confidences[k] = checkIn.confidence === null ? NaN : checkIn.confidence;
    this.flags[k] = flagsOf(checkIn);
    this.units[k] = this.unitNames.code(checkIn.unit);
    this.stored[k] = stored;
  }

  private newRange(nodeId: string, capacity: number): number {
    const range = this.nodeIds.length;
    if (range === this.starts.length) {
      const size = Math.max(16, range * 2);
      this.starts = grown(this.starts, size);
      this.lengths = grown(this.lengths, size);
      this.capacities = grown(this.capacities, size);
    }
    this.nodeIds.push(nodeId);
    this.rangeOf.set(nodeId, range);
    this.starts[range] = this.used;
    this.lengths[range] = 0;
    this.capacities[range] = capacity;
    this.reserve(capacity);
    this.used += capacity;
    return range;
  }

  /** Moves a range to the arena's end with room for `capacity`; returns its new start. */
  private move(range: number, capacity: number): number {
    const length = this.lengths[range]!;
    // Packed first (the range still owning its slots), so what it leaves is counted after.
    if (this.holes > this.compactHoles && (this.holes + this.capacities[range]!) * 2 > this.used) this.compact();
    const from = this.starts[range]!;
    this.holes += this.capacities[range]!;
    this.reserve(capacity);
    const to = this.used;
    this.times.copyWithin(to, from, from + length);
    this.orders.copyWithin(to, from, from + length);
    this.values.copyWithin(to, from, from + length);
    this.confidences.copyWithin(to, from, from + length);
    this.flags.copyWithin(to, from, from + length);
    this.units.copyWithin(to, from, from + length);
    for (let k = 0; k < length; k++) { this.stored[to + k] = this.stored[from + k]; this.stored[from + k] = undefined; }
    this.starts[range] = to;
    this.capacities[range] = capacity;
    this.used += capacity;
    return to;
  }

  /** Makes room for `more` slots past `used`. */
  private reserve(more: number): void {
    const needed = this.used + more;
    if (needed <= this.times.length) return;
    // Not doubled: a store read tight from a plan of 495,000 check-ins grows by an eighth for one append.
    const size = Math.max(needed, Math.ceil(this.times.length * 1.125) + 64);
    this.times = grown(this.times, size);
    this.orders = grown(this.orders, size);
    this.values = grown(this.values, size);
    this.confidences = grown(this.confidences, size);
    this.flags = grown(this.flags, size);
    this.units = grown(this.units, size);
  }

  /** Packs every range (keeping its spare room, none for a range moved out of) and drops the holes. */
  private compact(): void {
    const times = new Float64Array(this.used - this.holes), values = new Float64Array(times.length), orders = new Float64Array(times.length);
    const confidences = new Float64Array(times.length), flags = new Uint8Array(times.length), units = new Uint16Array(times.length);
    const stored: unknown[] = new Array<unknown>(times.length);
    let to = 0;
    for (let range = 0; range < this.nodeIds.length; range++) {
      const from = this.starts[range]!, capacity = this.capacities[range]!, length = this.lengths[range]!;
      times.set(this.times.subarray(from, from + length), to);
      orders.set(this.orders.subarray(from, from + length), to);
      values.set(this.values.subarray(from, from + length), to);
      confidences.set(this.confidences.subarray(from, from + length), to);
      flags.set(this.flags.subarray(from, from + length), to);
      units.set(this.units.subarray(from, from + length), to);
      for (let k = 0; k < length; k++) stored[to + k] = this.stored[from + k];
      this.starts[range] = to;
      to += capacity;
    }
    this.times = times; this.orders = orders; this.values = values; this.confidences = confidences; this.flags = flags; this.units = units; this.stored = stored;
    this.used = to;
    this.holes = 0;
  }

  /**
   * Builds a store from check-ins in the order they were read (the Y.Array's): grouped by node (stable),
   * each node's range then put in history order and de-duplicated (`historyOrder`). Returns the store and how many duplicates it
   * dropped. `read` holds the columns of every check-in read, in read order (see CheckInReader).
   */
  static grouped(read: CheckInReader, compactHoles?: number): { columns: CheckInColumns; duplicates: number } {
    return runToEnd(CheckInColumns.grouping(read, compactHoles));
  }

  /**
   * `grouped` in steps: it yields after every few thousand check-ins moved and every thousand put in
   * order, so a plan's full read (495,000 check-ins at 100k) does not group them in one task. `read`
   * must not change until the last step (the full read hands over a reader it no longer writes).
   */
  static *grouping(read: CheckInReader, compactHoles?: number): Steps<{ columns: CheckInColumns; duplicates: number }> {
    const columns = new CheckInColumns(compactHoles, read.unitNames);
    const ranges = read.nodeIds.length;
    const count = read.count;
    columns.starts = new Int32Array(ranges);
    columns.lengths = new Int32Array(ranges);
    columns.capacities = new Int32Array(ranges);
    columns.nodeIds = read.nodeIds;
    for (let r = 0; r < ranges; r++) {
      if (r % entriesPerOrderingStep === entriesPerOrderingStep - 1) yield;
      columns.rangeOf.set(read.nodeIds[r]!, r);
    }
    const rangeOfRead = read.ranges;
    for (let k = 0; k < count; k++) columns.lengths[rangeOfRead[k]!]!++;
    let start = 0;
    for (let r = 0; r < ranges; r++) { columns.starts[r] = start; columns.capacities[r] = columns.lengths[r]!; start += columns.lengths[r]!; }
    yield;
    const times = new Float64Array(count), orders = new Float64Array(count), values = new Float64Array(count), confidences = new Float64Array(count), flags = new Uint8Array(count);
    const units = new Uint16Array(count);
    const stored: unknown[] = new Array<unknown>(count);
    const next = columns.starts.slice();
    for (let from = 0; from < count; from += entriesPerGroupingStep) {
      if (from > 0) yield;
      const end = Math.min(count, from + entriesPerGroupingStep);
      for (let k = from; k < end; k++) {
        const to = next[rangeOfRead[k]!]!++;
        times[to] = read.times[k]!;
        orders[to] = read.orders[k]!;
        values[to] = read.values[k]!;
        confidences[to] = read.confidences[k]!;
        flags[to] = read.flags[k]!;
        units[to] = read.units[k]!;
        stored[to] = read.stored[k];
      }
    }
    columns.times = times; columns.orders = orders; columns.values = values; columns.confidences = confidences; columns.flags = flags; columns.units = units; columns.stored = stored;
    columns.used = count;
    columns.held = count;
    let duplicates = 0;
    let sinceYield = 0;
    for (let r = 0; r < ranges; r++) {
      if (sinceYield >= entriesPerOrderingStep) { sinceYield = 0; yield; }
      sinceYield += columns.lengths[r]!;
      duplicates += columns.ordered(r);
    }
    return { columns, duplicates };
  }

  /**
   * Puts one range, held in Y.Array order, in history order (`historyOrder`: by order stamp, equal stamps
   * in Y.Array order, an entry equal in id and order stamp to one before it dropped: the same entry
   * pushed twice by a buggy or hostile peer counts once); returns how many were dropped.
   */
  private ordered(range: number): number {
    const start = this.starts[range]!, length = this.lengths[range]!;
    let sorted = true;
    // Equal stamps are rare (ms clocks, or the cap): only then is the range taken apart (for duplicates).
    for (let k = start + 1; k < start + length && sorted; k++) if (this.orders[k]! <= this.orders[k - 1]!) sorted = false;
    if (sorted) return 0;
    const list: CheckIn[] = [];
    const storedOf = new Map<CheckIn, unknown>();
    const series = new RangeSeries(this, start, length, this.nodeIds[range]!);
    for (let i = 0; i < length; i++) { const checkIn = series.checkIn(i); list.push(checkIn); storedOf.set(checkIn, this.stored[start + i]); }
    const ordered = historyOrder(list);
    let kept = 0;
    for (const checkIn of ordered) this.write(start + kept++, checkIn, storedOf.get(checkIn));
    for (let k = start + kept; k < start + length; k++) this.stored[k] = undefined;
    this.lengths[range] = kept;
    this.held -= length - kept;
    this.holes += length - kept;
    this.capacities[range] = kept;
    return length - kept;
  }
}

/** The columns of the check-ins of a full read, in read order, before they are grouped by node. */
export class CheckInReader {
  times = new Float64Array(1024);
  orders = new Float64Array(1024);
  values = new Float64Array(1024);
  confidences = new Float64Array(1024);
  flags = new Uint8Array(1024);
  units = new Uint16Array(1024);
  readonly unitNames = new UnitNames();
  /** The range (node) of each check-in read. */
  ranges = new Int32Array(1024);
  stored: unknown[] = [];
  count = 0;
  readonly nodeIds: string[] = [];
  private readonly rangeOf = new Map<string, number>();

  /** `expected`: about how many entries will be read (the history's length). */
  constructor(expected: number) {
    this.grow(Math.max(1024, expected));
  }

  /** Adds a check-in decoded from `stored`; `nodeIdFor` gives the string to keep for a node seen first. */
  add(checkIn: CheckIn, stored: unknown, nodeIdFor: (nodeId: string) => string): void {
    let range = this.rangeOf.get(checkIn.nodeId);
    if (range === undefined) {
      range = this.nodeIds.length;
      this.nodeIds.push(nodeIdFor(checkIn.nodeId));
      this.rangeOf.set(checkIn.nodeId, range);
    }
    const k = this.count++;
    if (k === this.times.length) this.grow(k * 2);
    this.times[k] = checkIn.at;
    this.orders[k] = orderOf(checkIn);
    this.values[k] = checkIn.value === null ? NaN : checkIn.value;
    this.confidences[k] = checkIn.confidence === null ? NaN : checkIn.confidence;
    this.flags[k] = flagsOf(checkIn);
    this.units[k] = this.unitNames.code(checkIn.unit);
    this.ranges[k] = range;
    this.stored.push(stored);
  }

  private grow(size: number): void {
    this.times = grown(this.times, size);
    this.orders = grown(this.orders, size);
    this.values = grown(this.values, size);
    this.confidences = grown(this.confidences, size);
    this.flags = grown(this.flags, size);
    this.units = grown(this.units, size);
    this.ranges = grown(this.ranges, size);
  }
}

/** A check-in stored without a unit (before units were kept). */
const UNIT_NOT_KNOWN = 0;
/** A unit past the interned range: read from the stored entry. */
const UNIT_IN_ENTRY = 0xffff;

/** The units check-ins were made in, interned as small codes (1 … 0xfffe) for the `units` column. */
export class UnitNames {
  private readonly codes = new Map<string, number>();
  private readonly names: string[] = [''];

  /** The code of a unit (UNIT_NOT_KNOWN for undefined). */
  code(unit: string | undefined): number {
    if (unit === undefined) return UNIT_NOT_KNOWN;
    let code = this.codes.get(unit);
    if (code === undefined) {
      if (this.names.length >= UNIT_IN_ENTRY) return UNIT_IN_ENTRY;
      code = this.names.length;
      this.names.push(unit);
      this.codes.set(unit, code);
    }
    return code;
  }

  name(code: number): string { return this.names[code]!; }
}

function grown<T extends Float64Array | Int32Array | Uint8Array | Uint16Array>(array: T, size: number): T {
  if (array.length >= size) return array;
  const bigger = new (array.constructor as new (size: number) => T)(size);
  bigger.set(array);
  return bigger;
}
