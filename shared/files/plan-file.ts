/**
 * The `.throughline` plan file: versioned JSON holding everything a plan is — its name and settings,
 * every node (deleted ones too, so the trash survives) with its place, stamps, title, description and
 * fields, every check-in, the people, teams, periods and links. Writing it into an empty doc and
 * exporting again gives the same file (the round-trip property test holds us to it).
 *
 * Versions: a file is written with the LOWEST version whose readers read everything it holds
 * (`fileVersionOf`), so a Throughline from before a change still opens every file that does not use it, and
 * refuses one that does with "a Throughline plan file from a newer version … Update Throughline to open it"
 * (the released 59dc681: "written by a newer Throughline"), never as "damaged" (every level of the schema is
 * strict: a reader refuses a key it does not know).
 * - 4: version 3 plus check-ins' `restates` (a blocker check-in that says "Still blocked", blocker37). The
 *   released reader before it (59dc681) refused a file holding one as "damaged: … Unrecognized key
 *   "restates"" (ties38). Written only when a check-in restates; otherwise the file is version 3.
 * - 3: version 2 plus every unresolved conflict of a title, a description or a scalar field (`conflicts` on
 *   a node: the values offered beside the shown one, with who and when, and `actors`: who wrote them, when
 *   not a person of the plan), so a plan exported in the middle of a conflict opens offering the same
 *   alternatives (plan-file-conflicts.ts writes them back as edit records).
 * - 2 (the same without conflicts) and 1 (the first milestone's export: nodes listed in outline order with
 *   their parent, no order keys, stamps, periods or links; check-ins without ids) still open.
 * A newer version is refused with the reason, never half-read. What a new version adds must be added to
 * `fileVersionOf` (test/shared/files/plan-file-released-reader.test.ts runs the released reader on it).
 */
import * as Y from 'yjs';
import { z } from 'zod';
import { generateNKeysBetween } from 'fractional-indexing';
import { fileProblem, type FileProblem } from './file-problem.js';
import { cutOffProblem } from './plan-file-text.js';
import { prototypeKeyProblem } from './plan-file-keys.js';
import { readNodeRecord, readTitle, readTombstone, type NodeRecord, type Tombstone } from '../model/doc.js';
import { materialiseTree } from '../model/tree.js';
import { readFieldEdit, type FieldEditRecord } from '../model/field-edits.js';
import { shownFields as fieldsAsShown } from '../model/stamps-elsewhere.js';
import { readRename, resolveText, textIdentity, type RenameRecord } from '../model/renames.js';
import { actorsOfConflicts, conflictsForFile, reviewConflicts, writeConflicts } from './plan-file-conflicts.js';
import { groupByNode } from '../model/records-by-node.js';
import { loopNotes, parentLoops } from './plan-file-loops.js';
import { FIELD_RULES, FIELD_WORDS, checkFieldValue, describe, fieldValueReadable } from '../model/fields.js';
import { metricValueProblem } from '../model/unit-bounds.js';
import { periodDatesProblem, periodDatesWarning } from '../model/period-bounds.js';
import { replaceControlCharacters, replacedCharactersText, visibleText } from '../text/control-characters.js';
import { invisibleTextProblem } from '../text/invisible-text.js';
import { EXACT_DIGITS, inexactNumberProblem } from '../text/exact-number.js';
import { characterCount, cutText, isOverLimit, shownWithin } from '../text/cut-text.js';
import { CHECKIN_STATUSES, CHECKIN_UNIT_MAX, validStamp, KIND_LABELS, NODE_KINDS, ROOT_ID, SCHEMA_VERSION, TEXT_LIMITS, fieldAllowed, type NodeKind, decodeCheckIn, encodeCheckIn, isStoredParentId, isValidId, nodeIdSchema, parentIdSchema, planTypes, type CheckIn, type NodeId, type ParentId } from '../model/index.js';

export const PLAN_FILE_FORMAT = 'throughline-plan';
/** The newest version this Throughline reads (and writes, for a file that needs it: `fileVersionOf`). */
export const PLAN_FILE_VERSION = 4;
/** The version written for a file holding nothing version 4 added (what the released reader 59dc681 reads). */
export const PLAN_FILE_BASE_VERSION = 3;
export const PLAN_FILE_EXTENSION = '.throughline';
/** Larger than any plan of the SPEC's targets (100,000 nodes, 500,000 check-ins is ~90 MB): refuse beyond. */
export const MAX_PLAN_FILE_BYTES = 200 * 1024 * 1024;

const stamp = z.lazy(() => z.object({ at: z.number().finite(), by: z.string().max(200) }).strict());
const jsonScalar = z.lazy(() => z.union([z.string().max(100_000), z.number().finite(), z.boolean()]));
const id = z.lazy(() => z.string().refine(isValidId, 'is not a valid id'));
/** Node ids enter here from the file: checked once, into NodeIds (the plan root for a parent). */
const fileNodeId = z.lazy(() => id.pipe(nodeIdSchema));
const fileParentId = z.lazy(() => z.string().min(1).max(64).refine((value) => value === ROOT_ID || isValidId(value), 'is not a valid id').pipe(parentIdSchema));

