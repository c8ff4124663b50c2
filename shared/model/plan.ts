/**
 * Plan: the operations on one plan doc, one object to hold. It is composed of parts, each holding the
 * same PlanWriter (doc, types, context, origin, index): NodeOps for nodes, texts and check-ins,
 * DirectoryOps for people, teams, periods, links and settings. Every operation validates its input
 * completely against the current doc state, then writes in ONE transaction with the plan's local
 * origin (so per-user undo sees it); invalid input throws a PlanError and writes nothing.
 */
import type * as Y from 'yjs';
import { openPlanDoc, type OpenResult } from './migrate.js';
import { PlanIndex } from './plan-index.js';
import { DirectoryOps } from './directory-ops.js';
import { NodeOps, type CreateNodeOptions } from './node-ops.js';
import { NodeRules } from './node-rules.js';
import { TextOps } from './text-ops.js';
import { PlanWriter } from './plan-writer.js';
import { runToEnd, type Steps } from './steps.js';
import type { LocalOrigin, PlanContext } from './context.js';
import type { PlanTypes } from './doc.js';
import type { CheckInInput, CreateNodeInput, MoveNodeInput, NodeFieldPatch, PeriodInput, PeriodPatch, PersonInput, PersonPatch, TeamInput, TeamPatch } from './inputs.js';
import type { NodeId, PersonId, TeamId } from './ids.js';
import type { LinkType, NodeKind } from './schema.js';
import type { TextField } from './renames.js';
import type { PlanSettings } from './settings.js';
import type { PlanBaseline } from './views.js';
import { PlanError } from './errors.js';
import { describe } from './fields.js';
import { sameName } from './removed.js';
import { teamWithSubteams } from './team-scope.js';
import { carryOverWrite } from './carry-over.js';

/** Options of openPlan. */
export interface OpenPlanOptions {
  /** Name given to a new (empty) plan. */
  name?: string;
  /** Clock value for the index's first computation (default: ctx.now()). */
  now?: number;
  /** Review point for priority-shift signals. */
  baseline?: PlanBaseline | null;
}

/**
 * Opens a plan doc: initialises an empty doc, migrates an older one, opens a newer one read-only,
 * and builds its PlanIndex. Open it after local storage has loaded the doc, not before.
 */
export function openPlan(doc: Y.Doc, ctx: PlanContext, options: OpenPlanOptions = {}): Plan {
  return runToEnd(openingPlan(doc, ctx, options));
}

/**
 * openPlan in steps (steps.ts): the index of a large plan is built between pauses the caller
 * chooses. Changes to the doc meanwhile are kept and brought in by the index's next refresh.
 */
export function* openingPlan(doc: Y.Doc, ctx: PlanContext, options: OpenPlanOptions = {}): Steps<Plan> {
  const opened = openPlanDoc(doc, ctx, options.name);
  const index = yield* PlanIndex.build(doc, { now: options.now ?? ctx.now(), baseline: options.baseline ?? null });
  return new Plan(new PlanWriter(doc, ctx, index, opened.readOnlyReason), opened);
}

export class Plan {
  /** Nodes, their fields, places and check-ins. */
  readonly nodes: NodeOps;
  /** Titles and descriptions: replacements, and the conflicts of concurrent ones. */
  readonly texts: TextOps;
  /** People, teams, periods, links, settings and the plan's name. */
  readonly directory: DirectoryOps;

  constructor(private readonly writer: PlanWriter, readonly opened: OpenResult) {
    const rules = new NodeRules(writer.index, writer.types, () => writer.ctx.now());
    this.nodes = new NodeOps(writer, rules);
    this.texts = new TextOps(writer, rules, this.nodes);
    this.directory = new DirectoryOps(writer);
  }

  get doc(): Y.Doc { return this.writer.doc; }
  get ctx(): PlanContext { return this.writer.ctx; }
  get index(): PlanIndex { return this.writer.index; }
  get types(): PlanTypes { return this.writer.types; }
  /** Origin of this plan's local transactions; undo tracks only this origin. */
  get origin(): LocalOrigin { return this.writer.origin; }
  /** Non-null when the plan is read-only, with the reason. */
  get readOnlyReason(): string | null { return this.writer.readOnlyReason; }
  /** True when the doc was written by a newer Throughline: every operation throws 'read-only'. */
  get readOnly(): boolean { return this.writer.readOnlyReason !== null; }

