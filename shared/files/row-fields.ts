/**
 * Reading one spreadsheet row into the fields of the node it becomes: metric values, owner, team,
 * period, dates, status. Cells that cannot be read are problems (they block the import); doubtful
 * readings (an ambiguous date, a decreasing key result inferred) are warnings on the row.
 */
import { characterCount, isOverLimit } from '../text/cut-text.js';
import { replaceControlCharacters, replacedCharactersText } from '../text/control-characters.js';
import { cellText, cutText, isBlank, isErrorCell, plainDecimal, readDate, type DateOrder, readNumber, readPeriod, type Cell, type DecimalMark, type ReadNumber } from './cell-values.js';
import type { ColumnRole, ImportMapping } from './import-mapping.js';
import { roleColumnName } from './column-names.js';
import { KIND_LABELS, TEXT_LIMITS, type CheckInStatus, type ImpactLevel, type InitiativeStatus, type MetricDirection, type NodeKind, type Priority, type TaskStatus } from '../model/index.js';
import { appendAll } from '../collections/long-lists.js';
import { metricContextOf, metricValueProblem, metricValueWarning } from '../model/unit-bounds.js';
import { periodDatesProblem, periodDatesWarning } from '../model/period-bounds.js';

/** An owner as written: a name, an e-mail, or `Name <email>`. */
export interface PersonRef {
  name: string | null;
  email: string | null;
}

/**
 * A row's period: its name, and its dates when the row gives them (the Period start and Period end
 * columns) or its name says them (`Q3 2025`). A name with no dates ("Spring push") is the plan's period
 * of that name (apply-import.ts).
 */
export interface PeriodRef {
  name: string;
  start: string | null;
  end: string | null;
  /** The dates were written in their own columns: only a period of this name and these dates is this one. */
  datesWritten: boolean;
}

/** A period cell in quarter, half or year notation (`Q5 2025` is one, misspelt): refused when it cannot be read. */
const PERIOD_NOTATION = /^(?:(?:FY ?)?\d{4}[ /-]?[QH]\d+|[QH]\d+[ /-]?(?:FY ?)?\d{4}|(?:FY ?)?\d+)$/i;

/** What a row says about its node, with references still by name. */
export interface RowFields {
  description: string | null;
  owner: PersonRef | null;
  team: string | null;
  period: PeriodRef | null;
  start: number | null;
  target: number | null;
  current: number | null;
  unit: string | null;
  direction: MetricDirection | null;
  confidence: number | null;
  checkInStatus: CheckInStatus | null;
  status: TaskStatus | InitiativeStatus | null;
  startDate: string | null;
  dueDate: string | null;
  priority: Priority | null;
  weight: number | null;
  /** A key result's range, a KPI's healthy range. */
  rangeLow: number | null;
  rangeHigh: number | null;
  assignee: PersonRef | null;
  blockedReason: string | null;
  effort: number | null;
  impact: ImpactLevel | null;
  /** A share from 0 to 1 (`40%` is 0.4). */
  manualProgress: number | null;
  horizon: string | null;
  /** A blocked task's Blocked since and a done task's Done at, as instants (ms); null: the import's time. */
  blockedSince: number | null;
  doneAt: number | null;
}

export interface RowReading {
  fields: RowFields;
  warnings: string[];
  problems: string[];
  /** A key result with a target whose progress cannot be measured because the sheet has no Start column (said once for the sheet). */
  noStartColumn?: true;
}

const KIND_WORDS: Readonly<Record<string, NodeKind>> = {
  strategy: 'strategy', theme: 'strategy', pillar: 'strategy', 'strategic theme': 'strategy',
  objective: 'objective', o: 'objective', goal: 'objective', 'team objective': 'objective',
  'key result': 'key_result', kr: 'key_result', keyresult: 'key_result', 'key_result': 'key_result', result: 'key_result',
  kpi: 'kpi', metric: 'kpi', indicator: 'kpi',
  initiative: 'initiative', project: 'initiative', epic: 'initiative', programme: 'initiative', program: 'initiative',
  task: 'task', action: 'task', todo: 'task', 'to do': 'task', subtask: 'task', 'sub task': 'task',
};

/** The kinds as German, French and Spanish sheets name them (compared without accents: `Tâche` is `tache`). */
const KIND_WORDS_TRANSLATED: Readonly<Record<string, NodeKind>> = {
  strategie: 'strategy', estrategia: 'strategy',
  ziel: 'objective', objectif: 'objective', objetivo: 'objective',
  'schlusselergebnis': 'key_result', kernergebnis: 'key_result', 'resultat cle': 'key_result', 'resultado clave': 'key_result',
  kennzahl: 'kpi', indicateur: 'kpi', indicador: 'kpi',
  massnahme: 'initiative', projekt: 'initiative', initiative: 'initiative', projet: 'initiative', iniciativa: 'initiative', proyecto: 'initiative',
  aufgabe: 'task', tache: 'task', tarea: 'task',
};

/** The node kind a type cell names (`Objective`, `KR`, `Key Result`, `Task`, `Aufgabe`, `Tâche`…), or null. */
export function kindOfType(cell: Cell): NodeKind | null {
  const key = cellText(cell).normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/ß/g, 'ss').replace(/[^a-z_ ]+/g, ' ').replace(/\s+/g, ' ').trim();
  const translated = KIND_WORDS_TRANSLATED[key] ?? KIND_WORDS_TRANSLATED[key.replace(/(s|e|n|en)$/, '')];
  if (translated) return translated;
  return KIND_WORDS[key] ?? KIND_WORDS[key.replace(/s$/, '')] ?? null;
}