/**
 * Text the plan keeps up to `max` characters (code points, shared/text/cut-text.ts). Longer text is read
 * and cut with a warning (`reviewValues`), not refused: a peer that skipped the checks can store a
 * description or note past the limit, and the app's own export of that plan was refused whole as
 * "damaged" (usercheck17). The file's size limit bounds it.
 */
const fileText = (max: number) => z.string().describe(`at most ${max} characters kept`);

const nodeShape = () => ({
  id: fileNodeId,
  kind: z.enum(NODE_KINDS),
  parent: fileParentId,
  order: z.string().min(1).max(200),
  placedAt: z.number().finite(),
  placedFrom: z.string().max(64),
  title: fileText(TEXT_LIMITS.title),
  description: fileText(TEXT_LIMITS.description),
  fields: z.record(z.string(), jsonScalar),
  created: stamp.nullable(),
  updated: stamp.nullable(),
  deleted: stamp.nullable(),
});
const nodeV2Schema = z.lazy(() => z.object(nodeShape()).strict());
const nodeSchema = z.lazy(() => z.object({
  ...nodeShape(),
  conflicts: z.array(conflictSchema).max(MAX_CONFLICTS_PER_NODE).optional(),
  // Placed under a deleted node by a create or move its delete had not seen (made concurrently): the
  // plan shows it, re-attached to the nearest live node above. Without it the file's delete hid it.
  placedAfterDelete: z.literal(true).optional(),
}).strict());

// A check-in's time and order stamp: whole milliseconds within the Date range (checkins.ts validStamp). A
// file with any other is refused, naming the value: read, it would be skipped, or crash the stale signal.
const checkInStamp = () => z.number().refine(validStamp, 'must be a whole number of milliseconds within the dates a computer can show (up to the year 275760)');

const checkInSchema = z.lazy(() => z.object({
  id, nodeId: z.string().max(64), at: checkInStamp(), by: z.string().max(200), value: z.number().finite().nullable(),
  confidence: z.number().min(0).max(10).nullable(), status: z.enum(CHECKIN_STATUSES).nullable(), blocker: z.boolean(), note: fileText(TEXT_LIMITS.note),
  // The unit the value was given in (check-in-units.ts); absent in files written before it was kept.
  unit: z.string().max(CHECKIN_UNIT_MAX).optional(),
  // The order stamp when later than `at`, and the blockers it clears (checkins.ts); absent in older files,
  // whose check-ins keep their meaning (a later one without a blocker cleared the blockers before it).
  order: checkInStamp().optional(),
  clears: z.array(z.string().max(64)).max(1_000).optional(),
  // A blocker check-in that restates the standing blockers ("Still blocked"; checkins.ts); absent on others.
  restates: z.literal(true).optional(),
}).strict());

const entrySchema = z.lazy(() => z.record(z.string(), jsonScalar));

/**
 * A value offered beside the one a field shows (version 3): a rename or a field write made concurrently
 * that nobody has picked or replaced yet. `field` is `title`, `description` or a scalar field; `value`
 * null = cleared. What the node may hold is checked after parsing (reviewConflicts), each wrong one
 * named and left out: the file still opens.
 */
const conflictSchema = z.lazy(() => z.object({
  field: z.string().max(64),
  value: z.union([z.string().max(TEXT_LIMITS.description * 2), z.number().finite(), z.boolean(), z.null()]),
  by: z.string().max(200),
  at: z.number().finite(),
}).strict());
/** More than any plan holds (a conflict is one concurrent write nobody resolved yet): refused beyond. */
export const MAX_CONFLICTS_PER_NODE = 1_000;
export const MAX_CONFLICTS = 100_000;

const planFileShape = () => ({
  format: z.literal(PLAN_FILE_FORMAT),
  meta: z.record(z.string(), jsonScalar),
  checkIns: z.array(checkInSchema),
  people: z.record(id, entrySchema),
  teams: z.record(id, entrySchema),
  periods: z.record(id, entrySchema),
  links: z.record(z.string().max(200), z.object({ at: z.number().finite(), by: z.string().max(200) }).strict()),
});
const planFileV2Schema = z.lazy(() => z.object({ ...planFileShape(), version: z.literal(2), nodes: z.array(nodeV2Schema) }).strict());
// Versions 3 and 4 read alike: version 4 only tells an older reader that some check-in restates (a version 3
// file written between blocker37 and ties38, 6 December 2026, may hold `restates` too: it is read).
const planFileV3Schema = z.lazy(() => z.object({
  ...planFileShape(), version: z.union([z.literal(3), z.literal(4)]), nodes: z.array(nodeSchema),
  // Who wrote an offered value (a conflict's `by`) when that is not a person of the plan (a device's name).
  actors: z.array(z.string().max(200)).max(MAX_CONFLICTS),
}).strict());
export type PlanFile = z.infer<typeof planFileV3Schema>;
export type PlanFileNode = PlanFile['nodes'][number];

