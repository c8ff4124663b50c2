/**
 * Writes an approved import preview into a plan, all or nothing.
 *
 * The operations run on a scratch copy of the plan's doc first: every node, person, team, period and
 * check-in goes through the ordinary validated operations there. Only when all of them succeeded is
 * the difference applied to the real doc, as ONE Yjs update with the plan's local origin — so the open
 * plan either gains the whole import (undoable as one step) or is left exactly as it was, and
 * collaborators receive it as one change.
 *
 * On the scratch copy each node is its own transaction (an operation validates its parent and places
 * it after its siblings as the index knows them, and the index catches up at a transaction's end);
 * the check-ins, which only need their nodes, are written together in one transaction at the end.
 * `preparingImport` pauses between nodes so a page stays responsive during a 10,000-row import;
 * nothing reaches the open plan until `commitImport`.
 */
import * as Y from 'yjs';
import { fileProblem, type FileProblem } from './file-problem.js';
import type { ImportNode, ImportPreview } from './import-preview.js';
import { type PeriodRef, type PersonRef } from './row-fields.js';
import { characterCount, isOverLimit } from '../text/cut-text.js';
import { controlCharacterProblem } from '../text/control-characters.js';
import { invisibleTextProblem } from '../text/invisible-text.js';
import { isPlanError, itemsPerStep, openPlan, ROOT_ID, TEXT_LIMITS, runToEnd, type CreateNodeInput, type NodeFieldPatch, type NodeId, type ParentId, type PersonId, type Plan, type Steps, type TeamId } from '../model/index.js';

export interface ApplyImportOptions {
  /** Put the objectives the file has at the top level under this existing strategy instead of a new one. */
  intoStrategy?: NodeId | null;
  /** When the imported check-ins (current values) are dated. */
  now: number;
  /** Title of the strategy the import adds for top-level objectives (else the preview's). */
  strategyTitle?: string;
}

export type ApplyImportResult =
  | { ok: true; created: { nodes: number; people: number; teams: number; periods: number; checkIns: number }; rootIds: NodeId[] }
  | { ok: false; problems: FileProblem[] };

/** `dana.reyes@acme.com` → "Dana Reyes": the name an e-mail-only owner most likely has. */
export function nameFromEmail(email: string): string {
  const local = email.split('@')[0]!.replace(/[._-]+/g, ' ').trim();
  return local.replace(/\p{L}+/gu, (part) => part[0]!.toUpperCase() + part.slice(1)) || email;
}

function personKey(ref: PersonRef): string[] {
  const keys: string[] = [];
  if (ref.email) keys.push(`e:${ref.email.toLowerCase()}`);
  // An e-mail-only owner matches a person of the same name: "Dana Reyes" and dana.reyes@… are one person.
  const name = ref.name ?? (ref.email ? nameFromEmail(ref.email) : null);
  if (name) keys.push(`n:${name.trim().toLowerCase()}`);
  return keys;
}

/** Directory lookups on the scratch plan: match by name or e-mail, create what is missing. */
class Directory {
  readonly people = new Map<string, PersonId>();
  readonly teams = new Map<string, TeamId>();
  readonly periods = new Map<string, string>();
  readonly periodsByDates = new Map<string, string>();
  /** By name and dates: two periods of one name (a calendar and a fiscal "Q1 2026") are told apart by their dates. */
  readonly periodsExact = new Map<string, string>();
  readonly created = { people: 0, teams: 0, periods: 0 };

  constructor(private readonly plan: Plan) {
    for (const person of plan.index.people()) {
      if (person.email) this.people.set(`e:${person.email.toLowerCase()}`, person.id);
      this.people.set(`n:${person.name.trim().toLowerCase()}`, person.id);
    }
    for (const team of plan.index.teams()) this.teams.set(team.name.trim().toLowerCase(), team.id);
    for (const period of plan.index.periods()) {
      const key = period.name.trim().toLowerCase();
      if (!this.periods.has(key)) this.periods.set(key, period.id);
      if (!this.periodsByDates.has(`${period.start}..${period.end}`)) this.periodsByDates.set(`${period.start}..${period.end}`, period.id);
      if (!this.periodsExact.has(`${key}|${period.start}..${period.end}`)) this.periodsExact.set(`${key}|${period.start}..${period.end}`, period.id);
    }
  }

