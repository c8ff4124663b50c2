/**
 * A real-world-sized OKR spreadsheet, as a team that runs its whole cascade in Excel keeps it: outline
 * numbers and a type per row (strategy → objective → key result → initiative → task), owners (names,
 * e-mails and `Name <email>`), teams, quarters, metric start/target/current with units, confidence,
 * statuses, start and due dates, priorities. Seeded, so the benchmark, the vitest test and the
 * Playwright test import the same file; `expected` says what a correct import must create.
 */
import { Prng } from '../../../../shared/model/fixtures/prng.js';
import { xlsxBytes, type XlsxCell } from './xlsx-writer.js';

export const LARGE_SHEET_HEADER = ['#', 'Type', 'Title', 'Owner', 'Team', 'Quarter', 'Start', 'Target', 'Current', 'Unit', 'Confidence', 'Status', 'Start date', 'Due date', 'Priority'] as const;

type Kind = 'strategy' | 'objective' | 'key_result' | 'initiative' | 'task';

/** One data row: its outline number, kind, and the cells after the number and the type. */
export interface LargeSheetRow {
  number: string;
  kind: Kind;
  title: string;
  /** Outline number of the parent row, or null for a strategy. */
  parent: string | null;
  /** True when the row carries a current value or a confidence, so the import adds a check-in. */
  checkIn: boolean;
  cells: XlsxCell[];
}

export interface LargeSheet {
  rows: LargeSheetRow[];
  /** What a correct import creates. */
  expected: { nodes: number; checkIns: number; byKind: Record<Kind, number>; owners: number };
}

const TYPE_WORDS: Record<Kind, readonly string[]> = {
  strategy: ['Strategy', 'Theme'], objective: ['Objective', 'Objective'], key_result: ['Key result', 'KR'],
  initiative: ['Initiative', 'Project'], task: ['Task', 'Task'],
};
const VERBS = ['Grow', 'Cut', 'Launch', 'Raise', 'Reduce', 'Ship', 'Open', 'Win', 'Automate', 'Simplify', 'Double', 'Halve'];
const THINGS = ['enterprise ARR', 'churn in the mid-market', 'onboarding time', 'NPS of admins', 'checkout latency', 'self-serve signups',
  'support backlog', 'partner revenue', 'trial conversion', 'release cadence', 'invoice errors', 'mobile retention', 'DACH pipeline'];
const FIRST = ['Dana', 'Sam', 'Priya', 'Lena', 'Jonas', 'Marta', 'Rui', 'Ana', 'Kofi', 'Mei', 'Olu', 'Sofia', 'Tariq', 'Ines', 'Yuki'];
const LAST = ['Reyes', 'Okafor', 'Shah', 'Novak', 'Weber', 'Silva', 'Costa', 'Ruiz', 'Mensah', 'Chen', 'Adeyemi', 'Rossi', 'Haddad', 'Moreau', 'Sato'];
const TEAMS = ['Platform', 'Growth', 'Customer Success', 'Sales', 'Finance', 'Support', 'Mobile', 'Data', 'Security', 'People'];
const QUARTERS = ['Q1 2026', 'Q2 2026', 'Q3 2026', 'Q4 2026'];
const UNITS = ['%', '$', 'ms', 'accounts', 'tickets', 'days'];
const TASK_STATUS = ['To do', 'In progress', 'Blocked', 'Done', 'Not started'];
const INITIATIVE_STATUS = ['Planned', 'Active', 'On hold', 'Done'];
const KR_STATUS = ['On track', 'At risk', 'Off track', 'Green', 'Amber'];
const PRIORITY = ['High', 'Medium', 'Low', 'Critical', 'P2'];

function isoDay(dayOfYear: number): string {
  return new Date(Date.UTC(2026, 0, 1) + dayOfYear * 86_400_000).toISOString().slice(0, 10);
}

/**
 * `count` data rows (plus the header) of a cascade: 40 objectives a strategy (or as many as asked), 3 key results an
 * objective, one or two initiatives a key result, 1–4 tasks an initiative; 250 people.
 */
