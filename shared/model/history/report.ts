/**
 * The review section of a review pack, as Markdown: the diff grouped by strategy, each change with
 * who made it and whether it was discussed. The desktop export puts it in the pack (and prints it to
 * PDF); the review view downloads it as it is.
 *
 * Every name and title in it is a bidi isolate (`isolatedText`: FSI, the text with its controls
 * balanced, PDI), as in the app's own sentences: the file is read in editors, viewers and printed
 * packs we do not control, where a title holding a right-to-left override would otherwise reverse the
 * rest of its line ("target 100 → 150 — Ada"). The isolate characters draw nothing in any renderer
 * that follows Unicode 6.3's bidi algorithm, and a Markdown renderer passes them through as text. A
 * control character or an override inside a name is named in letters, ‹RLO› (`namedControls`).
 */
import type { RangeBounds, ReviewChange, ReviewDiff } from './diff.js';
import type { ReviewField, ReviewFieldValue } from './plan-state.js';
import type { NodeView } from '../views.js';
import { isolatedText } from '../../text/bidi-isolation.js';
import { namedControlsInSentence } from '../../text/stored-text-in-lines.js';
import { enteredPercent, percentText } from '../percent.js';
import { joinedAnd } from '../../text/joined.js';

export interface ReviewReportOptions {
  /** Heading, e.g. "Since “Q1 offsite” (2027-03-02) until now", its names isolated (`isolatedText`). */
  heading: string;
  /** Display name of an actor (person id or device name). */
  nameOf(actor: string): string;
  /** Display title of a node id (parents of moves). */
  nodeTitle(id: string): string;
  /** Keys of the changes marked discussed. */
  discussed: ReadonlySet<string>;
  /** The node as the plan shows it now, when the diff runs to now: its standing conflicts are said. */
  nodeNow?(id: string): NodeView | undefined;
  /** How a side picked as a date and time was read (from the plan's record before it), said under the heading. */
  note?: string;
}

/**
 * The concurrent renames and values that lost to the one a change lists and still stand on the node
 * to be picked (the outline and details show them), in words to say beside the change: a review that
 * walks "renamed by Ada" must not hide that Ben renamed it too, offline, at the same time.
 */
export function standingConflicts(change: ReviewChange, node: NodeView | undefined, nameOf: (actor: string) => string): string[] {
  if (!node) return [];
  if (change.kind === 'retitled') {
    return node.conflicts.filter((conflict) => conflict.field === 'title').map((conflict) => `also renamed to “${isolatedText(conflict.text)}” by ${isolatedText(nameOf(conflict.by))} at the same time: pick one in the outline`);
  }
  if (change.kind === 'field') {
    return node.fieldConflicts.filter((conflict) => conflict.field === change.field)
      .map((conflict) => `also set to ${change.field === 'owner' ? isolatedText(nameOf(String(conflict.value))) : String(conflict.value)} by ${isolatedText(nameOf(conflict.by))} at the same time: pick one in the details`);
  }
  return [];
}

const percent = (value: number | null) => (value === null ? '—' : percentText(value));
const shown = (value: string | number | null) => (value === null || value === '' ? '—' : String(value));
const healthWords = { on_track: 'on track', at_risk: 'at risk', off_track: 'off track' } as const;

/**
 * One line describing a change (no author, no title): "target 40 → 55". Titles, names and a blocker's
 * reason in it are isolated (`isolatedText`); an owner is named by `nameOf` (the field holds a person id).
 */
