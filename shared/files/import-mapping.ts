/**
 * Which row holds the headers, what each column means, and which layout the sheet uses: detected from
 * the file, shown to the user, and correctable before anything is imported.
 *
 * Layouts, as teams keep OKRs in spreadsheets:
 *   objective-rows  one row per key result; the objective repeated on each row or left blank below
 *   outline         an outline-number column (1, 1.1, 1.2.1) with a type column
 *   parent-id       a parent column naming each row's parent by its id column, or by its title when
 *                   the sheet has no id column (review42c F1: a Parent column of titles was ignored)
 *   typed-rows      a title and a type per row; each row belongs to the nearest row above that may hold it
 */
import { z } from 'zod';
import { cellText, dateOrderEvidence, decimalEvidence, isBlank, type Cell, type DateOrder, type DecimalMark } from './cell-values.js';
import type { SheetTable } from './sheet-table.js';

export const COLUMN_ROLES = [
  'strategy', 'objective', 'keyResult', 'title', 'type', 'outline', 'id', 'parentId', 'description', 'owner', 'team', 'period',
  'start', 'target', 'current', 'unit', 'direction', 'confidence', 'status', 'startDate', 'dueDate', 'priority', 'weight',
  'rangeLow', 'rangeHigh', 'assignee', 'blockedReason', 'effort', 'impact', 'manualProgress', 'horizon',
  'periodStart', 'periodEnd', 'blockedSince', 'doneAt', 'progress',
] as const;
export type ColumnRole = (typeof COLUMN_ROLES)[number];

export const IMPORT_LAYOUTS = ['objective-rows', 'outline', 'parent-id', 'typed-rows'] as const;
export type ImportLayout = (typeof IMPORT_LAYOUTS)[number];

/** Human names of the roles, for the mapping form. */
export const COLUMN_ROLE_LABELS: Readonly<Record<ColumnRole, string>> = {
  strategy: 'Strategy', objective: 'Objective', keyResult: 'Key result', title: 'Title', type: 'Type', outline: 'Outline number',
  id: 'Id', parentId: 'Parent', description: 'Description', owner: 'Owner', team: 'Team', period: 'Period', start: 'Start value',
  target: 'Target value', current: 'Current value', unit: 'Unit', direction: 'Direction', confidence: 'Confidence', status: 'Status',
  startDate: 'Start date', dueDate: 'Due date', priority: 'Priority', weight: 'Weight',
  rangeLow: 'Range low', rangeHigh: 'Range high', assignee: 'Assignee', blockedReason: 'Blocked reason', effort: 'Effort (person-days)',
  impact: 'Impact', manualProgress: 'Manual progress', horizon: 'Horizon', periodStart: 'Period start', periodEnd: 'Period end',
  blockedSince: 'Blocked since', doneAt: 'Done at', progress: 'Progress (%)',
};

