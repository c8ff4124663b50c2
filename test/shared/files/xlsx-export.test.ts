// The XLSX export (review37a F9): the CSV's columns as typed cells — text as text (so `1.10` stays
// `1.10`, F2), numbers as numbers, dates as dates, manual progress as a percentage — with a frozen
// header, and read back by our own import to the same plan. Random plans from fast-check.
import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  applyImport, buildImportPreview, detectMapping, EXPORT_COLUMNS, exportPlanCsv, exportPlanXlsx, readCsv, readXlsx, XLSX_CELL_LIMIT, xlsxString, type Cell,
} from '../../../shared/files/index.js';
import { checkInValueLimit, planTypes, ROOT_ID, type Plan } from '../../../shared/model/index.js';
import { DAY, newPlan, T0 } from '../model/support.js';
import { buildPlan, comparable, concurrentEdits, expectedAfterImport, nodeArb } from './support/random-plan.js';
import { outlineLines } from './support/plan-outline.js';
import { checkInValue, finiteNumber, oneKeyResult } from './support/one-key-result.js';
import { unescapeXlsxString } from '../../../shared/files/xlsx-xml.js';

async function tableOf(bytes: Uint8Array): Promise<Cell[][]> {
  const read = await readXlsx(bytes);
  if (!read.ok) throw new Error(read.problem.message);
  return read.table.rows;
}

/** The plan an import of the workbook into an empty plan gives, after checking the preview has no problem. */
async function imported(bytes: Uint8Array): Promise<Plan> {
  const read = await readXlsx(bytes);
  if (!read.ok) throw new Error(read.problem.message);
  const preview = buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: 'unused', now: T0 });
  expect(preview.problems).toEqual([]);
  const { plan: copy } = newPlan({ prefix: 'c' });
  expect(applyImport(copy, preview, { now: T0 }).ok).toBe(true);
  return copy;
}

function part(bytes: Uint8Array, name: string): string {
  return strFromU8(unzipSync(bytes)[name]!);
}

/**
 * The workbook's string cells as its XML holds them, by reference, with their style: what Excel, Numbers
 * or a script shows, read without our importer (which takes the CSV's guarding apostrophe off).
 */
