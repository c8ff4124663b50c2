/**
 * The tree an import would create, built from a table and a mapping without touching any plan: each
 * node names the spreadsheet row it came from, each doubtful row carries warnings, and every problem
 * that would make the import wrong is listed with its row. The preview is what the user approves;
 * applyImport writes exactly it.
 *
 * Rules:
 *  1. Blank rows, and rows whose title says Total/Sum/Average, are skipped (and listed as skipped).
 *  2. objective-rows: a blank objective cell continues the objective above; a repeated objective
 *     title (within its strategy) is the same objective.
 *  3. outline: 1.2.1 sits under 1.2; a number without its parent row, or used twice, is a problem.
 *  4. parent-id: a parent id that no row has, or a loop of parents, is a problem. Without an id column
 *     the parent column names titles; one naming no row's title, or several rows', is a problem.
 *  5. typed-rows: each row sits under the nearest row above whose kind may hold it; without a Type column,
 *     titles indented by level (spaces, tabs or the cell's format indent) give each row's level, its kind by
 *     depth, under the row above indented less.
 *  6. A kind that may not sit under its parent's kind is a problem naming both rows.
 *  7. Objectives at the top level go under one strategy (an existing one or a new one named by the user).
 *  8. A key result, initiative or task titled as an earlier one of its kind under the same parent is imported,
 *     its row warned naming the first.
 */
import { cellText, isBlank, isErrorCell, type Cell } from './cell-values.js';
import { fileProblem, type FileProblem } from './file-problem.js';
import { dateOrderSettled, decimalMarkSettled, headerCells, type ImportMapping, type ColumnRole } from './import-mapping.js';
import { importedText, kindOfType, readRowFields, type PersonRef, type RowContext, type RowFields } from './row-fields.js';
import { columnNames } from './column-names.js';
import { joinedAnd } from '../text/joined.js';
import { readingColumnNotes } from './column-notes.js';
import { LEADING_BLANKS, type CellIndent, type SheetTable } from './sheet-table.js';
import { cellReference } from './xlsx-sheet.js';
import { ALLOWED_PARENTS, KIND_LABELS, MERGE_PARENTS, ROOT_ID, TEXT_LIMITS, itemsPerStep, parentAllowed, runToEnd, type NodeKind, type Steps } from '../model/index.js';

/** One node to be created. */
export interface ImportNode {
  key: string;
  kind: NodeKind;
  title: string;
  /** 1-based spreadsheet row (0 for the strategy the import adds). */
  row: number;
  parentKey: string | null;
  childKeys: string[];
  fields: RowFields;
  warnings: string[];
  /** Its kind does not belong where the file puts it: imported there out of place, as a plan holds a node a merge re-attached. */
  outOfPlace?: true;
}

/** What became of one data row. */
export interface RowOutcome {
  row: number;
  /** `untitled`: a row holding values but no title its layout reads (objective-rows), not imported; its warning names the cells. */
  outcome: 'node' | 'continues' | 'blank' | 'total' | 'problem' | 'untitled';
  nodeKey: string | null;
  warnings: string[];
}

export interface ImportPreview {
  mapping: ImportMapping;
  nodes: ReadonlyMap<string, ImportNode>;
  /** Keys of the top-level nodes, in order (strategies, after rule 7). */
  rootKeys: string[];
  rows: RowOutcome[];
  problems: FileProblem[];
  /** The strategy added to hold top-level objectives (rule 7), or null. */
  addedStrategyKey: string | null;
  /** What is said of whole columns: data no field takes, hidden columns read (column-notes.ts). */
  columnNotes: string[];
}

export interface PreviewOptions {
  /** Title of the strategy that holds top-level objectives when the file has no strategies. */
  strategyTitle: string;
  /** The import's time: a Blocked since or Done at after it is not taken (without it, no stamp is in the future). */
  now?: number;
  /** The names of the plan's periods: a row naming a period by a name alone that is not one of them is a problem here, not first at Import. */
  periodNames?: readonly string[];
}

/** A whole cell saying Total (a key result called "Total revenue" is not a total row). */
const TOTAL_ROW = /^(grand\s+)?(total|totals|sum|summe|gesamt|subtotal|sub-total|average|avg|mean)\s*:?$/i;

