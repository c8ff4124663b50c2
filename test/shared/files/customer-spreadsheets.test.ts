// Files as customers' spreadsheet programs write them (review37a): a workbook whose plan is not on its
// first sheet, formula results with binary noise, a self-closed shared string. Real workbooks (zip, XML
// parts as the programs write them), read by the real reader, mapping and import preview.
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildImportPreview, decodeCsvText, detectMapping, encodingNote, exportPlanCsv, readCsv, readDate, readSpreadsheet, readXlsx, sheetsNote, type SheetTable } from '../../../shared/files/index.js';
import { xlsxBytes, type XlsxCell } from './support/xlsx-writer.js';
import { ROOT_ID, type Plan } from '../../../shared/model/index.js';
import { newPlan, T0 } from '../model/support.js';
import { importIntoNewPlan, previewOfCsv } from './support/csv-import.js';

async function tableOf(bytes: Uint8Array, sheet?: string): Promise<SheetTable> {
  const read = await readXlsx(bytes, sheet === undefined ? {} : { sheet });
  if (!read.ok) throw new Error(read.problem.message);
  return read.table;
}

function titles(table: SheetTable): string[] {
  const preview = buildImportPreview(table, detectMapping(table), { strategyTitle: 'Imported' });
  expect(preview.problems).toEqual([]);
  return [...preview.nodes.values()].map((node) => `${node.kind}: ${node.title}`).sort();
}

const PLAN: readonly (readonly XlsxCell[])[] = [
  ['Objective', 'Key result', 'Target', 'Current'],
  ['Grow revenue', 'Monthly revenue', 100, 40],
  ['Grow revenue', 'New logos', 20, 5],
];