const TASK_STATUS_WORDS: Readonly<Record<string, TaskStatus>> = {
  todo: 'todo', 'to do': 'todo', 'not started': 'todo', open: 'todo', planned: 'todo', backlog: 'todo',
  'in progress': 'in_progress', in_progress: 'in_progress', doing: 'in_progress', wip: 'in_progress', started: 'in_progress', active: 'in_progress',
  blocked: 'blocked', stuck: 'blocked', done: 'done', complete: 'done', completed: 'done', finished: 'done', closed: 'done',
  dropped: 'dropped', cancelled: 'dropped', canceled: 'dropped', "won't do": 'dropped',
};
const INITIATIVE_STATUS_WORDS: Readonly<Record<string, InitiativeStatus>> = {
  proposed: 'proposed', planned: 'proposed', 'not started': 'proposed', idea: 'proposed', todo: 'proposed',
  active: 'active', 'in progress': 'active', in_progress: 'active', started: 'active', 'on track': 'active', 'at risk': 'active',
  paused: 'paused', 'on hold': 'paused', blocked: 'paused', done: 'done', complete: 'done', completed: 'done', finished: 'done',
  cancelled: 'cancelled', canceled: 'cancelled', dropped: 'cancelled',
};
const CHECKIN_STATUS_WORDS: Readonly<Record<string, CheckInStatus>> = {
  'on track': 'on_track', on_track: 'on_track', green: 'on_track', good: 'on_track',
  'at risk': 'at_risk', at_risk: 'at_risk', amber: 'at_risk', yellow: 'at_risk',
  'off track': 'off_track', off_track: 'off_track', red: 'off_track', behind: 'off_track',
};
const DIRECTION_WORDS: Readonly<Record<string, MetricDirection>> = {
  increase: 'increase', up: 'increase', higher: 'increase', 'higher is better': 'increase', grow: 'increase', maximise: 'increase', maximize: 'increase',
  decrease: 'decrease', down: 'decrease', lower: 'decrease', 'lower is better': 'decrease', reduce: 'decrease', minimise: 'decrease', minimize: 'decrease',
  range: 'range', within: 'range', 'stay within range': 'range', 'within range': 'range', maintain: 'range',
};
const PRIORITY_WORDS: Readonly<Record<string, Priority>> = {
  critical: 'critical', p0: 'critical', highest: 'critical', urgent: 'critical',
  high: 'high', p1: 'high', medium: 'medium', p2: 'medium', normal: 'medium', med: 'medium', low: 'low', p3: 'low', lowest: 'low',
};

/**
 * Status, priority and direction words as German, French and Spanish sheets write them, without
 * accents (cells are compared without them: `Terminé` is `termine`). Merged into the English lists.
 */
const TASK_STATUS_TRANSLATED: Readonly<Record<string, TaskStatus>> = {
  offen: 'todo', 'zu erledigen': 'todo', 'a faire': 'todo', pendiente: 'todo', 'por hacer': 'todo',
  'in arbeit': 'in_progress', 'in bearbeitung': 'in_progress', 'en cours': 'in_progress', 'en curso': 'in_progress', 'en progreso': 'in_progress',
  blockiert: 'blocked', bloque: 'blocked', bloqueado: 'blocked',
  erledigt: 'done', fertig: 'done', abgeschlossen: 'done', termine: 'done', fait: 'done', hecho: 'done', completado: 'done', terminado: 'done',
  verworfen: 'dropped', abgebrochen: 'dropped', abandonne: 'dropped', annule: 'dropped', cancelado: 'dropped', descartado: 'dropped',
};
const INITIATIVE_STATUS_TRANSLATED: Readonly<Record<string, InitiativeStatus>> = {
  geplant: 'proposed', prevu: 'proposed', planifie: 'proposed', planificado: 'proposed',
  aktiv: 'active', 'in arbeit': 'active', actif: 'active', 'en cours': 'active', activo: 'active', 'en curso': 'active',
  pausiert: 'paused', 'en pause': 'paused', 'en pausa': 'paused',
  erledigt: 'done', abgeschlossen: 'done', termine: 'done', completado: 'done', terminado: 'done',
  abgebrochen: 'cancelled', annule: 'cancelled', cancelado: 'cancelled',
};
const CHECKIN_STATUS_TRANSLATED: Readonly<Record<string, CheckInStatus>> = {
  'auf kurs': 'on_track', 'en bonne voie': 'on_track', 'en camino': 'on_track',
  gefahrdet: 'at_risk', 'a risque': 'at_risk', 'en riesgo': 'at_risk',
  'im verzug': 'off_track', 'en retard': 'off_track', retrasado: 'off_track',
};
const PRIORITY_TRANSLATED: Readonly<Record<string, Priority>> = {
  kritisch: 'critical', critique: 'critical', critica: 'critical', critico: 'critical',
  hoch: 'high', haute: 'high', elevee: 'high', alta: 'high',
  mittel: 'medium', moyenne: 'medium', media: 'medium',
  niedrig: 'low', basse: 'low', faible: 'low', baja: 'low',
};
const TASK_STATUSES: Readonly<Record<string, TaskStatus>> = { ...TASK_STATUS_WORDS, ...TASK_STATUS_TRANSLATED };
const INITIATIVE_STATUSES: Readonly<Record<string, InitiativeStatus>> = { ...INITIATIVE_STATUS_WORDS, ...INITIATIVE_STATUS_TRANSLATED };
const CHECKIN_STATUSES: Readonly<Record<string, CheckInStatus>> = { ...CHECKIN_STATUS_WORDS, ...CHECKIN_STATUS_TRANSLATED };
const PRIORITIES: Readonly<Record<string, Priority>> = { ...PRIORITY_WORDS, ...PRIORITY_TRANSLATED };
const IMPACTS: Readonly<Record<string, ImpactLevel>> = {
  low: 'low', medium: 'medium', med: 'medium', high: 'high',
  gering: 'low', niedrig: 'low', mittel: 'medium', hoch: 'high', faible: 'low', moyen: 'medium', moyenne: 'medium', fort: 'high', elevee: 'high',
  bajo: 'low', baja: 'low', medio: 'medium', media: 'medium', alto: 'high', alta: 'high',
};