  // ── Nodes (NodeOps) ──
  /** Creates a node under `parent` (ROOT_ID for a strategy); returns its id. */
  /** `options.namingRemoved`: removed people or teams it may name (an import told to keep naming them). */
  createNode(input: CreateNodeInput, options?: CreateNodeOptions): NodeId { return this.nodes.createNode(input, options); }
  /** Sets or clears (null) scalar fields of a node. */
  updateNode(id: NodeId, patch: NodeFieldPatch): void { this.nodes.updateNode(id, patch); }
  /** The title's Y.Text (bind an editor to it; use `plan.origin` as its transaction origin for undo). */
  titleText(id: NodeId): Y.Text { return this.texts.titleText(id); }
  /** The description's Y.Text. */
  descriptionText(id: NodeId): Y.Text { return this.texts.descriptionText(id); }
  /** Renames: writes only the changed span; concurrent renames of the same span become a conflict to pick. */
  /** `base`: the title the person started editing from; a rename made since makes this one a conflict, not an overwrite. */
  setTitle(id: NodeId, title: string, base?: string): void { this.texts.setTitle(id, title, base); }
  /** Replaces a node's description, like setTitle. */
  setDescription(id: NodeId, description: string, base?: string): void { this.texts.setDescription(id, description, base); }
  /** Resolves a rename conflict: the field shows `text` for everyone (one click on "Also renamed to …"). */
  pickText(id: NodeId, field: TextField, text: string): void { this.texts.pickText(id, field, text); }
  /** Changes a node's kind where the cascade allows it (its parent and children); clears fields the kind lacks. */
  changeKind(id: NodeId, kind: NodeKind): void { this.nodes.changeKind(id, kind); }
  /** Puts back a field edit lost to a concurrent change of kind: the kind before that change, then the edit's value (edits-lost-to-kind.ts). */
  restoreEditLostToKind(id: NodeId, editId: string): void { this.nodes.restoreEditLostToKind(id, editId); }
  /** Moves a node under `parent` at `index` among its live children (default last). */
  moveNode(id: NodeId, input: MoveNodeInput): void { this.nodes.moveNode(id, input); }
  /** Resolves a move conflict: puts the node where one of its lost moves would have (one click on "Also moved under …"). */
  takeLostMove(id: NodeId, moveId: string): void { this.nodes.takeLostMove(id, moveId); }
  /** Soft-deletes a node and its subtree (restorable). */
  deleteNode(id: NodeId): void { this.nodes.deleteNode(id); }
  /** Restores a deleted node (and the deleted nodes on its path, so it shows at once); returns those ancestors. */
  restoreNode(id: NodeId): NodeId[] { return this.nodes.restoreNode(id); }
  /** Brings back a node an undo of its create took away, with the check-ins made on it meanwhile (NodeOps.restoreRemovedNode). */
  restoreRemovedNode(id: NodeId): void { this.nodes.restoreRemovedNode(id); }
  /** Hard purge of a soft-deleted node and the subtree deleted with it (see NodeOps.purgeNode). */
  purgeNode(id: NodeId): void { this.nodes.purgeNode(id); }
  /** Appends a check-in to a live node; returns its id. History is never rewritten. */
  addCheckIn(nodeId: NodeId, input: CheckInInput = {}): string { return this.nodes.addCheckIn(nodeId, input); }

  /**
   * Carries a key result over to an objective of the next period (carry-over.ts, review46b F3): a new key result
   * there with its title, description, metric and owner, starting from its latest value, and its open
   * initiatives moved under it; the old key result and its history stay in its period. One undo step (two
   * transactions taken as one); returns the new key result's id.
   */
  carryOver(keyResult: NodeId, objective: NodeId): NodeId {
    this.writer.assertWritable();
    const write = carryOverWrite(this.index, keyResult, objective, this.index.description(keyResult));
    const created = this.nodes.createNode({ ...write.create, ...(write.description === '' ? {} : { description: write.description }) });
    // A second transaction: a move validates against the tree as the doc is now, which holds the new key result
    // only once its creation is applied. The undo manager takes both as one step (they follow within its capture
    // time, and the app stops capturing only around each command).
    this.doc.transact(() => { for (const initiative of write.moves) this.nodes.moveNode(initiative, { parent: created }); }, this.origin);
    return created;
  }

