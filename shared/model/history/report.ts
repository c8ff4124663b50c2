/**
 * The review section of a review pack, as Markdown: the diff grouped by strategy, each change with
 * who made it and whether it was discussed. The desktop export puts it in the pack (and prints it to
 * PDF); the review view downloads it as it is.
 */
import type { ReviewChange, ReviewDiff } from './diff.js';

export interface ReviewReportOptions {
  /** Heading, e.g. "Since “Q1 offsite” (2027-03-02) until now". */
  heading: string;
  /** Display name of an actor (person id or device name). */
  nameOf(actor: string): string;
  /** Display title of a node id (parents of moves). */
  nodeTitle(id: string): string;
  /** Keys of the changes marked discussed. */
  discussed: ReadonlySet<string>;
}

const percent = (value: number | null) => (value === null ? '—' : `${Math.round(value * 100)}%`);
const shown = (value: string | number | null) => (value === null || value === '' ? '—' : String(value));
const healthWords = { on_track: 'on track', at_risk: 'at risk', off_track: 'off track' } as const;

/** One line describing a change (no author, no title): "target 40 → 55". */
export function describeChange(change: ReviewChange, nodeTitle: (id: string) => string): string {
  switch (change.kind) {
    case 'added': return `added (${change.node.kind.replace('_', ' ')})`;
    case 'removed': return 'removed';
    case 'moved': return `moved from ${nodeTitle(change.from)} to ${nodeTitle(change.to)}`;
    case 'retitled': return `renamed from “${change.before}”`;
    case 'field': return `${fieldWords[change.field]} ${shown(change.before)} → ${shown(change.after)}`;
    case 'progress': return `progress ${percent(change.before)} → ${percent(change.after)}`;
    case 'health': return `health ${healthWords[change.before]} → ${healthWords[change.after]}`;
    case 'blocker': return change.state === 'new' ? `blocked${change.reason ? `: ${change.reason}` : ''}` : 'blocker resolved';
    case 'check-ins': return `${change.checkIns.length} check-in${change.checkIns.length === 1 ? '' : 's'} recorded`;
  }
}

const fieldWords = { target: 'target', weight: 'weight', priority: 'priority', owner: 'owner', startDate: 'start date', dueDate: 'due date', status: 'status' } as const;

/** Markdown needs no raw brackets or emphasis characters from titles. */
function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1').replace(/\s+/g, ' ').trim();
}

/** The review section of the review pack, as Markdown. */
export function reviewMarkdown(diff: ReviewDiff, options: ReviewReportOptions): string {
  const lines = [`## ${escapeMarkdown(options.heading)}`, ''];
  if (diff.changes.length === 0) lines.push('Nothing changed.', '');
  if (diff.partial) lines.push('_Compared with a review point kept on one device before review points were shared: dates, status, progress, health, blockers and check-ins are not compared._', '');
  const nodeTitle = (id: string) => escapeMarkdown(options.nodeTitle(id));
  for (const group of diff.groups) {
    lines.push(`### ${escapeMarkdown(group.title || 'Untitled strategy')}`, '');
    for (const change of group.changes) {
      const mark = options.discussed.has(change.key) ? '[x]' : '[ ]';
      const who = change.by ? ` — ${escapeMarkdown(options.nameOf(change.by))}` : '';
      lines.push(`- ${mark} **${escapeMarkdown(change.title || 'Untitled')}**: ${escapeMarkdown(describeChange(change, nodeTitle))}${who}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