/** A word cell as compared: accents dropped, lower case, single spaces. */
function word(cell: Cell): string {
  return cellText(cell).normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/\s+/g, ' ');
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** Reads an owner cell: `Jane Doe`, `jane@acme.com` or `Jane Doe <jane@acme.com>`; the name as written (readRowFields makes it one the plan keeps, saying what it changed). */
export function readPersonRef(cell: Cell): PersonRef | null {
  const text = cellText(cell);
  if (text === '') return null;
  const angle = /^(.*?)\s*<([^>]+)>$/.exec(text);
  if (angle && EMAIL.test(angle[2]!.trim())) return { name: angle[1]!.trim() || null, email: angle[2]!.trim().toLowerCase() };
  if (EMAIL.test(text)) return { name: null, email: text.toLowerCase() };
  return { name: text, email: null };
}

/** Longest person or team name the plan keeps, and a metric unit (the unit field's maxLength in fields.ts). */
const NAME_LIMIT = TEXT_LIMITS.name;
const UNIT_LIMIT = 40;

/**
 * Text of a cell as the plan keeps it, with what was changed said on the row (never silently):
 * control characters replaced by visible signs (in a one-line field a line break or tab of a
 * multi-line cell by a space, shared/text/control-characters.ts), then cut to `limit` characters
 * between graphemes.
 */
export function importedText(what: string, text: string, limit: number, warnings: string[], multiLine = false): string {
  const cleaned = replaceControlCharacters(text, multiLine);
  if (cleaned.replaced.length > 0) warnings.push(`${what}: ${replacedCharactersText(cleaned.replaced)} replaced by ${multiLine ? 'a visible sign' : 'a space or a visible sign'}`);
  if (!isOverLimit(cleaned.text, limit)) return cleaned.text;
  warnings.push(`${what}: "${cutText(cleaned.text, 30)}…" is ${characterCount(cleaned.text).toLocaleString('en')} characters long; kept are the first ${limit.toLocaleString('en')}`);
  return cutText(cleaned.text, limit);
}

/**
 * When a number cell reads as another number in the other decimal notation (`1.234` is 1.234 with a
 * decimal point and 1234 with a decimal comma), the reading is said on the row, as an ambiguous date is:
 * the file-wide notation was guessed, and a German "1.234" read as 1.234 must not pass unseen.
 */
function decimalAmbiguity(cell: Cell, mark: DecimalMark, value: number): string | null {
  if (typeof cell !== 'string') return null;
  const other = readNumber(cell, mark === 'dot' ? 'comma' : 'dot');
  if (!other.ok || other.value.value === value) return null;
  return `"${cellText(cell)}" could be ${other.value.value} or ${value}; read as ${value} (${mark === 'dot' ? 'decimal point' : 'decimal comma'})`;
}

/**
 * A number as a spreadsheet shows a long one in a General cell too narrow for it, and saves it so in a
 * CSV: six significant digits, a capital E and a signed two-digit exponent (`1.23457E+11`, `-9.87654E-07`).
 * Digits past the sixth may be gone; it was taken without a word (review37a F12). Fewer than six digits
 * (`1.5E+06`) are the whole number: a narrow General cell shows every digit it has up to six.
 */
function shortenedBySpreadsheet(cell: Cell, mark: DecimalMark): string | null {
  if (typeof cell !== 'string') return null;
  const text = cell.trim();
  const point = mark === 'dot' ? '\\.' : ',';
  if (!new RegExp(`^[-\u2212]?[1-9]${point}\\d{4}[1-9]E[+-]\\d{2}$`).test(text)) return null;
  return `"${text}" is how a spreadsheet shows a long number in a column too narrow for it: digits after the sixth may have been lost before the file was saved; check it (widen the column or give it a number format, and save again)`;
}

/**
 * Excel and LibreOffice turn a confidence typed as `7/10` into a date — 10 July, or 7 October where days
 * come first — and save only the date. A date whose day or month is 10 and whose other part is at most
 * 10 is that score; any other date in the column is not one.
 */
function scoreFromDate(cell: Cell): number | null {
  const match = typeof cell === 'string' ? /^\d{4}-(\d{2})-(\d{2})$/.exec(cell.trim()) : null;
  if (!match) return null;
  const month = Number(match[1]), day = Number(match[2]);
  if (day === 10 && month <= 10) return month;
  if (month === 10 && day <= 10) return day;
  return null;
}

/**
 * The columns only some kinds take, with the kinds that take them (what applyImport writes). A value
 * in such a column on a row of another kind — a due date on a key result, a target on an objective —
 * is not imported, and the row says so: before, it was dropped unseen.
 */
const KINDS_TAKING: Partial<Readonly<Record<ColumnRole, readonly NodeKind[]>>> = {
  period: ['objective', 'key_result'], start: ['key_result'], target: ['key_result'], current: ['key_result', 'kpi'],
  unit: ['key_result', 'kpi'], direction: ['key_result', 'kpi'], startDate: ['initiative'], dueDate: ['initiative', 'task'],
  weight: ['objective', 'key_result'], blockedSince: ['task'], doneAt: ['task'], periodStart: ['objective', 'key_result'], periodEnd: ['objective', 'key_result'], rangeLow: ['key_result', 'kpi'], rangeHigh: ['key_result', 'kpi'], blockedReason: ['task'],
  effort: ['initiative'], impact: ['initiative'], manualProgress: ['initiative'], horizon: ['strategy'],
};