export function describeChange(change: ReviewChange, nodeTitle: (id: string) => string, nameOf: (actor: string) => string = (actor) => actor): string {
  const owner = (value: ReviewFieldValue) => (value === null || value === '' ? '—' : isolatedText(nameOf(String(value))));
  switch (change.kind) {
    case 'added': return `${change.restored ? 'restored' : 'added'} (${change.node.kind.replace('_', ' ')})`;
    case 'removed': return 'removed';
    case 'moved': {
      const moved = `moved from ${isolatedText(nodeTitle(change.from))} to ${isolatedText(nodeTitle(change.to))}`;
      if (!change.because) return moved;
      const item = isolatedText(change.because.title ?? nodeTitle(change.because.nodeId));
      return change.because.kind === 'restore' ? `${moved}, as part of restoring ${item}` : `${moved}, kept under its nearest live item when ${item} was deleted`;
    }
    case 'retitled': return `renamed from “${isolatedText(change.before)}”`;
    case 'field': return change.field === 'owner' ? `owner ${owner(change.before)} → ${owner(change.after)}` : describeField(change);
    case 'range': return `${change.range === 'range' ? 'range' : 'healthy range'} ${rangeWords(change.before, change.unit)} → ${rangeWords(change.after, change.unit)}`;
    case 'progress': return `progress ${percent(change.before)} → ${percent(change.after)}`;
    case 'health': return `health ${healthWords[change.before]} → ${healthWords[change.after]}`;
    case 'blocker': return change.state === 'new' ? `blocked${change.reason ? `: ${isolatedText(change.reason)}` : ''}` : 'blocker resolved';
    case 'check-ins': {
      const recorded = `${change.checkIns.length} check-in${change.checkIns.length === 1 ? '' : 's'} recorded`;
      if (!change.madeBefore) return recorded;
      const all = change.madeBefore === change.checkIns.length;
      return `${recorded} (${all ? (change.madeBefore === 1 ? 'made' : 'all made') : `${change.madeBefore} made`} before the start, on a device not yet synced then, merged since)`;
    }
    case 'period-dates': return `period ${isolatedText(change.name)} dates ${change.before.start} – ${change.before.end} → ${change.after.start} – ${change.after.end}`;
  }
}

const fieldWords: Record<ReviewField, string> = {
  target: 'target', weight: 'weight', priority: 'priority', owner: 'owner', startDate: 'start date', dueDate: 'due date', status: 'status',
  start: 'start', rangeLow: 'range low', rangeHigh: 'range high', healthyLow: 'healthy low', healthyHigh: 'healthy high', direction: 'direction',
  unit: 'unit', manualProgress: 'manual progress', period: 'period', archived: 'archived',
};

/**
 * An entered share (manual progress, 0–1) as it was typed and as the detail panel shows it: "90 %",
 * "12.345 %". Rounded to one decimal, 99.96 % read "100 %" and a change from 12.345 to 12.349 read
 * "12.3 % → 12.3 %" (review37b B4).
 */
const enteredShare = (value: ReviewFieldValue) => (typeof value === 'number' ? `${enteredPercent(value)} %` : '—');

/** A field change in words: "start 0 → 30", "manual progress set to 90 %", "period 2027-Q1 → 2027-H1". */
function describeField(change: Extract<ReviewChange, { kind: 'field' }>): string {
  const { field, before, after } = change;
  const value = (v: ReviewFieldValue) => (typeof v === 'boolean' ? String(v) : shown(v));
  switch (field) {
    case 'manualProgress':
      if (before === null) return `manual progress set to ${enteredShare(after)}`;
      if (after === null) return `manual progress cleared (was ${enteredShare(before)}): progress counts tasks again`;
      return `manual progress ${enteredShare(before)} → ${enteredShare(after)}`;
    case 'period': {
      const name = (id: ReviewFieldValue, named: string | null | undefined) => (id === null ? 'none' : isolatedText(named ?? String(id)));
      return `period ${name(before, change.names?.before)} → ${name(after, change.names?.after)}`;
    }
    case 'archived': return after === true ? 'archived: left out of its parent’s figures' : 'taken out of the archive: counted again';
    case 'unit': return `unit ${isolatedText(value(before))} → ${isolatedText(value(after))}`;
    default: return `${fieldWords[field]} ${value(before)} → ${value(after)}`;
  }
}

/** A range's bounds in words: "0–3 %", "at least 2 %", "at most 3 %", "—". */
function rangeWords(bounds: RangeBounds, unit: string | null): string {
  const withUnit = (value: number) => (unit ? `${value} ${isolatedText(unit)}` : String(value));
  if (bounds.low !== null && bounds.high !== null) return unit ? `${bounds.low}–${withUnit(bounds.high)}` : `${bounds.low}–${bounds.high}`;
  if (bounds.low !== null) return `at least ${withUnit(bounds.low)}`;
  if (bounds.high !== null) return `at most ${withUnit(bounds.high)}`;
  return '—';
}

/** How many figure edits a cause names before "and N more". */
const CAUSE_EDITS_NAMED = 3;

/**
 * Why a progress or health row moved, in words to put where other rows name their author
 * (review36a F1): "from check-ins and status"; "after start 0 → 30 by Ben" (the node's own edit) or
 * "after Revenue: start 0 → 30 by Ben" (an edit below or above it); both, when both happened; or
 * "with time, nothing edited or checked in" (stale, pace, overdue). Null for other rows.
 */