/** Header words for each role (compared lower-case, without punctuation). */
const HEADER_WORDS: Readonly<Record<ColumnRole, readonly string[]>> = {
  strategy: ['strategy', 'theme', 'pillar', 'strategic theme', 'strategic pillar'],
  objective: ['objective', 'objectives', 'goal', 'o', 'team objective', 'company objective'],
  keyResult: ['key result', 'key results', 'kr', 'krs', 'keyresult', 'measure of success'],
  title: ['title', 'name', 'item', 'summary', 'what'],
  type: ['type', 'kind', 'level', 'item type', 'node type'],
  outline: ['#', 'no', 'nr', 'number', 'outline', 'outline number', 'wbs', 'ref', 'section', 'index'],
  id: ['id', 'key', 'item id', 'row id', 'uid'],
  parentId: ['parent', 'parent id', 'parentid', 'parent key', 'belongs to', 'parent ref'],
  description: ['description', 'details', 'notes', 'comment', 'comments'],
  owner: ['owner', 'owners', 'responsible', 'lead', 'accountable', 'owner email', 'email', 'dri', 'who'],
  team: ['team', 'department', 'dept', 'group', 'squad', 'unit team'],
  period: ['period', 'quarter', 'cycle', 'timeframe', 'time frame'],
  start: ['start', 'baseline', 'start value', 'from', 'initial', 'initial value'],
  target: ['target', 'target value', 'to', 'goal value'],
  current: ['current', 'current value', 'actual', 'latest', 'value', 'now', 'progress value'],
  unit: ['unit', 'units', 'uom', 'metric unit'],
  direction: ['direction', 'trend', 'better if'],
  confidence: ['confidence', 'confidence score'],
  status: ['status', 'state', 'rag'],
  startDate: ['start date', 'starts', 'begin', 'begins'],
  dueDate: ['due', 'due date', 'deadline', 'end date', 'by when', 'target date'],
  priority: ['priority', 'prio'],
  weight: ['weight', 'weighting'],
  // Only headers that say a range: a bare Low/High/Min/Max/Estimate/Charge column of another tool is
  // something else (a price band, story points, a French "charge" of work in hours) and was read as ours.
  rangeLow: ['range low', 'healthy from', 'healthy low', 'healthy min', 'range min', 'range from', 'healthy range low'],
  rangeHigh: ['range high', 'healthy up to', 'healthy high', 'healthy max', 'range max', 'range to', 'healthy range high'],
  // A task's person; on a row whose kind has no assignee it is read as the owner (row-fields.ts).
  assignee: ['assignee', 'assigned to', 'assigned'],
  // Not "Blocked by" or "Blocker": in issue trackers those name other issues (PROJ-12), not a reason.
  blockedReason: ['blocked reason', 'blocked because', 'reason blocked', 'why blocked'],
  // Not a bare "Estimate": trackers hold story points or `3d` there, not our person-days.
  effort: ['effort', 'effort estimate', 'effort days', 'effort person days', 'person days', 'man days'],
  impact: ['impact', 'expected impact'],
  manualProgress: ['manual progress', 'percent complete'],
  horizon: ['horizon', 'time horizon'],
  periodStart: ['period start', 'period starts', 'period begins'],
  periodEnd: ['period end', 'period ends'],
  blockedSince: ['blocked since'],
  doneAt: ['done at', 'done on', 'completed at', 'completed on'],
  // Google Sheets' OKR template's column (review42c F7): how far each key result is, as a percentage (row-fields.ts readProgress).
  progress: ['progress', 'progress percent', 'percent progress', 'progress pct'],
};

/**
 * The same headers as German, French and Spanish teams write them (an offsite's sheet is often not in
 * English). Accents are optional: headers are compared without them (`Resultat cle` is `Résultat clé`).
 * `Ziel` is an objective and `Zielwert` a target, as German OKR sheets use them.
 */
const HEADER_WORDS_TRANSLATED: Partial<Readonly<Record<ColumnRole, readonly string[]>>> = {
  strategy: ['strategie', 'stratégie', 'estrategia', 'strategische säule', 'pilier', 'pilar'],
  objective: ['ziel', 'ziele', 'objectif', 'objectifs', 'objetivo', 'objetivos'],
  keyResult: ['schlüsselergebnis', 'schlüsselergebnisse', 'kernergebnis', 'kernergebnisse', 'résultat clé', 'résultats clés', 'resultado clave', 'resultados clave'],
  title: ['titel', 'bezeichnung', 'titre', 'intitulé', 'título', 'nombre'],
  type: ['typ', 'art', 'ebene', 'niveau', 'tipo', 'nivel'],
  description: ['beschreibung', 'notizen', 'kommentar', 'descriptif', 'commentaire', 'commentaires', 'remarques', 'descripción', 'notas', 'comentarios'],
  owner: ['verantwortlich', 'verantwortliche', 'verantwortlicher', 'eigentümer', 'zuständig', 'responsable', 'propriétaire', 'propietario'],
  team: ['abteilung', 'équipe', 'département', 'equipo', 'departamento'],
  period: ['zeitraum', 'quartal', 'période', 'trimestre', 'periodo', 'período'],
  start: ['startwert', 'ausgangswert', 'basiswert', 'valeur de départ', 'valeur initiale', 'valor inicial', 'línea base'],
  target: ['zielwert', 'sollwert', 'cible', 'valeur cible', 'valor objetivo', 'meta'],
  current: ['aktuell', 'aktueller wert', 'istwert', 'ist', 'actuel', 'valeur actuelle', 'valor actual'],
  unit: ['einheit', 'unité', 'unidad'],
  direction: ['richtung', 'sens', 'dirección'],
  confidence: ['zuversicht', 'konfidenz', 'vertrauen', 'confiance', 'confianza'],
  status: ['statut', 'état', 'estado'],
  startDate: ['startdatum', 'beginn', 'date de début', 'fecha de inicio', 'fecha inicio'],
  dueDate: ['fällig', 'fällig am', 'fälligkeit', 'fälligkeitsdatum', 'frist', 'enddatum', 'échéance', 'date d\'échéance', 'date limite', 'fecha límite', 'fecha de vencimiento', 'vencimiento'],
  priority: ['priorität', 'priorité', 'prioridad'],
  weight: ['gewichtung', 'gewicht', 'poids', 'pondération', 'peso', 'ponderación'],
  assignee: ['zugewiesen', 'bearbeiter', 'assigné', 'asignado'],
  effort: ['aufwand', 'personentage', 'esfuerzo'],
  horizon: ['horizont', 'horizonte'],
};