/**
 * The columns of fields only one or two kinds have (the export's columns after Weight). A sheet from a
 * tracker fills its Effort or Blocked reason column on every row, and a warning on each task row that
 * "a task has no effort" buried the rows worth a look; these are left out on other kinds without one.
 */
const QUIET_ROLES: ReadonlySet<ColumnRole> = new Set(['rangeLow', 'rangeHigh', 'blockedReason', 'effort', 'impact', 'manualProgress', 'horizon', 'periodStart', 'periodEnd', 'blockedSince', 'doneAt']);

/** The field a role fills, in words, for the warning about a value its row's kind has no place for. */
const FIELD_WORDS: Partial<Readonly<Record<ColumnRole, string>>> = {
  period: 'period', start: 'start value', target: 'target value', current: 'current value', unit: 'unit', direction: 'direction',
  startDate: 'start date', dueDate: 'due date', weight: 'weight', rangeLow: 'range', rangeHigh: 'range', blockedReason: 'blocked reason',
  effort: 'effort', impact: 'impact', manualProgress: 'manual progress', horizon: 'horizon', periodStart: 'period', periodEnd: 'period', blockedSince: 'blocked since', doneAt: 'done at',
};

const NO_FIELDS: RowFields = {
  description: null, owner: null, team: null, period: null, start: null, target: null, current: null, unit: null, direction: null,
  confidence: null, checkInStatus: null, status: null, startDate: null, dueDate: null, priority: null, weight: null,
  rangeLow: null, rangeHigh: null, assignee: null, blockedReason: null, effort: null, impact: null, manualProgress: null, horizon: null,
  blockedSince: null, doneAt: null,
};

/** What the whole file tells the reading of one row. */
export interface RowContext {
  /** Other cells of the file settle the decimal mark: a number readable in both notations is not warned about. */
  decimalSettled?: boolean;
  /** Other cells of the file settle the date order: a date readable both ways is not warned about. */
  dateSettled?: boolean;
  /** How messages name each column (column-names.ts): `column D "Fällig am"`. */
  columnNames?: readonly string[];
  /** The import's time: a stamp after it is not taken. */
  now?: number;
  /** The plan's period names, lower case, when known: a period named by a name alone must be one. */
  periodNames?: ReadonlySet<string>;
}

/**
 * A plain fraction beside percentages on one metric row (`5.5%`, `3%`, then `0.045`): Excel shows a cell
 * typed 0.045 without the percent format as 0.045, and the import read it as 0.045 %, so the key result
 * looked far past its target, unseen (review42c F2). Which was meant (0.045 % or 4.5 %) the file cannot
 * say, so the value is kept as written and the row says so, naming the cell and both readings.
 */
function fractionsBesidePercentages(numbers: ReadonlyMap<ColumnRole, ReadNumber>, label: (role: ColumnRole) => string): string[] {
  const percentages = [...numbers].filter(([, read]) => read.unit === '%');
  if (percentages.length === 0) return [];
  const shown = percentages.map(([role, read]) => `${label(role)} ${plainDecimal(read.value)}%`).join(', ');
  return [...numbers].filter(([, read]) => read.unit === null && read.outOf === null && read.value !== 0 && Math.abs(read.value) <= 1).map(([role, read]) => {
    const value = plainDecimal(read.value);
    return `${label(role)}: ${value} is a plain number beside percentages (${shown}); read as ${value}%. If it means ${plainDecimal(Number((read.value * 100).toPrecision(15)))}%, write it so (or format the cell as a percentage)`;
  });
}