const planFileV1Schema = z.lazy(() => z.object({
  format: z.literal(PLAN_FILE_FORMAT),
  version: z.literal(1),
  name: z.string().max(200),
  nodes: z.array(z.object({ id: fileNodeId, kind: z.enum(NODE_KINDS), parent: fileParentId, title: fileText(TEXT_LIMITS.title), description: fileText(TEXT_LIMITS.description).default(''), fields: z.record(z.string(), jsonScalar).default({}) })),
  checkIns: z.array(z.object({ nodeId: z.string().max(64), at: z.number().finite(), by: z.string().max(200).default('import'), value: z.number().finite().nullable().default(null), confidence: z.number().min(0).max(10).nullable().default(null), note: fileText(TEXT_LIMITS.note).default('') })).default([]),
  people: z.array(z.object({ id, name: z.string().max(200), email: z.string().max(320).nullable().default(null) })).default([]),
  teams: z.array(z.object({ id, name: z.string().max(200) })).default([]),
}));

function entriesOf(map: Y.Map<Y.Map<unknown>>): Record<string, Record<string, string | number | boolean>> {
  const out: Record<string, Record<string, string | number | boolean>> = {};
  for (const [key, entry] of [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!(entry instanceof Y.Map)) continue;
    out[key] = scalarsOf(entry);
  }
  return out;
}

function scalarsOf(map: Y.Map<unknown>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const key of [...map.keys()].sort()) {
    const value = map.get(key);
    if (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) out[key] = value;
  }
  return out;
}

function textOf(node: Y.Map<unknown>, key: string): string {
  const value = node.get(key);
  return value instanceof Y.Text ? value.toString() : typeof value === 'string' ? value : '';
}

/** Each node's field edit records, read once from the `fieldEdits` map (malformed ones skipped). */
function fieldEditsByNode(fieldEdits: Y.Map<unknown>): Map<string, FieldEditRecord[]> {
  const records = [...fieldEdits.entries()].map(([key, value]) => readFieldEdit(key, value)).filter((record): record is FieldEditRecord => record !== null);
  return groupByNode(records, (record) => record.node);
}

/** Each node's rename records by node and field, read once from the `renames` map (malformed ones skipped). */
function renamesByNode(renames: Y.Map<unknown>): Map<string, RenameRecord[]> {
  const byNode = new Map<string, RenameRecord[]>();
  for (const [key, value] of renames) {
    const record = readRename(key, value);
    if (!record) continue;
    const forNode = `${record.node}|${record.field}`;
    const list = byNode.get(forNode);
    if (list) list.push(record);
    else byNode.set(forNode, [record]);
  }
  return byNode;
}

/**
 * The plan file of a plan doc (ids sorted, so the same plan always gives the same file). Titles and
 * descriptions are written as the plan shows them (`resolveText`, as the index resolves them), not as
 * the Y.Text holds them: after two people replaced the same title at once the Y.Text holds both
 * replacements merged ("Open a BerlinHamburg office") while every device shows the winner, and the
 * file reopened with the merged text as the title (usercheck17). A title stored past the limit is
 * written as it is shown, cut (`shownWithin`): written whole, it made a file the app refused as damaged.
 * Fields too are written as shown (`shownFields`, as the index reads them). The values offered beside
 * a shown one (an unresolved conflict) are written too (`conflicts`, plan-file-conflicts.ts).
 */
export function exportPlanFile(doc: Y.Doc): PlanFile {
  const types = planTypes(doc);
  const renames = renamesByNode(types.renames);
  const fieldEdits = fieldEditsByNode(types.fieldEdits);
  // A field's value as the plan shows it: one written into another copy of the node's map (Ben's offline
  // edit across Ada's undo and redo of the node's creation) is the field's value (field-edits.ts).
  const shownFields = (nodeId: string, node: Y.Map<unknown>, record: NodeRecord) =>
    fieldsAsShown(record.kind, record.fields as Readonly<Record<string, unknown>>, fieldEdits.get(nodeId) ?? [], node);
  const textsOf = (nodeId: string, node: Y.Map<unknown>) => (['title', 'description'] as const).map((field) => {
    const value = node.get(field);
    return { field, merged: field === 'title' ? readTitle(node) : textOf(node, field), records: renames.get(`${nodeId}|${field}`) ?? [], textId: value instanceof Y.Text ? textIdentity(value) : undefined };
  });
  const records = new Map<string, NodeRecord>();
  for (const [nodeId, node] of types.nodes) {
    const record = node instanceof Y.Map ? readNodeRecord(nodeId, node) : null;
    if (record) records.set(nodeId, record);
  }
  const placement = placementsOf(records, types.purged);
  const nodes: PlanFile['nodes'] = [];
  for (const nodeId of [...types.nodes.keys()].sort()) {
    const node = types.nodes.get(nodeId);
    const record = records.get(nodeId);
    if (!node || !record) continue;
    const texts = textsOf(nodeId, node);
    const [title, description] = texts.map((text) => (text.records.length > 0 ? resolveText(text.merged, text.records, text.textId).text : text.merged)) as [string, string];
    const fields = shownFields(nodeId, node, record);
    const conflicts = conflictsForFile(record.kind, texts, fields, fieldEdits.get(nodeId) ?? []);
    nodes.push({
      id: record.id, kind: record.kind, parent: placement.parentOf(record), order: record.place.order, placedAt: record.place.at, placedFrom: record.place.from,
      title: shownWithin(title, TEXT_LIMITS.title), description, fields: { ...fields } as Record<string, string | number | boolean>,
      // A delete's `seen` names this doc's Yjs clients; the file keeps who and when, and writePlanFile re-derives it.
      created: record.created, updated: record.updated, deleted: record.deleted ? { at: record.deleted.at, by: record.deleted.by } : null,
      ...(conflicts.length > 0 ? { conflicts } : {}),
      ...(placement.afterDelete(record) ? { placedAfterDelete: true as const } : {}),
    });
  }
  const checkIns: CheckIn[] = [];
  for (const stored of types.checkins.toArray()) { const checkIn = decodeCheckIn(stored); if (checkIn) checkIns.push(checkIn); }
  const links: PlanFile['links'] = {};
  for (const key of [...types.links.keys()].sort()) {
    const value = types.links.get(key) as { at?: unknown; by?: unknown } | undefined;
    links[key] = { at: typeof value?.at === 'number' ? value.at : 0, by: typeof value?.by === 'string' ? value.by : '' };
  }
  const people = entriesOf(types.people);
  return {
    format: PLAN_FILE_FORMAT, version: fileVersionOf(checkIns), meta: scalarsOf(types.meta), nodes, checkIns,
    people, teams: entriesOf(types.teams), periods: entriesOf(types.periods), links, actors: actorsOfConflicts(nodes, people),
  };
}