  person(ref: PersonRef, team: string | null): PersonId {
    for (const key of personKey(ref)) {
      const id = this.people.get(key);
      if (!id) continue;
      if (ref.email && !this.people.has(`e:${ref.email}`)) {
        // Learn the e-mail of a person so far known by name only (when it is not someone else's).
        if (!this.plan.types.people.get(id)?.get('email')) this.plan.updatePerson(id, { email: ref.email });
        this.people.set(`e:${ref.email}`, id);
      }
      return id;
    }
    const name = ref.name ?? nameFromEmail(ref.email!);
    const id = this.plan.addPerson({ name, email: ref.email, team });
    for (const key of personKey({ name, email: ref.email })) this.people.set(key, id);
    this.created.people += 1;
    return id;
  }

  team(name: string): TeamId {
    const key = name.trim().toLowerCase();
    const known = this.teams.get(key);
    if (known) return known;
    const id = this.plan.addTeam({ name });
    this.teams.set(key, id);
    this.created.teams += 1;
    return id;
  }

  /**
   * The row's period. Dates written in their own columns: the period of that name and those dates, else
   * a new one (a fiscal "Q1 2026" is not the calendar one). Dates from the name (`Q4 2026`): the plan's
   * period of that name, else one with the same dates ("2026-Q4" on one row is the "Q4 2026" of another
   * row, or of the plan), else a new one named as the sheet writes it. A name alone ("Spring push"):
   * the plan's period of that name; the plan must have one, as the row gives no dates to create it.
   */
  period(period: PeriodRef): string {
    const key = period.name.trim().toLowerCase();
    const { start, end } = period;
    if (start === null || end === null) {
      const known = this.periods.get(key);
      if (known) return known;
      throw new Error(`the period "${period.name}" is not in this plan and the row gives no dates for it (add it to the plan first, or give its dates in the columns Period start and Period end)`);
    }
    const dates = `${start}..${end}`;
    const known = this.periodsExact.get(`${key}|${dates}`) ?? (period.datesWritten ? undefined : this.periods.get(key) ?? this.periodsByDates.get(dates));
    if (known) return known;
    const id = this.plan.addPeriod({ name: period.name, start, end });
    if (!this.periods.has(key)) this.periods.set(key, id);
    if (!this.periodsByDates.has(dates)) this.periodsByDates.set(dates, id);
    this.periodsExact.set(`${key}|${dates}`, id);
    this.created.periods += 1;
    return id;
  }
}

function nodeInput(node: ImportNode, parent: ParentId, directory: Directory): CreateNodeInput {
  const { fields } = node;
  const team = fields.team ? directory.team(fields.team) : null;
  const patch: NodeFieldPatch = {};
  if (fields.owner) patch.owner = directory.person(fields.owner, team);
  if (team) patch.team = team;
  if (fields.priority) patch.priority = fields.priority;
  if (fields.period && (node.kind === 'objective' || node.kind === 'key_result')) patch.period = directory.period(fields.period);
  if (fields.weight !== null) patch.weight = fields.weight;
  if (node.kind === 'key_result') {
    if (fields.start !== null) patch.start = fields.start;
    if (fields.target !== null) patch.target = fields.target;
  }
  if ((node.kind === 'key_result' || node.kind === 'kpi')) {
    if (fields.unit) patch.unit = fields.unit;
    if (fields.direction) patch.direction = fields.direction;
  }
  if (fields.status && (node.kind === 'task' || node.kind === 'initiative')) patch.status = fields.status;
  if (fields.startDate && node.kind === 'initiative') patch.startDate = fields.startDate;
  if (fields.dueDate && (node.kind === 'initiative' || node.kind === 'task')) patch.dueDate = fields.dueDate;
  Object.assign(patch, kindPatch(node, directory, team));
  return { kind: node.kind, parent, title: node.title, ...(fields.description ? { description: fields.description } : {}), ...patch };
}

