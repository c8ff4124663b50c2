/**
 * What a metric's unit says about the values it can take (review45a). A unit is free text ("%", "NPS",
 * "k€", "tickets"), so only units whose meaning is fixed are read; any other unit bounds nothing beyond
 * the magnitude every number of a metric keeps (MAX_METRIC_MAGNITUDE).
 *
 * - **Score, NPS**: a Net Promoter Score is the share of promoters minus the share of detractors, so it
 *   lies in −100…100 by definition. A value outside is impossible: refused, naming the bounds.
 * - **Percent**: a share (churn, conversion, uptime) lies in 0…100 %, but a percent can also be a change
 *   or a ratio to a base (growth −5 %, net revenue retention 118 %). A value outside 0…100 % is
 *   implausible, not impossible: taken, with a warning beside it.
 * - **Ratio (×)**: a multiple (LTV/CAC 3×) below 0 is implausible: taken, with a warning.
 * - **Currency, counts and any other unit**: a loss or a net figure can be negative, and a count cannot be
 *   told from a measure by its name ("users", "days", "ms"): nothing is refused beyond the magnitude, but a
 *   negative value where the metric's own start, target and check-ins were all 0 or more is warned about.
 *
 * Pure and dependency-free: the model's operations, the detail panel, the check-in form and the import
 * read the same rule, so a value is refused or warned about in the same words wherever it is typed.
 */

/**
 * The largest magnitude of any value of a metric (start, target, range, healthy range, check-in): 1e15, the
 * most a typed number keeps exactly (15 significant digits). Not lower: a Japanese group's revenue target in
 * yen is some 4.5e13, and review45a's first 1e12 refused the 15-digit target digits-and-names-kept keeps.
 */
export const MAX_METRIC_MAGNITUDE = 1e15;

export type UnitClass = 'nps' | 'percent' | 'ratio' | 'other';

/** The class of a unit as people write it ("%", "percent", "NPS", "×"), case and spaces aside. */
export function unitClass(unit: string | undefined): UnitClass {
  const word = (unit ?? '').trim().toLowerCase();
  if (word === 'nps' || word === 'nps points' || word === 'net promoter score') return 'nps';
  if (word === '%' || word === '％' || word === 'percent' || word === 'per cent' || word === 'pct') return 'percent';
  if (word === '×' || word === 'x' || word === 'ratio') return 'ratio';
  return 'other';
}

/** The bounds no value of a unit can leave, or null. */
export function impossibleOutside(unit: string | undefined): { low: number; high: number } | null {
  return unitClass(unit) === 'nps' ? { low: -100, high: 100 } : null;
}

/** A value in words for a message: "12000", "-1", never "1e+21" beside a bound. */
function figure(value: number): string {
  return Math.abs(value) < 1e21 ? String(value).replace('-', '−') : String(value);
}

/**
 * How a message shows a figure. Pure code has no locale, so it writes "12000"; a screen passes its own
 * number formatting ("12.000" in de-DE), the one the check-in history beside the message uses (review45a F8).
 */
export type FigureFormat = (value: number) => string;

/**
 * Why no metric value in `unit` can be `value` (its bounds in words), or null when it can be. `what` names
 * the value in the message ("the check-in's value", "the target value"); the message starts with it.
 */
export function metricValueProblem(value: number, unit: string | undefined, what: string, format: FigureFormat = figure): string | null {
  if (!Number.isFinite(value)) return `${what} must be a finite number, got ${value}`;
  if (Math.abs(value) > MAX_METRIC_MAGNITUDE) return `${what} ${format(value)} is beyond what any metric measures (at most ±${format === figure ? MAX_METRIC_MAGNITUDE.toLocaleString('en-US') : format(MAX_METRIC_MAGNITUDE)})`;
  const bounds = impossibleOutside(unit);
  if (bounds && (value < bounds.low || value > bounds.high)) {
    return `${what} ${format(value)} is impossible for a Net Promoter Score, which lies between −100 and 100`;
  }
  return null;
}

/** The fields whose figures say what a metric measures: its start, target and ranges. */
const METRIC_FIGURE_FIELDS = ['start', 'target', 'rangeLow', 'rangeHigh', 'healthyLow', 'healthyHigh'] as const;

/** A metric's own figures (start, target, ranges) but the field `except`, for metricValueWarning's `others`. */
export function metricFiguresOf(fields: Partial<Record<(typeof METRIC_FIGURE_FIELDS)[number], unknown>>, except?: string): number[] {
  return METRIC_FIGURE_FIELDS.filter((field) => field !== except).map((field) => fields[field]).filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
}

