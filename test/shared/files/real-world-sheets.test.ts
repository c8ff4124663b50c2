// Spreadsheets as Excel, LibreOffice, Google Sheets and Numbers write them, read by the real reader
// and import preview (fifteenth session, usercheck6): every row imported exactly or named on its row.
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildImportPreview, detectMapping, readSpreadsheet, type ImportPreview, type SheetTable } from '../../../shared/files/index.js';
import { xlsxBytes, type XlsxCell } from './support/xlsx-writer.js';

async function tableOf(fileName: string, bytes: Uint8Array): Promise<SheetTable> {
  const read = await readSpreadsheet(fileName, bytes);
  if (!read.ok) throw new Error(read.problem.message);
  return read.table;
}

function previewOf(table: SheetTable): ImportPreview {
  return buildImportPreview(table, detectMapping(table), { strategyTitle: 'Imported' });
}

/** The workbook of `rows` with its sheet's XML passed through `edit` (a cell or row attribute no writer helper makes). */
function editedWorkbook(rows: readonly (readonly XlsxCell[])[], edit: (sheetXml: string) => string): Uint8Array {
  const parts = unzipSync(xlsxBytes(rows));
  parts['xl/worksheets/sheet1.xml'] = strToU8(edit(strFromU8(parts['xl/worksheets/sheet1.xml']!)));
  return zipSync(parts);
}

const nodesByTitle = (preview: ImportPreview) => new Map([...preview.nodes.values()].map((node) => [node.title, node]));
/**
 * What a sheet without a Start column says of its key results with a target (review41 item 2), once for the
 * sheet since leftovers42 (each key result row said it before: 300 times on a 300-row sheet).
 */
const noStartColumn = (count: number, rows: string) => `The sheet has no Start column: ${count} key results have a target and no start (rows ${rows}), so their progress cannot be measured until a start is set; none is assumed.`;

describe('dates written as ISO text (t="d")', () => {
  const zone = process.env.TZ;
  beforeEach(() => { process.env.TZ = 'Europe/Berlin'; });
  afterEach(() => { if (zone === undefined) delete process.env.TZ; else process.env.TZ = zone; });

  it('keep the date as written east of Greenwich: 2025-10-02T00:00:00 is 2 October, not 1 October', async () => {
    // LibreOffice and Excel's strict format write a date cell as `t="d"` with a local time and no zone.
    const bytes = editedWorkbook([['Type', 'Title', 'Start date', 'Due date'], ['Objective', 'Grow', null, null], ['Key result', 'Revenue', null, null], ['Initiative', 'Launch', null, null]],
      (xml) => xml.replace(/(<row r="4">.*?)(<\/row>)/, '$1<c r="C4" t="d"><v>2025-10-02T00:00:00</v></c><c r="D4" t="d"><v>2025-12-31T00:00:00.000+01:00</v></c>$2'));
    const table = await tableOf('plan.xlsx', bytes);
    expect(new Date('2025-10-02T00:00:00').toISOString().slice(0, 10)).toBe('2025-10-01'); // the zone is in force
    expect(table.rows[3]!.slice(2)).toEqual(['2025-10-02', '2025-12-31']);
    const launch = nodesByTitle(previewOf(table)).get('Launch')!;
    expect(launch.fields).toMatchObject({ startDate: '2025-10-02', dueDate: '2025-12-31' });
    expect(launch.warnings).toEqual([]);
  });

  it('a t="d" cell that is no calendar date is named on its row, not read as empty unseen', async () => {
    const bytes = editedWorkbook([['Type', 'Title', 'Due date'], ['Objective', 'Grow', null], ['Key result', 'Revenue', null], ['Initiative', 'Launch', null]],
      (xml) => xml.replace(/(<row r="4">.*?)(<\/row>)/, '$1<c r="C4" t="d"><v>2025-02-30T00:00:00</v></c>$2'));
    const launch = nodesByTitle(previewOf(await tableOf('plan.xlsx', bytes))).get('Launch')!;
    expect(launch.fields.dueDate).toBeNull();
    expect(launch.warnings).toEqual(['C4: the cell cannot be read (it holds the date "2025-02-30T00:00:00", which is not a calendar date); read as empty']);
  });
});