/**
 * The lowest version whose readers read everything the file holds (see the module comment): 4 when a
 * check-in restates the standing blockers, else 3. The released reader before version 4 (59dc681) then
 * says the file "was written by a newer Throughline (file version 4 > 3); update Throughline to open it"
 * instead of calling it damaged, and opens every file without such a check-in as before.
 */
export function fileVersionOf(checkIns: readonly CheckIn[]): 3 | 4 {
  return checkIns.some((checkIn) => checkIn.restates === true) ? 4 : PLAN_FILE_BASE_VERSION;
}

/**
 * Where the file puts each node. Its stored parent, unless that is no node of the file: a purged node
 * (someone created or moved it there while another purged the parent; the plan shows it under the
 * nearest node above, through the tombstones) goes to the first stored ancestor the file holds, and a
 * parent that is no id or unknown (a hostile peer's; the plan shows the node at the top level) to the
 * top level. Such a file was refused as damaged ("names the parent …, which is not in the file").
 * `afterDelete`: a live node whose file parent is hidden by a delete that had not seen it (see
 * `placedAfterDelete`).
 */
function placementsOf(records: ReadonlyMap<string, NodeRecord>, purgedMap: Y.Map<unknown>): { parentOf(record: NodeRecord): ParentId; afterDelete(record: NodeRecord): boolean } {
  const purged = new Map<string, Tombstone>();
  for (const [id, value] of purgedMap) { const tombstone = readTombstone(value); if (tombstone) purged.set(id, tombstone); }
  const tree = materialiseTree(records, purged);
  const parentOf = (record: NodeRecord): ParentId => {
    let current = record.place.parent;
    for (const visited = new Set<string>(); current !== ROOT_ID && !records.has(current);) {
      const tombstone = purged.get(current);
      if (!tombstone || visited.has(current)) return ROOT_ID;
      visited.add(current);
      current = tombstone.parent;
    }
    return isStoredParentId(current) ? current : ROOT_ID;
  };
  return {
    parentOf,
    afterDelete: (record) => {
      if (tree.hidden.has(record.id)) return false;
      const parent = parentOf(record);
      return parent !== ROOT_ID && tree.hidden.has(parent);
    },
  };
}

/** The file's text: stable key order, one node per line-ish (pretty enough to diff). */
export function serializePlanFile(file: PlanFile): string {
  return `${JSON.stringify(file, null, 1)}\n`;
}

/**
 * A parsed plan file. `warnings`: what the file holds that the plan cannot keep as written — a field
 * value of the wrong type (left out), a field the node's kind does not have (left out), a control
 * character in a title, a note or a name (shown as a sign) — each naming the node, the field and the
 * value. `loops`: each loop of parents the file holds (an item its own ancestor), with where the plan
 * shows the item it moved to break it (plan-file-loops.ts). `file` is the plan as it opens with them;
 * the person decides whether to open it.
 */
export type ParsePlanFileResult = { ok: true; file: PlanFile; migratedFrom: number | null; warnings: string[]; loops: string[] } | { ok: false; problem: FileProblem };

function lineOfPosition(text: string, message: string): number | null {
  const position = /position (\d+)/.exec(message);
  if (!position) return null;
  return text.slice(0, Number(position[1])).split('\n').length;
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const path = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('').replace(/^\./, '');
  const [list, index] = issue.path;
  if ((list === 'nodes' || list === 'checkIns') && typeof index === 'number') {
    const entries = (raw as Record<string, unknown>)[list];
    const entry = Array.isArray(entries) ? (entries[index] as { id?: unknown } | undefined) : undefined;
    const what = list === 'nodes' ? 'node' : 'check-in';
    const field = issue.path.slice(2).join('.') || 'entry';
    // A number is named as the file has it (a check-in's time past the year 275760 says which).
    const value = issue.path.length === 3 && entry !== undefined && entry !== null ? (entry as Record<string, unknown>)[String(issue.path[2])] : undefined;
    const named = typeof value === 'number' ? ` (the file has ${value})` : '';
    return `${what} ${index + 1}${typeof entry?.id === 'string' ? ` (id ${entry.id.slice(0, 64)})` : ''}: ${field} ${issue.message}${named}`;
  }
  return `${path || 'the file'} ${issue.message}`;
}

