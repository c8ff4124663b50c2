/**
 * Exports a plan as an outline-layout CSV that the importer reads back to the same tree: one row per
 * live node, its outline number and type, fields by name (owners as `Name <email>`), the latest metric
 * value as Current. Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR), at a cell's
 * start or after a `,` `;` tab, line break or quote inside it, spaces before it or not, gets an apostrophe before it, which
 * spreadsheets show as text and the importer strips again. A node in
 * conflict shows the value the plan shows, and its Conflicts cell names the values offered beside it.
 */
import Papa from 'papaparse';
import { ROOT_ID, type NodeView, type PersonView, type Plan } from '../model/index.js';
import { plainDecimal } from './cell-values.js';
import { GUARD_AT } from './formula-guard.js';
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
export const CSV_COLUMNS = [
  'Outline', 'Type', 'Title', 'Description', 'Owner', 'Team', 'Period', 'Start', 'Target', 'Current', 'Confidence', 'Unit', 'Direction', 'Status', 'Start date', 'Due date', 'Priority', 'Weight',
  'Range low', 'Range high', 'Assignee', 'Blocked reason', 'Effort', 'Impact', 'Manual progress', 'Horizon',
  'Period start', 'Period end', 'Blocked since', 'Done at', 'Conflicts',
] as const;

/**
 * A text cell that no spreadsheet will evaluate, whichever of `,` `;` tab it splits lines at: an
 * apostrophe goes before every formula start (= + - @ tab CR) at any place a cell could begin, and
 * before the spaces when spaces come first (a reader that trims them would see the formula).
 */
export function safeCell(text: string): string {
  return text.replace(GUARD_AT, "'");
}

/** The latest confidence a check-in of the node gave (check-ins oldest first); null when none did. */
function latestConfidence(plan: Plan, nodeId: string): number | null {
  const series = plan.index.checkInSeries(nodeId);
  for (let i = series.length - 1; i >= 0; i--) {
    const confidence = series.confidence(i);
    if (confidence !== null) return confidence;
  }
  return null;
}

function numberCell(value: number | undefined | null): string {
  return value === undefined || value === null ? '' : plainDecimal(value);
}

/** An instant as ISO 8601 UTC (`2026-11-05T09:30:00.000Z`): exact, and read the same in every time zone. */
function instantCell(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? '' : new Date(value).toISOString();
}

/** The CSV text of a plan (comma-separated, UTF-8 with a byte-order mark so Excel reads accents right). */
export function exportPlanCsv(plan: Plan): string {
  const { index } = plan;
  const people = new Map<string, PersonView>([...index.people(), ...index.removedPeople()].map((person) => [person.id, person]));
  const teams = new Map<string, string>([...index.teams(), ...index.removedTeams()].map((team) => [team.id, team.name]));
  const periods = new Map(index.periods().map((period) => [period.id, period]));
  const rows: string[][] = [[...CSV_COLUMNS]];
  const names = conflictNamesOf(index);
  const person = (id: string | undefined) => {
    const found = id === undefined ? undefined : people.get(id);
    if (!found) return '';
    return found.email ? `${found.name} <${found.email}>` : found.name;
  };
  walkOutline(index, ROOT_ID, (node: NodeView, outline: string) => {
    const { fields } = node;
    const metric = node.kind === 'key_result' || node.kind === 'kpi';
    const period = fields.period ? periods.get(fields.period) : undefined;
    rows.push([
      outline, KIND_HEADER[node.kind], safeCell(node.title), safeCell(index.description(node.id)), safeCell(person(fields.owner)),
      safeCell(fields.team ? teams.get(fields.team) ?? '' : ''), safeCell(period?.name ?? ''),
      node.kind === 'key_result' ? numberCell(fields.start) : '', node.kind === 'key_result' ? numberCell(fields.target) : '',
      metric ? numberCell(node.value) : '', numberCell(latestConfidence(plan, node.id)), safeCell(fields.unit ?? ''), fields.direction ?? '', fields.status ?? '',
      fields.startDate ?? '', fields.dueDate ?? '', fields.priority ?? '', numberCell(fields.weight),
      numberCell(node.kind === 'kpi' ? fields.healthyLow : fields.rangeLow), numberCell(node.kind === 'kpi' ? fields.healthyHigh : fields.rangeHigh),
      safeCell(person(fields.assignee)), safeCell(fields.blockedReason ?? ''), numberCell(fields.effort), fields.impact ?? '',
      numberCell(fields.manualProgress), safeCell(fields.horizon ?? ''),
      period?.start ?? '', period?.end ?? '', instantCell(node.kind === 'task' ? fields.blockedSince : undefined),
      instantCell(node.kind === 'task' ? fields.doneAt : undefined), safeCell(conflictNote(node, names)),
    ]);
  });
  return `\uFEFF${Papa.unparse(rows, { newline: '\r\n', quotes: false })}\r\n`;
}