describe('a value in a column its row\'s kind has no place for', () => {
  const bom = (text: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...strToU8(text)]);

  it('is named on its row (a due date on a key result, a target on an objective), never dropped unseen', async () => {
    // Excel's "CSV UTF-8": a byte-order mark, CRLF, a quoted line break; one row per key result with the
    // team's due date column filled on key results too, and an objective row of its own with a target.
    const table = await tableOf('okrs.csv', bom('Objective,Key result,Target,Due date,Description\r\n'
      + 'Grow EU,,100,,"Why:\nbecause"\r\nGrow EU,Revenue,5,2025-09-30,\r\nGrow EU,Logos,45,,\r\n'));
    const preview = previewOf(table);
    expect(preview.problems).toEqual([]);
    const nodes = nodesByTitle(preview);
    expect(nodes.get('Grow EU')!.fields.description).toBe('Why:\nbecause');
    expect(nodes.get('Grow EU')!.warnings).toEqual(['column C "Target": an objective has no target value; "100" not imported']);
    expect(nodes.get('Revenue')!.fields).toMatchObject({ target: 5, dueDate: null });
    // The sheet has no Start column: said once for the sheet, naming both key results' rows (review41 item 2,
    // leftovers42); the row says what is its own, the due date.
    expect(preview.columnNotes[0]).toBe(noStartColumn(2, '3 and 4'));
    expect(nodes.get('Revenue')!.warnings).toEqual(['column D "Due date": a key result has no due date; "2025-09-30" not imported']);
    expect(nodes.get('Logos')!.warnings).toEqual([]);
    expect(preview.rows.find((row) => row.row === 3)!.warnings).toHaveLength(1);
  });

  it('typed rows: a period on an initiative and a start date on a task are named; the ones they fit are kept', async () => {
    const table = await tableOf('plan.csv', strToU8('Type;Title;Period;Start date;Due date\r\nObjective;Grow;Q3 2025;;\r\nKey result;Revenue;;;\r\n'
      + 'Initiative;Launch;Q3 2025;13/07/2025;30/09/2025\r\nTask;Ship;;14/07/2025;15/07/2025\r\n'));
    const nodes = nodesByTitle(previewOf(table));
    expect(nodes.get('Grow')!.fields.period).toMatchObject({ name: 'Q3 2025', start: '2025-07-01', end: '2025-09-30' });
    expect(nodes.get('Launch')!.fields).toMatchObject({ startDate: '2025-07-13', dueDate: '2025-09-30', period: null });
    expect(nodes.get('Launch')!.warnings).toEqual(['column C "Period": an initiative has no period; "Q3 2025" not imported']);
    expect(nodes.get('Ship')!.fields).toMatchObject({ startDate: null, dueDate: '2025-07-15' });
    expect(nodes.get('Ship')!.warnings).toEqual(['column D "Start date": a task has no start date; "14/07/2025" not imported']);
  });
});