/** Reads the fields of one row for a node of `kind`. */
export function readRowFields(row: readonly Cell[], mapping: ImportMapping, kind: NodeKind, context: RowContext = {}): RowReading {
  const { decimalSettled = false, dateSettled = false, columnNames = [], now = Number.POSITIVE_INFINITY } = context;
  const warnings: string[] = [];
  const problems: string[] = [];
  const fields: RowFields = { ...NO_FIELDS };
  let noStartColumn: true | undefined;
  const cellOf = (role: ColumnRole): Cell => {
    const column = mapping.columns.indexOf(role);
    return column < 0 ? null : row[column] ?? null;
  };
  const label = (role: ColumnRole) => roleColumnName(role, mapping.columns, columnNames);
  // A formula's error (an XLSX `#DIV/0!`) reads as empty everywhere; the row names the cell once, never a silent 0.
  mapping.columns.forEach((role, column) => {
    const cell = row[column] ?? null;
    if (role === null || !isErrorCell(cell)) return;
    warnings.push(cell.unreadable ? `${cell.at}: the cell cannot be read (${cell.error}); read as empty` : `${label(role)}: cell ${cell.at} holds the formula error ${cell.error}; read as empty`);
  });
  const metric = kind === 'key_result' || kind === 'kpi';
  let outOf: number | null = null;
  let unitFromValue: string | null = null;
  /** A number cell read in the file's notation: a problem when unreadable, a warning when the other notation reads it otherwise. */
  const numberCell = (role: ColumnRole): ReadNumber | null => {
    const cell = cellOf(role);
    if (isBlank(cell)) return null;
    const read = readNumber(cell, mapping.decimalMark);
    if (!read.ok) { problems.push(`${label(role)}: ${read.problem}`); return null; }
    const ambiguity = decimalSettled ? null : decimalAmbiguity(cell, mapping.decimalMark, read.value.value);
    if (ambiguity) warnings.push(`${label(role)}: ${ambiguity}`);
    const shortened = shortenedBySpreadsheet(cell, mapping.decimalMark);
    if (shortened) warnings.push(`${label(role)}: ${shortened}`);
    return read.value;
  };
  const numbersRead = new Map<ColumnRole, ReadNumber>();
  const number = (role: ColumnRole): number | null => {
    const read = numberCell(role);
    if (read === null) return null;
    numbersRead.set(role, read);
    if (read.outOf !== null) outOf = read.outOf;
    if (read.unit !== null) unitFromValue = read.unit;
    return read.value;
  };
  const date = (role: ColumnRole): string | null => {
    const cell = cellOf(role);
    if (isBlank(cell)) return null;
    const read = readDate(cell, mapping.dateOrder);
    if (!read.ok) { problems.push(`${label(role)}: ${read.problem}`); return null; }
    if (read.value.fromSerial) warnings.push(`${label(role)}: "${cellText(cell)}" is a spreadsheet date number, not a written date; read as ${read.value.date}`);
    if (read.value.ambiguous && !dateSettled) warnings.push(`${label(role)}: "${cellText(cell)}" could be day/month or month/day; read as ${read.value.date} (${mapping.dateOrder === 'dmy' ? 'day first' : 'month first'})`);
    return read.value.date;
  };
  const description = cellText(cellOf('description'));
  if (description !== '') fields.description = importedText(label('description'), description, TEXT_LIMITS.description, warnings, true);
  fields.owner = readPersonRef(cellOf('owner'));
  // A cut is never silent: the row says what was changed, so the preview shows it before anything is written.
  if (fields.owner?.name) fields.owner = { ...fields.owner, name: importedText(label('owner'), fields.owner.name, NAME_LIMIT, warnings) };
  const team = cellText(cellOf('team'));
  if (team !== '') fields.team = importedText(label('team'), team, NAME_LIMIT, warnings);
  if (kind === 'objective' || kind === 'key_result') fields.period = rowPeriod({ cellOf, label, date, warnings, problems, periodNames: context.periodNames });
  if (metric) {
    if (kind === 'key_result') { fields.start = number('start'); fields.target = number('target'); }
    fields.current = number('current');
    const unit = cellText(cellOf('unit'));
    fields.unit = unit !== '' ? importedText(label('unit'), unit, UNIT_LIMIT, warnings) : unitFromValue;
    appendAll(warnings, fractionsBesidePercentages(numbersRead, label));
    const directionCell = cellOf('direction');
    if (!isBlank(directionCell)) {
      fields.direction = DIRECTION_WORDS[word(directionCell)] ?? null;
      if (fields.direction === null) warnings.push(`${label('direction')}: "${cellText(directionCell)}" is not increase, decrease or range; ignored`);
    }
    if (kind === 'key_result') {
      if (fields.target === null && outOf !== null) { fields.target = outOf; warnings.push(`target taken from "of ${outOf}" in the value`); }
      readKeyResultProgress({ cellOf, label, warnings }, mapping, fields);
      if (fields.direction === null && fields.start !== null && fields.target !== null && fields.start > fields.target) {
        fields.direction = 'decrease';
        warnings.push(`start ${fields.start} is above target ${fields.target}: read as a decreasing key result`);
      }
      // Only when the sheet has none: a target refused above (a 20-digit one) is that row's problem, not a missing value.
      // A "stay within range" key result is measured against its range, not a target (review39b F7: its
      // preview warned, though the import keeps the range).
      // Both bounds, as its progress and its breach need both (review40a F6: with one, the preview said nothing
      // and the key result was judged by nothing); the row names the bound missing.
      if (fields.direction === 'range') {
        const missing = ([['rangeLow', 'Range low'], ['rangeHigh', 'Range high']] as const).filter(([role]) => isBlank(cellOf(role)));
        const named = missing.map(([role, name]) => (mapping.columns.includes(role) ? `${label(role)} is empty` : `the sheet has no ${name} column`));
        if (named.length > 0) warnings.push(`a stay-within-range key result needs both Range low and Range high: ${named.join(' and ')}, so progress cannot be measured`);
      } else if (fields.target === null && !problems.some((problem) => problem.startsWith(`${label('target')}:`))) warnings.push('no target value: progress cannot be measured');
      // A target without a start (review41 item 2): progress is measured from the start, and nothing is assumed
      // for it (0 would be wrong for "cut churn to 2 %"), so the key result shows no progress until a start is set.
      // The row says so; before, it imported silently and the plan showed no progress without a reason.
      // With no Start column at all every key result of the sheet lacks one: that is said once for the sheet
      // (`noStartColumnNote`, import-preview.ts), and the row is only marked (`noStartColumn`); a warning on each
      // of a 300-row sheet's key results buried the rows with something else to say.
      else if (fields.start === null && !problems.some((problem) => problem.startsWith(`${label('start')}:`))) {
        if (mapping.columns.includes('start')) warnings.push(`no start value (${label('start')} is empty): progress cannot be measured until a start is set; none is assumed`);
        else noStartColumn = true;
      }
      const { start, target, direction } = fields;
      if (start !== null && target !== null && ((direction === 'decrease' && target > start) || (direction === 'increase' && target < start))) {
        problems.push(`a${direction === 'increase' ? 'n increasing' : ' decreasing'} key result needs its target ${direction === 'increase' ? 'at or above' : 'at or below'} its start (start ${start}, target ${target})`);
      }
      // The plan refuses a key result whose target is its start (node-rules.ts): said here, in the preview, rather
      // than only when Import is pressed after the person was shown a row without a problem.
      if (start !== null && target !== null && direction !== 'range' && start === target) {
        problems.push(`start and target are both ${start}: a key result measures change, so its target must differ from its start`);
      }
    }
  }
  const typedScore = scoreFromDate(cellOf('confidence'));
  if (typedScore !== null) warnings.push(`${label('confidence')}: the date ${cellText(cellOf('confidence'))} read as ${typedScore}/10 (a spreadsheet turns a typed "${typedScore}/10" into a date)`);
  const confidence = typedScore !== null ? { value: typedScore, unit: null, outOf: null } : numberCell('confidence');
  if (confidence !== null) {
    // 70% and 7/10 both mean 7 on the 0–10 scale.
    const value = confidence.unit === '%' ? confidence.value / 10 : confidence.outOf !== null ? (confidence.value / confidence.outOf) * 10 : confidence.value;
    if (value < 0 || value > 10) problems.push(`${label('confidence')}: ${cellText(cellOf('confidence'))} is not between 0 and 10`);
    else fields.confidence = Math.round(value * 100) / 100;
  }
  const statusCell = cellOf('status');
  if (!isBlank(statusCell)) {
    const status = word(statusCell);
    if (kind === 'task') fields.status = TASK_STATUSES[status] ?? null;
    else if (kind === 'initiative') fields.status = INITIATIVE_STATUSES[status] ?? null;
    if (kind !== 'task' && kind !== 'initiative') fields.checkInStatus = CHECKIN_STATUSES[status] ?? null;
    else if (CHECKIN_STATUSES[status] && kind === 'initiative') fields.checkInStatus = CHECKIN_STATUSES[status]!;
    if (fields.status === null && fields.checkInStatus === null) warnings.push(`${label('status')}: "${cellText(statusCell)}" is not a status Throughline knows; ignored`);
  }
  if (kind === 'initiative') fields.startDate = date('startDate');
  if (kind === 'initiative' || kind === 'task') fields.dueDate = date('dueDate');
  const priorityCell = cellOf('priority');
  if (!isBlank(priorityCell)) {
    fields.priority = PRIORITIES[word(priorityCell)] ?? null;
    if (fields.priority === null) warnings.push(`${label('priority')}: "${cellText(priorityCell)}" is not critical, high, medium or low; ignored`);
  }
  if (kind === 'objective' || kind === 'key_result') {
    const weight = number('weight');
    if (weight !== null && weight < 0) problems.push(`${label('weight')}: ${weight} is negative`);
    else fields.weight = weight;
  }
  readKindFields(kind, { cellOf, label, number, numberCell, warnings, problems }, fields);
  if (kind !== 'key_result') readOtherProgress(kind, { cellOf, label, warnings }, mapping, fields);
  if (kind === 'task') readStamps({ cellOf, label, warnings, dateOrder: mapping.dateOrder, now }, fields);
  if (metric) judgeMetricValues(fields, mapping, { label, warnings, problems });
  for (const [role, kinds] of Object.entries(KINDS_TAKING) as [ColumnRole, readonly NodeKind[]][]) {
    const cell = cellOf(role);
    if (kinds.includes(kind) || isBlank(cell) || QUIET_ROLES.has(role)) continue;
    warnings.push(`${label(role)}: ${/^[aeiou]/.test(KIND_LABELS[kind]) ? 'an' : 'a'} ${KIND_LABELS[kind]} has no ${FIELD_WORDS[role]}; "${cutText(cellText(cell), 40)}" not imported`);
  }
  return noStartColumn ? { fields, warnings, problems, noStartColumn } : { fields, warnings, problems };
}