class TreeBuilder {
  readonly nodes = new Map<string, ImportNode>();
  readonly rootKeys: string[] = [];
  readonly rows: RowOutcome[] = [];
  readonly problems: FileProblem[] = [];
  /** Rows of key results with a target and no start because the sheet has no Start column (`noStartColumnNote`). */
  readonly noStartRows: number[] = [];
  /** What is said of the whole sheet's reading, before the column notes (the kinds read from indents). */
  readonly sheetNotes: string[] = [];

  /** Rows hidden in the sheet that have not yet said so (SheetTable.hiddenRows): the first node of each says it. */
  private readonly hiddenUnsaid: Set<number>;

  /** `context`: what the whole file tells each row's reading (row-fields.ts RowContext). */
  constructor(readonly mapping: ImportMapping, readonly context: RowContext = {}, hiddenRows: readonly number[] = []) {
    this.hiddenUnsaid = new Set(hiddenRows);
  }

  add(key: string, kind: NodeKind, title: string, rowNumber: number, row: readonly Cell[]): ImportNode {
    const reading = readRowFields(row, this.mapping, kind, this.context);
    if (reading.noStartColumn) this.noStartRows.push(rowNumber);
    for (const problem of reading.problems) this.problems.push(fileProblem(problemCode(problem), `Row ${rowNumber}: ${problem}.`, rowNumber));
    const warnings = reading.warnings;
    // A row its owner hid (an archived key result, a filter left on) is imported, and said: never a surprise in the plan.
    if (this.hiddenUnsaid.delete(rowNumber)) warnings.unshift('the row is hidden in the spreadsheet (by hand or by a filter); imported like the others');
    const node: ImportNode = { key, kind, title: importedText('title', title, TEXT_LIMITS.title, warnings), row: rowNumber, parentKey: null, childKeys: [], fields: reading.fields, warnings };
    this.nodes.set(key, node);
    this.rows.push({ row: rowNumber, outcome: reading.problems.length > 0 ? 'problem' : 'node', nodeKey: key, warnings: node.warnings });
    return node;
  }

  attach(child: ImportNode, parentKey: string | null): void {
    child.parentKey = parentKey;
    if (parentKey === null) this.rootKeys.push(child.key);
    else this.nodes.get(parentKey)!.childKeys.push(child.key);
  }

  skip(row: number, outcome: 'blank' | 'total' | 'continues' | 'untitled', warning: string | undefined, cells: readonly Cell[]): void {
    // A skipped row still names its unreadable cells and formula errors: they may be why it looks empty.
    const cellWarnings = cells.filter(isErrorCell).map((cell) => (cell.unreadable ? `${cell.at}: the cell cannot be read (${cell.error}); read as empty` : `cell ${cell.at} holds the formula error ${cell.error}; read as empty`));
    this.rows.push({ row, outcome, nodeKey: null, warnings: [...(warning ? [warning] : []), ...cellWarnings] });
  }

  problem(row: number, code: FileProblem['code'], message: string): void {
    this.problems.push(fileProblem(code, `Row ${row}: ${message}`, row));
    this.rows.push({ row, outcome: 'problem', nodeKey: null, warnings: [] });
  }
}

function problemCode(message: string): FileProblem['code'] {
  if (/date/.test(message)) return 'bad-date';
  if (/period/.test(message)) return 'bad-period';
  return 'bad-number';
}

function cellFor(row: readonly Cell[], mapping: ImportMapping, role: ColumnRole): Cell {
  const column = mapping.columns.indexOf(role);
  return column < 0 ? null : row[column] ?? null;
}

/** Builds the preview of importing `table` with `mapping`. Pure: nothing is written anywhere. */
export function buildImportPreview(table: SheetTable, mapping: ImportMapping, options: PreviewOptions): ImportPreview {
  return runToEnd(buildingImportPreview(table, mapping, options));
}

/**
 * buildImportPreview in steps (steps.ts): a page builds the preview of a 10,000-row sheet between
 * pauses, so it keeps answering while the preview is read. Every pass over the rows yields every
 * `itemsPerStep` rows; the result is exactly buildImportPreview's.
 */
