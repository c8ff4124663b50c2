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
import { DirectoryKeys, nameFromEmail, personKeys, type RemovedChoice } from './import-removed.js';
import { characterCount, isOverLimit } from '../text/cut-text.js';
import { controlCharacterProblem } from '../text/control-characters.js';
import { invisibleTextProblem } from '../text/invisible-text.js';
import { isPlanError, itemsPerStep, openPlan, removedStamp, ROOT_ID, TEXT_LIMITS, runToEnd, type CreateNodeInput, type NodeFieldPatch, type NodeId, type ParentId, type PersonId, type PersonView, type Plan, type PlanContext, type Steps, type TeamId, type TeamView } from '../model/index.js';
import { removedByName } from '../model/removed.js';

export interface ApplyImportOptions {
  /** Put the objectives the file has at the top level under this existing strategy instead of a new one. */
  intoStrategy?: NodeId | null;
  /** When the imported check-ins (current values) are dated. */
  now: number;
  /** Title of the strategy the import adds for top-level objectives (else the preview's). */
  strategyTitle?: string;
  /**
   * What the rows naming each removed person or team get, by its id (import-removed.ts): the preview's
   * question. A removed one the file names that is not here stops the import (it was removed after the
   * preview was looked at): never a silent second "Carla".
   */
  removed?: ReadonlyMap<string, RemovedChoice>;
}

export type ApplyImportResult =
  | { ok: true; created: { nodes: number; people: number; teams: number; periods: number; checkIns: number }; restored: { people: number; teams: number }; rootIds: NodeId[] }
  | { ok: false; problems: FileProblem[] };

/** An existing person or team the import names: its state when preparing began and the choice taken (commitImport checks it again). */
export interface NamedEntry {
  what: 'person' | 'team';
  id: string;
  name: string;
  /** Removed when preparing began (then `choice` says what the rows got). */
  wasRemoved: boolean;
  choice: RemovedChoice | null;
}

/** The import names a removed person or team nobody chose for: removed after the preview was looked at. */
class RemovedUnasked extends Error {
  constructor(readonly what: 'person' | 'team', readonly view: PersonView | TeamView) {
    super(`${view.name} was removed`);
  }
}

/**
 * Directory lookups on the scratch plan: match by e-mail or name (DirectoryKeys, the preview's question
 * makes the same), create what is missing. A removed person or team gets what `choices` says
 * (people38): named as removed, restored, or a new one added beside it; one nobody chose for stops the import.
 */
class Directory {
  readonly keys: DirectoryKeys;
  readonly periods = new Map<string, string>();
  readonly periodsByDates = new Map<string, string>();
  /** By name and dates: two periods of one name (a calendar and a fiscal "Q1 2026") are told apart by their dates. */
  readonly periodsExact = new Map<string, string>();
  readonly created = { people: 0, teams: 0, periods: 0 };
  readonly restored = { people: 0, teams: 0 };
  /** Removed people and teams the rows name as they are (`keep-removed`): createNode may name them. */
  readonly namingRemoved = new Set<string>();
  readonly named = new Map<string, NamedEntry>();
  /** People this import added under the name an e-mail gave (`hans.mueller@` → "Hans Mueller"): a row writing the name takes its place. */
  private readonly namedFromEmail = new Set<PersonId>();

  constructor(private readonly plan: Plan, private readonly choices: ReadonlyMap<string, RemovedChoice>) {
    this.keys = new DirectoryKeys(plan.index);
    for (const period of plan.index.periods()) {
      const key = period.name.trim().toLowerCase();
      if (!this.periods.has(key)) this.periods.set(key, period.id);
      if (!this.periodsByDates.has(`${period.start}..${period.end}`)) this.periodsByDates.set(`${period.start}..${period.end}`, period.id);
      if (!this.periodsExact.has(`${key}|${period.start}..${period.end}`)) this.periodsExact.set(`${key}|${period.start}..${period.end}`, period.id);
    }
  }

  private note(what: 'person' | 'team', id: string, name: string, wasRemoved: boolean, choice: RemovedChoice | null): void {
    if (!this.named.has(id)) this.named.set(id, { what, id, name, wasRemoved, choice });
  }