/** The fields only some kinds have (row-fields.ts readKindFields), as the node's patch. */
function kindPatch(node: ImportNode, directory: Directory, team: TeamId | null): NodeFieldPatch {
  const { fields } = node;
  const patch: NodeFieldPatch = {};
  if (node.kind === 'key_result') {
    if (fields.rangeLow !== null) patch.rangeLow = fields.rangeLow;
    if (fields.rangeHigh !== null) patch.rangeHigh = fields.rangeHigh;
  }
  if (node.kind === 'kpi') {
    if (fields.rangeLow !== null) patch.healthyLow = fields.rangeLow;
    if (fields.rangeHigh !== null) patch.healthyHigh = fields.rangeHigh;
  }
  if (node.kind === 'task') {
    if (fields.assignee) patch.assignee = directory.person(fields.assignee, team);
    if (fields.blockedReason) patch.blockedReason = fields.blockedReason;
    // The stamps as the sheet dates them; without them the status stamps the import's time (node-rules.ts).
    if (fields.blockedSince !== null && fields.status === 'blocked') patch.blockedSince = fields.blockedSince;
    if (fields.doneAt !== null && fields.status === 'done') patch.doneAt = fields.doneAt;
  }
  if (node.kind === 'initiative') {
    if (fields.effort !== null) patch.effort = fields.effort;
    if (fields.impact) patch.impact = fields.impact;
    if (fields.manualProgress !== null) patch.manualProgress = fields.manualProgress;
  }
  if (node.kind === 'strategy' && fields.horizon) patch.horizon = fields.horizon;
  return patch;
}

/**
 * Why the title typed for the new strategy cannot be used, or null. It is refused, as every title
 * field refuses it, never cut or changed: the dialog's field said nothing while a 534-character title
 * was stored as its first 500 and a control character swapped for a sign, and the import said it went well.
 */
export function strategyTitleProblem(title: string): string | null {
  const what = 'The new strategy\'s title';
  if (isOverLimit(title, TEXT_LIMITS.title)) {
    const length = characterCount(title);
    return `${what} is ${length.toLocaleString('en')} characters; the limit is ${TEXT_LIMITS.title.toLocaleString('en')}. Shorten it by ${(length - TEXT_LIMITS.title).toLocaleString('en')} to import — nothing was cut.`;
  }
  const control = controlCharacterProblem(title);
  if (control) return `${what} ${control}, which does not show; delete it to import.`;
  const invisible = invisibleTextProblem(title);
  return invisible ? `${what} ${invisible}: type something that shows, or leave it empty.` : null;
}

/** Imports the preview into `plan`. Refuses a preview that still has problems. */
export function applyImport(plan: Plan, preview: ImportPreview, options: ApplyImportOptions): ApplyImportResult {
  const prepared = runToEnd(preparingImport(plan, preview, options));
  return prepared.ok ? commitImport(plan, prepared) : prepared;
}

/** An import worked out on a scratch copy of the plan, not yet written to it. */
export interface PreparedImport {
  ok: true;
  /** Exactly what the scratch copy gained over the plan's state when preparing began. */
  update: Uint8Array;
  created: { nodes: number; people: number; teams: number; periods: number; checkIns: number };
  rootIds: NodeId[];
}

/** Writes a prepared import to the open plan as ONE update with the plan's local origin (one undo step). */
export function commitImport(plan: Plan, prepared: PreparedImport): ApplyImportResult {
  if (plan.readOnly) return { ok: false, problems: [fileProblem('read-only', plan.readOnlyReason ?? 'This plan is read-only.', null)] };
  Y.applyUpdate(plan.doc, prepared.update, plan.origin);
  return { ok: true, created: prepared.created, rootIds: prepared.rootIds };
}

