/**
 * A share as people read it: a whole percent, never at an end the share has not reached (review36a F3).
 * Rounded to the nearest whole percent, except that a share strictly between 0 and 1 shows 1 % to 99 %:
 * 99.63 % of the way read "100%" beside an at-risk dot, the same figure an achieved key result shows,
 * and 0.4 % read "0%" beside work that had started. Rounding (not floor) everywhere else keeps every
 * other figure as before, and equal to the pace message's whole percents ("40% done where 51%"):
 * floor would make a bar read 46 % beside "47% done" in its own signal. One decimal near the ends would
 * print "99.6%" in the narrow progress column, a figure nobody needs to act on; 99 % already says
 * "not finished". Importable from the first-screen painter (no dependency).
 */
export function percentFigure(share: number): number {
  const rounded = Math.round(share * 100);
  if (rounded >= 100 && share < 1) return 99;
  if (rounded <= 0 && share > 0) return 1;
  return rounded;
}

/** 0.4567 → "46%"; 0.9963 → "99%"; 0.004 → "1%"; 1 → "100%"; 0 → "0%". */
export function percentText(share: number): string {
  return `${percentFigure(share)}%`;
}

/**
 * A stored fraction as the percent a person typed: 0.12345 reads 12.345 (the detail panel's percent
 * fields, the review's manual-progress rows). 15 significant digits take off the floating-point tail of
 * × 100 (0.07 × 100 is 7.000000000000001) and nothing a person typed.
 */
export function enteredPercent(fraction: number): number {
  return Number((fraction * 100).toPrecision(15));
}