/**
 * What a metric's own record says about a value being judged (metricValueWarning): its other figures, whether the
 * value is itself one of them (a start or target typed, not a check-in), and the values checked in so far.
 */
export interface MetricContext {
  /** The metric's figures but the value's own field (metricFiguresOf(fields, field)). */
  others: readonly number[];
  /** The value is a start, target or range of the metric (so it counts among its figures). */
  ownFigure: boolean;
  /** The values checked in so far (a check-in being typed is not among them). */
  checkIns: readonly number[];
}

/** The context of a value of `field` (a figure field, or anything else for a check-in's value) of a metric. */
export function metricContextOf(fields: Partial<Record<(typeof METRIC_FIGURE_FIELDS)[number], unknown>>, field: string | null, checkIns: readonly (number | null)[] = []): MetricContext {
  const ownFigure = field !== null && (METRIC_FIGURE_FIELDS as readonly string[]).includes(field);
  return { others: metricFiguresOf(fields, field ?? undefined), ownFigure, checkIns: checkIns.filter((value): value is number => value !== null && Number.isFinite(value)) };
}

const outsideShare = (value: number) => value < 0 || value > 100;

/**
 * Whether a percent metric's own figures show it is no share (a change, or a ratio to a base): at least two of
 * them, the value judged among them when it is one, lie outside 0…100 % (net revenue retention from 104 to 115 %,
 * the sample plan's own key result). A lone one outside is not enough (fix45b / review45a): a target of 500 %
 * typed for a churn of 5 % is itself warned about, and must not silence the warnings on every check-in after it.
 */
function figuresShowNoShare(value: number, context: MetricContext): boolean {
  const outside = context.others.filter(outsideShare).length + (context.ownFigure && outsideShare(value) ? 1 : 0);
  return outside >= 2;
}

/**
 * Whether a negative value goes against everything a metric has said so far (review45a F10): its start, target
 * and ranges (at least a start and a target's worth: two figures) and every value checked in are 0 or more. A
 * count's unit is free text ("customers", "tickets"), so the unit cannot say it; the metric's own record can,
 * without guessing the unit, as the percent rule reads the metric's own figures.
 */
function negativeAgainstRecord(value: number, context: MetricContext): boolean {
  return value < 0 && context.others.length + (context.ownFigure ? 1 : 0) >= 2 && context.others.every((other) => other >= 0) && context.checkIns.every((other) => other >= 0);
}

const NO_CONTEXT: MetricContext = { others: [], ownFigure: false, checkIns: [] };

/**
 * A warning about a value `unit` makes unlikely, for a person to check (null when it is plausible). `context`:
 * what the metric's own record says (metricContextOf). A percent metric whose own figures show it is no share
 * (figuresShowNoShare) has no implausible value for lying outside 0…100 %. Any other unit (a count, an amount)
 * gets a warning for a negative value when the metric's figures and check-ins so far were all 0 or more.
 */
export function metricValueWarning(value: number, unit: string | undefined, format: FigureFormat = figure, context: MetricContext = NO_CONTEXT): string | null {
  if (!Number.isFinite(value)) return null;
  const shown = `${format(value)} ${unit?.trim() ?? ''}`.trim();
  switch (unitClass(unit)) {
    case 'nps':
      // Refused when typed; one can still arrive, merged from an edit made elsewhere against another unit.
      return value < -100 || value > 100 ? `${shown} is impossible for a Net Promoter Score, which lies between −100 and 100: set it again.` : null;
    case 'percent':
      if (figuresShowNoShare(value, context)) return null;
      if (value < 0) return `${shown} is below 0 %: a share (churn, conversion, uptime) cannot be negative; only a change can. Check the value.`;
      if (value > 100) return `${shown} is above 100 %: a share (churn, conversion, uptime) cannot exceed 100 %; only a change or a ratio to a base can. Check the value.`;
      return null;
    case 'ratio':
      return value < 0 ? `${shown} is below 0: a ratio of two amounts is rarely negative. Check the value.` : null;
    default:
      return negativeAgainstRecord(value, context) ? `${shown} is below 0, while this metric's ${context.checkIns.length > 0 ? 'start, target and every value checked in so far' : 'start and target'} are 0 or more; a count cannot be negative. Check the value.` : null;
  }
}

/** `value` kept within the bounds `unit` cannot leave (a trend projected past them reads the bound). */
export function withinUnit(value: number, unit: string | undefined): number {
  const bounds = impossibleOutside(unit);
  return bounds ? Math.min(bounds.high, Math.max(bounds.low, value)) : value;
}