/** A header as compared: lower case, accents dropped, punctuation as single spaces (`Date d'échéance` → `date d echeance`). */
function headerWords(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/ß/g, 'ss').replace(/[^\p{L}\p{N}#]+/gu, ' ').trim();
}

const WORD_TO_ROLE = new Map<string, ColumnRole>();
for (const role of COLUMN_ROLES) for (const word of [...HEADER_WORDS[role], ...HEADER_WORDS_TRANSLATED[role] ?? []]) WORD_TO_ROLE.set(headerWords(word), role);

function headerKey(cell: Cell): string {
  return headerWords(cellText(cell));
}

/** The role a header names, or null. */
export function roleOfHeader(cell: Cell): ColumnRole | null {
  const key = headerKey(cell);
  return WORD_TO_ROLE.get(key) ?? WORD_TO_ROLE.get(key.replace(/s$/, '')) ?? null;
}

/** What the user confirms before importing. Rows are 1-based, as the spreadsheet shows them. */
export const importMappingSchema = z.lazy(() => z.object({
  headerRow: z.number().int().min(1),
  columns: z.array(z.enum(COLUMN_ROLES).nullable()),
  layout: z.enum(IMPORT_LAYOUTS),
  dateOrder: z.enum(['dmy', 'mdy']),
  decimalMark: z.enum(['dot', 'comma']),
}));
export type ImportMapping = z.infer<typeof importMappingSchema>;

/** The layout the roles present imply, or null when no column can give a title. */
export function layoutFor(columns: readonly (ColumnRole | null)[]): ImportLayout | null {
  const has = (role: ColumnRole) => columns.includes(role);
  if (has('outline') && (has('title') || has('objective') || has('keyResult'))) return 'outline';
  // A Parent column places rows whether it names ids or, with no id column, titles: read as typed rows
  // it was ignored unseen and a key result landed under the objective above it, not the one named.
  if (has('parentId') && has('title')) return 'parent-id';
  if (has('objective') || has('keyResult')) return 'objective-rows';
  if (has('title')) return 'typed-rows';
  return null;
}

const NUMBER_ROLES: ReadonlySet<ColumnRole> = new Set(['start', 'target', 'current', 'weight', 'rangeLow', 'rangeHigh', 'effort', 'manualProgress', 'progress']);
const DATE_ROLES: ReadonlySet<ColumnRole> = new Set(['startDate', 'dueDate', 'periodStart', 'periodEnd']);

/**
 * Whether one of a sheet's first ten rows names at least two of the import's columns (Objective, Key
 * result, Target…): the sheet holds a plan. A workbook's first sheet is often not it — Numbers'
 * "Export Summary", an OKR template's "Read me" — and was read, giving "Import 0 items" (review37a F1).
 */
export function recognisesHeader(rows: readonly Cell[][]): boolean {
  for (let index = 0; index < Math.min(10, rows.length); index++) {
    if (new Set(rows[index]!.map(roleOfHeader).filter((role) => role !== null)).size >= 2) return true;
  }
  return false;
}

/** Chooses the header row: the first of the first ten rows naming at least two roles (else row 1). */
function findHeaderRow(rows: readonly Cell[][]): number {
  let best = 0, bestCount = 0;
  for (let index = 0; index < Math.min(10, rows.length); index++) {
    const count = new Set(rows[index]!.map(roleOfHeader).filter((role) => role !== null)).size;
    if (count >= 2 && count > bestCount) { best = index; bestCount = count; if (count >= 3) break; }
  }
  // A header of two rows (a merged "Metric" over Start, Target, Current; Objective and Owner merged
  // down over both): the lower row is the header, and the cells above its empty ones name theirs.
  const below = rows[best + 1];
  return below && isSecondHeaderRow(rows[best]!, below) ? best + 2 : best + 1;
}

/**
 * Whether `lower`, the row under the header row `upper`, is the header's second row: every non-blank
 * cell of it names a role (a header row holds labels; a data row holds titles and numbers), at least
 * two of them under cells of `upper` that name none (a merged "Metric"), and it is blank under every
 * cell of `upper` that names a role (Objective, Owner merged down over both rows) unless that cell is
 * a label merged across (see `spansRight`). Counting role words alone was not enough: common data
 * values are header words (No, To, From, Value, Lead, Status, Due, Ist, Meta), so a first data row with
 * `No` in two yes/no columns the app does not read was taken for the header and nothing was imported
 * (review26b F1).
 */
function isSecondHeaderRow(upper: readonly Cell[], lower: readonly Cell[]): boolean {
  let namedUnderBlank = 0;
  for (let column = 0; column < Math.max(upper.length, lower.length); column++) {
    const cell = lower[column] ?? null;
    if (isBlank(cell)) continue;
    if (roleOfHeader(cell) === null) return false;
    if (isBlank(headerCellAbove(upper, column))) namedUnderBlank += 1;
    else if (!spansRight(upper, lower, column)) return false;
  }
  return namedUnderBlank >= 2;
}

/**
 * Whether the upper header cell at `column` is a group label merged across the columns to its right
 * ("Values" over Start, Target, Current; a merged cell keeps its text in its first cell, in XLSX and in
 * a spreadsheet's CSV): the cell right of it is blank and the lower row names a role there. A group
 * label may itself be a header word ("Values" reads as Current), so the lower row's own label under it
 * is then taken, not refused as a data value.
 */
function spansRight(upper: readonly Cell[], lower: readonly Cell[], column: number): boolean {
  return isBlank(upper[column + 1] ?? null) && roleOfHeader(lower[column + 1] ?? null) !== null;
}

/** A header row's cell where it names no role (blank, or a group label over merged columns), else null. */
function headerCellAbove(row: readonly Cell[], column: number): Cell {
  const cell = row[column] ?? null;
  return roleOfHeader(cell) === null ? null : cell;
}

/**
 * The cells that head each column when row `headerRow` (1-based) is the header: its own, and under a
 * header of two rows, for each of its empty cells the cell above when that names a column's role (a
 * header cell merged down over both rows keeps its text in the upper one; a spreadsheet's CSV writes
 * it there too). Before, such a sheet lost Objective and Key result, or Start, Target and Current:
 * their columns read as "not imported".
 */
export function headerCells(rows: readonly (readonly Cell[])[], headerRow: number): Cell[] {
  const header = rows[headerRow - 1] ?? [];
  const above = headerRow >= 2 ? rows[headerRow - 2] ?? [] : [];
  const width = Math.max(header.length, above.length);
  return Array.from({ length: width }, (_, column) => {
    const own = header[column] ?? null;
    if (!isBlank(own)) return own;
    const up = above[column] ?? null;
    return roleOfHeader(up) !== null ? up : own;
  });
}

/** Detects the header row, the columns' roles, the layout and the number and date notation. */
export function detectMapping(table: SheetTable): ImportMapping {
  const headerRow = findHeaderRow(table.rows);
  const seen = new Set<ColumnRole>();
  const header = headerCells(table.rows, headerRow);
  const goalsAbove = goalsAboveObjectives(header);
  const columns = header.map((cell) => {
    const role = goalsAbove && isGoalHeader(cell) ? 'strategy' : roleOfHeader(cell);
    // A second column with the same header word is left for the user to assign.
    if (role === null || seen.has(role)) return null;
    seen.add(role);
    return role;
  });
  const layout = layoutFor(columns) ?? 'typed-rows';
  return { headerRow, columns, layout, ...detectNotation(table, headerRow, columns) };
}

/** A header that says Goal (or Goals): an objective on its own, the level above them beside an Objective column. */
export function isGoalHeader(cell: Cell): boolean {
  return /^goals?$/.test(headerKey(cell));
}

/**
 * Whether a header has a Goal column beside an Objective column and no Strategy column, as
 * Google Sheets' OKR templates have (Goal | Objective | Key result | Owner): the goals are then what the
 * objectives serve, the strategy level. Read as a second objective column, the real objectives were left
 * out as "not imported" (review42c F7). Goal beside Key result alone is the objective, as before.
 */
export function goalsAboveObjectives(header: readonly Cell[]): boolean {
  const roles = header.map((cell) => (isGoalHeader(cell) ? null : roleOfHeader(cell)));
  return header.some(isGoalHeader) && !roles.includes('strategy') && roles.includes('objective');
}

/** Day/month order and decimal mark, from the values that settle them (ambiguous ones are flagged later). */
export function detectNotation(table: SheetTable, headerRow: number, columns: readonly (ColumnRole | null)[]): { dateOrder: DateOrder; decimalMark: DecimalMark } {
  const votes = { dmy: 0, mdy: 0, dot: 0, comma: 0 };
  for (const row of table.rows.slice(headerRow)) {
    columns.forEach((role, column) => {
      const cell = row[column] ?? null;
      if (role === null || isBlank(cell) || typeof cell !== 'string') return;
      if (DATE_ROLES.has(role)) { const order = dateOrderEvidence(cell); if (order) votes[order] += 1; }
      if (NUMBER_ROLES.has(role)) { const mark = decimalEvidence(cellText(cell)); if (mark) votes[mark] += 1; }
    });
  }
  const decimalMark: DecimalMark = votes.comma > votes.dot || (votes.comma === votes.dot && table.delimiter === ';') ? 'comma' : 'dot';
  const dateOrder: DateOrder = votes.mdy > votes.dmy ? 'mdy' : 'dmy';
  return { dateOrder, decimalMark };
}

/**
 * True when some number cell of the file can only be read in `mapping.decimalMark` (a `3,5` or a
 * `1,200.50`) and none only in the other: then a `1.234` elsewhere is read in that notation without a
 * warning on its row. A file holding both (two people's columns pasted together) settles nothing: each
 * ambiguous number says how it was read (review42c F5).
 */
export function decimalMarkSettled(table: SheetTable, mapping: ImportMapping): boolean {
  const columns = mapping.columns.flatMap((role, column) => (role !== null && (NUMBER_ROLES.has(role) || role === 'confidence') ? [column] : []));
  return settledBy(table, mapping, columns, (cell) => decimalEvidence(cellText(cell)), mapping.decimalMark);
}

/**
 * True when some date cell of the file can only be read in `mapping.dateOrder` (a `30/09/2025` is day
 * first) and none only in the other: then a `01/07/2025` elsewhere is read in that order without a
 * warning on its row, as a settled decimal mark is. Before, every such date of a day-first file carried
 * a warning, so the rows worth a look were lost among them. A file with both `31/12/2026` and
 * `12/31/2026` settles nothing: its `03/04/2026` was read day first without a word (review42c F5).
 */
export function dateOrderSettled(table: SheetTable, mapping: ImportMapping): boolean {
  const columns = mapping.columns.flatMap((role, column) => (role !== null && DATE_ROLES.has(role) ? [column] : []));
  return settledBy(table, mapping, columns, dateOrderEvidence, mapping.dateOrder);
}

/** Whether the text cells of `columns` give evidence for `chosen` and none against it. */
function settledBy<T extends string>(table: SheetTable, mapping: ImportMapping, columns: readonly number[], evidence: (cell: Cell) => T | null, chosen: T): boolean {
  let found = false;
  for (const row of table.rows.slice(mapping.headerRow)) {
    for (const column of columns) {
      const cell = row[column] ?? null;
      if (typeof cell !== 'string' || isBlank(cell)) continue;
      const said = evidence(cell);
      if (said === null) continue;
      if (said !== chosen) return false;
      found = true;
    }
  }
  return found;
}