  /** A removed entry's choice; a `add-new` one is passed over (noted), so a new one is made. */
  private passOver(what: 'person' | 'team') {
    return (id: string) => {
      if (this.choices.get(id) !== 'add-new') return false;
      this.note(what, id, (what === 'person' ? this.plan.index.person(id) : this.plan.index.team(id))?.name ?? id, true, 'add-new');
      return true;
    };
  }

  private choiceFor(what: 'person' | 'team', view: PersonView | TeamView): RemovedChoice {
    const choice = this.choices.get(view.id);
    if (!choice) throw new RemovedUnasked(what, view);
    this.note(what, view.id, view.name, true, choice);
    return choice;
  }

  /** Learns the e-mail of a live person so far known by name only (when it is not someone else's). */
  private learnEmail(id: PersonId, ref: PersonRef): void {
    if (!ref.email) return;
    const key = `e:${ref.email.toLowerCase()}`;
    if (this.keys.livePeople.has(key)) return;
    if (!this.plan.types.people.get(id)?.get('email')) this.plan.updatePerson(id, { email: ref.email });
    this.keys.livePeople.set(key, id);
  }

  /**
   * Names a person this import added from an e-mail alone by the name a later row writes ("Hans Müller", not the
   * e-mail's "Hans Mueller"): the name as the sheet spells it is the better one, and the plan never had the other.
   */
  private learnName(id: PersonId, ref: PersonRef): void {
    if (ref.name === null || !this.namedFromEmail.delete(id)) return;
    this.plan.updatePerson(id, { name: ref.name });
    this.keys.personLive(id, personKeys(ref));
  }

  person(ref: PersonRef, team: TeamId | null): PersonId {
    const match = this.keys.person(ref, this.passOver('person'));
    if (match && 'live' in match) {
      const id = match.live as PersonId;
      this.note('person', id, this.plan.index.person(id)?.name ?? id, false, null);
      this.learnEmail(id, ref);
      this.learnName(id, ref);
      return id;
    }
    if (match) {
      const { removed: view } = match;
      if (this.choiceFor('person', view) === 'keep-removed') { this.namingRemoved.add(view.id); return view.id; }
      this.plan.restorePerson(view.id);
      this.restored.people += 1;
      this.keys.personLive(view.id, this.keys.keysOf(view));
      this.learnEmail(view.id, ref);
      return view.id;
    }
    const name = ref.name ?? nameFromEmail(ref.email!);
    // A new person's team is the row's, unless the rows name that team as removed (no one joins a removed team).
    const id = this.plan.addPerson({ name, email: ref.email, team: team !== null && this.namingRemoved.has(team) ? null : team });
    if (ref.name === null) this.namedFromEmail.add(id);
    this.keys.personLive(id, personKeys({ name, email: ref.email }));
    this.created.people += 1;
    return id;
  }

