/**
 * Conflicts in the plan file (version 3). A title, description or scalar field that two people changed
 * at once shows one value and offers the others ("Also renamed to … by …", "Also set to … by …") until
 * someone picks (docs/data-model.md §5). Versions 1 and 2 wrote the shown value only: a plan exported in
 * the middle of a conflict opened with the other value gone, without a word.
 *
 * The file keeps what a person sees: on each node, the offered values (`conflicts`: field, value, who,
 * when), in the order the node offers them. Opening the file writes them back as edit records that make
 * the same offer (`writeConflicts`): one record per offered value, and one for the shown value, all heads
 * of the field (nobody replaced them), so a pick — which replaces every head — resolves it as before.
 */
import * as Y from 'yjs';
import { conflictsOfNode, fieldEditKey, mapIdentity, STAMPED_FIELDS, type FieldEditRecord, type FieldValue } from '../model/field-edits.js';
import { renameKey, resolveText, textIdentity, type RenameRecord, type TextField } from '../model/renames.js';
import { FIELD_RULES, checkFieldValue, describe, fieldValueReadable } from '../model/fields.js';
import { fieldAllowed, type NodeFieldName, type NodeKind } from '../model/schema.js';
import type { PlanTypes } from '../model/doc.js';
import { replaceControlCharacters, replacedCharactersText } from '../text/control-characters.js';
import { cutText, isOverLimit } from '../text/cut-text.js';
import { KIND_LABELS, TEXT_LIMITS } from '../model/index.js';

/** A value offered beside a shown one, as the file holds it (plan-file.ts validates it with zod). */
export interface PlanFileConflict {
  field: string;
  value: FieldValue;
  by: string;
  at: number;
}

/** The part of a file's node the conflicts read and write (plan-file.ts's node is one). */
interface ConflictNode {
  id: string;
  kind: NodeKind;
  title: string;
  description: string;
  fields: Readonly<Record<string, string | number | boolean>>;
  conflicts?: readonly PlanFileConflict[];
}

/** What an offered value may name: the file's people, teams, periods and other authors. */
interface ConflictDirectory {
  people: Readonly<Record<string, unknown>>;
  teams: Readonly<Record<string, unknown>>;
  periods: Readonly<Record<string, unknown>>;
  actors: readonly string[];
}

const isTextField = (field: string): field is TextField => field === 'title' || field === 'description';

/** A node's offered values as the plan shows them: title, description, then its fields (field by field). */
export function conflictsForFile(
  kind: NodeKind, texts: { field: TextField; merged: string; records: readonly RenameRecord[]; textId: string | undefined }[],
  fields: Readonly<Record<string, unknown>>, fieldRecords: readonly FieldEditRecord[],
): PlanFileConflict[] {
  const out: PlanFileConflict[] = [];
  for (const text of texts) {
    for (const conflict of resolveText(text.merged, text.records, text.textId).conflicts) out.push({ field: text.field, value: conflict.text, by: conflict.by, at: conflict.at });
  }
  for (const conflict of conflictsOfNode(kind, fields, fieldRecords)) out.push({ field: conflict.field, value: conflict.value, by: conflict.by, at: conflict.at });
  return out;
}

/** Who wrote offered values without being a person of the plan (a device's name), sorted: the file's `actors`. */
export function actorsOfConflicts(nodes: readonly ConflictNode[], people: Readonly<Record<string, unknown>>): string[] {
  const actors = new Set<string>();
  for (const node of nodes) for (const conflict of node.conflicts ?? []) if (!Object.hasOwn(people, conflict.by)) actors.add(conflict.by);
  return [...actors].sort();
}

const kindLabel = (kind: NodeKind) => `${/^[aeiou]/i.test(KIND_LABELS[kind]) ? 'an' : 'a'} ${KIND_LABELS[kind]}`;

/**
 * The offered values a node keeps, each one it cannot keep named in `warnings` and left out: a field its
 * kind does not have, a stamp the app sets itself, a value the field cannot hold, a person, team or
 * period not in the plan, an author who is neither a person of the plan nor among its `actors`, the
 * value the field shows, or the same value twice. `what` names the node ("node 3 (id …, “…”)").
 */
export function reviewConflicts(node: ConflictNode, file: ConflictDirectory, what: string, warnings: string[]): PlanFileConflict[] | undefined {
  if (node.conflicts === undefined) return undefined;
  const actors = new Set(file.actors);
  const offered = new Map<string, Set<FieldValue>>();
  const kept: PlanFileConflict[] = [];
  for (const conflict of node.conflicts) {
    const value = keptValue(node, conflict, file, (problem, leftOut) => warnings.push(`${what}: ${offerText(conflict)} ${problem}${leftOut ? '; left out' : ''}`));
    if (value === undefined) continue;
    const byOk = Object.hasOwn(file.people, conflict.by) || actors.has(conflict.by);
    if (!byOk) { warnings.push(`${what}: ${offerText(conflict)} names ${JSON.stringify(conflict.by.slice(0, 64))}, who is not a person of the plan nor among its actors; left out`); continue; }
    const shown = isTextField(conflict.field) ? node[conflict.field] : (node.fields[conflict.field] ?? null);
    const seen = offered.get(conflict.field) ?? new Set<FieldValue>([shown]);
    offered.set(conflict.field, seen);
    if (seen.has(value)) { warnings.push(`${what}: ${offerText(conflict)} is ${value === shown ? 'the value the field shows' : 'offered twice'}; left out`); continue; }
    seen.add(value);
    kept.push(value === conflict.value ? conflict : { ...conflict, value });
  }
  return kept.length > 0 ? kept : undefined;
}