export function* buildingImportPreview(table: SheetTable, mapping: ImportMapping, options: PreviewOptions): Steps<ImportPreview> {
  const context: RowContext = {
    decimalSettled: decimalMarkSettled(table, mapping),
    dateSettled: dateOrderSettled(table, mapping),
    columnNames: columnNames(headerCells(table.rows, mapping.headerRow)),
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.periodNames === undefined ? {} : { periodNames: new Set(options.periodNames.map((name) => name.trim().toLowerCase())) }),
  };
  const builder = new TreeBuilder(mapping, context, table.hiddenRows);
  const titleRoles: ColumnRole[] = ['strategy', 'objective', 'keyResult', 'title'];
  const live: DataRow[] = [];
  for (let index = mapping.headerRow; index < table.rows.length; index++) {
    if (index % itemsPerStep === 0) yield;
    const cells = table.rows[index]!;
    const number = index + 1;
    if (cells.every(isBlank)) { builder.skip(number, 'blank', undefined, cells); continue; }
    const titles = titleRoles.map((role) => cellText(cellFor(cells, mapping, role))).filter((text) => text !== '');
    const first = cellText(cells.find((cell) => !isBlank(cell)) ?? null);
    if (titles.some((text) => TOTAL_ROW.test(text)) || (titles.length === 0 && TOTAL_ROW.test(first))) { builder.skip(number, 'total', 'total row skipped', cells); continue; }
    live.push({ cells, number });
  }
  if (mapping.layout === 'objective-rows') yield* buildObjectiveRows(builder, live);
  else if (mapping.layout === 'outline') yield* buildOutline(builder, live);
  else if (mapping.layout === 'parent-id') yield* buildParentIds(builder, live);
  else yield* buildTypedRows(builder, live, table.indents ?? []);
  yield* checkCascade(builder);
  yield* warnRepeatedTitles(builder);
  const addedStrategyKey = wrapTopLevelObjectives(builder, options);
  builder.rows.sort((a, b) => a.row - b.row);
  builder.problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  const noStart = noStartColumnNote(builder.noStartRows);
  const columnNotes = yield* readingColumnNotes(table, mapping, context.columnNames ?? []);
  return { mapping, nodes: builder.nodes, rootKeys: builder.rootKeys, rows: builder.rows, problems: builder.problems, addedStrategyKey, columnNotes: [...builder.sheetNotes, ...(noStart ? [noStart] : []), ...columnNotes] };
}

/** How many rows the sheet's note on a missing Start column names before it counts the rest. */
const NO_START_ROWS_NAMED = 5;

/**
 * What the preview says once for a sheet with no Start column, of the key results that have a target and so
 * no measurable progress (`rows`, in any order): "The sheet has no Start column: 300 key results have a target
 * and no start (rows 4, 5, 7, 9, 12 and 295 more), so their progress cannot be measured until a start is set;
 * none is assumed." Null for none. Each of those rows was warned on its own before: on a 300-row sheet the
 * same sentence 300 times, and "300 rows with warnings" above rows that had other things to say.
 */
export function noStartColumnNote(rows: readonly number[]): string | null {
  if (rows.length === 0) return null;
  const sorted = [...rows].sort((a, b) => a - b);
  const named = sorted.slice(0, NO_START_ROWS_NAMED).map((row) => row.toLocaleString('en'));
  const more = sorted.length - named.length;
  const listed = more > 0 ? `${named.join(', ')} and ${more.toLocaleString('en')} more` : joinedAnd(named);
  const one = sorted.length === 1;
  return `The sheet has no Start column: ${one ? '1 key result has' : `${sorted.length.toLocaleString('en')} key results have`} a target and no start (${one ? 'row' : 'rows'} ${listed}), so ${one ? 'its' : 'their'} progress cannot be measured until a start is set; none is assumed.`;
}

/** Yields once every `itemsPerStep` calls: a pause point in a pass over rows or nodes. */
function pauseEvery(): () => boolean {
  let count = 0;
  return () => ++count % itemsPerStep === 0;
}

type DataRow = { cells: readonly Cell[]; number: number };

/** On a key result's row, the team and period columns describe its objective too (they are left blank below it). */
function objectiveCells(cells: readonly Cell[], mapping: ImportMapping): Cell[] {
  return cells.map((cell, column) => (mapping.columns[column] === 'team' || mapping.columns[column] === 'period' ? cell : null));
}