  // ── Directory (DirectoryOps) ──
  /** Adds a person; returns the id. */
  addPerson(input: PersonInput): PersonId { return this.directory.addPerson(input) as PersonId; }
  updatePerson(id: PersonId, patch: PersonPatch, options: { typedBeforeRemoval?: boolean } = {}): void { this.directory.updatePerson(id, patch, options); }
  /** Removes a person: a tombstone; items that name them keep the id and show them as removed. */
  removePerson(id: PersonId): void { this.directory.removePerson(id); }
  /** Brings a removed person back, with every edit made to them meanwhile. */
  restorePerson(id: PersonId): void { this.directory.restorePerson(id); }
  /**
   * Folds a person into another of the same name (leftovers39: two people adding "Dana" at once made two):
   * every live item naming `from` as owner or assignee names `into`, `into` takes the e-mail, role and team
   * `from` had where it has none, and `from` is removed with `mergedInto: into` (leftovers40): an item
   * someone offline gives to `from` meanwhile reads as `into` (DocCache.personMerges), and `from`'s
   * check-ins, still signed with `from`'s id (history is not rewritten), count as `into`'s in My work and
   * read as `into` where who did what is listed (PlanIndex.personNow). One transaction; returns how many
   * items changed.
   */
  mergePerson(from: PersonId, into: PersonId): number {
    this.writer.assertWritable();
    const source = this.index.person(from), target = this.index.person(into);
    if (!source || !target) throw new PlanError('unknown-person', `no person ${describe(source ? into : from)} in this plan`);
    if (source.removed || target.removed) throw new PlanError('removed-person', `the person ${describe((source.removed ? source : target).name)} was removed from this plan; restore them first`);
    if (from === into || !sameName(source.name, target.name)) throw new PlanError('invalid-input', `only two people of the same name are merged: ${describe(source.name)} and ${describe(target.name)}`);
    const items: { id: NodeId; patch: NodeFieldPatch }[] = [];
    for (const id of this.index.walk()) {
      const fields = this.index.node(id)!.fields;
      const patch: NodeFieldPatch = {};
      if (fields.owner === from) patch.owner = into;
      if (fields.assignee === from) patch.assignee = into;
      if (Object.keys(patch).length > 0) items.push({ id, patch });
    }
    const taken: PersonPatch = {};
    if (target.email === null && source.email !== null) taken.email = source.email;
    if (target.role === null && source.role !== null) taken.role = source.role;
    if (target.team === null && source.team !== null && this.index.team(source.team) && !this.index.team(source.team)!.removed) taken.team = source.team;
    this.doc.transact(() => {
      for (const { id, patch } of items) this.nodes.updateNode(id, patch);
      if (Object.keys(taken).length > 0) this.directory.updatePerson(into, taken);
      this.directory.markMerged('person', from, into);
    }, this.origin);
    return items.length;
  }
  /**
   * Folds a team into another of the same name (leftovers40, as mergePerson: two people adding "Sales" at
   * once made two): `from` is removed with `mergedInto: into`, and everything that names `from` — items'
   * team, members, sub-teams — reads as `into` from then on (DocCache.teamMerges), including what a peer
   * gives `from` meanwhile and a deleted item restored later: no work is left under a team that is gone.
   * Nothing that names `from` is rewritten, so a peer's concurrent edit of an item's team or a member's
   * team is never overwritten by the merge (a rewrite would make two writes of one key, and Yjs keeps one);
   * only `into`, when it sat below `from`, takes `from`'s place first. Restoring `from` undoes the merge
   * for what still names it. One transaction (one undo step); returns what now reads as `into`.
   */
  mergeTeam(from: TeamId, into: TeamId): { items: number; members: number; subteams: number } {
    this.writer.assertWritable();
    const source = this.index.team(from), target = this.index.team(into);
    if (!source || !target) throw new PlanError('unknown-team', `no team ${describe(source ? into : from)} in this plan`);
    if (source.removed || target.removed) throw new PlanError('removed-team', `the team ${describe((source.removed ? source : target).name)} was removed from this plan; restore it first`);
    if (from === into || !sameName(source.name, target.name)) throw new PlanError('invalid-input', `only two teams of the same name are merged: ${describe(source.name)} and ${describe(target.name)}`);
    let items = 0;
    for (const id of this.index.walk()) if (this.index.node(id)!.fields.team === from) items++;
    const members = this.index.people().filter((person) => person.team === from).length;
    const subteams = this.index.teams().filter((team) => team.parent === from && team.id !== into).length;
    const below = teamWithSubteams(this.index.teams(), from).has(into);
    this.doc.transact(() => {
      if (below) this.directory.updateTeam(into, { parent: source.parent });
      this.directory.markMerged('team', from, into);
    }, this.origin);
    return { items, members, subteams };
  }
  /** Adds a team (optionally under a parent team); returns the id. */
  addTeam(input: TeamInput): TeamId { return this.directory.addTeam(input) as TeamId; }
  updateTeam(id: TeamId, patch: TeamPatch): void { this.directory.updateTeam(id, patch); }
  /** Removes a team: a tombstone; its sub-teams show under the nearest live team above. */
  removeTeam(id: TeamId): void { this.directory.removeTeam(id); }
  /** Brings a removed team back. */
  restoreTeam(id: TeamId): void { this.directory.restoreTeam(id); }
  /** Adds a period (named date range, end day included); returns the id. */
  addPeriod(input: PeriodInput): string { return this.directory.addPeriod(input); }
  updatePeriod(id: string, patch: PeriodPatch): void { this.directory.updatePeriod(id, patch); }
  removePeriod(id: string): void { this.directory.removePeriod(id); }
  /** Links two live nodes; linking twice (even concurrently) yields one link. */
  link(from: NodeId, type: LinkType, to: NodeId): void { this.directory.link(from, type, to); }
  /** Removes a link. */
  unlink(from: NodeId, type: LinkType, to: NodeId): void { this.directory.unlink(from, type, to); }
  /** Changes plan settings (each a separate meta key). */
  updateSettings(patch: Partial<PlanSettings>): void { this.directory.updateSettings(patch); }
  /** Sets the plan's time zone (IANA name); a name that is no zone is refused with a PlanError naming it. */
  setTimeZone(name: string): void { this.directory.setTimeZone(name); }
  /** Renames the plan. */
  renamePlan(name: string): void { this.directory.renamePlan(name); }
}