/** "the target conflict “Also set to 30 by ben”", as the warning names it. */
function offerText(conflict: PlanFileConflict): string {
  const field = JSON.stringify(conflict.field.slice(0, 64));
  const by = JSON.stringify(conflict.by.slice(0, 64));
  return `the ${field} conflict (${conflict.value === null ? 'cleared' : `set to ${describe(conflict.value)}`} by ${by})`;
}

/** The value the node can keep for an offered value, or undefined (with `warn` told why). */
function keptValue(node: ConflictNode, conflict: PlanFileConflict, file: ConflictDirectory, warn: (problem: string, leftOut: boolean) => void): FieldValue | undefined {
  const refuse = (problem: string) => warn(problem, true);
  const { field, value } = conflict;
  if (isTextField(field)) {
    if (typeof value !== 'string') { refuse(`is ${describe(value)}, but a ${field} is text`); return undefined; }
    const cleaned = replaceControlCharacters(value, field === 'description');
    if (cleaned.replaced.length > 0) warn(`holds ${replacedCharactersText(cleaned.replaced)}; shown as a sign`, false);
    if (!isOverLimit(cleaned.text, TEXT_LIMITS[field])) return cleaned.text;
    warn(`is longer than the ${TEXT_LIMITS[field].toLocaleString('en')} characters the plan keeps; cut`, false);
    return cutText(cleaned.text, TEXT_LIMITS[field]);
  }
  if (!Object.hasOwn(FIELD_RULES, field)) { refuse(`names no field of the plan`); return undefined; }
  const name = field as NodeFieldName;
  if (!fieldAllowed(node.kind, name)) { refuse(`names a field ${kindLabel(node.kind)} does not have`); return undefined; }
  if (STAMPED_FIELDS.has(name)) { refuse('names a stamp the app sets itself, which has no conflicts'); return undefined; }
  if (value === null) return null;
  if (!fieldValueReadable(node.kind, name, value)) { refuse(`is no value the field can hold (${checkFieldValue(node.kind, name, value)?.message ?? describe(value)})`); return undefined; }
  const rule = FIELD_RULES[name];
  if (rule.type === 'ref') {
    const entries = rule.refers === 'person' ? file.people : rule.refers === 'team' ? file.teams : file.periods;
    if (!Object.hasOwn(entries, value as string)) { refuse(`names the ${rule.refers} ${describe(value)}, ${rule.refers === 'person' ? 'who' : 'which'} is not in the plan`); return undefined; }
  }
  return value;
}

/**
 * Writes a node's offered values back as edit records (inside writePlanFile's transaction, the node's map,
 * title and description already in the doc). Per field: a record of each offered value, with its author
 * and time, and one of the shown value; none replaces another, so they are the field's heads and the
 * field offers the same values again. The shown record takes the time and author of the latest offered
 * value (the file does not keep the shown write's own; taking that one names no one and no time that
 * was not named), and edit ids that order as the file does: the shown value wins a title or description
 * (latest time, then the greater key, renames.ts) and ties keep the file's order.
 */
export function writeConflicts(types: PlanTypes, node: ConflictNode, map: Y.Map<unknown>): void {
  const byField = new Map<string, PlanFileConflict[]>();
  for (const conflict of node.conflicts ?? []) byField.set(conflict.field, [...(byField.get(conflict.field) ?? []), conflict]);
  for (const [field, offered] of byField) {
    const latest = offered.reduce((best, conflict) => (conflict.at > best.at ? conflict : best));
    const shownStamp = { by: latest.by, at: latest.at };
    // Keys order as the file does (the first offered is the greatest), all below the shown one's.
    const editIds = offered.map((_, index) => `file-${String(MAX_EDIT_INDEX - index).padStart(7, '0')}`);
    if (isTextField(field)) writeTextConflicts(types, node, map, field, offered, editIds, shownStamp);
    else writeFieldConflicts(types, node, map, field as NodeFieldName, offered, editIds, shownStamp);
  }
}

const MAX_EDIT_INDEX = 9_999_999;
const SHOWN_EDIT_ID = 'file-shown';

function writeTextConflicts(types: PlanTypes, node: ConflictNode, map: Y.Map<unknown>, field: TextField, offered: readonly PlanFileConflict[], editIds: readonly string[], shown: { by: string; at: number }): void {
  const text = map.get(field);
  const identity = text instanceof Y.Text ? textIdentity(text) : undefined;
  // Every record replaced the same empty span of the same text: they collide, and the latest (then the
  // greatest key) shows — the shown one.
  const record = (next: string, by: string, at: number) => ({ after: [], start: 0, end: 0, baseLength: 0, next, by, at, ...(identity === undefined ? {} : { text: identity }) });
  types.renames.set(renameKey(node.id, field, SHOWN_EDIT_ID), record(node[field], shown.by, shown.at));
  offered.forEach((conflict, index) => types.renames.set(renameKey(node.id, field, editIds[index]!), record(conflict.value as string, conflict.by, conflict.at)));
}

function writeFieldConflicts(types: PlanTypes, node: ConflictNode, map: Y.Map<unknown>, field: NodeFieldName, offered: readonly PlanFileConflict[], editIds: readonly string[], shown: { by: string; at: number }): void {
  const identity = mapIdentity(map);
  const record = (value: FieldValue, by: string, at: number) => ({ value, after: [], by, at, ...(identity === undefined ? {} : { map: identity }) });
  types.fieldEdits.set(fieldEditKey(node.id, field, SHOWN_EDIT_ID), record((node.fields[field] ?? null) as FieldValue, shown.by, shown.at));
  offered.forEach((conflict, index) => types.fieldEdits.set(fieldEditKey(node.id, field, editIds[index]!), record(conflict.value, conflict.by, conflict.at)));
}