/**
 * The import worked out in steps (steps.ts) on a scratch copy of the plan, pausing every
 * `itemsPerStep` nodes so a page stays responsive during a 10,000-row import. Nothing reaches the
 * plan: `commitImport` writes the result. A caller that stops early (`return()` on the generator, the
 * dialog closed) leaves no trace.
 */
export function* preparingImport(plan: Plan, preview: ImportPreview, options: ApplyImportOptions): Steps<PreparedImport | { ok: false; problems: FileProblem[] }> {
  if (preview.problems.length > 0) return { ok: false, problems: preview.problems };
  if (plan.readOnly) return { ok: false, problems: [fileProblem('read-only', plan.readOnlyReason ?? 'This plan is read-only.', null)] };
  const typedTitle = options.intoStrategy ? '' : options.strategyTitle?.trim() ?? '';
  const titleProblem = preview.addedStrategyKey && typedTitle ? strategyTitleProblem(typedTitle) : null;
  if (titleProblem) return { ok: false, problems: [fileProblem('strategy-title', `${titleProblem} Nothing was imported.`, null)] };
  const scratch = new Y.Doc();
  Y.applyUpdate(scratch, Y.encodeStateAsUpdate(plan.doc));
  const before = Y.encodeStateVector(scratch);
  const scratchPlan = openPlan(scratch, plan.ctx, { now: options.now });
  let current: ImportNode | null = null;
  try {
    const directory = new Directory(scratchPlan);
    const rootIds: NodeId[] = [];
    const checkIns: { id: NodeId; node: ImportNode }[] = [];
    let nodes = 0;
    // Depth first, parents before children, siblings in file order: an explicit stack, so the walk can pause.
    const pending = preview.rootKeys.map((key): { node: ImportNode; parent: ParentId } => ({ node: preview.nodes.get(key)!, parent: ROOT_ID })).reverse();
    while (pending.length > 0) {
      const { node, parent } = pending.pop()!;
      current = node;
      let id: NodeId;
      if (node.key === preview.addedStrategyKey && options.intoStrategy) id = options.intoStrategy;
      else {
        const title = node.key === preview.addedStrategyKey && typedTitle ? typedTitle : node.title;
        id = scratchPlan.createNode({ ...nodeInput(node, parent, directory), title });
        nodes += 1;
        if (nodes % itemsPerStep === 0) yield;
      }
      if (parent === ROOT_ID) rootIds.push(id);
      const { current: value, confidence, checkInStatus } = node.fields;
      if (value !== null || confidence !== null || checkInStatus !== null) checkIns.push({ id, node });
      for (let index = node.childKeys.length - 1; index >= 0; index--) pending.push({ node: preview.nodes.get(node.childKeys[index]!)!, parent: id });
    }
    // One scratch transaction for every check-in: each validates against its node, which the index now holds.
    scratch.transact(() => {
      for (const { id, node } of checkIns) {
        current = node;
        const { current: value, confidence, checkInStatus } = node.fields;
        scratchPlan.addCheckIn(id, { value, confidence, status: checkInStatus, at: options.now, note: 'Imported' });
      }
    }, plan.origin);
    return { ok: true, update: Y.encodeStateAsUpdate(scratch, before), created: { nodes, ...directory.created, checkIns: checkIns.length }, rootIds };
  } catch (error) {
    const where: ImportNode | null = current;
    const row = where === null ? null : (where as ImportNode).row || null;
    const reason = isPlanError(error) || error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [fileProblem('rejected-by-plan', `${row ? `Row ${row}: ` : ''}the plan refused it: ${reason}. Nothing was imported.`, row)] };
  } finally {
    scratchPlan.index.destroy();
    scratch.destroy();
  }
}