function* buildObjectiveRows(builder: TreeBuilder, rows: readonly DataRow[]): Steps<void> {
  const pause = pauseEvery();
  const { mapping } = builder;
  let strategy: ImportNode | null = null;
  let objective: ImportNode | null = null;
  const byTitle = new Map<string, ImportNode>();
  for (const { cells, number } of rows) {
    if (pause()) yield;
    const strategyTitle = cellText(cellFor(cells, mapping, 'strategy'));
    const objectiveTitle = cellText(cellFor(cells, mapping, 'objective'));
    const keyResultTitle = cellText(cellFor(cells, mapping, 'keyResult')) || cellText(cellFor(cells, mapping, 'title'));
    if (strategyTitle !== '' && strategyTitle !== strategy?.title) {
      const key: string = `s:${strategyTitle.toLowerCase()}`;
      strategy = builder.nodes.get(key) ?? null;
      if (!strategy) { strategy = builder.add(key, 'strategy', strategyTitle, number, []); builder.attach(strategy, null); }
      objective = null;
    }
    if (objectiveTitle !== '') {
      const strategyKey: string = strategy?.key ?? '';
      const key = `o:${strategyKey}:${objectiveTitle.toLowerCase()}`;
      const known = byTitle.get(key);
      if (known) objective = known;
      else {
        objective = builder.add(key, 'objective', objectiveTitle, number, keyResultTitle === '' ? cells : objectiveCells(cells, mapping));
        builder.attach(objective, strategy?.key ?? null);
        byTitle.set(key, objective);
        if (keyResultTitle === '') continue;
      }
    }
    if (keyResultTitle === '') {
      const left = valuesLeft(cells, number, mapping);
      if (objectiveTitle !== '') builder.skip(number, 'continues', `objective repeated without a key result${left === null ? '' : `; not imported: ${left}`}`, cells);
      else if (left !== null) builder.skip(number, 'untitled', `no objective or key result on the row, so nothing is made of it; not imported: ${left}`, cells);
      else builder.skip(number, 'blank', undefined, cells);
      continue;
    }
    if (!objective) { builder.problem(number, 'bad-parent', `key result "${keyResultTitle}" has no objective on its row or above it.`); continue; }
    const keyResult = builder.add(`r:${number}`, 'key_result', keyResultTitle, number, cells);
    builder.attach(keyResult, objective.key);
  }
}

/** Columns a row without a key result may repeat from its objective's row: nothing of theirs is lost. */
const OBJECTIVE_ROLES: ReadonlySet<ColumnRole | null> = new Set(['strategy', 'objective', 'team', 'period', 'periodStart', 'periodEnd']);
/** How many cells a warning quotes before it counts the rest. */
const CELLS_QUOTED = 5;

/**
 * The cells of a row that make no item, quoted (`C3 "20", D3 "Bo"`), or null when it holds none: a
 * row of key result values whose title cell was left empty was skipped as blank, its values lost
 * without a word. Columns no field reads are said once for the whole column (column-notes.ts).
 */
function valuesLeft(cells: readonly Cell[], number: number, mapping: ImportMapping): string | null {
  const quoted: string[] = [];
  cells.forEach((cell, column) => {
    const role = mapping.columns[column] ?? null;
    if (role === null || OBJECTIVE_ROLES.has(role) || isBlank(cell)) return;
    const text = cellText(cell);
    quoted.push(`${cellReference(number - 1, column)} ${JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)}`);
  });
  if (quoted.length === 0) return null;
  const rest = quoted.length - CELLS_QUOTED;
  return rest > 0 ? `${quoted.slice(0, CELLS_QUOTED).join(', ')} and ${rest} more ${rest === 1 ? 'cell' : 'cells'}` : quoted.join(', ');
}

/** The kind of a row: its type cell, else `fallback` with a warning, else a problem. */
function rowKind(builder: TreeBuilder, row: DataRow, fallback: NodeKind | null): NodeKind | null {
  const typeCell = cellFor(row.cells, builder.mapping, 'type');
  const kind = kindOfType(typeCell);
  if (kind) return kind;
  if (!isBlank(typeCell)) { builder.problem(row.number, 'bad-type', `type "${cellText(typeCell)}" is not strategy, objective, key result, KPI, initiative or task.`); return null; }
  if (fallback === null) {
    // Said how to mend: a sheet without a Type column was refused row by row with no hint (review42c F4).
    const why = builder.mapping.columns.includes('type') ? 'the type is empty and cannot be inferred.' : 'the sheet has no Type column, so the row\'s kind cannot be told: add one (Objective, Key result, KPI, Initiative, Task), or indent each title (spaces before it, or Excel\'s Increase Indent), more for each level down.';
    builder.problem(row.number, 'bad-type', why);
    return null;
  }
  return fallback;
}

function titleOf(builder: TreeBuilder, row: DataRow): string {
  const { mapping } = builder;
  return cellText(cellFor(row.cells, mapping, 'title')) || cellText(cellFor(row.cells, mapping, 'keyResult')) || cellText(cellFor(row.cells, mapping, 'objective'));
}

