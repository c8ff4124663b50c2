/**
 * What the preview says about whole columns, so nothing in the file is left out or read unseen:
 *  1. a column holding data that no field takes ("— ignore —" in the mapping form) is not imported, and
 *     said — with the column already read for the same field when its header names one (a second
 *     "Owner" column);
 *  2. a column hidden in the sheet (XLSX) and read for a field is imported like the others, and said;
 *  3. a column that places rows (outline number, id, parent) in a layout that places them otherwise is
 *     not read, and said (a Parent column under "a type per row" was ignored unseen: review42c F1);
 *  4. a Goal column read as Strategy (beside an Objective column, import-mapping.ts goalsAboveObjectives)
 *     says what was assumed, and how to read it otherwise;
 *  5. a Progress column (Google Sheets' OKR template) says what each row's percentage becomes.
 * Said once per column, in the columns' order.
 */
import { cellText, isBlank, type Cell } from './cell-values.js';
import { COLUMN_ROLE_LABELS, headerCells, isGoalHeader, roleOfHeader, type ColumnRole, type ImportLayout, type ImportMapping } from './import-mapping.js';
import type { SheetTable } from './sheet-table.js';
import { itemsPerStep, type Steps } from '../model/index.js';

/** The notes on the columns of `table` read with `mapping`; `names` from column-names.ts. */
export function* readingColumnNotes(table: SheetTable, mapping: ImportMapping, names: readonly string[]): Steps<string[]> {
  const header = headerCells(table.rows, mapping.headerRow);
  const width = Math.max(header.length, mapping.columns.length, table.rows[mapping.headerRow]?.length ?? 0);
  const unread = new Set<number>();
  for (let column = 0; column < width; column++) if ((mapping.columns[column] ?? null) === null || LAYOUT_OF_PLACING_ROLE.has(mapping.columns[column]!)) unread.add(column);
  const withData = yield* columnsWithData(table.rows, mapping.headerRow, unread);
  const notes: string[] = [];
  const hidden = new Set(table.hiddenColumns ?? []);
  for (let column = 0; column < width; column++) {
    const name = capitalised(names[column] ?? `column ${column + 1}`);
    const role = mapping.columns[column] ?? null;
    if (role !== null) {
      const placing = LAYOUT_OF_PLACING_ROLE.get(role);
      if (placing !== undefined && placing !== mapping.layout && withData.has(column)) notes.push(`${name} is not read as ${COLUMN_ROLE_LABELS[role]}: the rows are placed by ${LAYOUT_PLACES[mapping.layout]} (choose the layout in "How to read the sheet")`);
      if (role === 'strategy' && isGoalHeader(header[column] ?? null)) notes.push(`${name} is read as Strategy: beside the Objective column, each goal is taken as the level above the objectives on its rows, and they are imported under it (choose Objective for it in "How to read the sheet" if the goals are the objectives)`);
      if (role === 'progress') notes.push(`${name} is read as Progress (%): ${progressReading(mapping, names)}`);
      if (hidden.has(column)) notes.push(`${name} is hidden in the spreadsheet; read as ${COLUMN_ROLE_LABELS[role]} like the others`);
      continue;
    }
    if (!withData.has(column)) continue;
    notes.push(`${name} is not imported: ${whyUnread(header[column] ?? null, mapping, names)}`);
  }
  return notes;
}

/** What a Progress column's percentages become (row-fields.ts readKeyResultProgress): never left out unseen (review42c F7). */
function progressReading(mapping: ImportMapping, names: readonly string[]): string {
  const current = mapping.columns.indexOf('current');
  const keyResults = current >= 0
    ? `key results take their current values from ${names[current] ?? `column ${current + 1}`}, so it is not read for them (a row where that is empty and a progress is given is named); `
    : 'a key result with no start or target becomes a 0–100 % key result whose current value is the progress; with a start and a target, its current value is that far from the start towards the target; ';
  return `${keyResults}an initiative's is its manual progress. A value that is not a percentage, or a row where it cannot be placed, is named on its row`;
}

/** The roles that place rows, and the one layout that reads each. */
const LAYOUT_OF_PLACING_ROLE: ReadonlyMap<ColumnRole, ImportLayout> = new Map([['outline', 'outline'], ['id', 'parent-id'], ['parentId', 'parent-id']]);

/** How each layout places rows, as a note says it. */
const LAYOUT_PLACES: Readonly<Record<ImportLayout, string>> = {
  'objective-rows': 'their objective and key result columns',
  outline: 'their outline numbers',
  'parent-id': 'their parent column',
  'typed-rows': 'their types, each under the nearest row above that may hold it',
};

/** Why a column is not read: its header names a field another column already gives, or no field at all. */
function whyUnread(header: Cell, mapping: ImportMapping, names: readonly string[]): string {
  // Our own export's last column: the values offered beside a shown one in a conflict. Said plainly, not as
  // a column to map: "choose a field to import it" made a plain round trip look like data left behind.
  if (cellText(header).trim().toLowerCase() === 'conflicts') return 'it lists the other values offered where the exported plan had a conflict; the values the plan showed are imported (resolve a conflict in the plan it came from)';
  const role = roleOfHeader(header);
  const taken = role === null ? -1 : mapping.columns.indexOf(role);
  if (role !== null && taken >= 0) return `${COLUMN_ROLE_LABELS[role]} is read from ${names[taken] ?? `column ${taken + 1}`}; choose which in "How to read the sheet"`;
  return 'no field is chosen for it (choose one in "How to read the sheet" to import it)';
}

/** Which of `columns` hold a value in some row below the header; yields every `itemsPerStep` rows. */
function* columnsWithData(rows: readonly Cell[][], headerRow: number, columns: ReadonlySet<number>): Steps<Set<number>> {
  const found = new Set<number>();
  const left = new Set(columns);
  for (let index = headerRow; index < rows.length && left.size > 0; index++) {
    if (index % itemsPerStep === 0) yield;
    const cells = rows[index]!;
    for (const column of left) if (!isBlank(cells[column] ?? null)) { found.add(column); left.delete(column); }
  }
  return found;
}

/** A note is a sentence of its own: `Column D …`. */
function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
