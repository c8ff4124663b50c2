/**
 * Exports a plan as an outline-layout CSV that the importer reads back to the same tree: one row per
 * live node, its outline number and type, fields by name (owners as `Name <email>`), the latest metric
 * value as Current. Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR), at a cell's
 * start or after a `,` `;` tab, line break or quote inside it, spaces before it or not, gets an apostrophe before it, which
 * spreadsheets show as text and the importer strips again. A node in
 * conflict shows the value the plan shows, and its Conflicts cell names the values offered beside it.
 */
import Papa from 'papaparse';
import type { Plan } from '../model/index.js';
import { plainDecimal } from './cell-values.js';
import { GUARD_AT } from './formula-guard.js';
import { EXPORT_COLUMNS, planExportRows, type ExportCell } from './export-rows.js';

/** The CSV's columns: the exports' (export-rows.ts). */
export const CSV_COLUMNS = EXPORT_COLUMNS;

/**
 * A text cell that no spreadsheet will evaluate, whichever of `,` `;` tab it splits lines at: an
 * apostrophe goes before every formula start (= + - @ tab CR) at any place a cell could begin, and
 * before the spaces when spaces come first (a reader that trims them would see the formula).
 */
export function safeCell(text: string): string {
  return text.replace(GUARD_AT, "'");
}

/** A typed cell as CSV text: text guarded against formulas, numbers in plain decimals, instants in ISO 8601 UTC. */
function csvCell(cell: ExportCell): string {
  if (cell === null) return '';
  if ('text' in cell) return safeCell(cell.text);
  if ('word' in cell) return cell.word;
  if ('number' in cell) return plainDecimal(cell.number);
  if ('share' in cell) return plainDecimal(cell.share);
  if ('date' in cell) return cell.date;
  // An instant as ISO 8601 UTC (`2026-11-05T09:30:00.000Z`): exact, and read the same in every time zone.
  return new Date(cell.instant).toISOString();
}

/** The CSV text of a plan (comma-separated, UTF-8 with a byte-order mark so Excel reads accents right). */
export function exportPlanCsv(plan: Plan): string {
  const rows: string[][] = [[...CSV_COLUMNS], ...planExportRows(plan).map((row) => row.map(csvCell))];
  return `\uFEFF${Papa.unparse(rows, { newline: '\r\n', quotes: false })}\r\n`;
}