const DEPTH_KINDS: readonly NodeKind[] = ['objective', 'key_result', 'initiative', 'task'];

/** `1.9` for `1.10`: the sibling number before `number` (whose last part is above 1). */
function lastChild(number: string): string {
  const parts = number.split('.');
  return [...parts.slice(0, -1), String(Number(parts[parts.length - 1]) - 1)].join('.');
}

/**
 * The outline number a spreadsheet turned into a number, recovered from the sheet's order; null when
 * `number` is a plain duplicate. Excel, LibreOffice and Numbers read a cell `1.10` as the number 1.1 and
 * save it back as `1.1` (`1.20` as `1.2`, `2.100` as `2.1`), so a plan exported with ten or more items
 * at the second level, edited in a spreadsheet and imported again was refused: "outline number 1.1 is
 * used by row 3 too" (review37a F2). A duplicate is read as the next number under its parent in the
 * sheet's order — the latest row one level up (`last`) — when that number, its trailing zeros dropped
 * as the spreadsheet drops them, is what the row holds: `1.1` after 1.1…1.9 under 1 is 1.10. Any other
 * duplicate is still refused.
 */
function numberBeforeSpreadsheet(number: string, last: readonly string[], byNumber: ReadonlyMap<string, unknown>): string | null {
  const parts = number.split('.');
  if (parts.length !== 2) return null; // `1.10.1` has two points: no spreadsheet reads it as a number
  const parent = last[0];
  if (parent === undefined || parent !== parts[0]) return null;
  let next = 1;
  while (byNumber.has(`${parent}.${next}`)) next++;
  const recovered = `${parent}.${next}`;
  return String(Number(recovered)) === number ? recovered : null;
}

function* buildOutline(builder: TreeBuilder, rows: readonly DataRow[]): Steps<void> {
  const pause = pauseEvery();
  const pending: { node: ImportNode; parentNumber: string | null; row: number }[] = [];
  const byNumber = new Map<string, ImportNode>();
  // The outline numbers of the latest row at each depth, in the sheet's order: `last[0]` the latest top-level one.
  const last: string[] = [];
  for (const row of rows) {
    if (pause()) yield;
    let warning: string | null = null;
    const raw = cellText(cellFor(row.cells, builder.mapping, 'outline')).replace(/\.$/, '');
    if (!/^\d+(\.\d+)*$/.test(raw)) { builder.problem(row.number, 'bad-parent', `outline number "${raw}" is not like 1, 1.2 or 1.2.1.`); continue; }
    let number = raw.split('.').map((part) => String(Number(part))).join('.');
    if (byNumber.has(number)) {
      const recovered = numberBeforeSpreadsheet(number, last, byNumber);
      if (recovered === null) { builder.problem(row.number, 'duplicate-id', `outline number ${number} is used by row ${byNumber.get(number)!.row} too.`); continue; }
      warning = `outline number ${number} read as ${recovered}: it follows ${lastChild(recovered)} (a spreadsheet turned ${recovered} into the number ${number})`;
      number = recovered;
    }
    const depth = number.split('.').length;
    last.length = depth - 1;
    last.push(number);
    const kind = rowKind(builder, row, DEPTH_KINDS[Math.min(depth, DEPTH_KINDS.length) - 1]!);
    if (!kind) continue;
    const node = builder.add(`n:${number}`, kind, titleOf(builder, row), row.number, row.cells);
    if (isBlank(cellFor(row.cells, builder.mapping, 'type'))) node.warnings.push(`no type: read as ${KIND_LABELS[kind]} from the outline depth`);
    if (warning !== null) node.warnings.push(warning);
    byNumber.set(number, node);
    pending.push({ node, parentNumber: depth > 1 ? number.split('.').slice(0, -1).join('.') : null, row: row.number });
  }
  for (const { node, parentNumber, row } of pending) {
    if (pause()) yield;
    if (parentNumber === null) { builder.attach(node, null); continue; }
    const parent = byNumber.get(parentNumber);
    if (!parent) { builder.problems.push(fileProblem('bad-parent', `Row ${row}: outline number ${node.key.slice(2)} has no row ${parentNumber} above it.`, row)); continue; }
    builder.attach(node, parent.key);
  }
}