describe('dates of a file whose own cells settle the day/month order', () => {
  it('a 01/07/2025 in a day-first file (30/09/2025 elsewhere) reads as 1 July without a warning; alone it keeps its warning', async () => {
    // A British team's sheet: every date day first; only those after the 12th show it.
    const csv = (dates: readonly string[]) => strToU8(`Type,Title,Start date,Due date\r\nObjective,Grow,,\r\nKey result,Revenue,,\r\n${dates.map((due, index) => `Initiative,Launch ${index + 1},,${due}\r\n`).join('')}`);
    const settled = previewOf(await tableOf('plan.csv', csv(['01/07/2025', '30/09/2025', '05/11/2025'])));
    const launches = [...settled.nodes.values()].filter((node) => node.kind === 'initiative');
    expect(launches.map((node) => node.fields.dueDate)).toEqual(['2025-07-01', '2025-09-30', '2025-11-05']);
    expect(launches.flatMap((node) => node.warnings)).toEqual([]);
    const alone = previewOf(await tableOf('plan.csv', csv(['01/07/2025', '05/11/2025'])));
    expect([...alone.nodes.values()].filter((node) => node.kind === 'initiative').map((node) => node.warnings)).toEqual([
      ['column D "Due date": "01/07/2025" could be day/month or month/day; read as 2025-07-01 (day first)'],
      ['column D "Due date": "05/11/2025" could be day/month or month/day; read as 2025-11-05 (day first)'],
    ]);
  });

  it('a dotted date (German Excel\'s 05.12.2026) is day first: no warning, and not read month first beside an American 09/30/2025', async () => {
    const csv = (dates: readonly string[]) => strToU8(`Typ;Titel;Start;Fälligkeit\r\nZiel;Wachsen;;\r\nSchlüsselergebnis;Umsatz;;\r\n${dates.map((due, index) => `Initiative;Start ${index + 1};;${due}\r\n`).join('')}`);
    const dotted = previewOf(await tableOf('plan.csv', csv(['05.12.2026', '01.03.2027', '12.01.27'])));
    const launches = [...dotted.nodes.values()].filter((node) => node.kind === 'initiative');
    expect(launches.map((node) => node.fields.dueDate)).toEqual(['2026-12-05', '2027-03-01', '2027-01-12']);
    expect(launches.flatMap((node) => node.warnings)).toEqual([]);
    // Someone's American date settles month first for the slash dates; the dotted one stays day first.
    const mixed = previewOf(await tableOf('plan.csv', csv(['09/30/2025', '05.12.2026', '03/04/2026'])));
    const mixedLaunches = [...mixed.nodes.values()].filter((node) => node.kind === 'initiative');
    expect(mixedLaunches.map((node) => node.fields.dueDate)).toEqual(['2025-09-30', '2026-12-05', '2026-03-04']);
    expect(mixedLaunches.flatMap((node) => node.warnings)).toEqual([]);
  });
});

// usercheck12: a CSV's date column holding Excel's serial day number ("46361", the column not formatted
// as a date when it was saved) refused the row as "not a date". A plausible serial is read, and the row
// says what it was read as; an implausible number is still refused, with the date it would have been.
describe('an Excel serial day number in a CSV date column', () => {
  it('is read as the date it is, with a warning on its row; a number outside 1990–2099 is refused', async () => {
    const csv = strToU8('Type,Title,Start date,Due date\r\nObjective,Grow,,\r\nKey result,Revenue,,\r\nInitiative,Launch,45658,46361\r\nInitiative,Budget,,12345\r\nInitiative,Written,,2026-12-05\r\n');
    const preview = previewOf(await tableOf('plan.csv', csv));
    const nodes = nodesByTitle(preview);
    expect(nodes.get('Launch')!.fields).toMatchObject({ startDate: '2025-01-01', dueDate: '2026-12-05' });
    expect(nodes.get('Launch')!.warnings).toEqual([
      'column C "Start date": "45658" is a spreadsheet date number, not a written date; read as 2025-01-01',
      'column D "Due date": "46361" is a spreadsheet date number, not a written date; read as 2026-12-05',
    ]);
    expect(preview.rows.filter((row) => row.warnings.length > 0).map((row) => row.row)).toEqual([3, 4]);
    expect(nodes.get('Written')!.warnings).toEqual([]);
    expect(preview.problems.map((problem) => problem.message)).toEqual([
      'Row 5: column D "Due date": "12345" is not a date: as a spreadsheet date number it would be 1933-10-18, outside 1990–2099 (write 2025-09-30, 30/09/2025 or 09/30/2025).',
    ]);
  });
});

