// Whole columns in the import preview: a column of data that no field takes is said, not dropped
// unseen; a hidden XLSX column that is read is said; every message names a column as the person's
// spreadsheet shows it (`column D "Fällig am"`), never by an internal role name.
import fc from 'fast-check';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildImportPreview, detectMapping, readCsv, readXlsx, type Cell, type ImportMapping, type SheetTable, COLUMN_ROLES } from '../../../shared/files/index.js';
import { columnName } from '../../../shared/files/column-names.js';
import { columnLetters } from '../../../shared/files/xlsx-sheet.js';
import { xlsxBytes } from './support/xlsx-writer.js';

const csvTable = (text: string): SheetTable => {
  const read = readCsv(strToU8(text));
  if (!read.ok) throw new Error(read.problem.message);
  return read.table;
};
const preview = (table: SheetTable, mapping: ImportMapping = detectMapping(table)) => buildImportPreview(table, mapping, { strategyTitle: 'Imported' });

describe('column names in messages', () => {
  it('are the letters above the column and the header as written', () => {
    expect([0, 3, 25, 26, 27, 701, 702].map(columnLetters)).toEqual(['A', 'D', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
    expect(columnName(3, 'Fällig am')).toBe('column D "Fällig am"');
    expect(columnName(0, null)).toBe('column A');
    expect(columnName(1, `  Owner\n (lead) `)).toBe('column B "Owner (lead)"');
    expect(columnName(2, `Bud\u0007get`)).toBe('column C "Bud BEL get"');
    expect(columnName(4, 'x'.repeat(100))).toBe(`column E "${'x'.repeat(40)}…"`);
  });

  it('name the header of a German sheet in a row problem, not the field behind it', () => {
    const result = preview(csvTable('Typ;Titel;Fällig am\nZiel;Wachsen;\nInitiative;Büro;31.02.2025\n'));
    expect(result.problems.map((problem) => problem.message)).toEqual(['Row 3: column C "Fällig am": "31.02.2025" is not a calendar date.']);
  });
});

describe('columns the import does not read', () => {
  it('a second column with a header already read, and a column no field takes, are said; an empty one is not', () => {
    const result = preview(csvTable('Objective,Key result,Owner,Owner,Budget,Remarks x\nGrow,Revenue,Ana,Ben,120000,\nGrow,Signups,Ana,,,\n'));
    expect(result.columnNotes).toEqual([
      'Column D "Owner" is not imported: Owner is read from column C "Owner"; choose which in "How to read the sheet"',
      'Column E "Budget" is not imported: no field is chosen for it (choose one in "How to read the sheet" to import it)',
    ]);
  });

  it('nothing is said when every column with data is read', () => {
    // (with a Start column: a sheet without one says so of its key results, leftovers42)
    expect(preview(csvTable('Objective,Key result,Start,Target\nGrow,Revenue,0,10\n')).columnNotes).toEqual([]);
  });

  it('a hidden XLSX column that is read is said; columns Excel hides past the table are not', async () => {
    const parts = unzipSync(xlsxBytes([['Objective', 'Key result', 'Target', 'Owner'], ['Grow', 'Revenue', 10, 'Ana']]));
    const sheet = strFromU8(parts['xl/worksheets/sheet1.xml']!).replace('<sheetData>', '<cols><col min="3" max="3" width="0" hidden="1"/><col min="5" max="16384" hidden="true"/></cols><sheetData>');
    parts['xl/worksheets/sheet1.xml'] = strToU8(sheet);
    const read = await readXlsx(zipSync(parts));
    if (!read.ok) throw new Error(read.problem.message);
    expect(read.table.hiddenColumns).toEqual([2]);
    const result = preview(read.table);
    expect(result.columnNotes).toEqual([
      // The sheet has no Start column: said once for its key results (leftovers42).
      'The sheet has no Start column: 1 key result has a target and no start (row 2), so its progress cannot be measured until a start is set; none is assumed.',
      'Column C "Target" is hidden in the spreadsheet; read as Target value like the others',
    ]);
    expect([...result.nodes.values()].find((node) => node.kind === 'key_result')!.fields.target).toBe(10);
  });
});

describe('nothing in the file is left out unseen (property)', () => {
  const cell = fc.oneof(fc.constant(null), fc.constantFrom('x', 'Grow', '12', 'Ana', '2025-01-31'));
  const header = fc.constantFrom<Cell>(null, 'Objective', 'Key result', 'Title', 'Type', 'Owner', 'Target', 'Budget', 'Notes', 'Misc');
  it('every column holding a value below the header is read for a field or named in a note', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 7 }).chain((width) => fc.record({
        headers: fc.array(header, { minLength: width, maxLength: width }),
        rows: fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 6 }),
        roles: fc.array(fc.option(fc.constantFrom(...COLUMN_ROLES), { nil: null }), { minLength: width, maxLength: width }),
        guessed: fc.boolean(),
      })),
      ({ headers, rows, roles, guessed }) => {
        const table: SheetTable = { format: 'csv', rows: [headers, ...rows], delimiter: ',' };
        const detected = detectMapping(table);
        // A person may map any role to at most one column (the mapping form's rule).
        const chosen = roles.map((role, index) => (role !== null && roles.indexOf(role) === index ? role : null));
        const mapping: ImportMapping = guessed ? detected : { ...detected, headerRow: 1, columns: chosen };
        const result = preview(table, mapping);
        table.rows.slice(mapping.headerRow).forEach((row) => row.forEach((value, column) => {
          if (value === null || (mapping.columns[column] ?? null) !== null) return;
          expect(result.columnNotes.some((note) => note.startsWith(`Column ${columnLetters(column)}`))).toBe(true);
        }));
      },
    ), { numRuns: 300 });
  });
});