/** Parses and validates a plan file's text; an older version is migrated, a newer one refused. */
export function parsePlanFile(text: string): ParsePlanFileResult {
  if (text.length > MAX_PLAN_FILE_BYTES) return { ok: false, problem: fileProblem('too-large', `The plan file is larger than ${MAX_PLAN_FILE_BYTES / 1024 / 1024} MB.`, null) };
  let raw: unknown;
  const json = text.replace(/^\uFEFF/, '');
  try {
    raw = JSON.parse(json);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (endsEarly(json, message)) return { ok: false, problem: cutOffProblem(json) };
    const line = lineOfPosition(text, message);
    return { ok: false, problem: fileProblem('malformed-json', `This is not a Throughline plan file: ${line ? `line ${line} is not valid JSON` : 'it is not valid JSON'} (${message}).`, line) };
  }
  const inexact = inexactNumberInFile(text);
  if (inexact) return { ok: false, problem: inexact };
  const head = z.object({ format: z.literal(PLAN_FILE_FORMAT), version: z.unknown().optional() }).safeParse(raw);
  if (!head.success) return { ok: false, problem: fileProblem('wrong-format', 'This JSON file is not a Throughline plan file (its "format" is not "throughline-plan").', null) };
  const version = readVersion(head.data.version);
  if (version === null) return { ok: false, problem: unreadVersionProblem(head.data.version) };
  const prototypeKey = prototypeKeyProblem(json, raw);
  if (prototypeKey) return { ok: false, problem: prototypeKey };
  if (version === 1) {
    const v1 = planFileV1Schema.safeParse(raw);
    if (!v1.success) return { ok: false, problem: fileProblem('invalid-plan-file', `The plan file is damaged: ${describeIssue(v1.error.issues[0]!, raw)}.`, null) };
    return checkReferences(migrateV1(v1.data), 1);
  }
  if (version === 2) {
    const v2 = planFileV2Schema.safeParse(raw);
    if (!v2.success) return { ok: false, problem: fileProblem('invalid-plan-file', `The plan file is damaged: ${describeIssue(v2.error.issues[0]!, raw)}.`, null) };
    // Version 2 is version 3 without conflicts.
    return checkReferences({ ...v2.data, version: PLAN_FILE_BASE_VERSION, actors: [] }, 2);
  }
  const tooMany = conflictCountProblem(raw);
  if (tooMany) return { ok: false, problem: tooMany };
  const v3 = planFileV3Schema.safeParse(raw);
  if (!v3.success) return { ok: false, problem: fileProblem('invalid-plan-file', `The plan file is damaged: ${describeIssue(v3.error.issues[0]!, raw)}.`, null) };
  return checkReferences(v3.data, null);
}

/** The versions this Throughline reads: every whole number from 1 to PLAN_FILE_VERSION (a file only ever has one of them). */
function readVersion(version: unknown): number | null {
  return Number.isInteger(version) && (version as number) >= 1 && (version as number) <= PLAN_FILE_VERSION ? (version as number) : null;
}

/**
 * A plan file ("format": "throughline-plan") of a version this Throughline does not read: a newer one, or one
 * written as another program writes it ("3", 3.5, none). Said as a Throughline plan file, naming the version
 * found and the ones read, and that nothing changed: it was refused as "not a Throughline plan file" (a string
 * version), or as "damaged" naming a field (3.5), which told its owner their plan was broken (review42c F8).
 */
function unreadVersionProblem(version: unknown): FileProblem {
  const reads = `this Throughline reads plan file versions 1 to ${PLAN_FILE_VERSION}`;
  const after = 'Update Throughline to open it; nothing was opened or changed.';
  if (Number.isInteger(version) && (version as number) > PLAN_FILE_VERSION) {
    return fileProblem('newer-version', `This is a Throughline plan file from a newer version of Throughline (file version ${String(version)}; ${reads}). ${after}`, null);
  }
  const found = version === undefined ? 'the file names no version' : `the file says version ${cutText(JSON.stringify(version), 40)}`;
  return fileProblem('newer-version', `This is a Throughline plan file, but of a version this Throughline does not read (${found}; ${reads}): it was probably written by a newer version of Throughline. ${after}`, null);
}

/**
 * Whether JSON.parse failed only because the text stops before its outermost value closes (cut off): every
 * bracket before the end matches, and the parser's error (where V8 says its position) is at the end. A file
 * whose error is earlier, or whose brackets cross, is named by its line as before.
 */
function endsEarly(text: string, message: string): boolean {
  const position = /position (\d+)/.exec(message);
  if (position && Number(position[1]) < text.trimEnd().length) return false;
  const open: string[] = [];
  let inString = false;
  let closed = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (inString) {
      if (char === '\\') index++;
      else if (char === '"') inString = false;
      continue;
    }
    if (closed && !/\s/.test(char)) return false;
    if (char === '"') inString = true;
    else if (char === '{' || char === '[') open.push(char === '{' ? '}' : ']');
    else if (char === '}' || char === ']') {
      if (open.pop() !== char) return false;
      closed = open.length === 0;
    }
  }
  return inString || open.length > 0 || text.trim() === '';
}