/**
 * How a parent-id sheet's rows are found: by the id column, or, in a sheet without one, by title (a
 * Parent column naming titles, as a team writes "Grow revenue" beside its key results). Titles may repeat
 * (two objectives' "ARR"): only a Parent naming a repeated title is a problem, naming its rows.
 */
class ParentKeys {
  private readonly byTitle = new Map<string, number[]>();

  constructor(private readonly builder: TreeBuilder, readonly byTitleOnly: boolean) {}

  /** The row's key, or null when it has none (a problem said on its row). */
  keyOf(row: DataRow, taken: ReadonlyMap<string, { row: DataRow }>): string | null {
    if (this.byTitleOnly) {
      const title = titleKey(titleOf(this.builder, row));
      if (title !== '') this.byTitle.set(title, [...(this.byTitle.get(title) ?? []), row.number]);
      return `r${row.number}`;
    }
    const id = cellText(cellFor(row.cells, this.builder.mapping, 'id'));
    if (id === '') { this.builder.problem(row.number, 'bad-parent', 'the id is empty.'); return null; }
    if (taken.has(id)) { this.builder.problem(row.number, 'duplicate-id', `id "${id}" is used by row ${taken.get(id)!.row.number} too.`); return null; }
    return id;
  }

  /** The key of the row `parent` names, or a problem: no such row, or (by title) several. */
  parentKey(parent: string, has: (key: string) => boolean): { key: string } | { problem: string } {
    if (!this.byTitleOnly) return has(parent) ? { key: parent } : { problem: `parent id "${parent}" is not the id of any row.` };
    const rows = this.byTitle.get(titleKey(parent)) ?? [];
    if (rows.length === 1) return { key: `r${rows[0]}` };
    if (rows.length === 0) return { problem: `parent "${parent}" is not the title of any row (the sheet has no id column, so its parent column names titles).` };
    return { problem: `parent "${parent}" is the title of rows ${rows.join(', ')}; name which (add an id column and give the parent's id).` };
  }
}

/** Titles as a parent column names them: ends trimmed, runs of spaces as one, any case. */
const titleKey = (title: string) => title.trim().replace(/\s+/g, ' ').toLowerCase();

function* buildParentIds(builder: TreeBuilder, rows: readonly DataRow[]): Steps<void> {
  const pause = pauseEvery();
  const keys = new ParentKeys(builder, !builder.mapping.columns.includes('id'));
  const byId = new Map<string, { node: ImportNode | null; parentId: string; row: DataRow }>();
  for (const row of rows) {
    if (pause()) yield;
    const id = keys.keyOf(row, byId);
    if (id === null) continue;
    byId.set(id, { node: null, parentId: cellText(cellFor(row.cells, builder.mapping, 'parentId')), row });
  }
  // Kinds may be inferred from the parent's kind, so resolve parents before kinds, root first.
  const kindOf = new Map<string, NodeKind | null>();
  const parentOf = new Map<string, string>();
  const described = (id: string) => (keys.byTitleOnly ? `"${titleOf(builder, byId.get(id)!.row)}"` : `id "${id}"`);
  const resolve = (id: string, trail: Set<string>): NodeKind | null => {
    if (kindOf.has(id)) return kindOf.get(id)!;
    const entry = byId.get(id)!;
    if (trail.has(id)) { builder.problem(entry.row.number, 'cycle', `${described(id)} is its own ancestor (the parents form a loop).`); kindOf.set(id, null); return null; }
    trail.add(id);
    let fallback: NodeKind | null = 'objective';
    if (entry.parentId !== '') {
      const found = keys.parentKey(entry.parentId, (key) => byId.has(key));
      if ('problem' in found) { builder.problem(entry.row.number, 'bad-parent', found.problem); kindOf.set(id, null); return null; }
      parentOf.set(id, found.key);
      const parentKind = resolve(found.key, trail);
      fallback = parentKind === null ? null : DEPTH_KINDS[Math.min(DEPTH_KINDS.indexOf(parentKind) + 1, DEPTH_KINDS.length - 1)] ?? 'objective';
    }
    const kind = rowKind(builder, entry.row, fallback);
    kindOf.set(id, kind);
    return kind;
  };
  for (const id of byId.keys()) {
    if (pause()) yield;
    resolve(id, new Set());
  }
  for (const [id, entry] of byId) {
    if (pause()) yield;
    const kind = kindOf.get(id);
    if (!kind) continue;
    entry.node = builder.add(`i:${id}`, kind, titleOf(builder, entry.row), entry.row.number, entry.row.cells);
    if (isBlank(cellFor(entry.row.cells, builder.mapping, 'type'))) entry.node.warnings.push(`no type: read as ${KIND_LABELS[kind]} from its parent`);
  }
  for (const [id, entry] of byId) {
    if (!entry.node) continue;
    const parentKey = parentOf.get(id);
    const parent = entry.parentId === '' ? null : parentKey === undefined ? undefined : byId.get(parentKey)?.node;
    if (parent === undefined) continue;
    builder.attach(entry.node, parent?.key ?? null);
  }
}

