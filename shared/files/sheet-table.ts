/**
 * A file's rows as read (CSV or one sheet of a workbook): its own module so the header recognition
 * (import-mapping.ts) and the reader (read-table.ts), which picks a workbook's sheet by its header,
 * can both name it without importing each other.
 */
import type { Cell } from './cell-values.js';

/** A file's rows as read, row 1 first; `delimiter` only for CSV. */
export interface SheetTable {
  format: 'csv' | 'xlsx';
  rows: Cell[][];
  delimiter: ',' | ';' | '\t' | null;
  /**
   * XLSX only: the name of the sheet read, the other visible sheets', which were not read, and every
   * visible sheet in the workbook's order (what the import dialog offers to read instead).
   */
  sheets?: { read: string; notRead: string[]; visible: string[] };
  /** XLSX only: the 1-based numbers of rows hidden in the sheet (by hand or by a filter), read like the others. */
  hiddenRows?: number[];
  /** XLSX only: the 0-based columns hidden in the sheet, read like the others. */
  hiddenColumns?: number[];
  /**
   * XLSX only: the text cells indented by their format (Excel's "Increase Indent"), which the text
   * does not show (spaces typed before it are kept in the text, as in CSV): titles indented so give the rows' levels as leading spaces do (import-preview.ts).
   */
  indents?: CellIndent[];
  /**
   * CSV only: the legacy encoding the file was read in, when it is not UTF-8 or UTF-16 (Excel's
   * "CSV (Comma delimited)" on Windows, "CSV" on a Mac): said in the preview, so a person sees
   * whether the names came out right.
   */
  encoding?: 'windows-1252' | 'macintosh';
}

/**
 * The blanks before a cell's text that indent it: spaces, tabs, no-break and ideographic spaces. Kept in
 * CSV and XLSX text cells alike; a title's give its row's level when the sheet has no Type column.
 */
export const LEADING_BLANKS = /^[ \t\u00a0\u3000]*/;

/** A text cell indented by its format: 1-based row, 0-based column, and the format's indent steps (1 or more). */
export interface CellIndent {
  row: number;
  column: number;
  steps: number;
}