export function figureCauseWords(change: ReviewChange, nodeTitle: (id: string) => string, nameOf: (actor: string) => string = (actor) => actor): string | null {
  if (change.kind !== 'progress' && change.kind !== 'health') return null;
  const cause = change.cause;
  if (!cause) return 'from check-ins and status';
  const named = cause.edits.slice(0, CAUSE_EDITS_NAMED).map((edit) => {
    const where = edit.nodeId === change.nodeId ? '' : `${isolatedText(edit.title || 'Untitled')}: `;
    const by = edit.by ? ` by ${isolatedText(nameOf(edit.by))}` : '';
    return `${where}${describeChange(edit, nodeTitle, nameOf)}${by}`;
  });
  const more = cause.edits.length - named.length;
  if (more > 0) named.push(`${more} more change${more === 1 ? '' : 's'}`);
  const edits = named.length === 0 ? '' : `after ${named.join('; ')}`;
  if (cause.checkIns) return edits ? `from check-ins and status, and ${edits}` : 'from check-ins and status';
  return edits || 'with time, nothing edited or checked in';
}

/** Everyone a change names as its maker: each author of a check-ins row (review40b F4), else its one author. */
export function changeAuthors(change: ReviewChange): string[] {
  if (change.kind === 'check-ins') return change.authors;
  return change.by ? [change.by] : [];
}

/**
 * Who made a change, in words: "Ada Host", "Ada Host and Ben Marsh", "Ada Host, Ben Marsh and Cara Cruz",
 * each name isolated (`isolatedText`); a name said once when two actors read the same (one merged into the
 * other). Null when nobody is known. review40b F4: three people's check-ins on one item named only the last.
 */
export function authorWords(change: ReviewChange, nameOf: (actor: string) => string): string | null {
  const names = [...new Set(changeAuthors(change).map(nameOf))];
  return names.length === 0 ? null : joinedAnd(names.map(isolatedText));
}

/** Markdown needs no raw brackets or emphasis characters from titles. */
function escapeMarkdown(text: string): string {
  return namedControls(text).replace(/([\\`*_[\]<>#|])/g, '\\$1').replace(/\s+/g, ' ').trim();
}

/**
 * `text` (a line of ours with titles and names isolated in it) with each control character and bidi override
 * that a title or name holds named in letters, ‹RLO›, as the rename field names it (`editableText`), each name
 * still isolated. An override an older version stored stayed in the file inside its isolate: isolated, it can
 * no longer reverse our words, but it still reverses its own title's letters, so the reader saw "Cut costs by
 * 10%" for "Cut costs ‮%01 yb" (review40b F9's lie); the app's every other place names it. A Markdown file
 * has no chip, so the editor's form: letters every font has.
 */
const namedControls = namedControlsInSentence;

/**
 * Said above a diff whose earlier side held changes the later side had not received (review40b F8): the
 * review view shows the same words.
 */
export const UNSEEN_BY_LATER = 'The earlier review point held changes the later one had not received yet (they were taken on devices that had not synced): those changes are left out here, not listed as undone.';

/** The review section of the review pack, as Markdown. */
export function reviewMarkdown(diff: ReviewDiff, options: ReviewReportOptions): string {
  const lines = [`## ${escapeMarkdown(options.heading)}`, ''];
  if (options.note) lines.push(`_${escapeMarkdown(options.note)}_`, '');
  if (diff.changes.length === 0) lines.push('Nothing changed.', '');
  if (diff.partial) lines.push('_Compared with a review point kept on one device before review points were shared: dates, status, progress, health, blockers and check-ins are not compared._', '');
  if (diff.unseenByLater) lines.push(`_${UNSEEN_BY_LATER}_`, '');
  for (const group of diff.groups) {
    lines.push(`### ${escapeMarkdown(isolatedText(group.title || 'Untitled strategy'))}`, '');
    for (const change of group.changes) {
      const mark = options.discussed.has(change.key) ? '[x]' : '[ ]';
      const cause = figureCauseWords(change, options.nodeTitle, options.nameOf);
      const authors = authorWords(change, options.nameOf);
      const who = authors ? ` — ${escapeMarkdown(authors)}` : cause ? ` — ${escapeMarkdown(cause)}` : '';
      // The description is escaped once, whole (its titles raw inside it, not escaped twice).
      lines.push(`- ${mark} **${escapeMarkdown(isolatedText(change.title || 'Untitled'))}**: ${escapeMarkdown(describeChange(change, options.nodeTitle, options.nameOf))}${who}`);
      const node = options.nodeNow?.(change.nodeId);
      for (const conflict of standingConflicts(change, node, options.nameOf)) lines.push(`  - ${escapeMarkdown(conflict)}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