/**
 * A metric value its unit makes impossible (an NPS of 12,000, a target of 1e21) is the row's problem, said
 * in the preview as the detail panel says it, not only when Import is pressed; one its unit makes
 * implausible (a churn of −1 %) is imported with a warning (unit-bounds.ts, review45a). A current value
 * read from a Progress cell is left to that cell's own warning.
 */
function judgeMetricValues(fields: RowFields, mapping: ImportMapping, readers: Pick<CellReaders, 'label' | 'warnings' | 'problems'>): void {
  const { label, warnings, problems } = readers;
  const unit = fields.unit ?? undefined;
  for (const role of ['start', 'target', 'current', 'rangeLow', 'rangeHigh'] as const) {
    const value = fields[role];
    if (value === null || (role === 'current' && !mapping.columns.includes('current'))) continue;
    const problem = metricValueProblem(value, unit, `${label(role)}:`);
    if (problem) { problems.push(problem); continue; }
    const warning = metricValueWarning(value, unit, undefined, metricContextOf(fields, role === 'current' ? null : role));
    if (warning) warnings.push(`${label(role)}: ${warning}`);
  }
}

interface CellReaders {
  cellOf: (role: ColumnRole) => Cell;
  label: (role: ColumnRole) => string;
  number: (role: ColumnRole) => number | null;
  numberCell: (role: ColumnRole) => ReadNumber | null;
  warnings: string[];
  problems: string[];
}

/**
 * The fields only some kinds have (the CSV export's columns after Weight): a key result's range or a
 * KPI's healthy range, a task's assignee and blocked reason, an initiative's effort, impact and manual
 * progress, a strategy's horizon. Each unreadable cell is a problem naming its column.
 */