  team(name: string): TeamId {
    const match = this.keys.team(name, this.passOver('team'));
    if (match && 'live' in match) {
      const id = match.live as TeamId;
      this.note('team', id, this.plan.index.team(id)?.name ?? id, false, null);
      return id;
    }
    if (match) {
      const { removed: view } = match;
      if (this.choiceFor('team', view) === 'keep-removed') { this.namingRemoved.add(view.id); return view.id; }
      this.plan.restoreTeam(view.id);
      this.restored.teams += 1;
      this.keys.teamLive(view.id, view.name);
      return view.id;
    }
    const id = this.plan.addTeam({ name });
    this.keys.teamLive(id, name);
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
  /** Removed people and teams the import restored (chosen). */
  restored: { people: number; teams: number };
  rootIds: NodeId[];
  /** Every existing person and team the import names, as it was when preparing began: checked again at commit. */
  named: NamedEntry[];
}

/**
 * What changed in the open plan while the import was worked out that the import must not write over
 * (people38): a person or team it names as live was removed (the rows would name a removed one nobody
 * chose to), or a removed one it adds a new one beside was restored (a second live "Carla"). Restored
 * meanwhile and chosen to restore or to keep naming: nothing to say, the rows name the live one.
 */
function changedMeanwhile(plan: Plan, named: readonly NamedEntry[]): FileProblem[] {
  const problems: FileProblem[] = [];
  for (const entry of named) {
    const map = entry.what === 'person' ? plan.types.people : plan.types.teams;
    const entryMap = map.get(entry.id);
    const stamp = entryMap instanceof Y.Map ? removedStamp(entryMap) : null;
    const who = entry.what === 'person' ? entry.name : `The team ${entry.name}`;
    if (!entry.wasRemoved && stamp) {
      const by = removedByName(plan.index, stamp);
      problems.push(fileProblem('removed-meanwhile', `${who} was removed from the plan meanwhile${by ? ` by ${by}` : ''}; nothing was imported. Choose what the rows naming ${entry.name} get, then import again.`, null));
    } else if (entry.wasRemoved && entry.choice === 'add-new' && !stamp) {
      problems.push(fileProblem('removed-meanwhile', `${who} was restored meanwhile; nothing was imported. Import again: the rows will name ${entry.name}, and no second ${entry.name} is added.`, null));
    }
  }
  return problems;
}

/** Writes a prepared import to the open plan as ONE update with the plan's local origin (one undo step). */
export function commitImport(plan: Plan, prepared: PreparedImport): ApplyImportResult {
  if (plan.readOnly) return { ok: false, problems: [fileProblem('read-only', plan.readOnlyReason ?? 'This plan is read-only.', null)] };
  const changed = changedMeanwhile(plan, prepared.named);
  if (changed.length > 0) return { ok: false, problems: changed };
  Y.applyUpdate(plan.doc, prepared.update, plan.origin);
  return { ok: true, created: prepared.created, restored: prepared.restored, rootIds: prepared.rootIds };
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
  return yield* preparingImportOnCopy(Y.encodeStateAsUpdate(plan.doc), plan.ctx, preview, options);
}

/**
 * preparingImport on a copy of a plan given by its state (`Y.encodeStateAsUpdate` of its doc), for
 * where the plan itself is not at hand: a Web Worker works the import out while the page stays free
 * (review40c F4). The caller checks that the plan may be changed; commitImport checks it again.
 */
export function* preparingImportOnCopy(state: Uint8Array, ctx: PlanContext, preview: ImportPreview, options: ApplyImportOptions): Steps<PreparedImport | { ok: false; problems: FileProblem[] }> {
  if (preview.problems.length > 0) return { ok: false, problems: preview.problems };
  const typedTitle = options.intoStrategy ? '' : options.strategyTitle?.trim() ?? '';
  const titleProblem = preview.addedStrategyKey && typedTitle ? strategyTitleProblem(typedTitle) : null;
  if (titleProblem) return { ok: false, problems: [fileProblem('strategy-title', `${titleProblem} Nothing was imported.`, null)] };
  const scratch = new Y.Doc();
  Y.applyUpdate(scratch, state);
  const before = Y.encodeStateVector(scratch);
  const scratchPlan = openPlan(scratch, ctx, { now: options.now });
  let current: ImportNode | null = null;
  try {
    const directory = new Directory(scratchPlan, options.removed ?? new Map());
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
        id = scratchPlan.createNode({ ...nodeInput(node, parent, directory), title }, { namingRemoved: directory.namingRemoved, ...(node.outOfPlace ? { outOfPlace: true } : {}) });
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
    }, scratchPlan.origin);
    return { ok: true, update: Y.encodeStateAsUpdate(scratch, before), created: { nodes, ...directory.created, checkIns: checkIns.length }, restored: directory.restored, rootIds, named: [...directory.named.values()] };
  } catch (error) {
    const where: ImportNode | null = current;
    const row = where === null ? null : (where as ImportNode).row || null;
    if (error instanceof RemovedUnasked) {
      const by = removedByName(scratchPlan.index, error.view.removed);
      const who = error.what === 'person' ? error.view.name : `The team ${error.view.name}`;
      return { ok: false, problems: [fileProblem('removed-meanwhile', `${row ? `Row ${row}: ` : ''}${who} was removed from the plan meanwhile${by ? ` by ${by}` : ''}; nothing was imported. Choose what the rows naming ${error.view.name} get, then import again.`, row)] };
    }
    const reason = isPlanError(error) || error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [fileProblem('rejected-by-plan', `${row ? `Row ${row}: ` : ''}the plan refused it: ${reason}. Nothing was imported.`, row)] };
  } finally {
    scratchPlan.index.destroy();
    scratch.destroy();
  }
}