// usercheck13: an XLSX date column holding plain numbers (the column not styled as a date) was read as
// Excel serials for any 1..2958465, without a word: a budget of 1200 typed in the wrong column became
// 1903-04-14. It is read as the CSV text is: 1990–2099 with a warning, else refused naming the date.
describe('an Excel serial day number in an XLSX date column without a date style', () => {
  it('is read as the date it is, with a warning on its row; a number outside 1990–2099 is refused', async () => {
    const bytes = xlsxBytes([
      ['Type', 'Title', 'Start date', 'Due date'], ['Objective', 'Grow', null, null], ['Key result', 'Revenue', null, null],
      ['Initiative', 'Launch', 45658, 46361], ['Initiative', 'Budget', null, 1200], ['Initiative', 'Styled', null, { date: '2026-12-05' }],
    ]);
    const preview = previewOf(await tableOf('plan.xlsx', bytes));
    const nodes = nodesByTitle(preview);
    expect(nodes.get('Launch')!.fields).toMatchObject({ startDate: '2025-01-01', dueDate: '2026-12-05' });
    expect(nodes.get('Launch')!.warnings).toEqual([
      'column C "Start date": "45658" is a spreadsheet date number, not a written date; read as 2025-01-01',
      'column D "Due date": "46361" is a spreadsheet date number, not a written date; read as 2026-12-05',
    ]);
    // A cell styled as a date is a date: read without a warning.
    expect(nodes.get('Styled')!.fields).toMatchObject({ dueDate: '2026-12-05' });
    expect(nodes.get('Styled')!.warnings).toEqual([]);
    expect(preview.problems.map((problem) => problem.message)).toEqual([
      'Row 5: column D "Due date": "1200" is not a date: as a spreadsheet date number it would be 1903-04-14, outside 1990–2099 (write 2025-09-30, 30/09/2025 or 09/30/2025).',
    ]);
  });
});

describe('rows hidden in the sheet', () => {
  const rows: XlsxCell[][] = [['Objective', 'Key result', 'Target'], ['Grow', 'Revenue', 5], ['Grow', 'Old KR (archived)', 2], ['Grow', 'Logos', 45], ['Win', 'NPS', 40]];

  it('are imported and each says it was hidden (Excel hidden="1", LibreOffice hidden="true" beside hidden="false")', async () => {
    const excel = editedWorkbook(rows, (xml) => xml.replace('<row r="3">', '<row r="3" hidden="1">').replace('</sheetData>', '<row r="1048576" hidden="1"/></sheetData>'));
    const libreOffice = editedWorkbook(rows, (xml) => xml.replace(/<row r="(\d)">/g, (_, row: string) => `<row r="${row}" customFormat="false" ht="12.8" hidden="${row === '3' ? 'true' : 'false'}" customHeight="false" outlineLevel="0" collapsed="false">`));
    for (const bytes of [excel, libreOffice]) {
      const table = await tableOf('okrs.xlsx', bytes);
      expect(table.hiddenRows).toEqual([3]);
      const preview = previewOf(table);
      expect(preview.problems).toEqual([]);
      const nodes = nodesByTitle(preview);
      expect(nodes.get('Old KR (archived)')!.fields.target).toBe(2);
      expect(nodes.get('Old KR (archived)')!.warnings).toEqual(['the row is hidden in the spreadsheet (by hand or by a filter); imported like the others']);
      // The sheet says once that its key results have no start (it has no Start column); only row 3 says it is hidden.
      expect(preview.columnNotes[0]).toBe(noStartColumn(4, '2, 3, 4 and 5'));
      expect(preview.rows.filter((row) => row.warnings.length > 0).map((row) => row.row)).toEqual([3]);
    }
  });

  it('a hidden row holding an objective and its key result says it once', async () => {
    const table = await tableOf('okrs.xlsx', editedWorkbook(rows, (xml) => xml.replace('<row r="5">', '<row r="5" hidden="1">')));
    const preview = previewOf(table);
    const warned = [...preview.nodes.values()].filter((node) => node.warnings.length > 0).map((node) => [node.title, node.warnings]);
    expect(warned).toEqual([['Win', ['the row is hidden in the spreadsheet (by hand or by a filter); imported like the others']]]);
    expect(preview.columnNotes[0]).toBe(noStartColumn(4, '2, 3, 4 and 5'));
  });
});