function readKindFields(kind: NodeKind, readers: CellReaders, fields: RowFields): void {
  const { cellOf, label, number, numberCell, warnings, problems } = readers;
  if (kind === 'key_result' || kind === 'kpi') {
    fields.rangeLow = number('rangeLow');
    fields.rangeHigh = number('rangeHigh');
    if (fields.rangeLow !== null && fields.rangeHigh !== null && fields.rangeLow > fields.rangeHigh) {
      // Two people's valid edits can merge into a crossed range (rollups.ts crossedBounds), and the plan's
      // own CSV then carries it. Refusing the file over it lost the whole import; the model refuses to
      // create a crossed range, and keeping one bound alone would be a range nobody set. So the rest of
      // the row is imported, the pair is left out, and the row says so with both values to set again.
      warnings.push(`${label('rangeLow')} and ${label('rangeHigh')}: the range's low ${fields.rangeLow} is above its high ${fields.rangeHigh} (two edits crossed); the range is not imported, set it again after importing`);
      fields.rangeLow = null;
      fields.rangeHigh = null;
    }
  }
  const assignee = readPersonRef(cellOf('assignee'));
  if (assignee?.name) assignee.name = importedText(label('assignee'), assignee.name, NAME_LIMIT, warnings);
  // Only a task has an assignee; a sheet whose one person column is "Assignee" names the owner of the rest.
  if (kind === 'task') fields.assignee = assignee;
  else if (assignee !== null && fields.owner === null) fields.owner = assignee;
  else if (assignee !== null) warnings.push(`${label('assignee')}: ${/^[aeiou]/.test(KIND_LABELS[kind]) ? 'an' : 'a'} ${KIND_LABELS[kind]} has no assignee; "${cutText(cellText(cellOf('assignee')), 40)}" not imported`);
  if (kind === 'task') {
    const reason = cellText(cellOf('blockedReason'));
    if (reason !== '' && fields.status !== null && fields.status !== 'blocked') {
      warnings.push(`${label('blockedReason')}: the task is not blocked; "${cutText(reason, 40)}" not imported`);
    } else if (reason !== '') fields.blockedReason = importedText(label('blockedReason'), reason, 2000, warnings, true);
  }
  if (kind === 'initiative') {
    const effort = numberCell('effort');
    if (effort !== null && effort.value < 0) problems.push(`${label('effort')}: ${effort.value} is negative`);
    else if (effort !== null) fields.effort = effort.value;
    const impactCell = cellOf('impact');
    if (!isBlank(impactCell)) {
      fields.impact = IMPACTS[word(impactCell)] ?? null;
      if (fields.impact === null) warnings.push(`${label('impact')}: "${cellText(impactCell)}" is not low, medium or high; ignored`);
    }
    const progress = numberCell('manualProgress');
    if (progress !== null) {
      // 40% and 0.4 are the same progress; a bare 40 is not a share.
      const share = progress.unit === '%' ? progress.value / 100 : progress.outOf !== null ? progress.value / progress.outOf : progress.value;
      if (share < 0 || share > 1) problems.push(`${label('manualProgress')}: ${cellText(cellOf('manualProgress'))} is not between 0 and 1 (0% and 100%)`);
      else fields.manualProgress = share;
    }
  }
  if (kind === 'strategy') {
    const horizon = cellText(cellOf('horizon'));
    if (horizon !== '') fields.horizon = importedText(label('horizon'), horizon, 200, warnings);
  }
}

interface ProgressReaders {
  cellOf: (role: ColumnRole) => Cell;
  label: (role: ColumnRole) => string;
  warnings: string[];
}

/**
 * A Progress cell (Google Sheets' OKR template: how far a key result is) as a percentage, or null. Never a
 * problem that stops the import, never dropped unseen: a cell that is not a percentage, or below 0 %, is
 * not imported and the row says so; a plain number is read as a percentage and the row says how
 * (0.5 as 50 %, a share of the whole, as Google Sheets keeps a percentage; 40 as 40 %). `50 %` is 50 %.
 */
function progressPercent({ cellOf, label, warnings }: ProgressReaders, mapping: ImportMapping): number | null {
  const cell = cellOf('progress');
  if (isBlank(cell)) return null;
  const name = label('progress'), text = cutText(cellText(cell), 40);
  const read = readNumber(cell, mapping.decimalMark);
  if (!read.ok || (read.value.unit !== null && read.value.unit !== '%') || read.value.outOf === 0) {
    warnings.push(`${name}: "${text}" is not a percentage; not imported (write it as 40%)`);
    return null;
  }
  const { value, unit, outOf } = read.value;
  let percent = unit === '%' ? value : outOf !== null ? (value / outOf) * 100 : Math.abs(value) <= 1 ? value * 100 : value;
  percent = Number(percent.toPrecision(15));
  if (unit === null && outOf === null && value !== 0) {
    warnings.push(Math.abs(value) <= 1
      ? `${name}: ${plainDecimal(value)} is a plain number; read as ${plainDecimal(percent)}% (a share of the whole). If it means ${plainDecimal(value)}%, write it so`
      : `${name}: ${plainDecimal(value)} has no % sign; read as ${plainDecimal(percent)}%`);
  }
  if (percent < 0) {
    warnings.push(`${name}: "${text}" is below 0%; not imported`);
    return null;
  }
  return percent;
}

/**
 * A key result's progress from a Progress column, when the sheet has no Current column (review42c F7):
 * with no start and no target, the key result is a 0–100 % one whose current value is the progress (what a
 * template that tracks KRs as percentages means); with both, its current value is that far from the start
 * towards the target. Otherwise how far "40 %" is cannot be told, and the row says so. Past 100 % is kept
 * (a key result may pass its target) and said.
 */
function readKeyResultProgress(readers: ProgressReaders, mapping: ImportMapping, fields: RowFields): void {
  const percent = progressPercent(readers, mapping);
  if (percent === null) return;
  const { label, warnings } = readers;
  const name = label('progress'), shown = `${plainDecimal(percent)}%`;
  if (mapping.columns.includes('current')) {
    if (fields.current === null) warnings.push(`${name}: ${shown} not imported: the key results' current values are read from ${label('current')}, which is empty on this row`);
    return;
  }
  const { start, target } = fields;
  if (start === null && target === null && (fields.unit === null || fields.unit === '%')) {
    Object.assign(fields, { start: 0, target: 100, unit: '%', current: percent });
  } else if (start !== null && target !== null && start !== target) {
    fields.current = Number((start + (percent / 100) * (target - start)).toPrecision(15));
  } else {
    const has = start === null && target === null ? `no start or target but the unit ${fields.unit}` : start === null ? `a target (${target}) but no start` : `a start (${start}) but no target`;
    warnings.push(`${name}: ${shown} not imported: the key result has ${has}, so what value ${shown} stands for cannot be told; give its current value in a Current column`);
    return;
  }
  if (percent > 100) warnings.push(`${name}: ${shown} is past 100%: imported as the current value ${plainDecimal(fields.current!)}, past the target ${plainDecimal(fields.target!)}`);
}

