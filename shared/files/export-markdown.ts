/**
 * Exports a plan as a Markdown outline: strategies as headings, everything below as nested lists. Every stored
 * text in a line (plan name, titles, units, owners, conflicts) is quoted with `storedTextInLine`: an override a
 * peer or an older version stored would otherwise reverse the figures after it in any viewer (review46a F1).
 */
import { ROOT_ID, percentText, shownName, type NodeView, type Plan } from '../model/index.js';
import { KIND_HEADER, walkOutline } from './outline-walk.js';
import { conflictNamesOf, conflictNote } from './conflict-notes.js';
import { storedTextInLine } from '../text/stored-text-in-lines.js';

/**
 * Escapes the characters Markdown would read as formatting, so a title shows as typed. Any line break (CR
 * alone too, which CommonMark ends a line at) is a space: a title cannot start a line of its own.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (char) => `\\${char}`).replace(/\r\n?|\n/g, ' ');
}

/** Stored text as one isolated, escaped run of a line. */
const stored = (text: string) => escapeMarkdown(storedTextInLine(text));

function percent(progress: number | null): string {
  return progress === null ? '' : ` — ${percentText(progress)}`;
}

function metric(node: NodeView): string {
  const { start, target, unit } = node.fields;
  if (node.kind !== 'key_result' || target === undefined) return '';
  const suffix = unit ? ` ${stored(unit)}` : '';
  return ` (${start ?? 0} → ${target}${suffix}${node.value !== null ? `, now ${node.value}` : ''})`;
}

/**
 * The Markdown outline of a plan's live nodes, with owners, progress and health, and the values offered beside a
 * field in conflict. `asOf`: the plan is the plan as it was at a past moment (the views were looking back), said
 * under the title so nobody reads last week's figures as today's.
 */
export function exportPlanMarkdown(plan: Plan, planName: string, asOf: { label: string; time: string } | null = null): string {
  const { index } = plan;
  const people = new Map<string, string>([...index.people(), ...index.removedPeople()].map((person) => [person.id, shownName(person)]));
  const lines: string[] = [`# ${stored(planName)}`, ''];
  if (asOf) lines.push(`_As of “${stored(asOf.label)}” (${escapeMarkdown(asOf.time)}): the plan as it was then, not as it is now._`, '');
  const names = conflictNamesOf(index);
  walkOutline(index, ROOT_ID, (node, outline, depth) => {
    const owner = node.fields.owner ? people.get(node.fields.owner) : undefined;
    const conflicts = conflictNote(node, names);
    const tail = `${metric(node)}${percent(node.progress)}${owner ? ` · ${stored(owner)}` : ''}${node.health !== 'on_track' ? ` · ${node.health.replace('_', ' ')}` : ''}${conflicts ? ` · conflict: ${stored(conflicts)}` : ''}`;
    if (depth === 0) { lines.push(`## ${outline} ${stored(node.title)}${tail}`, ''); return; }
    lines.push(`${'  '.repeat(depth - 1)}- **${KIND_HEADER[node.kind]}** ${stored(node.title)}${tail}`);
  });
  return `${lines.join('\n').trimEnd()}\n`;
}