/**
 * A number written in the file with more significant digits than the plan keeps (a target edited to
 * 12345678901234567890 by hand, or written by another program): JSON.parse reads it as
 * 12345678901234567000, which the plan would show and save without a word. The file is refused, naming
 * the line, the field and the limit (shared/text/exact-number.ts); nothing is opened. Only a file holding
 * a run of 16 digits is scanned, and strings are skipped (an id or a title may hold digits).
 */
function inexactNumberInFile(text: string): FileProblem | null {
  if (!/\d[\d.]{15}/.test(text)) return null;
  const token = /"(?:[^"\\]|\\.)*"(\s*:)?|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
  let key: string | null = null;
  for (let match = token.exec(text); match !== null; match = token.exec(text)) {
    const found = match[0];
    if (found.startsWith('"')) {
      if (match[1] !== undefined) key = found.slice(0, found.length - match[1].length);
      continue;
    }
    const problem = inexactNumberProblem(found, Number(found));
    if (!problem) continue;
    const line = text.slice(0, match.index).split('\n').length;
    return fileProblem('invalid-plan-file', `This plan file cannot be opened as it is: line ${line}${key ? ` (${cutText(key, 40)})` : ''}: ${problem.replace(/ Round it to .*$/, '')} Round it in the file to ${EXACT_DIGITS} significant digits or fewer and open it again; nothing was opened.`, line);
  }
  return null;
}

/**
 * Refused before validating: more offered values than any plan holds (a conflict is a concurrent write
 * nobody resolved yet), counted on the raw file so a million of them are not checked one by one first.
 */
function conflictCountProblem(raw: unknown): FileProblem | null {
  const nodes = (raw as { nodes?: unknown }).nodes;
  if (!Array.isArray(nodes)) return null;
  let total = 0;
  for (const [index, node] of nodes.entries()) {
    const conflicts = typeof node === 'object' && node !== null ? (node as { conflicts?: unknown }).conflicts : undefined;
    if (!Array.isArray(conflicts)) continue;
    const id = typeof (node as { id?: unknown }).id === 'string' ? ` (id ${String((node as { id: string }).id).slice(0, 64)})` : '';
    if (conflicts.length > MAX_CONFLICTS_PER_NODE) return fileProblem('invalid-plan-file', `The plan file is damaged: node ${index + 1}${id} offers ${conflicts.length.toLocaleString('en')} conflicting values; a node holds at most ${MAX_CONFLICTS_PER_NODE.toLocaleString('en')}.`, null);
    total += conflicts.length;
  }
  return total > MAX_CONFLICTS ? fileProblem('invalid-plan-file', `The plan file is damaged: it offers ${total.toLocaleString('en')} conflicting values; a plan holds at most ${MAX_CONFLICTS.toLocaleString('en')}.`, null) : null;
}

function checkReferences(file: PlanFile, migratedFrom: number | null): ParsePlanFileResult {
  const ids = new Set<NodeId>();
  for (const [index, node] of file.nodes.entries()) {
    if (ids.has(node.id)) return { ok: false, problem: fileProblem('duplicate-id', `The plan file is damaged: node ${index + 1} repeats the id ${node.id}.`, null) };
    ids.add(node.id);
  }
  for (const [index, node] of file.nodes.entries()) {
    if (node.parent !== ROOT_ID && !ids.has(node.parent)) return { ok: false, problem: fileProblem('bad-parent', `The plan file is damaged: node ${index + 1} (id ${node.id}) names the parent ${node.parent}, which is not in the file.`, null) };
  }
  const warnings: string[] = [];
  const reviewed = reviewValues(file, warnings);
  return { ok: true, file: reviewed, migratedFrom, warnings, loops: parentLoops(reviewed).length > 0 ? loopNotes(reviewed, shownParents(reviewed)) : [] };
}

/**
 * Where the plan the file opens as shows each node: the file written into a scratch doc and its tree
 * made as every copy of the plan makes it (only for a file with a loop of parents).
 */
function shownParents(file: PlanFile): (id: string) => string | null {
  const doc = new Y.Doc();
  writePlanFile(doc, file);
  const records = new Map<string, NodeRecord>();
  for (const [id, node] of planTypes(doc).nodes) {
    const record = node instanceof Y.Map ? readNodeRecord(id, node) : null;
    if (record) records.set(id, record);
  }
  const tree = materialiseTree(records);
  doc.destroy();
  return (id) => tree.parent.get(id) ?? null;
}

const kindLabel = (kind: NodeKind) => `${/^[aeiou]/i.test(KIND_LABELS[kind]) ? 'an' : 'a'} ${KIND_LABELS[kind]}`;

/**
 * The file as the plan keeps it, with a warning for each value it does not keep as written: before,
 * a field of the wrong type (`"target": "NaN"`) was written and then never read — gone without a word.
 */
