/**
 * The clock of the opening's slices on the page's thread (applying the stored plan, building the
 * index, preparing the live rows): ONE slicer runs through every phase, so no two slices ever share a
 * task, and its budget adapts to the wall time the slices actually took.
 *
 * Off in the app (the bench's `RENDERER_BENCH_BASELINE=opening-slicer` turns it on): side by side with
 * the fixed 8 ms slices it left as many tasks over 50 ms — those are garbage collections, which no
 * slice size avoids — and the live outline came 4–12% later (docs/benchmarks.md, "Opening 20k, ninth run").
 * In a fresh process, where cold code makes slices overrun, it was no better at 20k: interactive 1.09×
 * later by the median of 5 pairs (at 100k 2 pairs of 2 were better, by where the swap's frame fell;
 * "Opening 20k, open20k5, eighteenth session").
 *
 * Why wall time: a long task is measured in wall time. On a 2-core machine a slice's wall time also
 * counts a young-generation scavenge landing in it (its parallel phase waits for helper threads: 30–
 * 65 ms of wall time for 10–20 ms of the main thread's CPU in the traces) and the time other processes
 * held the core. The slicer cannot prevent either, but it keeps its own share small after one:
 *
 * 1. A slice runs units (a Yjs part, an index step) until its elapsed time plus the longest unit seen
 *    lately reaches the budget, or input waits; it always runs at least one unit.
 * 2. A slice that took longer than `overrunMs` halves the next budget (down to `minMs`); a slice
 *    within it grows the budget back by a quarter (up to `maxMs`).
 * 3. The slice's clock starts when the page gives the thread back (`pause`). Work that resumes after
 *    awaiting something else (an IndexedDB read, the next batch) finds the clock already spent and
 *    yields first: a batch arriving in a task of its own is never added to the previous slice.
 */
export interface SliceRule {
  /** The first slice's budget. */
  startMs: number;
  minMs: number;
  maxMs: number;
  /** A slice that took longer than this (wall time) shrinks the next one. */
  overrunMs: number;
}

/**
 * The opening's rule: slices of at most 8 ms (the fixed budget before), halved to 4 ms after a slice
 * of more than 16 ms. Not lower: the slices left over 16 ms are mostly a scavenge (30–65 ms of wall
 * time here), which says nothing about the next slice (the nursery was just emptied), and with a 1 ms
 * floor the extra yields made the live outline 5–12% later for no fewer long tasks (ninth run).
 */
export const openingSliceRule: SliceRule = { startMs: 8, minMs: 4, maxMs: 8, overrunMs: 16 };

/** Rule 2: the budget after a slice of `tookMs` that ran with `budgetMs`. */
export function nextBudgetMs(rule: SliceRule, budgetMs: number, tookMs: number): number {
  if (tookMs > rule.overrunMs) return Math.max(rule.minMs, budgetMs / 2);
  return Math.min(rule.maxMs, Math.max(rule.minMs, budgetMs * 1.25));
}

export interface SlicerOptions {
  /** Gives the main thread back to the page (input, rendering) until the next slice may run. */
  yieldToPage: () => Promise<void>;
  now: () => number;
  rule?: SliceRule;
  /** True when the user has input waiting: the slice ends at once. */
  inputPending?: () => boolean;
  /** Called with each slice's wall time and the budget it ran with (the bench's trace). */
  onSlice?: (tookMs: number, budgetMs: number) => void;
}

export class Slicer {
  private readonly rule: SliceRule;
  private budget: number;
  private started: number;
  private lastUnitEnd: number;
  private unitsInSlice = 0;
  /** The longest unit lately (halved at every pause, so one unit hit by a GC is soon forgotten). */
  private longestUnit = 0;
  /** Slices ended so far (tests, the bench). */
  slices = 0;

  constructor(private readonly options: SlicerOptions) {
    this.rule = options.rule ?? openingSliceRule;
    this.budget = this.rule.startMs;
    this.started = options.now();
    this.lastUnitEnd = this.started;
  }

  get budgetMs(): number {
    return this.budget;
  }

  /** Rule 1: true when the slice should end before its next unit (never before its first). */
  due(): boolean {
    if (this.unitsInSlice === 0) return false;
    if (this.options.inputPending?.() === true) return true;
    return this.options.now() - this.started + this.longestUnit >= this.budget;
  }

  /** Records that a unit just ended (its time is what it took since the previous unit's end or the slice's start). */
  unitDone(): void {
    const at = this.options.now();
    this.longestUnit = Math.max(this.longestUnit, at - this.lastUnitEnd);
    this.lastUnitEnd = at;
    this.unitsInSlice++;
  }

  /** Ends the slice (rule 2), gives the thread to the page, and starts the next slice's clock. */
  async pause(): Promise<void> {
    const took = this.options.now() - this.started;
    this.options.onSlice?.(took, this.budget);
    this.budget = nextBudgetMs(this.rule, this.budget, took);
    this.longestUnit /= 2;
    this.slices++;
    await this.options.yieldToPage();
    this.started = this.options.now();
    this.lastUnitEnd = this.started;
    this.unitsInSlice = 0;
  }

  /** Pauses if the slice is due: call between units. */
  async between(): Promise<void> {
    if (this.due()) await this.pause();
  }
}