/**
 * A sheet without a Type column whose titles are indented by level ("Grow revenue", "  ARR", "    Launch EU"),
 * as an outline pasted from a document or typed in a single column, or indented with Excel's Increase Indent
 * (the cell's format, `formatIndents`): each distinct indent is a level, the
 * cascade's (objective, key result, initiative, task and below it subtasks), and a row sits under the nearest
 * row above that is indented less. Before, every row was refused as "the type is empty" (review42c F4).
 * Null when no title is indented: the sheet's rows are typed rows as before.
 */
function indentLevels(builder: TreeBuilder, rows: readonly DataRow[], formatIndents: readonly CellIndent[]): Map<number, number> | null {
  if (builder.mapping.columns.includes('type')) return null;
  const titleColumn = builder.mapping.columns.indexOf('title');
  // Excel's "Increase Indent" (the cell's format, not its text: review42c F4b) counts as a tab's width a step.
  const formatted = new Map(formatIndents.filter((indent) => indent.column === titleColumn).map((indent) => [indent.row, indent.steps * TAB_WIDTH]));
  const widths = new Map<number, number>();
  for (const row of rows) {
    const cell = cellFor(row.cells, builder.mapping, 'title');
    const indent = typeof cell === 'string' ? LEADING_BLANKS.exec(cell)![0].replace(/\t/g, ' '.repeat(TAB_WIDTH)).length : 0;
    widths.set(row.number, indent + (formatted.get(row.number) ?? 0));
  }
  const distinct = [...new Set(widths.values())].sort((a, b) => a - b);
  if (distinct.length < 2) return null;
  return new Map([...widths].map(([row, width]) => [row, distinct.indexOf(width)]));
}

/** How many spaces a tab, or one step of a cell's format indent, is as wide as. */
const TAB_WIDTH = 4;

function* buildTypedRows(builder: TreeBuilder, rows: readonly DataRow[], formatIndents: readonly CellIndent[]): Steps<void> {
  const pause = pauseEvery();
  const levels = indentLevels(builder, rows, formatIndents);
  if (levels) builder.sheetNotes.push('The sheet has no Type column: each row\'s kind is read from how far its title is indented (the least an objective, then key result, initiative, and task for the rest), each row under the row above indented less');
  const stack: { node: ImportNode; level: number }[] = [];
  for (const row of rows) {
    if (pause()) yield;
    const level = levels?.get(row.number) ?? 0;
    const kind = rowKind(builder, row, levels ? DEPTH_KINDS[Math.min(level, DEPTH_KINDS.length - 1)]! : null);
    if (!kind) continue;
    const node = builder.add(`t:${row.number}`, kind, titleOf(builder, row), row.number, row.cells);
    if (levels) {
      while (stack.length > 0 && stack[stack.length - 1]!.level >= level) stack.pop();
    } else {
      // A row of the same kind as the one above is its sibling, not its child.
      while (stack.length > 0 && (!parentAllowed(kind, stack[stack.length - 1]!.node.kind) || stack[stack.length - 1]!.node.kind === kind)) stack.pop();
    }
    builder.attach(node, stack[stack.length - 1]?.node.key ?? null);
    stack.push({ node, level });
  }
}