/** What a Progress cell on a row of another kind than a key result becomes: an initiative's manual progress, else nothing, said. */
function readOtherProgress(kind: NodeKind, readers: ProgressReaders, mapping: ImportMapping, fields: RowFields): void {
  const percent = progressPercent(readers, mapping);
  if (percent === null) return;
  const name = readers.label('progress'), shown = `${plainDecimal(percent)}%`;
  if (kind !== 'initiative') {
    const why = kind === 'task' ? 'a task has no progress, only its status' : kind === 'kpi' ? 'a KPI has no target to measure progress against' : `${/^[aeiou]/.test(KIND_LABELS[kind]) ? 'an' : 'a'} ${KIND_LABELS[kind]}'s progress is worked out from what is under it`;
    readers.warnings.push(`${name}: ${why}; ${shown} not imported`);
  } else if (fields.manualProgress !== null) {
    readers.warnings.push(`${name}: ${shown} not imported: the initiative's manual progress is read from ${readers.label('manualProgress')}`);
  } else if (percent > 100) {
    readers.warnings.push(`${name}: ${shown} is past 100%, and an initiative's progress is at most 100%; not imported`);
  } else fields.manualProgress = percent / 100;
}

/**
 * The row's period: the name as written, with the dates of the Period start / Period end columns when
 * the row gives them, else those its name says (`Q3 2025`), else none (the plan's period of that name).
 */
function rowPeriod(readers: { cellOf: (role: ColumnRole) => Cell; label: (role: ColumnRole) => string; date: (role: ColumnRole) => string | null; warnings: string[]; problems: string[]; periodNames?: ReadonlySet<string> | undefined }): PeriodRef | null {
  const { cellOf, label, date, warnings, problems, periodNames } = readers;
  const cell = cellOf('period');
  const start = date('periodStart'), end = date('periodEnd');
  if (isBlank(cell)) {
    if (start !== null || end !== null) warnings.push(`${label(start !== null ? 'periodStart' : 'periodEnd')}: the row names no period; its dates not imported`);
    return null;
  }
  const name = importedText(label('period'), cellText(cell).trim().replace(/\s+/g, ' '), NAME_LIMIT, warnings);
  if (start !== null && end !== null) {
    // The model's own period rules (period-bounds.ts): dates no period can have block the row; dates none plausibly
    // has (0001 … 9999, a period of 40 years) are imported with the warning the Periods list gives them, so the
    // preview says it before Import, not the items' "no pace is judged" signal after it (fix45b's "not done").
    if (periodDatesProblem(start, end) === null) {
      const warning = periodDatesWarning(start, end);
      if (warning) warnings.push(`${label('periodStart')}: the period "${name}": ${warning}`);
      return { name, start, end, datesWritten: true };
    }
    problems.push(`${label('periodStart')}: the period "${name}" starts ${start}, after its end ${end} (${label('periodEnd')})`);
    return null;
  }
  if (start !== null || end !== null) {
    problems.push(`${label(start === null ? 'periodStart' : 'periodEnd')}: the period "${name}" has ${start === null ? `an end (${end}) but no start` : `a start (${start}) but no end`}`);
    return null;
  }
  const read = readPeriod(cell);
  if (read.ok) return { ...read.value, datesWritten: false };
  if (PERIOD_NOTATION.test(name)) { problems.push(`${label('period')}: ${read.problem}`); return null; }
  if (periodNames && !periodNames.has(name.toLowerCase())) { problems.push(`${label('period')}: "${name}" is not a period of this plan, and the row gives no dates for it (add it to the plan, or give its dates in Period start and Period end)`); return null; }
  return { name, start: null, end: null, datesWritten: false };
}

/** `2026-11-05T09:30:00.000Z`, `2026-11-05T09:30`, `2026-11-05 09:30:00+01:00` (no zone: UTC, as the export writes it). */
const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)(Z|[+-]\d{2}:?\d{2})?$/i;

/** An instant written as ISO 8601 or as a date (midnight UTC), or null when it cannot be read. */
function readInstant(cell: Cell, order: DateOrder): number | null {
  const text = cellText(cell);
  const iso = ISO_INSTANT.exec(text);
  if (iso) {
    const zone = iso[3] ? iso[3].toUpperCase().replace(/^([+-]\d{2})(\d{2})$/, '$1:$2') : 'Z';
    const value = Date.parse(`${iso[1]}T${iso[2]}${zone}`);
    return Number.isFinite(value) ? value : null;
  }
  const date = readDate(cell, order);
  return date.ok ? Date.parse(`${date.value.date}T00:00:00Z`) : null;
}

/**
 * A task's Blocked since and Done at. A stamp that cannot be read or lies after the import's time is
 * named with its cell, and the import's time is used, as for a sheet without the column; one on a task
 * whose status does not carry it (a Done at on a blocked task) is named and left out.
 */
function readStamps(readers: { cellOf: (role: ColumnRole) => Cell; label: (role: ColumnRole) => string; warnings: string[]; dateOrder: DateOrder; now: number }, fields: RowFields): void {
  const { cellOf, label, warnings, dateOrder, now } = readers;
  for (const [role, status] of [['blockedSince', 'blocked'], ['doneAt', 'done']] as const) {
    const cell = cellOf(role);
    if (isBlank(cell)) continue;
    const shown = cutText(cellText(cell), 40);
    if (fields.status !== status) { warnings.push(`${label(role)}: the task is not ${status}; "${shown}" not imported`); continue; }
    const value = readInstant(cell, dateOrder);
    if (value === null) warnings.push(`${label(role)}: "${shown}" is not a date or time; the import's time is used`);
    else if (value > now) warnings.push(`${label(role)}: "${shown}" is in the future; the import's time is used`);
    else fields[role] = value;
  }
}
