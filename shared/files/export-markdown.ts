/** Exports a plan as a Markdown outline: strategies as headings, everything below as nested lists. */
import { ROOT_ID, percentText, shownName, type NodeView, type Plan } from '../model/index.js';
import { KIND_HEADER, walkOutline } from './outline-walk.js';
import { conflictNamesOf, conflictNote } from './conflict-notes.js';

/** Escapes the characters Markdown would read as formatting, so a title shows as typed. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (char) => `\\${char}`).replace(/\r?\n/g, ' ');
}

function percent(progress: number | null): string {
  return progress === null ? '' : ` — ${percentText(progress)}`;
}

function metric(node: NodeView): string {
  const { start, target, unit } = node.fields;
  if (node.kind !== 'key_result' || target === undefined) return '';
  const suffix = unit ? ` ${escapeMarkdown(unit)}` : '';
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
  const lines: string[] = [`# ${escapeMarkdown(planName)}`, ''];
  if (asOf) lines.push(`_As of “${escapeMarkdown(asOf.label)}” (${escapeMarkdown(asOf.time)}): the plan as it was then, not as it is now._`, '');
  const names = conflictNamesOf(index);
  walkOutline(index, ROOT_ID, (node, outline, depth) => {
    const owner = node.fields.owner ? people.get(node.fields.owner) : undefined;
    const conflicts = conflictNote(node, names);
    const tail = `${metric(node)}${percent(node.progress)}${owner ? ` · ${escapeMarkdown(owner)}` : ''}${node.health !== 'on_track' ? ` · ${node.health.replace('_', ' ')}` : ''}${conflicts ? ` · conflict: ${escapeMarkdown(conflicts)}` : ''}`;
    if (depth === 0) { lines.push(`## ${outline} ${escapeMarkdown(node.title)}${tail}`, ''); return; }
    lines.push(`${'  '.repeat(depth - 1)}- **${KIND_HEADER[node.kind]}** ${escapeMarkdown(node.title)}${tail}`);
  });
  return `${lines.join('\n').trimEnd()}\n`;
}
