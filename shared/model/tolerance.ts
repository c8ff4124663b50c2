/**
 * Relative tolerance of threshold comparisons. Gaps, rates and moves are computed in floating point,
 * so a value that is exactly a threshold in decimal can land a hair on the wrong side of it
 * (0.3 − 0.4 = −0.10000000000000003, 0.12 − 0.10 = 0.01999999999999999); within this tolerance a
 * value counts as equal to the threshold. Far below any difference a plan can express.
 */
export const TOLERANCE = 1e-9;

/** True if `value` is below `threshold` by more than floating-point noise. */
export function isBelow(value: number, threshold: number): boolean {
  return value < threshold - TOLERANCE * Math.max(1, Math.abs(threshold));
}

/**
 * Relative tolerance of a value against a bound it is compared with directly (isOutside). Such a value carries
 * only the noise of the arithmetic that made it, a few parts in 10^16 (a spreadsheet's `=0.1+0.2` is
 * 0.30000000000000004); gaps, rates and projections compound theirs, hence TOLERANCE's wider margin. This one
 * keeps apart any two figures of up to 13 significant digits (10,000,000,000 and 10,000,000,001 €).
 */
export const VALUE_TOLERANCE = 1e-13;

/**
 * True if `value` is outside the range `low`–`high` (either may be open) by more than floating-point noise: the
 * KPI breach, the range breach and a range key result's progress read it. 0.30000000000000004 against a bound of
 * 0.3 is no breach; "Value 0.1 % is outside the healthy range 0–0.1 %" (review40a F7) judged noise a breach and
 * printed it as the bound.
 */
export function isOutside(value: number, low: number | undefined, high: number | undefined): boolean {
  const margin = (bound: number) => VALUE_TOLERANCE * Math.max(1, Math.abs(bound));
  return (low !== undefined && value < low - margin(low)) || (high !== undefined && value > high + margin(high));
}
