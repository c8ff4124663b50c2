// The CSV export's formula guard holds whichever character a spreadsheet splits a line at (review32
// finding 1; filesfix, thirtieth session). Excel opens a .csv with the list separator of the Windows
// region, `;` in most of continental Europe: text typed after a `;` in a title then starts a cell of its
// own, and a `=` there ran as a formula (`Grow EU;=cmd|' /C calc'!A0;`). Quoting does not help, as under
// `;` the comma-CSV quote is not at a cell's start.
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { applyImport, buildImportPreview, detectMapping, exportPlanCsv, readCsv } from '../../../shared/files/index.js';
import { ROOT_ID, type Plan } from '../../../shared/model/index.js';
import { newPlan, T0 } from '../model/support.js';

/** Every cell a spreadsheet could see, splitting at `,` `;` tab or a line break, its opening quotes read as quoting. */
function cellsUnderAnySeparator(csv: string): string[] {
  return csv.replace(/^\uFEFF/, '').split(/[,;\t\r\n]/).map((cell) => cell.replace(/^"+/, ''));
}

const formulaCells = (csv: string) => cellsUnderAnySeparator(csv).filter((cell) => /^[=+\-@\t\r]/.test(cell));

function importBack(csv: string): Plan {
  const read = readCsv(new TextEncoder().encode(csv));
  if (!read.ok) throw new Error(read.problem.message);
  const preview = buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: 'unused', now: T0 });
  expect(preview.problems).toEqual([]);
  const { plan } = newPlan({ prefix: 'c' });
  expect(applyImport(plan, preview, { now: T0 }).ok).toBe(true);
  plan.index.refresh(T0);
  return plan;
}

const textsOf = (plan: Plan) => [...plan.index.walk()].map((id) => ({ title: plan.index.node(id)!.title, description: plan.index.description(id) }));

describe('CSV export read with another list separator', () => {
  it('the review\'s row: no cell starts a formula when Excel splits the line at ";"', () => {
    const { plan } = newPlan();
    plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: "Grow EU;=cmd|' /C calc'!A0;", description: 'see;+1+2;' });
    plan.index.refresh(T0);
    const csv = exportPlanCsv(plan);
    const line = csv.split('\r\n')[1]!;
    const asSemicolon = Papa.parse<string[]>(line, { delimiter: ';' }).data[0]!;
    expect(asSemicolon.filter((cell) => /^[=+\-@]/.test(cell))).toEqual([]);
    expect(asSemicolon).toContain("'=cmd|' /C calc'!A0");
    expect(textsOf(importBack(csv))).toEqual(textsOf(plan));
  });

  // Characters that matter here are drawn often: separators, quotes, formula starts and apostrophes.
  const tricky = fc.string({ unit: fc.oneof(fc.constantFrom(',', ';', '\t', '\r', '\n', '"', "'", '=', '+', '-', '@', ' ', 'a'), fc.string({ minLength: 1, maxLength: 1 })), maxLength: 30 });

  it('for any titles and descriptions no cell under , ; or tab starts a formula, and the file imports back as typed', () => {
    fc.assert(fc.property(fc.array(fc.tuple(tricky, tricky), { minLength: 1, maxLength: 4 }), (texts) => {
      const { plan } = newPlan();
      for (const [title, description] of texts) {
        // A title is one line with something to show (the plan refuses control characters and blanks there).
        const line = title.replace(/\p{Cc}/gu, ';');
        plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: line.trim() === '' ? `x${line}x` : line, description });
      }
      plan.index.refresh(T0);
      const csv = exportPlanCsv(plan);
      expect(formulaCells(csv)).toEqual([]);
      const back = importBack(csv);
      const trimmed = (plan: Plan) => textsOf(plan).map(({ title, description }) => ({ title: title.trim(), description: description.trim() }));
      expect(trimmed(back)).toEqual(trimmed(plan));
    }), { numRuns: 300 });
  });

  // filesfix2: LibreOffice's text import trims the spaces before a cell's text when "Trim spaces" is
  // ticked, and with "Evaluate formulas" ticked too ` =1+1` then runs as `=1+1` (both boxes are
  // remembered). Excel reads ` =1+1` as text; the guard now holds for a reader that trims too.
  /** Every cell a trimming reader could see: split as above, then leading quotes and white space dropped. */
  const trimmedFormulaCells = (csv: string) => csv.replace(/^\uFEFF/, '').split(/[,;\t\r\n]/).map((cell) => cell.replace(/^[\s"]+/u, '')).filter((cell) => /^[=+\-@]/.test(cell));

  it('a formula after spaces is guarded too, before the spaces, and reads back as typed', () => {
    const { plan } = newPlan();
    plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow; =1+1;\u00a0+cmd', description: ' =HYPERLINK("http://evil";"x")\n \u2003@SUM(A1)' });
    plan.index.refresh(T0);
    const csv = exportPlanCsv(plan);
    expect(trimmedFormulaCells(csv)).toEqual([]);
    const line = Papa.parse<string[]>(csv, { delimiter: ';' }).data[1]!;
    expect(line.map((cell) => cell.trim()).filter((cell) => /^[=+\-@]/.test(cell))).toEqual([]);
    expect(line).toContain("' =1+1");
    // The importer trims a cell (it always has): the description's leading space is not kept, the rest is.
    expect(textsOf(importBack(csv))).toEqual(textsOf(plan).map(({ title, description }) => ({ title, description: description.trim() })));
  });

  const spaced = fc.string({ unit: fc.oneof(fc.constantFrom(',', ';', '\t', '\r', '\n', '"', "'", '=', '+', '-', '@', ' ', '\u00a0', '\u2003', '\u3000', '\f', 'a'), fc.string({ minLength: 1, maxLength: 1 })), maxLength: 30 });

  it('for any titles and descriptions with spaces anywhere, no cell a trimming reader sees starts a formula, and the file imports back as typed', () => {
    fc.assert(fc.property(fc.array(fc.tuple(spaced, spaced), { minLength: 1, maxLength: 4 }), (texts) => {
      const { plan } = newPlan();
      for (const [title, description] of texts) {
        const line = title.replace(/\p{Cc}/gu, ';');
        plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: line.trim() === '' ? `x${line}x` : line, description: description.replace(/[\f]/g, ' ') });
      }
      plan.index.refresh(T0);
      const csv = exportPlanCsv(plan);
      expect(trimmedFormulaCells(csv)).toEqual([]);
      const back = importBack(csv);
      const trimmed = (plan: Plan) => textsOf(plan).map(({ title, description }) => ({ title: title.trim(), description: description.trim() }));
      expect(trimmed(back)).toEqual(trimmed(plan));
    }), { numRuns: 300 });
  });
});