function workbookCells(bytes: Uint8Array): Map<string, { style: number; text: string }> {
  const strings = [...part(bytes, 'xl/sharedStrings.xml').matchAll(/<si><t(?: xml:space="preserve")?>([^<]*)<\/t><\/si>/g)]
    .map(([, text]) => unescapeXlsxString(text!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&')));
  const cells = new Map<string, { style: number; text: string }>();
  for (const [, reference, style, index] of part(bytes, 'xl/worksheets/sheet1.xml').matchAll(/<c r="([A-Z]+\d+)" s="(\d+)" t="s"><v>(\d+)<\/v><\/c>/g)) {
    cells.set(reference!, { style: Number(style), text: strings[Number(index)]! });
  }
  return cells;
}

describe('XLSX export round trip', () => {
  it('a plan exported as XLSX imports back into an empty plan as the same tree, fields, current values and confidences', async () => {
    await fc.assert(fc.asyncProperty(fc.array(nodeArb('strategy', 0), { minLength: 1, maxLength: 3 }), fc.boolean(), async (roots, cross) => {
      const { plan, doc } = newPlan({ time: T0 - 12 * DAY });
      buildPlan(plan, roots);
      concurrentEdits(plan, doc, cross);
      plan.index.refresh(T0);
      const { bytes, cutCells } = exportPlanXlsx(plan);
      expect(cutCells).toBe(0);
      const copy = await imported(bytes);
      expect(comparable(copy)).toEqual(expectedAfterImport(plan));
      const values = (target: Plan) => [...target.index.walk()].map((id) => target.index.node(id)!.value);
      expect(values(copy)).toEqual(values(plan));
      const confidences = (target: Plan) => [...target.index.walk()].map((id) => target.index.checkIns(id).map((checkIn) => checkIn.confidence).filter((c) => c !== null).at(-1) ?? null);
      expect(confidences(copy)).toEqual(confidences(plan));
      // The same plan as its CSV gives: one export is not richer or poorer than the other.
      const csv = readCsv(new TextEncoder().encode(exportPlanCsv(plan)));
      if (!csv.ok) throw new Error(csv.problem.message);
      const { plan: fromCsv } = newPlan({ prefix: 'c' });
      applyImport(fromCsv, buildImportPreview(csv.table, detectMapping(csv.table), { strategyTitle: 'unused', now: T0 }), { now: T0 });
      expect(outlineLines(copy, T0)).toEqual(outlineLines(fromCsv, T0));
    }), { numRuns: 30 });
  });

  it('any finite start, target and current comes back as the same number (a constant cell is the double written, not rounded to 15 digits)', async () => {
    await fc.assert(fc.asyncProperty(finiteNumber, finiteNumber, checkInValue, async (start, target, current) => {
      fc.pre(start !== target && Math.abs(current) <= checkInValueLimit({ fields: { start, target } }));
      const plan = oneKeyResult(start, target, current);
      const copy = await imported(exportPlanXlsx(plan).bytes);
      const values = (target: Plan) => {
        target.index.refresh(T0);
        const node = target.index.node([...target.index.walk()].find((id) => target.index.node(id)!.kind === 'key_result')!)!;
        return [node.fields.start, node.fields.target, node.value];
      };
      expect(values(copy)).toEqual(values(plan));
    }), { numRuns: 60, examples: [[0.1, 0.30000000000000004, 1.0000000000000002], [1e-7, 1e12, -1.5e-300], [0, 999_999_999_999.9999, -Number.MIN_VALUE]] });
  });
});

/** A plan with twelve objectives (outline numbers 1.1 … 1.12), dates, a share and hostile text. */
function twelveObjectives(): Plan {
  const { plan } = newPlan();
  const ana = plan.addPerson({ name: 'Ana Lima', email: 'ana@example.com' });
  const period = plan.addPeriod({ name: 'Q1 2027', start: '2027-01-01', end: '2027-03-31' });
  const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow in Europe' });
  const objectives = Array.from({ length: 12 }, (_, n) => plan.createNode({ kind: 'objective', parent: strategy, title: `Objective ${n + 1}`, owner: ana, period }));
  const objective = objectives[9]!;
  const kr = plan.createNode({ kind: 'key_result', parent: objective, title: '=HYPERLINK("http://evil.example","x")', start: 10, target: 45.5, unit: '%', direction: 'increase' });
  plan.addCheckIn(kr, { value: 20.25, confidence: 7, at: T0 });
  const initiative = plan.createNode({ kind: 'initiative', parent: kr, title: 'Open Berlin', status: 'active', startDate: '2027-01-04', dueDate: '2027-03-31', manualProgress: 0.45 });
  plan.createNode({ kind: 'task', parent: initiative, title: '-5 churn', status: 'blocked', blockedReason: 'Legal; =cmd|\' /C calc\'!A0', dueDate: '1899-12-31' });
  plan.index.refresh(T0);
  return plan;
}

describe('XLSX export cells', () => {
  it('writes text as text (outline 1.10 stays 1.10), numbers as numbers, dates as dates and a share as a percentage', async () => {
    const plan = twelveObjectives();
    const rows = await tableOf(exportPlanXlsx(plan).bytes);
    expect(rows[0]).toEqual([...EXPORT_COLUMNS]);
    const column = (name: (typeof EXPORT_COLUMNS)[number]) => EXPORT_COLUMNS.indexOf(name);
    expect(rows.slice(1, 14).map((row) => row[0])).toEqual(['1', '1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7', '1.8', '1.9', '1.10', '1.10.1', '1.10.1.1']);
    const kr = rows[12]!, initiative = rows[13]!, task = rows[14]!;
    expect([kr[column('Title')], kr[column('Start')], kr[column('Target')], kr[column('Current')], kr[column('Confidence')], kr[column('Unit')]])
      .toEqual(['=HYPERLINK("http://evil.example","x")', 10, 45.5, 20.25, 7, '%']);
    expect(rows[11]![column('Period start')]).toBe('2027-01-01');
    expect([initiative[column('Start date')], initiative[column('Due date')], initiative[column('Manual progress')]]).toEqual(['2027-01-04', '2027-03-31', { percent: 45 }]);
    // Before 1900-03-01 Excel's serials are off by a day (and before 1900 there are none): ISO text.
    expect([task[column('Title')], task[column('Blocked reason')], task[column('Due date')]]).toEqual(['-5 churn', "Legal; =cmd|' /C calc'!A0", '1899-12-31']);
    expect(outlineLines(await imported(exportPlanXlsx(plan).bytes), T0)).toEqual(outlineLines(plan, T0));
  });

  it('types each cell in the XML: shared strings in Text-formatted cells, number and date serial values, a frozen filterable header', () => {
    const { bytes } = exportPlanXlsx(twelveObjectives());
    const sheet = part(bytes, 'xl/worksheets/sheet1.xml');
    expect(sheet).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    expect(sheet).toContain('<autoFilter ref="A1:AE17"/>');
    expect(sheet).toMatch(/<c r="A1" s="1" t="s">/);
    expect(sheet).toMatch(/<c r="A12" s="2" t="s"><v>\d+<\/v><\/c>/);
    expect(sheet).toContain('<c r="H13"><v>10</v></c><c r="I13"><v>45.5</v></c>');
    // 2027-01-04 is serial day 46391 in the 1900 system; 45% is 0.45 in a `0%` cell.
    expect(sheet).toContain('<c r="O14" s="3"><v>46391</v></c>');
    expect(sheet).toContain('<c r="Y14" s="4"><v>0.45</v></c>');
    const styles = part(bytes, 'xl/styles.xml');
    expect(styles.match(/<cellXfs count="7">.*<\/cellXfs>/)![0].match(/numFmtId="\d+"/g)).toEqual(['numFmtId="0"', 'numFmtId="49"', 'numFmtId="49"', 'numFmtId="14"', 'numFmtId="9"', 'numFmtId="10"', 'numFmtId="49"']);
    expect(styles).toContain('<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" quotePrefix="1"/></cellXfs>');
    expect(part(bytes, 'xl/sharedStrings.xml')).toContain('<si><t>1.10</t></si>');
  });

  it('keeps text XML cannot hold, carriage returns and escape-looking underscores exactly', async () => {
    const { plan } = newPlan();
    const description = 'Line one\r\nline two\ttabbed _x0041_ stays, _x_ too';
    const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow _x005F_ & <b>"bold"</b>' });
    plan.setDescription(strategy, description);
    plan.index.refresh(T0);
    const rows = await tableOf(exportPlanXlsx(plan).bytes);
    expect(rows[1]!.slice(2, 4)).toEqual(['Grow _x005F_ & <b>"bold"</b>', description]);
    // A control character (a stored title of an older version's), a lone surrogate, U+FFFF: escaped, and read back as written.
    expect(xlsxString('a\u0007b\uD800c\uFFFF\r_x0041_')).toBe('a_x0007_b_xD800_c_xFFFF__x000D__x005F_x0041_');
    expect(unescapeXlsxString('a_x0007_b_xD800_c_xFFFF__x000D__x005F_x0041_')).toBe('a\u0007b\uD800c\uFFFF\r_x0041_');
  });

  it('cuts a description longer than an Excel cell holds at 32,767 characters between graphemes, and counts it', async () => {
    const { plan } = newPlan();
    const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Long' });
    plan.setDescription(strategy, `${'a'.repeat(XLSX_CELL_LIMIT - 1)}🚀 and more`);
    plan.index.refresh(T0);
    const { bytes, cutCells } = exportPlanXlsx(plan);
    expect(cutCells).toBe(1);
    const kept = (await tableOf(bytes))[1]![3] as string;
    expect(kept).toBe('a'.repeat(XLSX_CELL_LIMIT - 1));
  });

  // review39a F5: the CSV's guarding apostrophe went into the workbook too, so Excel, Numbers or a script
  // showed "'+20% ARR in EMEA", and an apostrophe on every "- " line of a description. Our importer took
  // it off, so a round trip through it could not notice: the workbook's own strings are read here.
  it('writes text as typed, with no guarding apostrophe, marking the cells that start like a formula as Excel does', async () => {
    const { plan } = newPlan();
    const description = 'Steps:\n- hire a lead\n- rent an office\n+ keep the budget; =not a formula';
    const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: '+20% ARR in EMEA' });
    plan.setDescription(strategy, description);
    const objective = plan.createNode({ kind: 'objective', parent: strategy, title: '-5% churn' });
    plan.createNode({ kind: 'key_result', parent: objective, title: "'+1 typed with its apostrophe", start: 0, target: 1 });
    plan.createNode({ kind: 'key_result', parent: objective, title: '@mention, =2+2 inside', start: 0, target: 1 });
    plan.index.refresh(T0);
    const { bytes } = exportPlanXlsx(plan);
    const cells = workbookCells(bytes);
    expect([2, 3, 4, 5].map((row) => cells.get(`C${row}`))).toEqual([
      { style: 6, text: '+20% ARR in EMEA' },
      { style: 6, text: '-5% churn' },
      // Doubled only where the importer takes one off, so it comes back as typed.
      { style: 2, text: "''+1 typed with its apostrophe" },
      { style: 6, text: '@mention, =2+2 inside' },
    ]);
    expect(cells.get('D2')).toEqual({ style: 2, text: description });
    const copy = await imported(bytes);
    copy.index.refresh(T0);
    const descriptionOf = (id: string) => (planTypes(copy.doc).nodes.get(id)?.get('description') ?? '').toString();
    expect([...copy.index.walk()].map((id) => [copy.index.node(id)!.title, descriptionOf(id)])).toEqual([
      ['+20% ARR in EMEA', description], ['-5% churn', ''], ["'+1 typed with its apostrophe", ''], ['@mention, =2+2 inside', ''],
    ]);
  });

  // review40a F9: the reader trims a text cell, so " '+1 budget" was read "'+1 budget" and the importer took
  // the typed apostrophe off as a guard: it came back "+1 budget" (the CSV kept it).
  it('an apostrophe typed after leading spaces comes back, the extra one written after the spaces', async () => {
    const { plan } = newPlan();
    const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: " '+1 budget" });
    plan.createNode({ kind: 'objective', parent: strategy, title: " '=SUM(A1)" });
    plan.index.refresh(T0);
    const { bytes } = exportPlanXlsx(plan);
    const cells = workbookCells(bytes);
    expect([cells.get('C2')?.text, cells.get('C3')?.text]).toEqual([" ''+1 budget", " ''=SUM(A1)"]);
    const copy = await imported(bytes);
    copy.index.refresh(T0);
    expect([...copy.index.walk()].map((id) => copy.index.title(id))).toEqual(["'+1 budget", "'=SUM(A1)"]);
  });

  it('property: a title of spaces, apostrophes, formula starts and separators comes back from the workbook as from the CSV (as typed, its ends trimmed)', async () => {
    const piece = fc.constantFrom(' ', "'", '=', '+', '-', '@', ';', ',', '"', 'a', 'b');
    const run = (char: string) => fc.nat({ max: 2 }).map((n) => char.repeat(n));
    // Spaces, apostrophes and spaces again before the rest, so the guard's places come up often.
    const title = fc.tuple(run(' '), run("'"), run(' '), fc.array(piece, { minLength: 1, maxLength: 8 })).map(([a, b, c, rest]) => `${a}${b}${c}${rest.join('')}`);
    await fc.assert(fc.asyncProperty(fc.array(title, { minLength: 1, maxLength: 4 }), async (titles) => {
      fc.pre(titles.every((title) => title.trim() !== ''));
      const { plan } = newPlan();
      for (const title of titles) plan.createNode({ kind: 'strategy', parent: ROOT_ID, title });
      plan.index.refresh(T0);
      const copy = await imported(exportPlanXlsx(plan).bytes);
      copy.index.refresh(T0);
      const read = readCsv(new TextEncoder().encode(exportPlanCsv(plan)));
      if (!read.ok) throw new Error(read.problem.message);
      const { plan: viaCsv } = newPlan({ prefix: 'v' });
      expect(applyImport(viaCsv, buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: 'unused', now: T0 }), { now: T0 }).ok).toBe(true);
      viaCsv.index.refresh(T0);
      const titlesOf = (target: Plan) => [...target.index.walk()].map((id) => target.index.title(id));
      expect(titlesOf(copy)).toEqual(titlesOf(viaCsv));
      expect(titlesOf(copy)).toEqual(titles.map((title) => title.trim()));
    }), { numRuns: 80 });
  });

  it('gives the same bytes for the same plan', () => {
    expect(exportPlanXlsx(twelveObjectives()).bytes).toEqual(exportPlanXlsx(twelveObjectives()).bytes);
  });
});