/** A workbook of the given sheets in order (name, rows), as xlsxBytes writes one, with the others' cells filled in. */
function workbookOf(sheets: readonly { name: string; rows: readonly (readonly XlsxCell[])[]; hidden?: boolean }[]): Uint8Array {
  const parts = unzipSync(xlsxBytes([['x']], sheets[0]!.name, sheets.slice(1).map((sheet) => sheet.name)));
  // Each sheet's cells as inline strings and numbers, so the shared strings of one do not clash with another's.
  sheets.forEach((sheet, index) => {
    const rows = sheet.rows.map((row, r) => `<row r="${r + 1}">${row.map((cell, c) => {
      const ref = `${String.fromCharCode(65 + c)}${r + 1}`;
      if (cell === null) return '';
      if (typeof cell === 'number') return `<c r="${ref}"><v>${cell}</v></c>`;
      return `<c r="${ref}" t="inlineStr"><is><t>${String(cell)}</t></is></c>`;
    }).join('')}</row>`).join('');
    parts[`xl/worksheets/sheet${index + 1}.xml`] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`);
    if (sheet.hidden) {
      parts['xl/workbook.xml'] = strToU8(strFromU8(parts['xl/workbook.xml']!).replace(`name="${sheet.name}"`, `name="${sheet.name}" state="hidden"`));
    }
  });
  return zipSync(parts);
}

describe('a workbook whose plan is not on its first sheet (review37a F1)', () => {
  const numbers = workbookOf([
    { name: 'Export Summary', rows: [['This document was exported from Numbers. Each table was converted to an Excel worksheet.'], [null], ['Numbers Sheet Name', 'Numbers Table Name', 'Excel Worksheet Name'], ['OKRs', 'Table 1', 'OKRs - Table 1']] },
    { name: 'OKRs - Table 1', rows: PLAN },
  ]);

  it('reads the first visible sheet whose header names the plan\'s columns: Numbers\' "Export Summary" is passed over', async () => {
    const table = await tableOf(numbers);
    expect(table.sheets).toEqual({ read: 'OKRs - Table 1', notRead: ['Export Summary'], visible: ['Export Summary', 'OKRs - Table 1'] });
    expect(sheetsNote(table)).toBe('Read sheet "OKRs - Table 1"; "Export Summary" was not read.');
    expect(titles(table)).toEqual(['key_result: Monthly revenue', 'key_result: New logos', 'objective: Grow revenue', 'strategy: Imported']);
  });

  it('an OKR template with a "Read me" tab in front, and a hidden lists sheet before both', async () => {
    const bytes = workbookOf([
      { name: 'Lists', rows: [['Objective', 'Key result'], ['On track', 'At risk']], hidden: true },
      { name: 'Read me', rows: [['How to use this template'], ['Write one key result per row on the next tab.']] },
      { name: 'Q3 OKRs', rows: PLAN },
      { name: 'Q4 OKRs', rows: PLAN },
    ]);
    const table = await readSpreadsheet('okr-template.xlsx', bytes);
    if (!table.ok) throw new Error(table.problem.message);
    expect(table.table.sheets).toEqual({ read: 'Q3 OKRs', notRead: ['Read me', 'Q4 OKRs'], visible: ['Read me', 'Q3 OKRs', 'Q4 OKRs'] });
  });

  it('the sheet a person chooses is read, by name; a hidden or missing one is refused naming it', async () => {
    const table = await tableOf(numbers, 'Export Summary');
    expect(table.sheets?.read).toBe('Export Summary');
    expect(table.rows[0]![0]).toMatch(/^This document was exported/);
    const missing = await readXlsx(numbers, { sheet: 'Q4' });
    expect(missing.ok ? null : missing.problem.message).toBe('The workbook has no visible sheet named "Q4"; choose the file again.');
  });

  it('with no sheet that looks like a plan, the first visible sheet is read, as before', async () => {
    const bytes = workbookOf([{ name: 'Notes', rows: [['Hello']] }, { name: 'More', rows: [['World']] }]);
    expect((await tableOf(bytes)).sheets?.read).toBe('Notes');
  });
});

describe('XLSX numbers as Excel shows them (review37a F5)', () => {
  it('a formula\'s cached result is read to 15 significant digits: 110, not 110.00000000000001', async () => {
    const formula = (f: string, v: string) => ({ raw: `<c r="{ref}"><f>${f}</f><v>${v}</v></c>` });
    const table = await tableOf(xlsxBytes([
      ['Objective', 'Key result', 'Start', 'Target', 'Current'],
      ['Grow', 'Revenue +10%', 100, formula('C2*1.1', '110.00000000000001'), formula('C2*1.07', '107.00000000000001')],
      ['Grow', 'Cost share', 0, formula('0.1+0.2', '0.30000000000000004'), formula('1/3', '0.33333333333333331')],
    ]));
    expect(table.rows.slice(1).map((row) => row.slice(2))).toEqual([[100, 110, 107], [0, 0.3, 0.333333333333333]]);
  });
});

describe('shared strings written self-closed (review37a F13)', () => {
  it('an empty <si/> is an empty string and shifts no later one; an empty <t/> run is no run', async () => {
    const parts = unzipSync(xlsxBytes([['Objective', 'Key result', 'Target'], ['Grow', 'Revenue', 100]]));
    parts['xl/sharedStrings.xml'] = strToU8('<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si/><si><t>Objective</t></si>'
      + '<si><r><t/></r><r><t>Key result</t></r></si><si><t>Grow</t></si><si><t>Revenue</t></si></sst>');
    parts['xl/worksheets/sheet1.xml'] = strToU8('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
      + '<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="s"><v>2</v></c><c r="C1" t="inlineStr"><is><t>Target</t></is></c><c r="D1" t="s"><v>0</v></c></row>'
      + '<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" t="s"><v>4</v></c><c r="C2"><v>100</v></c></row></sheetData></worksheet>');
    const table = await tableOf(zipSync(parts));
    expect(table.rows).toEqual([['Objective', 'Key result', 'Target'], ['Grow', 'Revenue', 100]]);
  });
});

/** The preview of CSV text as the dialog builds it: read, mapping detected, previewed. */
function csvPreview(text: string) {
  const read = readCsv(new TextEncoder().encode(text));
  if (!read.ok) throw new Error(read.problem.message);
  return buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: 'Imported' });
}

describe('spreadsheet error values in a CSV (review37a F3)', () => {
  it('#N/A, #DIV/0! and the other error literals read as empty with a warning naming the cell, as in an XLSX; the import is not stopped', () => {
    const preview = csvPreview('Objective,Key result,Start,Target,Current\r\nGrow,Revenue,0,100,#N/A\r\nGrow,Margin,10,#DIV/0!,15\r\nGrow,NPS,#REF!,50, #VALUE! \r\nGrow,Churn,5,2,#NAME?\r\n');
    expect(preview.problems).toEqual([]);
    expect(preview.rows.map((row) => row.warnings.filter((warning) => warning.includes('formula error'))).filter((warnings) => warnings.length > 0)).toEqual([
      ['column E "Current": cell E2 holds the formula error #N/A; read as empty'],
      ['column D "Target": cell D3 holds the formula error #DIV/0!; read as empty'],
      ['column C "Start": cell C4 holds the formula error #REF!; read as empty', 'column E "Current": cell E4 holds the formula error #VALUE!; read as empty'],
      ['column E "Current": cell E5 holds the formula error #NAME?; read as empty'],
    ]);
    const margin = [...preview.nodes.values()].find((node) => node.title === 'Margin')!;
    expect(margin.fields.target ?? null).toBeNull();
  });

  it('text that merely starts with # is text', () => {
    const preview = csvPreview('Objective,Key result,Target\r\n#1 priority,#N/A rate,100\r\n');
    expect(preview.problems).toEqual([]);
    expect([...preview.nodes.values()].map((node) => node.title)).toEqual(expect.arrayContaining(['#1 priority', '#N/A rate']));
  });
});

describe('dates as spreadsheets write them into CSV (review37a F4)', () => {
  it.each([
    ['30-Sep-25'], ['Sep 30, 2025'], ['30 September 2025'], ['30. Sep. 2025'], ['2025/09/30'], ['2025/9/30'], ['2025.09.30'],
    ['30.09.2025 17:30'], ['9/30/2025 17:30'], ['9/30/2025 5:30 PM'], ['30 de septiembre de 2025'], ['30 sept. 2025'], ['2025/09/30 17:30:00'],
  ])('%s is 30 September 2025, whatever the sheet\'s day/month order', (written) => {
    for (const order of ['dmy', 'mdy'] as const) expect(readDate(written, order)).toEqual({ ok: true, value: { date: '2025-09-30', ambiguous: false } });
  });

  it('an ambiguous slash date keeps the sheet\'s order, with a time after it too; a date that is no calendar date is refused', () => {
    expect(readDate('03/04/2025 10:00', 'dmy')).toEqual({ ok: true, value: { date: '2025-04-03', ambiguous: true } });
    expect(readDate('03/04/2025 10:00', 'mdy')).toEqual({ ok: true, value: { date: '2025-03-04', ambiguous: true } });
    expect(readDate('31-Feb-25', 'dmy')).toEqual({ ok: false, problem: '"31-Feb-25" is not a calendar date' });
    expect(readDate('2025/13/01', 'dmy')).toEqual({ ok: false, problem: '"2025/13/01" is not a calendar date' });
    expect(readDate('30 Foo 2025', 'dmy').ok).toBe(false);
  });

  it('a task sheet with such dates imports with each due date read', () => {
    const preview = csvPreview('Type,Title,Due date\r\nObjective,Ship,\r\nInitiative,Launch,30-Sep-25\r\nTask,Docs,Oct 1, 2025\r\nTask,QA,2025/10/02\r\nTask,Go live,9/30/2025 17:30\r\n'.replace('Oct 1, 2025', '"Oct 1, 2025"'));
    expect(preview.problems).toEqual([]);
    expect([...preview.nodes.values()].filter((node) => node.kind !== 'strategy' && node.kind !== 'objective').map((node) => node.fields.dueDate))
      .toEqual(['2025-09-30', '2025-10-01', '2025-10-02', '2025-09-30']);
  });
});

describe('CSV files in Windows-1252 and MacRoman (review37a F6)', () => {
  const latin = (text: string, table: Record<string, number>) => new Uint8Array([...text].map((char) => table[char] ?? char.charCodeAt(0)));

  it('Excel\'s "CSV (Comma delimited)" on Windows is read as Windows-1252, and the preview says so', async () => {
    const bytes = latin('Ziel;Schlüsselergebnis;Verantwortlich;Start;Ziel-Wert\r\nUmsatz steigern;Umsatz in €;Jürgen Müller;1.200,50;2.500\r\nUmsatz steigern;„Kundenzufriedenheit“;Björn Weiß;3,5;4,5\r\n',
      { 'ü': 0xfc, '€': 0x80, 'ß': 0xdf, 'ö': 0xf6, '„': 0x84, '“': 0x93 });
    const read = await readSpreadsheet('okr.csv', bytes);
    if (!read.ok) throw new Error(read.problem.message);
    expect(read.table.encoding).toBe('windows-1252');
    expect(read.table.rows[1]).toEqual(['Umsatz steigern', 'Umsatz in €', 'Jürgen Müller', '1.200,50', '2.500']);
    expect(read.table.rows[2]![1]).toBe('„Kundenzufriedenheit“');
    expect(encodingNote(read.table)).toBe('The file is not UTF-8: it was read as Windows (Western European, Windows-1252) text. If names look wrong, save the sheet as "CSV UTF-8" and import it again.');
  });

  it('a Mac "CSV" (MacRoman, lines ending in a lone CR) is read as MacRoman', async () => {
    const bytes = latin('Objective,Key result,Owner,Target\rGrow,Café revenue,Zoë,100\rGrow,Ünits,Jürgen,5\r', { 'é': 0x8e, 'ë': 0x91, 'Ü': 0x86, 'ü': 0x9f });
    const read = await readSpreadsheet('mac.csv', bytes);
    if (!read.ok) throw new Error(read.problem.message);
    expect(read.table.encoding).toBe('macintosh');
    expect(read.table.rows.slice(1)).toEqual([['Grow', 'Café revenue', 'Zoë', '100'], ['Grow', 'Ünits', 'Jürgen', '5']]);
    expect(encodingNote(read.table)).toMatch(/^The file is not UTF-8: it was read as Mac \(MacRoman\) text\./);
  });

  it('a UTF-8 file with one stray Windows byte is refused naming its row, not read as Windows-1252 with every name mangled (review38a 1)', async () => {
    const utf8 = new TextEncoder();
    const bytes = new Uint8Array([...utf8.encode('Objective,Key result,Owner\nWachstum in München,Umsatz +20 %,Jürgen Müller\nKunden,NPS über 50,Zoë'),
      0x92, ...utf8.encode('s team\n')]);
    const read = await readSpreadsheet('okr.csv', bytes);
    expect(read.ok ? read.table.rows : read.problem).toEqual(expect.objectContaining({ code: 'encoding', row: 3,
      message: 'Row 3 holds a byte that is not UTF-8 (0x92) in a file that is otherwise UTF-8 text. Retype that row\'s special characters (or save the sheet as "CSV UTF-8" again) and import again.' }));
  });

  it('property: UTF-8 text with accents and stray bytes at character boundaries is never read in a legacy encoding; it is refused at the first stray byte\'s row', () => {
    const utf8 = new TextEncoder();
    const cell = fc.stringMatching(/^[A-Za-z0-9 äöüßéèçñøÅ€“”—–…]{1,12}$/);
    const lines = fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }).map((cells) => cells.join(',')), { minLength: 1, maxLength: 8 });
    // A byte that neither starts nor continues UTF-8 where it is put (after a whole character): 0x80–0xBF alone, or 0xF8–0xFF.
    const stray = fc.oneof(fc.integer({ min: 0x80, max: 0xbf }), fc.integer({ min: 0xf8, max: 0xff }));
    const strays = fc.array(fc.record({ line: fc.nat(), at: fc.nat(), byte: stray }), { minLength: 1, maxLength: 3 });
    fc.assert(fc.property(lines, strays, (rows, inserts) => {
      fc.pre(rows.some((row) => [...row].some((char) => char.charCodeAt(0) > 0x7f)) && inserts.length <= [...rows.join('')].filter((char) => char.charCodeAt(0) > 0x7f).length);
      const chars = rows.map((row) => [...row]);
      const places = inserts.map(({ line, at, byte }) => ({ line: line % chars.length, at: at % (chars[line % chars.length]!.length + 1), byte }));
      const firstRow = Math.min(...places.map((place) => place.line)) + 1;
      const bytes = new Uint8Array(chars.flatMap((row, line) => [
        ...row.flatMap((char, at) => [...places.filter((place) => place.line === line && place.at === at).map((place) => place.byte), ...utf8.encode(char)]),
        ...places.filter((place) => place.line === line && place.at === row.length).map((place) => place.byte), 0x0a]));
      // Two strays that open the file as FF FE or FE FF are a UTF-16 byte-order mark, which is read as UTF-16 by design.
      fc.pre(!((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)));
      const decoded = decodeCsvText(bytes);
      expect(decoded.ok ? decoded.encoding : decoded.problem.row).toBe(firstRow);
    }));
  });

  it('property: Windows-1252 text of accented words is read back exactly, however the accents fall', () => {
    const word = fc.stringMatching(/^[a-zA-Z]{0,3}[äöüßÄÖÜéèçñ]{1,3}[a-zA-Z]{0,3}$/);
    const lines = fc.array(fc.array(word, { minLength: 1, maxLength: 4 }).map((words) => words.join(';')), { minLength: 1, maxLength: 8 });
    fc.assert(fc.property(lines, (rows) => {
      const text = rows.join('\r\n');
      const decoded = decodeCsvText(new Uint8Array([...text].map((char) => char.charCodeAt(0))));
      expect(decoded.ok && [decoded.encoding, decoded.text]).toEqual(['windows-1252', text]);
    }));
  });

  it('UTF-8, with or without a byte-order mark, says nothing of its encoding', async () => {
    const read = await readSpreadsheet('okr.csv', new TextEncoder().encode('Objective,Key result\nGrüße,Jürgen\n'));
    expect(read.ok && [read.table.encoding, encodingNote(read.table), read.table.rows[1]]).toEqual([undefined, null, ['Grüße', 'Jürgen']]);
  });
});

/** Counts of children at each level: strategies › objectives › key results › initiatives › tasks. */
interface Shape { children: Shape[] }
const shapeArb = (depth: number): fc.Arbitrary<Shape> => depth === 0
  ? fc.constant({ children: [] })
  // 6 to 23 objectives under a strategy: past 10 and 20, the numbers a spreadsheet shortens (1.10 → 1.1, 1.20 → 1.2).
  : fc.array(shapeArb(depth - 1), depth === 4 ? { minLength: 6, maxLength: 23 } : { maxLength: 3 }).map((children) => ({ children }));

/**
 * What US Excel (and LibreOffice, Numbers, Google Sheets) does to a CSV it opens and saves again: a cell
 * that reads as a number is written back as that number (`1.10` → `1.1`, `007` → `7`, `2.50` → `2.5`).
 */
function resavedBySpreadsheet(csv: string): string {
  return csv.replace(/(^|,)(-?\d+\.\d+|-?\d+)(?=,|\r?$)/gm, (_, before: string, cell: string) => `${before}${String(Number(cell))}`);
}

describe('export → re-saved by a spreadsheet → import gives the same tree (review37a F2)', () => {
  const KINDS = ['strategy', 'objective', 'key_result', 'initiative', 'task'] as const;
  const tree = (plan: Plan): string[] => {
    const lines: string[] = [];
    const walk = (parent: string, depth: number) => { for (const id of plan.index.children(parent)) { lines.push(`${'  '.repeat(depth)}${plan.index.node(id)!.kind}: ${plan.index.title(id)}`); walk(id, depth + 1); } };
    walk(ROOT_ID, 0);
    return lines;
  };

  it('any plan\'s CSV, its outline numbers turned into numbers where they look like one, imports as the same tree', () => {
    fc.assert(fc.property(fc.array(shapeArb(4), { minLength: 1, maxLength: 2 }), (strategies) => {
      const { plan } = newPlan({ time: T0 });
      let count = 0;
      const create = (shape: Shape, parent: string, level: number) => {
        const id = plan.createNode({ kind: KINDS[level]!, parent, title: `${KINDS[level]} ${++count}` } as Parameters<Plan['createNode']>[0]);
        for (const child of shape.children) create(child, id, level + 1);
      };
      for (const strategy of strategies) create(strategy, ROOT_ID, 0);
      plan.index.refresh(T0);
      expect(tree(plan).length).toBe(count);
      const csv = resavedBySpreadsheet(exportPlanCsv(plan));
      const preview = previewOfCsv(csv);
      expect(preview.problems).toEqual([]);
      const { copy, applied } = importIntoNewPlan(preview);
      expect(applied.ok).toBe(true);
      expect(tree(copy)).toEqual(tree(plan));
    }), { numRuns: 40 });
  });

  it('the row a spreadsheet changed says what it was read as; a real duplicate is still refused', () => {
    const header = 'Outline,Type,Title\r\n';
    const objectives = Array.from({ length: 10 }, (_, index) => `1.${index + 1},Objective,O${index + 1}\r\n`).join('');
    const preview = (csv: string) => {
      const read = readCsv(new TextEncoder().encode(csv));
      if (!read.ok) throw new Error(read.problem.message);
      return buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: 'unused', now: T0 });
    };
    const resaved = preview(resavedBySpreadsheet(`${header}1,Strategy,Grow\r\n${objectives}1.10.1,Key result,KR of O10\r\n`));
    expect(resaved.problems).toEqual([]);
    expect(resaved.rows.flatMap((row) => row.warnings)).toContain('outline number 1.1 read as 1.10: it follows 1.9 (a spreadsheet turned 1.10 into the number 1.1)');
    const duplicate = preview(`${header}1,Strategy,Grow\r\n1.1,Objective,A\r\n1.2,Objective,B\r\n1.2,Objective,C\r\n`);
    expect(duplicate.problems.map((problem) => problem.message)).toEqual(['Row 5: outline number 1.2 is used by row 4 too.']);
  });
});