describe('headers and types in German, French and Spanish', () => {
  it('a German Excel "CSV UTF-8" (semicolons, decimal commas, day-first dates) reads every column and kind', async () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf]);
    const text = 'Typ;Titel;Verantwortlich;Startwert;Zielwert;Aktuell;Fällig am;Priorität\r\n'
      + 'Ziel;Wachstum in DACH;Anna Schmidt;;;;;\r\n'
      + 'Schlüsselergebnis;Umsatz DACH (Mio. €);Anna Schmidt;1,5;2,5;1,75;;Hoch\r\n'
      + 'Maßnahme;Büro München eröffnen;Jonas Weber;;;;30.09.2025;\r\n'
      + 'Aufgabe;Mietvertrag prüfen;Jonas Weber;;;;15.08.2025;\r\n';
    const table = await tableOf('okr-de.csv', new Uint8Array([...bom, ...strToU8(text)]));
    const mapping = detectMapping(table);
    expect(mapping).toMatchObject({ columns: ['type', 'title', 'owner', 'start', 'target', 'current', 'dueDate', 'priority'], layout: 'typed-rows', decimalMark: 'comma', dateOrder: 'dmy' });
    const preview = previewOf(table);
    expect(preview.problems).toEqual([]);
    expect([...preview.nodes.values()].map((node) => [node.kind, node.title])).toEqual([
      ['objective', 'Wachstum in DACH'], ['key_result', 'Umsatz DACH (Mio. €)'], ['initiative', 'Büro München eröffnen'], ['task', 'Mietvertrag prüfen'], ['strategy', 'Imported'],
    ]);
    const nodes = nodesByTitle(preview);
    expect(nodes.get('Umsatz DACH (Mio. €)')!.fields).toMatchObject({ start: 1.5, target: 2.5, current: 1.75, owner: { name: 'Anna Schmidt' } });
    expect(nodes.get('Büro München eröffnen')!.fields.dueDate).toBe('2025-09-30');
    expect(nodes.get('Mietvertrag prüfen')!.fields.dueDate).toBe('2025-08-15');
  });

  it('status and priority words in German, French and Spanish are read, with or without accents', async () => {
    const text = 'Typ;Titel;Status;Priorität\r\nZiel;Wachstum;Auf Kurs;Hoch\r\nSchlüsselergebnis;Umsatz;Gefährdet;mittel\r\n'
      + 'Maßnahme;Büro eröffnen;In Arbeit;Kritisch\r\nAufgabe;Vertrag prüfen;Blockiert;niedrig\r\nAufgabe;Tâche;Terminé;Basse\r\nAufgabe;Tarea;completado;alta\r\n';
    const preview = previewOf(await tableOf('okr-de.csv', strToU8(text)));
    expect(preview.problems).toEqual([]);
    const read = [...preview.nodes.values()].filter((node) => node.row > 0).map((node) => [node.title, node.fields.status ?? node.fields.checkInStatus, node.fields.priority, node.warnings]);
    expect(read).toEqual([
      ['Wachstum', 'on_track', 'high', []],
      ['Umsatz', 'at_risk', 'medium', ['no target value: progress cannot be measured']],
      ['Büro eröffnen', 'active', 'critical', []],
      ['Vertrag prüfen', 'blocked', 'low', []],
      ['Tâche', 'done', 'low', []],
      ['Tarea', 'done', 'high', []],
    ]);
  });

  it('French and Spanish one-row-per-key-result sheets, with or without accents in the headers', async () => {
    const french = await tableOf('okr-fr.csv', strToU8('Objectif,Résultat clé,Valeur de départ,Cible,Responsable,Date d\'échéance\nCroître,Clients actifs,100,250,Marie Dupont,\n'));
    expect(detectMapping(french).columns).toEqual(['objective', 'keyResult', 'start', 'target', 'owner', 'dueDate']);
    const spanish = await tableOf('okr-es.csv', strToU8('OBJETIVO,RESULTADO CLAVE,VALOR INICIAL,VALOR OBJETIVO,RESPONSABLE,PRIORIDAD\nCrecer,Clientes activos,10,40,Lucía Gómez,alta\n'));
    expect(detectMapping(spanish).columns).toEqual(['objective', 'keyResult', 'start', 'target', 'owner', 'priority']);
    const unaccented = await tableOf('okr.csv', strToU8('Objectif,Resultat cle,Cible\nCroitre,Clients,5\n'));
    expect(detectMapping(unaccented).columns).toEqual(['objective', 'keyResult', 'target']);
    const keyResult = [...previewOf(french).nodes.values()].find((node) => node.kind === 'key_result')!;
    expect(keyResult.fields).toMatchObject({ start: 100, target: 250, owner: { name: 'Marie Dupont' } });
  });
});
