/** The CSV export's formula guard (export-csv.ts safeCell), its undoing on import (cell-values.ts cellText), and the workbook's counterpart (export-xlsx.ts). */

/**
 * Where a spreadsheet could start a cell inside our text: at its start, and after any character it may
 * split a line at. Excel opens a .csv with the list separator of the Windows region, `;` in most of
 * continental Europe, so a `;` typed in a title ends a cell there and what follows is a cell of its own
 * (quotes do not help: under `;` the comma-CSV quote is not at a cell's start). Tab, line breaks and
 * `"` (a cell read quoted under another separator) count too (review32 finding 1), with spaces before the
 * formula start (filesfix2).
 */
const CELL_STARTS = String.raw`(?<=^|[,;\t\r\n"])`;
/**
 * Spaces a reader may trim before it looks for a formula: LibreOffice's text import has "Trim spaces"
 * beside "Evaluate formulas" (both remembered once ticked), and with both ` =1+1` runs as `=1+1`. Any
 * white space but tab and line breaks, which are cell starts (and tab and CR formula starts) of their own.
 */
const TRIMMED = String.raw`[^\S\t\r\n]*`;
// Text already holding an apostrophe before one of those gets one more, as the importer strips exactly one.
// The apostrophe goes before the spaces, so a reader that trims them still sees it first.
const FORMULA_AHEAD = String.raw`(?='*${TRIMMED}[=+\-@\t\r])`;
/** Each place safeCell puts an apostrophe. */
export const GUARD_AT = new RegExp(`${CELL_STARTS}${FORMULA_AHEAD}`, 'g');
/** The apostrophes safeCell put in (cell-values.ts cellText takes them out again). */
export const FORMULA_GUARD = new RegExp(`${CELL_STARTS}'${FORMULA_AHEAD}`, 'g');
/**
 * The guard's apostrophe at the start of a workbook's text cell that is indented (`  ''+1` as the workbook
 * export writes a typed `  '+1`): the reader keeps the blanks before the text (xlsx-sheet.ts textCell), so
 * it takes this one off after them, as it did when it trimmed them and cellText took it off at the start.
 */
export const GUARD_AFTER_INDENT = new RegExp(`^'${FORMULA_AHEAD}`);
/**
 * Each place the importer would take an apostrophe off text written without the guard: where text typed
 * with one already (`'+1`) has it, at a cell start before a formula start. A workbook's text is written
 * as typed (its cells are typed strings, which no reader evaluates or splits), with one more apostrophe
 * there only, so it comes back as typed. The workbook's reader looks for it after the blanks that indent a
 * text cell (xlsx-sheet.ts, GUARD_AFTER_INDENT), so at the text's start the apostrophe may follow white space (` '+1 budget` is read `'+1 budget`): the extra
 * one goes after it (review40a F9: it came back `+1 budget`).
 */
export const TYPED_GUARD_AT = new RegExp(`(?<=^\\s*|[,;\\t\\r\\n"])(?='+${TRIMMED}[=+\\-@\\t\\r])`, 'g');