function reviewValues(file: PlanFile, warnings: string[]): PlanFile {
  const visible = (text: string, what: string, multiLine = false): string => {
    const cleaned = replaceControlCharacters(text, multiLine);
    if (cleaned.replaced.length > 0) warnings.push(`${what} holds ${replacedCharactersText(cleaned.replaced)}; shown as ${multiLine ? 'a sign' : 'a space or a sign'}`);
    return cleaned.text;
  };
  // Text past what the plan keeps is cut between graphemes, with the count in words (nothing cut unsaid).
  const within = (text: string, limit: number, what: string): string => {
    if (!isOverLimit(text, limit)) return text;
    warnings.push(`${what} is ${characterCount(text).toLocaleString('en')} characters, longer than the ${limit.toLocaleString('en')} the plan keeps; cut to the first ${limit.toLocaleString('en')}`);
    return cutText(text, limit);
  };
  // Free text that shows nothing is kept as none, as the plan's operations keep it (invisible-text.ts).
  const freeText = (text: string, what: string): string => {
    const invisible = invisibleTextProblem(text);
    if (!invisible) return text;
    warnings.push(`${what} ${invisible}; left empty`);
    return '';
  };
  const nodes = file.nodes.map((node, index) => {
    const shownTitle = visibleText(node.title);
    const what = `node ${index + 1} (id ${node.id}${shownTitle.trim() && !invisibleTextProblem(shownTitle) ? `, “${isOverLimit(shownTitle, 40) ? `${cutText(shownTitle, 40)}…` : shownTitle}”` : ''})`;
    const fields: PlanFile['nodes'][number]['fields'] = {};
    for (const [name, value] of Object.entries(node.fields)) {
      if (!fieldAllowed(node.kind, name)) {
        warnings.push(`${what}: ${JSON.stringify(name)} is not a field of ${kindLabel(node.kind)}; its value ${describe(value)} is left out`);
      } else if (!fieldValueReadable(node.kind, name, value)) {
        warnings.push(`${what}: ${checkFieldValue(node.kind, name, value)?.message ?? `${name} cannot be ${describe(value)}`}; left out`);
      } else {
        const rule = FIELD_RULES[name];
        const kept = typeof value === 'string' && rule.type === 'text' ? freeText(visible(value, `${what}: ${name}`, rule.multiLine), `${what}: ${name}`) : value;
        // Left out when it showed nothing (warned above), as the plan's operations clear such a field.
        if (kept !== '' || value === '') fields[name] = kept;
      }
    }
    // A metric value its unit cannot have (an NPS of 12,000 merged from two edits) is the plan's own, so it is
    // kept, as the plan shows it, and named here before the plan opens (unit-bounds.ts, review45a).
    for (const name of ['start', 'target', 'rangeLow', 'rangeHigh', 'healthyLow', 'healthyHigh'] as const) {
      const value = fields[name], unit = typeof fields.unit === 'string' ? fields.unit : undefined;
      const problem = typeof value === 'number' ? metricValueProblem(value, unit, `the ${FIELD_WORDS[name]}`) : null;
      if (problem) warnings.push(`${what}: ${problem}; kept as the plan holds it, set it again`);
    }
    const shownAs = within(visible(node.title, `${what}: the title`), TEXT_LIMITS.title, `${what}: the title`);
    // A title of only spaces or zero-width characters shows nothing: kept empty, so it reads "Untitled".
    const invisible = invisibleTextProblem(shownAs);
    if (invisible) warnings.push(`${what}: the title ${invisible}; left empty (shown as Untitled)`);
    const title = invisible ? '' : shownAs;
    const description = within(freeText(visible(node.description, `${what}: the description`, true), `${what}: the description`), TEXT_LIMITS.description, `${what}: the description`);
    const same = title === node.title && description === node.description && Object.keys(fields).length === Object.keys(node.fields).length && Object.entries(fields).every(([name, value]) => node.fields[name] === value);
    const shown = same ? node : { ...node, title, description, fields };
    // Offered values are checked against the values the node keeps (one equal to the shown value offers nothing).
    const conflicts = reviewConflicts(shown, file, what, warnings);
    if (conflicts === node.conflicts) return shown;
    const { conflicts: _dropped, ...rest } = shown;
    return conflicts === undefined ? rest : { ...rest, conflicts };
  });
  const checkIns = file.checkIns.map((checkIn, index) => {
    const what = `check-in ${index + 1} (id ${checkIn.id}): the note`;
    const note = within(freeText(visible(checkIn.note, what, true), what), TEXT_LIMITS.note, what);
    return note === checkIn.note ? checkIn : { ...checkIn, note };
  });
  const names = (entries: PlanFile['people'], what: string): PlanFile['people'] => Object.fromEntries(Object.entries(entries).map(([id, entry]) => {
    if (typeof entry.name !== 'string') return [id, entry];
    const name = visible(entry.name, `${what} ${id}: the name`);
    return [id, name === entry.name ? entry : { ...entry, name }];
  }));
  const meta = typeof file.meta.name === 'string' ? { ...file.meta, name: visible(file.meta.name, 'the plan name') } : file.meta;
  reviewPeriodDates(file.periods, warnings);
  return { ...file, meta, nodes, checkIns, people: names(file.people, 'person'), teams: names(file.teams, 'team'), periods: names(file.periods, 'period') };
}

/**
 * A period the file holds with dates no period can have (ending on or before its start) or none plausibly
 * has (0001 … 9999): kept, as the plan's own, and named in the file's warnings (review45a F7); the items in
 * it say that no pace can be judged.
 */
