/**
 * What the CSV and Markdown exports say of a field in conflict. They hold one value per field, the one the
 * plan shows; a value offered beside it (written concurrently, nobody picked yet) would otherwise be gone
 * from the export without a word, and the reader would take the shown value as settled. So each node in
 * conflict carries a note naming every offered value and who wrote it:
 * "title also renamed to “Open a Berlin office” by Ada; target also set to 15 by Ben".
 */
import { shownName, type FieldValue, type NodeView, type PlanIndex } from '../model/index.js';
import { FIELD_RULES } from '../model/fields.js';

/** Names for people, teams and periods (an id not in the plan as itself). */
export interface ConflictNames {
  person(id: string): string;
  team(id: string): string;
  period(id: string): string;
}

/** The names an index knows. */
export function conflictNamesOf(index: PlanIndex): ConflictNames {
  const people = new Map([...index.people(), ...index.removedPeople()].map((person) => [person.id as string, shownName(person)]));
  const teams = new Map([...index.teams(), ...index.removedTeams()].map((team) => [team.id as string, shownName(team, 'team')]));
  const periods = new Map(index.periods().map((period) => [period.id as string, period.name]));
  return { person: (id) => people.get(id) ?? id, team: (id) => teams.get(id) ?? id, period: (id) => periods.get(id) ?? id };
}

function valueText(field: keyof typeof FIELD_RULES, value: FieldValue, names: ConflictNames): string {
  const rule = FIELD_RULES[field];
  if (rule.type === 'ref' && typeof value === 'string') return names[rule.refers](value);
  return String(value);
}

/** The note of a node's offered values, '' when it has none. */
export function conflictNote(node: NodeView, names: ConflictNames): string {
  const parts: string[] = [];
  for (const conflict of node.conflicts) parts.push(`${conflict.field} also ${conflict.field === 'title' ? 'renamed' : 'changed'} to “${conflict.text}” by ${names.person(conflict.by)}`);
  for (const conflict of node.fieldConflicts) {
    const what = conflict.value === null ? 'also cleared' : `also set to ${valueText(conflict.field, conflict.value, names)}`;
    parts.push(`${conflict.field} ${what} by ${names.person(conflict.by)}`);
  }
  return parts.join('; ');
}
