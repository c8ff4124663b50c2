/**
 * The rows the spreadsheet exports write, one per live node in outline order, each cell typed: text,
 * a number, a calendar date, a share shown as a percentage, or an instant. The CSV export writes them
 * as text (export-csv.ts), the XLSX export as typed cells (export-xlsx.ts), so both carry the same
 * columns and the same values, and the importer reads either back to the same plan.
 */
import { itemsPerStep, ROOT_ID, runToEnd, type NodeView, type PersonView, type Plan, type Steps } from '../model/index.js';
import { KIND_HEADER, walkOutline } from './outline-walk.js';
import { conflictNamesOf, conflictNote } from './conflict-notes.js';

/**
 * The columns after Weight carry the fields a kind has beyond the OKR sheet's usual ones. Without them
 * a plan exported and imported again lost, without a word, a "stay within range" key result's range
 * and a KPI's healthy range (its progress and health then read otherwise), a task's assignee and
 * blocked reason, an initiative's effort, impact and manual progress, and a strategy's horizon.
 * Range low / Range high are a key result's range and a KPI's healthy range (one pair: a node has one).
 * Period start / Period end are the dates of the row's period: a period's name alone neither says its
 * dates ("Spring push") nor tells apart two periods of one name (a calendar and a fiscal "Q1 2026").
 * Blocked since / Done at are a task's stamps (UTC, to the millisecond): without them a round trip made
 * every blocked task "blocked since today" and every done task done today, which skews the Blocked and
 * Slowdown signals. Confidence is the latest confidence a check-in gave (review37a F14: the importer read
 * the column, the export never wrote it, so every key result came back without one and the confidence
 * signals started empty).
 */
export const EXPORT_COLUMNS = [
  'Outline', 'Type', 'Title', 'Description', 'Owner', 'Team', 'Period', 'Start', 'Target', 'Current', 'Confidence', 'Unit', 'Direction', 'Status', 'Start date', 'Due date', 'Priority', 'Weight',
  'Range low', 'Range high', 'Assignee', 'Blocked reason', 'Effort', 'Impact', 'Manual progress', 'Horizon',
  'Period start', 'Period end', 'Blocked since', 'Done at', 'Conflicts',
] as const;

/**
 * One exported cell. `text` is as the plan holds it (each export guards formula starts its own way);
 * `word` is one of our own fixed words or an outline number (`1.10`), never a formula; `date` is a
 * calendar date (YYYY-MM-DD); `share` a fraction of 1 shown as a percentage (manual progress);
 * `instant` a UTC time in milliseconds; null an empty cell.
 */
export type ExportCell =
  | { readonly text: string }
  | { readonly word: string }
  | { readonly number: number }
  | { readonly date: string }
  | { readonly share: number }
  | { readonly instant: number }
  | null;

const text = (value: string | undefined | null): ExportCell => (value ? { text: value } : null);
const word = (value: string | undefined | null): ExportCell => (value ? { word: value } : null);
const number = (value: number | undefined | null): ExportCell => (value === undefined || value === null || !Number.isFinite(value) ? null : { number: value });
const date = (value: string | undefined | null): ExportCell => (value ? { date: value } : null);
const instant = (value: number | undefined): ExportCell => (value === undefined || !Number.isFinite(value) ? null : { instant: value });

/** The latest confidence a check-in of the node gave (check-ins oldest first); null when none did. */
function latestConfidence(plan: Plan, nodeId: string): number | null {
  const series = plan.index.checkInSeries(nodeId);
  for (let i = series.length - 1; i >= 0; i--) {
    const confidence = series.confidence(i);
    if (confidence !== null) return confidence;
  }
  return null;
}

/**
 * A task's fields as the plan shows them: one blocked by a blocker raised in a check-in (its status
 * left as it was) is written blocked, with the check-in's reason and since when (review39b F7: the
 * Status and Blocked reason cells were empty, so a board reading the sheet, and a plan imported from
 * it, saw nothing blocked). A task the plan holds done or dropped keeps its status.
 */
function effectiveBlocked(node: NodeView): NodeView['fields'] {
  const { fields } = node;
  if (node.kind !== 'task' || fields.status === 'blocked' || fields.status === 'done' || fields.status === 'dropped') return fields;
  const blocked = node.signals.find((signal) => signal.kind === 'blocked' && signal.nodeId === node.id);
  if (!blocked || blocked.kind !== 'blocked' || blocked.evidence.source !== 'check-in') return fields;
  return { ...fields, status: 'blocked', blockedReason: blocked.evidence.reason ?? undefined, blockedSince: blocked.since };
}

/** The plan's rows under EXPORT_COLUMNS (no header row), in outline order. */
export function planExportRows(plan: Plan): ExportCell[][] {
  return runToEnd(planExportRowsInSteps(plan));
}

/**
 * planExportRows in steps (steps.ts) of `itemsPerStep` rows, so a page builds a 10,000-node plan's rows
 * between pauses (review40c F4). `rows` receives them as they are made (the caller may hand each step's
 * on before the end); the result is that array. The plan must not change between steps.
 */
export function* planExportRowsInSteps(plan: Plan, rows: ExportCell[][] = []): Steps<ExportCell[][]> {
  const { index } = plan;
  const people = new Map<string, PersonView>([...index.people(), ...index.removedPeople()].map((person) => [person.id, person]));
  const teams = new Map<string, string>([...index.teams(), ...index.removedTeams()].map((team) => [team.id, team.name]));
  const periods = new Map(index.periods().map((period) => [period.id, period]));
  const names = conflictNamesOf(index);
  const person = (id: string | undefined) => {
    const found = id === undefined ? undefined : people.get(id);
    if (!found) return null;
    return found.email ? `${found.name} <${found.email}>` : found.name;
  };
  // The walk itself is cheap (a few ms at 10,000 nodes); the rows it lists are made in steps.
  const listed: { node: NodeView; outline: string }[] = [];
  walkOutline(index, ROOT_ID, (node: NodeView, outline: string) => { listed.push({ node, outline }); });
  for (const [position, { node, outline }] of listed.entries()) {
    if (position > 0 && position % itemsPerStep === 0) yield;
    const fields = effectiveBlocked(node);
    const metric = node.kind === 'key_result' || node.kind === 'kpi';
    const period = fields.period ? periods.get(fields.period) : undefined;
    rows.push([
      word(outline), word(KIND_HEADER[node.kind]), text(node.title), text(index.description(node.id)), text(person(fields.owner)),
      text(fields.team ? teams.get(fields.team) : null), text(period?.name),
      node.kind === 'key_result' ? number(fields.start) : null, node.kind === 'key_result' ? number(fields.target) : null,
      metric ? number(node.value) : null, number(latestConfidence(plan, node.id)), text(fields.unit), word(fields.direction), word(fields.status),
      date(fields.startDate), date(fields.dueDate), word(fields.priority), number(fields.weight),
      number(node.kind === 'kpi' ? fields.healthyLow : fields.rangeLow), number(node.kind === 'kpi' ? fields.healthyHigh : fields.rangeHigh),
      text(person(fields.assignee)), text(fields.blockedReason), number(fields.effort), word(fields.impact),
      fields.manualProgress === undefined || !Number.isFinite(fields.manualProgress) ? null : { share: fields.manualProgress }, text(fields.horizon),
      date(period?.start), date(period?.end), instant(node.kind === 'task' ? fields.blockedSince : undefined),
      instant(node.kind === 'task' ? fields.doneAt : undefined), text(conflictNote(node, names)),
    ]);
  }
  return rows;
}