function reviewPeriodDates(periods: PlanFile['periods'], warnings: string[]): void {
  for (const [id, entry] of Object.entries(periods)) {
    const { start, end } = entry;
    if (typeof start !== 'string' || typeof end !== 'string') continue;
    const name = typeof entry.name === 'string' ? `“${entry.name}”` : id;
    const problem = periodDatesProblem(start, end);
    if (problem) warnings.push(`period ${name}: ${problem}; kept as the plan holds it, no pace is judged in it: set its dates again`);
    const warning = periodDatesWarning(start, end);
    if (warning) warnings.push(`period ${name}: ${warning}`);
  }
}

function migrateV1(v1: z.infer<typeof planFileV1Schema>): PlanFile {
  const siblings = new Map<string, number>();
  for (const node of v1.nodes) siblings.set(node.parent, (siblings.get(node.parent) ?? 0) + 1);
  const keys = new Map([...siblings].map(([parent, count]) => [parent, generateNKeysBetween(null, null, count)]));
  const used = new Map<string, number>();
  const nodes: PlanFile['nodes'] = v1.nodes.map((node) => {
    const position = used.get(node.parent) ?? 0;
    used.set(node.parent, position + 1);
    return {
      id: node.id, kind: node.kind, parent: node.parent, order: keys.get(node.parent)![position]!, placedAt: 0, placedFrom: ROOT_ID,
      title: node.title, description: node.description, fields: node.fields, created: null, updated: null, deleted: null,
    };
  });
  return {
    format: PLAN_FILE_FORMAT, version: PLAN_FILE_BASE_VERSION, meta: { name: v1.name, schemaVersion: SCHEMA_VERSION }, nodes,
    checkIns: v1.checkIns.map((checkIn, index) => ({ id: `v1-checkin-${index + 1}`, nodeId: checkIn.nodeId, at: checkIn.at, by: checkIn.by, value: checkIn.value, confidence: checkIn.confidence, status: null, blocker: false, note: checkIn.note })),
    people: Object.fromEntries(v1.people.map((person): [string, Record<string, string>] => [person.id, person.email ? { name: person.name, email: person.email } : { name: person.name }])),
    teams: Object.fromEntries(v1.teams.map((team) => [team.id, { name: team.name }])),
    periods: {},
    links: {},
    actors: [],
  };
}

function writeEntries(map: Y.Map<Y.Map<unknown>>, entries: Record<string, Record<string, string | number | boolean>>): void {
  for (const [key, values] of Object.entries(entries)) {
    const entry = new Y.Map<unknown>();
    map.set(key, entry);
    for (const [name, value] of Object.entries(values)) entry.set(name, value);
  }
}

/**
 * Writes a parsed plan file into an EMPTY doc (a new plan), in one transaction. Opening the doc with
 * openPlan afterwards sees a plan of the current schema version, offering the file's conflicts.
 */
export function writePlanFile(doc: Y.Doc, file: PlanFile): void {
  const types = planTypes(doc);
  if (types.nodes.size > 0 || types.meta.size > 0) throw new Error('writePlanFile writes a new plan: the doc must be empty');
  doc.transact(() => {
    for (const [key, value] of Object.entries(file.meta)) types.meta.set(key, value);
    types.meta.set('schemaVersion', SCHEMA_VERSION);
    const writeNode = (node: PlanFile['nodes'][number]) => {
      const map = new Y.Map<unknown>();
      types.nodes.set(node.id, map);
      const init: Record<string, unknown> = { kind: node.kind, created: node.created ?? undefined, place: { parent: node.parent, order: node.order, at: node.placedAt, from: node.placedFrom } };
      for (const [name, value] of Object.entries(node.fields)) init[name] = value;
      map.set('init', JSON.stringify(init));
      map.set('title', new Y.Text(node.title));
      map.set('description', new Y.Text(node.description));
      if (node.updated) map.set('updated', node.updated);
      writeConflicts(types, node, map);
    };
    for (const node of file.nodes) if (!node.placedAfterDelete) writeNode(node);
    // Deletes next: their `seen` must cover the placements written above (all by this doc's client),
    // or the subtree's nodes would count as placed concurrently with the delete and stay visible.
    const seen = { [String(doc.clientID)]: Y.getState(doc.store, doc.clientID) };
    for (const node of file.nodes) if (node.deleted && !node.placedAfterDelete) types.nodes.get(node.id)!.set('deleted', { ...node.deleted, seen });
    // Then the nodes placed after a delete (concurrently): no delete has seen them, so they stay shown.
    for (const node of file.nodes) if (node.placedAfterDelete) writeNode(node);
    for (const node of file.nodes) if (node.deleted && node.placedAfterDelete) types.nodes.get(node.id)!.set('deleted', { ...node.deleted, seen });
    if (file.checkIns.length > 0) types.checkins.push(file.checkIns.map((checkIn) => encodeCheckIn(checkIn)));
    writeEntries(types.people, file.people);
    writeEntries(types.teams, file.teams);
    writeEntries(types.periods, file.periods);
    for (const [key, value] of Object.entries(file.links)) types.links.set(key, value);
  });
}
