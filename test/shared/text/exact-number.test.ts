// inputs36, thirty-second session: a number with more significant digits than a double keeps
// (12345678901234567890) was stored as 12345678901234567000 and shown as that, without a word — typed into
// a field or a check-in, read from a CSV or XLSX cell, or from a plan file. One rule now
// (shared/text/exact-number.ts): kept exactly as written, or refused naming the digits, the limit (15)
// and what it would have become.
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { applyImport, buildImportPreview, detectMapping, parsePlanFile, readCsv, readNumber, readXlsx } from '../../../shared/files/index.js';
import { readTypedMeasure, readTypedNumber } from '../../../shared/text/typed-number.js';
import { inexactNumberProblem, significantDigits } from '../../../shared/text/exact-number.js';
import { newPlan, T0 } from '../model/support.js';
import { docState } from '../files/support/plan-outline.js';
import { xlsxBytes } from '../files/support/xlsx-writer.js';

const TWENTY = '12345678901234567890';
const SAID = /"12345678901234567890" has 20 significant digits; a number is kept exactly with at most 15 \(this one would become 12345678901234567000\)/;

describe('the rule', () => {
  it('counts significant digits and takes what the double shows back', () => {
    expect(significantDigits('-0012.3400e5')).toBe('1234');
    expect(inexactNumberProblem('123456789012345', 123456789012345)).toBeNull();
    // Longer, but the double shows exactly these digits: kept.
    expect(inexactNumberProblem('0.30000000000000004', 0.30000000000000004)).toBeNull();
    expect(inexactNumberProblem('100000000000000000000000', 1e23)).toBeNull();
    expect(inexactNumberProblem(TWENTY, Number(TWENTY))).toMatch(SAID);
    expect(inexactNumberProblem('9007199254740993', Number('9007199254740993'))).toMatch(/would become 9007199254740992/);
    // review37b B5: what it would become is as short as the input shown (5e-324 was written with its 323 zeros).
    expect(inexactNumberProblem('4.9406564584124654e-324', Number('4.9406564584124654e-324'))).toMatch(/would become 5e-324\)/);
    expect(inexactNumberProblem('1.23456789012345678e-30', Number('1.23456789012345678e-30'))).toMatch(/would become 1\.2345678901234568e-30\)/);
    expect(inexactNumberProblem('1.79769313486231570000001e308', Number('1.79769313486231570000001e308'))).toMatch(/would become 1\.7976931348623157e\+308\)/);
  });
});

describe('a typed number', () => {
  it('is refused when it has more digits than the plan keeps, never rounded', () => {
    expect(readTypedNumber(TWENTY)).toEqual({ ok: false, problem: expect.stringMatching(SAID) });
    expect(readTypedNumber('12 345 678 901 234 567 890')).toMatchObject({ ok: false, problem: expect.stringMatching(/has 20 significant digits/) });
    expect(readTypedNumber('0.12345678901234567890')).toMatchObject({ ok: false });
    expect(readTypedMeasure(`${TWENTY} €`, '€', 'this key result')).toMatchObject({ ok: false, problem: expect.stringMatching(SAID) });
    expect(readTypedNumber('123456789012345')).toEqual({ ok: true, value: 123456789012345 });
    expect(readTypedNumber('1.5e6')).toEqual({ ok: true, value: 1_500_000 });
  });
});

describe('a CSV cell', () => {
  it('is refused in the preview, by row and column, and nothing changed is stored', () => {
    expect(readNumber(TWENTY, 'dot')).toMatchObject({ ok: false, problem: expect.stringMatching(SAID) });
    expect(readNumber('12,345,678,901,234,567,890', 'dot')).toMatchObject({ ok: false });
    expect(readNumber('1.2345678901234567890E+19', 'dot')).toMatchObject({ ok: false });
    expect(readNumber(`${TWENTY}/10`, 'dot')).toMatchObject({ ok: false });
    expect(readNumber('45%', 'dot')).toMatchObject({ ok: true });
    const read = readCsv(strToU8(`Type,Title,Start,Target\nObjective,Grow,,\nKey result,Users,0,${TWENTY}\n`));
    if (!read.ok) throw new Error(read.problem.message);
    const preview = buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: 'Imported' });
    expect(preview.problems.map((problem) => problem.message)).toEqual([expect.stringMatching(/^Row 3: column D "Target": "12345678901234567890" has 20 significant digits/)]);
    // The row says what is wrong with its target, not that it has none.
    expect(preview.rows.find((row) => row.row === 3)?.warnings ?? []).not.toContain('no target value: progress cannot be measured');
    const { plan } = newPlan();
    const before = docState(plan.doc);
    expect(applyImport(plan, preview, { now: T0 }).ok).toBe(false);
    expect(docState(plan.doc)).toBe(before);
  });
});

describe('an XLSX number cell', () => {
  it('with more digits than a double keeps is read as its digits, so a number column refuses it', async () => {
    const parts = unzipSync(xlsxBytes([['Type', 'Title', 'Start', 'Target'], ['Objective', 'Grow', '', ''], ['Key result', 'Users', 0, 5]]));
    const sheet = new TextDecoder().decode(parts['xl/worksheets/sheet1.xml']!);
    parts['xl/worksheets/sheet1.xml'] = strToU8(sheet.replace(/(<c r="D3"[^>]*>)<v>5<\/v>/, `$1<v>${TWENTY}</v>`));
    expect(new TextDecoder().decode(parts['xl/worksheets/sheet1.xml']!)).toContain(TWENTY);
    const read = await readXlsx(zipSync(parts));
    if (!read.ok) throw new Error(read.problem.message);
    const preview = buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: 'Imported' });
    expect(preview.problems.map((problem) => problem.message)).toEqual([expect.stringMatching(/^Row 3: column D "Target": "12345678901234567890" has 20 significant digits/)]);
  });

  it('as Excel writes a double (17 digits) is read as that double', async () => {
    const parts = unzipSync(xlsxBytes([['Type', 'Title', 'Start', 'Target'], ['Objective', 'Grow', '', ''], ['Key result', 'Users', 0, 5]]));
    const sheet = new TextDecoder().decode(parts['xl/worksheets/sheet1.xml']!);
    parts['xl/worksheets/sheet1.xml'] = strToU8(sheet.replace(/(<c r="D3"[^>]*>)<v>5<\/v>/, '$1<v>0.10000000000000001</v>'));
    const read = await readXlsx(zipSync(parts));
    if (!read.ok) throw new Error(read.problem.message);
    expect(read.table.rows[2]![3]).toBe(0.1);
  });
});

describe('a plan file', () => {
  it('holding a number with more digits than the plan keeps is refused, naming the line and the field', () => {
    const file = `{\n  "format": "throughline-plan",\n  "version": 3,\n  "nodes": [\n    { "id": "n1", "fields": { "target": ${TWENTY} } }\n  ]\n}`;
    const parsed = parsePlanFile(file);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problem.message).toMatch(/line 5 \("target"\): "12345678901234567890" has 20 significant digits; a number is kept exactly with at most 15 \(this one would become 12345678901234567000\)\. Round it in the file to 15 significant digits or fewer and open it again; nothing was opened\./);
  });

  it('does not read digits inside text as a number', () => {
    const parsed = parsePlanFile(`{ "format": "throughline-plan", "version": 3, "title": "${TWENTY}" }`);
    if (!parsed.ok) expect(parsed.problem.message).not.toMatch(/significant digits/);
  });
});
