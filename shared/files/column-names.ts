/**
 * How the import's messages name a spreadsheet column: by the letters the spreadsheet shows above it
 * and the header its owner wrote — `column D "Fällig am"` — never by our internal role name
 * (`column "dueDate"`), which appears nowhere in the person's file or in the mapping form.
 */
import { cellText, cutText, type Cell } from './cell-values.js';
import { COLUMN_ROLE_LABELS, type ColumnRole } from './import-mapping.js';
import { namedControlText } from '../text/control-characters.js';
import { columnLetters } from './xlsx-sheet.js';

/** Longest header kept in a message: a header cell can hold a paragraph. */
const HEADER_SHOWN = 40;

/** `column D "Fällig am"`, or `column D` when the header cell is empty. */
export function columnName(column: number, header: Cell): string {
  const text = namedControlText(cellText(header).replace(/\s+/g, ' ').trim());
  if (text === '') return `column ${columnLetters(column)}`;
  const shown = cutText(text, HEADER_SHOWN);
  return `column ${columnLetters(column)} "${shown}${shown === text ? '' : '…'}"`;
}

/** The name of every column of a header row, by index. */
export function columnNames(headerCells: readonly Cell[]): string[] {
  return headerCells.map((cell, column) => columnName(column, cell));
}

/** How a message names the column read for `role`: by `names` when known, else by the role's label in the mapping form. */
export function roleColumnName(role: ColumnRole, columns: readonly (ColumnRole | null)[], names: readonly string[]): string {
  const column = columns.indexOf(role);
  return (column >= 0 ? names[column] : undefined) ?? `the "${COLUMN_ROLE_LABELS[role]}" column`;
}
