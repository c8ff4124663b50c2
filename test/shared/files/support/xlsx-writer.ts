/**
 * Writes a real, minimal Office Open XML workbook (one sheet, shared strings, numbers as numeric
 * cells, dates as serial numbers with a date style), so fixtures are what Excel and LibreOffice
 * produce rather than CSV renamed. `npm run fixtures:xlsx`-free: tests call it and a committed
 * fixture is checked to equal its output.
 */
import { strToU8, zipSync } from 'fflate';

/**
 * A cell to write: text, a number, a calendar date (written as an Excel serial with a date format),
 * empty, or a `<c>` element written as given (`{ref}` becomes its reference): a cell no reader expects.
 */
export type XlsxCell = string | number | { date: string } | { raw: string } | null;

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** The bytes of an .xlsx workbook holding `rows` on a sheet named `sheetName`, then an empty visible sheet for each of `otherSheets`. */
export function xlsxBytes(rows: readonly (readonly XlsxCell[])[], sheetName = 'OKRs', otherSheets: readonly string[] = []): Uint8Array {
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const sheetRows = rows.map((row, r) => {
    const cells = row.map((cell, c) => {
      const ref = `${columnName(c)}${r + 1}`;
      if (cell === null) return '';
      if (typeof cell === 'number') return `<c r="${ref}"><v>${cell}</v></c>`;
      if (typeof cell === 'object' && 'raw' in cell) return cell.raw.replaceAll('{ref}', ref);
      if (typeof cell === 'object') return `<c r="${ref}" s="1"><v>${(Date.parse(`${cell.date}T00:00:00Z`) - EXCEL_EPOCH_MS) / 86_400_000}</v></c>`;
      if (!stringIndex.has(cell)) { stringIndex.set(cell, strings.length); strings.push(cell); }
      return `<c r="${ref}" t="s"><v>${stringIndex.get(cell)}</v></c>`;
    }).join('');
    return `<row r="${r + 1}">${cells}</row>`;
  }).join('');
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'),
    '_rels/.rels': strToU8('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    'xl/workbook.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${escapeXml(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    'xl/_rels/workbook.xml.rels': strToU8('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'),
    'xl/styles.xml': strToU8('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>'),
    'xl/sharedStrings.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((text) => `<si><t xml:space="preserve">${escapeXml(text)}</t></si>`).join('')}</sst>`),
    'xl/worksheets/sheet1.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetRows}</sheetData></worksheet>`),
  };
  otherSheets.forEach((name, index) => {
    const part = `sheet${index + 2}.xml`, id = `rId${index + 10}`;
    files[`xl/worksheets/${part}`] = strToU8('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>');
    const text = (file: string) => new TextDecoder().decode(files[file]);
    files['[Content_Types].xml'] = strToU8(text('[Content_Types].xml').replace('</Types>', `<Override PartName="/xl/worksheets/${part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`));
    files['xl/_rels/workbook.xml.rels'] = strToU8(text('xl/_rels/workbook.xml.rels').replace('</Relationships>', `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/${part}"/></Relationships>`));
    files['xl/workbook.xml'] = strToU8(text('xl/workbook.xml').replace('</sheets>', `<sheet name="${escapeXml(name)}" sheetId="${index + 2}" r:id="${id}"/></sheets>`));
  });
  // A fixed modification time keeps the committed fixture byte-identical to the generator's output.
  return zipSync(files, { mtime: new Date(Date.UTC(2025, 0, 1)) });
}

/** The typed-rows workbook committed as fixtures/okrs-typed-rows.xlsx. */
export const TYPED_ROWS_WORKBOOK: readonly (readonly XlsxCell[])[] = [
  ['Northwind OKRs — Q4 2025', null, null, null, null, null, null, null],
  [null, null, null, null, null, null, null, null],
  ['Type', 'Title', 'Owner', 'Team', 'Start', 'Target', 'Current', 'Due date'],
  ['Objective', 'Delight enterprise customers', 'Dana Reyes', 'Customer Success', null, null, null, null],
  ['Key result', 'Net revenue retention', 'Dana Reyes', 'Customer Success', 1.02, 1.15, 1.06, null],
  ['Initiative', 'Quarterly business reviews for top 50 accounts', 'sam@northwind.example', 'Customer Success', null, null, null, { date: '2025-12-15' }],
  ['Task', 'Build the QBR deck template', 'sam@northwind.example', 'Customer Success', null, null, null, { date: '2025-10-31' }],
  ['Key result', 'Enterprise tickets reopened', 'Priya Shah', 'Support', 18, 5, 11, null],
  ['Objective', 'Make onboarding self-serve', 'Lena Novak', 'Product', null, null, null, null],
  ['KR', 'Accounts live within 7 days', 'Lena Novak', 'Product', '35%', '80%', '52%', null],
  [null, null, null, null, null, null, null, null],
  ['Total', null, null, null, null, null, null, null],
];
