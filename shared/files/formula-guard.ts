/** The CSV export's formula guard (export-csv.ts safeCell) and its undoing on import (cell-values.ts cellText). */

/**
 * Where a spreadsheet could start a cell inside our text: at its start, and after any character it may
 * split a line at. Excel opens a .csv with the list separator of the Windows region, `;` in most of
 * continental Europe, so a `;` typed in a title ends a cell there and what follows is a cell of its own
 * (quotes do not help: under `;` the comma-CSV quote is not at a cell's start). Tab, line breaks and
 * `"` (a cell read quoted under another separator) count too. (review32 finding 1.)
 */
const CELL_STARTS = String.raw`(?<=^|[,;\t\r\n"])`;
// Text already holding an apostrophe before one of those gets one more, as the importer strips exactly one.
const FORMULA_AHEAD = String.raw`(?='*[=+\-@\t\r])`;
/** Each place safeCell puts an apostrophe. */
export const GUARD_AT = new RegExp(`${CELL_STARTS}${FORMULA_AHEAD}`, 'g');
/** The apostrophes safeCell put in (cell-values.ts cellText takes them out again). */
export const FORMULA_GUARD = new RegExp(`${CELL_STARTS}'${FORMULA_AHEAD}`, 'g');