function* checkCascade(builder: TreeBuilder): Steps<void> {
  const pause = pauseEvery();
  for (const node of builder.nodes.values()) {
    if (pause()) yield;
    if (node.title.trim() === '') builder.problems.push(fileProblem('no-title-column', `Row ${node.row}: the ${KIND_LABELS[node.kind]} has no title.`, node.row));
    const parent = node.parentKey === null ? null : builder.nodes.get(node.parentKey)!;
    // A kind where a merge can leave it is imported there, out of place, with a warning, not refused: a plan
    // holds such a node after a merge (a task kept under a key result when its initiative was deleted), and the
    // app's own export of that plan must import back (review39b F6). Where no merge can put it (a strategy under
    // a task), the row is a slip in the sheet, refused as before, naming it (review40a F5).
    const belongs = ALLOWED_PARENTS[node.kind].filter((kind) => kind !== ROOT_ID).map((kind) => `${articled(KIND_LABELS[kind])}`).join(' or ');
    const where = belongs === '' ? 'move it to the top level' : `move it under ${belongs}`;
    if (parent === null) {
      if (node.kind !== 'strategy' && node.kind !== 'objective') {
        node.outOfPlace = true;
        node.warnings.push(`out of place: ${articled(KIND_LABELS[node.kind])} with no parent row is imported at the top level; ${where}`);
      }
      continue;
    }
    if (parentAllowed(node.kind, parent.kind)) continue;
    if (!MERGE_PARENTS[node.kind].has(parent.kind)) {
      builder.problems.push(fileProblem('bad-parent', `Row ${node.row}: ${articled(KIND_LABELS[node.kind])} cannot sit under the ${KIND_LABELS[parent.kind]} of row ${parent.row}: ${where}.`, node.row));
      continue;
    }
    node.outOfPlace = true;
    node.warnings.push(`out of place: ${articled(KIND_LABELS[node.kind])} does not belong under the ${KIND_LABELS[parent.kind]} of row ${parent.row}; imported there, to ${where.replace(/^move it /, 'move ')}`);
  }
}

/** The kinds whose repeated titles under one parent are warned (rule 8): what a copied row makes twice. */
const REPEATS_WARNED: ReadonlySet<NodeKind> = new Set(['key_result', 'initiative', 'task']);

/**
 * A key result, initiative or task whose title an earlier row of the same kind under the same parent
 * already has (a row copied twice, or pasted below itself) is imported, as asked, but its row says so,
 * naming the first: it was imported twice without a word (review42c F9 for key results; initiatives and
 * tasks alike, leftovers43). Not a problem: a plan may hold two items of one name on purpose.
 */
function* warnRepeatedTitles(builder: TreeBuilder): Steps<void> {
  const pause = pauseEvery();
  const first = new Map<string, ImportNode>();
  const candidates = [...builder.nodes.values()].filter((node) => REPEATS_WARNED.has(node.kind) && node.parentKey !== null).sort((a, b) => a.row - b.row);
  for (const node of candidates) {
    if (pause()) yield;
    const key = `${node.kind}\u0000${node.parentKey!}\u0000${titleKey(node.title)}`;
    const earlier = first.get(key);
    if (!earlier) { first.set(key, node); continue; }
    const parent = builder.nodes.get(node.parentKey!)!;
    const kind = KIND_LABELS[node.kind];
    node.warnings.push(`${kind} "${node.title}" is already on row ${earlier.row} under the ${KIND_LABELS[parent.kind]} "${parent.title}": imported as a second ${kind} of that title; delete one of the two rows if it was copied twice`);
  }
}

/** "a task", "an initiative". */
const articled = (label: string) => `${/^[aeiou]/i.test(label) ? 'an' : 'a'} ${label}`;

function wrapTopLevelObjectives(builder: TreeBuilder, options: PreviewOptions): string | null {
  if (!builder.rootKeys.some((key) => builder.nodes.get(key)!.kind === 'objective')) return null;
  const key = 'strategy:added';
  const strategy: ImportNode = { key, kind: 'strategy', title: importedText('title', options.strategyTitle, TEXT_LIMITS.title, []) || 'Imported', row: 0, parentKey: null, childKeys: [], fields: readRowFields([], builder.mapping, 'strategy').fields, warnings: [] };
  builder.nodes.set(key, strategy);
  const roots = [...builder.rootKeys];
  builder.rootKeys.length = 0;
  for (const rootKey of roots) {
    const node = builder.nodes.get(rootKey)!;
    if (node.kind === 'objective') { node.parentKey = key; strategy.childKeys.push(rootKey); }
    else builder.rootKeys.push(rootKey);
  }
  builder.rootKeys.push(key);
  return key;
}

/** The owners the preview names, distinct by e-mail or name. */
export function ownersOf(preview: ImportPreview): PersonRef[] {
  const seen = new Map<string, PersonRef>();
  for (const node of preview.nodes.values()) {
    const owner = node.fields.owner;
    if (owner) seen.set(owner.email ?? `name:${owner.name?.toLowerCase()}`, owner);
  }
  return [...seen.values()];
}