export function largeSheet(count: number, seed = 42, objectivesPerStrategy = 40): LargeSheet {
  const rng = new Prng(seed);
  const people = Array.from({ length: 250 }, (_, i) => {
    const name = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}${i >= FIRST.length * LAST.length ? ` ${i}` : ''}`;
    // The same person is written with or without an e-mail from row to row: the import knows them as one.
    return { name, email: `${name.toLowerCase().replace(/\s+/g, '.')}@acme.example` };
  });
  const ownerCell = (): string => {
    const person = rng.pick(people);
    return rng.chance(0.5) ? person.name : `${person.name} <${person.email}>`;
  };
  const rows: LargeSheetRow[] = [];
  // Outline numbers are 1-based per parent: `next[depth]` is the last number used at that depth.
  const next: number[] = [];
  const add = (depth: number, kind: Kind, title: string, fill: (cells: XlsxCell[]) => boolean) => {
    if (rows.length >= count) return;
    next.length = depth + 1;
    next[depth] = (next[depth] ?? 0) + 1;
    const cells: XlsxCell[] = Array.from({ length: LARGE_SHEET_HEADER.length - 3 }, () => null);
    const checkIn = fill(cells);
    rows.push({ number: next.join('.'), kind, title, parent: depth === 0 ? null : next.slice(0, depth).join('.'), checkIn, cells });
  };
  // Cell offsets after '#', 'Type', 'Title'.
  const OWNER = 0, TEAM = 1, QUARTER = 2, START = 3, TARGET = 4, CURRENT = 5, UNIT = 6, CONFIDENCE = 7, STATUS = 8, START_DATE = 9, DUE = 10, PRIORITY_AT = 11;
  let strategyIndex = 0;
  while (rows.length < count) {
    strategyIndex += 1;
    add(0, 'strategy', `${rng.pick(VERBS)} ${rng.pick(THINGS)} (theme ${strategyIndex})`, (cells) => { cells[OWNER] = ownerCell(); return false; });
    for (let o = 0; o < objectivesPerStrategy && rows.length < count; o++) {
      const team = rng.pick(TEAMS);
      const quarter = rng.pick(QUARTERS);
      add(1, 'objective', `${rng.pick(VERBS)} ${rng.pick(THINGS)} for ${team}`, (cells) => {
        cells[OWNER] = ownerCell(); cells[TEAM] = team; cells[QUARTER] = quarter; cells[PRIORITY_AT] = rng.pick(PRIORITY);
        return false;
      });
      // A team never writes the same key result twice under one objective (the import warns when it does).
      const keyResultTitles = new Set<string>();
      for (let k = 0; k < 3 && rows.length < count; k++) {
        let title: string;
        do title = `${rng.pick(VERBS)} ${rng.pick(THINGS)} to target`; while (keyResultTitles.has(title));
        keyResultTitles.add(title);
        add(2, 'key_result', title, (cells) => {
          const start = rng.int(0, 400);
          const target = start + rng.int(10, 600);
          cells[OWNER] = ownerCell(); cells[TEAM] = team; cells[QUARTER] = quarter;
          const unit = rng.pick(UNITS);
          // A share stays within 0–100 % as a real sheet's does (the import warns beyond, review45a): the same
          // draws, scaled, so every other cell of the sheet is what it was.
          const inUnit = (value: number) => (unit === '%' ? Math.round(start / 5) + Math.max(value === start ? 0 : 1, Math.round(((value - start) / 600) * 20)) : value);
          cells[START] = inUnit(start); cells[TARGET] = inUnit(target); cells[UNIT] = unit;
          const checked = rng.chance(0.8);
          if (checked) {
            cells[CURRENT] = inUnit(rng.int(start, target));
            cells[CONFIDENCE] = rng.chance(0.5) ? `${rng.int(3, 9)}/10` : rng.int(3, 9);
            cells[STATUS] = rng.pick(KR_STATUS);
          }
          return checked;
        });
        // Nor the same initiative twice under one key result (the import warns of that too).
        const initiativeTitles = new Set<string>();
        for (let i = 0; i < rng.int(1, 2) && rows.length < count; i++) {
          const startDay = rng.int(0, 300);
          let initiativeTitle: string;
          do initiativeTitle = `Project: ${rng.pick(VERBS).toLowerCase()} ${rng.pick(THINGS)}`; while (initiativeTitles.has(initiativeTitle));
          initiativeTitles.add(initiativeTitle);
          add(3, 'initiative', initiativeTitle, (cells) => {
            cells[OWNER] = ownerCell(); cells[TEAM] = team; cells[STATUS] = rng.pick(INITIATIVE_STATUS);
            cells[START_DATE] = { date: isoDay(startDay) }; cells[DUE] = { date: isoDay(startDay + rng.int(20, 60)) };
            return false;
          });
          const tasks = rng.int(1, 4);
          for (let t = 0; t < tasks && rows.length < count; t++) {
            add(4, 'task', `${rng.pick(VERBS)} the ${rng.pick(THINGS)} checklist, step ${t + 1}`, (cells) => {
              cells[OWNER] = ownerCell(); cells[STATUS] = rng.pick(TASK_STATUS); cells[DUE] = { date: isoDay(startDay + rng.int(1, 60)) };
              cells[PRIORITY_AT] = rng.pick(PRIORITY);
              return false;
            });
          }
        }
      }
    }
  }
  const byKind: Record<Kind, number> = { strategy: 0, objective: 0, key_result: 0, initiative: 0, task: 0 };
  for (const row of rows) byKind[row.kind] += 1;
  const owners = new Set(rows.map((row) => String(row.cells[OWNER]).replace(/ <.*$/, ''))).size;
  return { rows, expected: { nodes: rows.length, checkIns: rows.filter((row) => row.checkIn).length, byKind, owners } };
}

/** The sheet's cells, header first, as a spreadsheet holds them. */
export function largeSheetCells(sheet: LargeSheet): XlsxCell[][] {
  return [
    [...LARGE_SHEET_HEADER],
    ...sheet.rows.map((row) => [row.number, typeWord(TYPE_WORDS[row.kind], row.number), row.title, ...row.cells]),
  ];
}

/** Alternates the spellings of a type ("Key result" / "KR") by row, deterministically. */
function typeWord(words: readonly string[], number: string): string {
  return words[number.length % words.length]!;
}

const csvCell = (cell: XlsxCell): string => {
  if (cell === null) return '';
  const text = typeof cell === 'object' ? ('date' in cell ? cell.date : '') : String(cell);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The sheet as CSV bytes (UTF-8, comma separated, CRLF like Excel writes). */
export function largeSheetCsv(sheet: LargeSheet): Uint8Array {
  return new TextEncoder().encode(largeSheetCells(sheet).map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n');
}

/** The sheet as an .xlsx workbook (numbers as numbers, dates as date-formatted serials). */
export function largeSheetXlsx(sheet: LargeSheet): Uint8Array {
  return xlsxBytes(largeSheetCells(sheet), 'Cascade');
}
