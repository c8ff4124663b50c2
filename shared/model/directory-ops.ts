/**
 * Operations on everything of a plan that is not a node: people, teams, periods, links, settings and
 * the plan's name. Plan holds one as a member; the same rules apply (validate fully, then one transaction).
 */
import * as Y from 'yjs';
import { PlanError } from './errors.js';
import { isRemoved } from './removed.js';
import { describe } from './fields.js';
import { parseDate } from './dates.js';
import { periodDatesProblem } from './period-bounds.js';
import { requireTimeZone } from './zone.js';
import { characterCount, isOverLimit } from '../text/cut-text.js';
import { controlCharacterProblem } from '../text/control-characters.js';
import { invisibleTextProblem } from '../text/invisible-text.js';
import { CONTRIBUTES_FROM, CONTRIBUTES_TO, KIND_LABELS, type LinkType } from './schema.js';
import { settingSchemas, SETTING_NAMES, SETTING_WORDS, type PlanSettings, type SettingName } from './settings.js';
import {
  issueWords, linkTypeSchema, parseInput, periodPatchSchema, periodSchema, personPatchSchema, personSchema, teamPatchSchema, teamSchema,
  type PeriodInput, type PeriodPatch, type PersonInput, type PersonPatch, type TeamInput, type TeamPatch,
} from './inputs.js';
import type { PlanWriter } from './plan-writer.js';
import type { NodeId, PersonId, TeamId } from './ids.js';

/** The key of a link in the `links` map: the same link made twice concurrently is one entry. */
export function linkKey(from: string, type: LinkType, to: string): string {
  return `${from}>${type}>${to}`;
}

export class DirectoryOps {
  constructor(private readonly writer: PlanWriter) {}

  private get types() { return this.writer.types; }

  private assertWritable(): void { this.writer.assertWritable(); }

  private writeEntry(map: Y.Map<Y.Map<unknown>>, id: string, values: Record<string, unknown>, create: boolean): void {
    this.writer.transact(() => {
      let entry = map.get(id);
      if (create || !(entry instanceof Y.Map)) { entry = new Y.Map<unknown>(); map.set(id, entry); }
      for (const [key, value] of Object.entries(values)) {
        if (value === undefined) continue;
        if (value === null) entry.delete(key);
        else entry.set(key, value);
      }
    });
  }

  private assertExists(map: { has(key: string): boolean }, id: unknown, what: 'person' | 'team' | 'period'): string {
    if (typeof id !== 'string' || !map.has(id)) throw new PlanError(`unknown-${what}`, `no ${what} ${describe(id)} in this plan`);
    return id;
  }

  /** A team's name for a message, quoted; its id when it has none. */
  private teamName(id: string): string {
    const name: unknown = this.types.teams.get(id)?.get('name');
    return describe(typeof name === 'string' ? name : id);
  }

  private assertTeamRef(team: string | null | undefined, field: string): void {
    if (team !== undefined && team !== null && !this.types.teams.has(team)) throw new PlanError('unknown-team', `the ${field} ${describe(team)} is no team in this plan`);
    if (team !== undefined && team !== null && isRemoved(this.types.teams, team)) throw new PlanError('removed-team', `the ${field} ${this.teamName(team)} was removed from this plan; restore it first`);
  }

  /** Refuses an edit of a removed person or team: it must be restored first (a concurrent edit still lands in it). */
  private assertLive(map: Y.Map<Y.Map<unknown>>, id: string, what: 'person' | 'team'): void {
    if (!isRemoved(map, id)) return;
    const name: unknown = map.get(id)?.get('name');
    throw new PlanError(`removed-${what}`, `the ${what} ${describe(typeof name === 'string' ? name : id)} was removed from this plan; restore ${what === 'person' ? 'them' : 'it'} first`);
  }

  /**
   * Removal is a tombstone (people37): the entry stays with `removedAt` and `removedBy`, so an item that
   * names it still shows its name ("(removed)"), an edit made meanwhile by someone who had not seen the
   * removal lands in it, and a restore brings it all back. Pickers leave it out.
   */
  private markRemoved(map: Y.Map<Y.Map<unknown>>, id: string, what: 'person' | 'team'): void {
    this.assertWritable();
    this.assertExists(map, id, what);
    this.assertLive(map, id, what);
    const { at, by } = this.writer.stamp();
    this.writer.transact(() => {
      const entry = map.get(id)!;
      entry.set('removedAt', at);
      entry.set('removedBy', by);
    });
  }

  /**
   * Merges a person or team into another (Plan.mergePerson, Plan.mergeTeam): the removal's tombstone with
   * `mergedInto`, so whatever a peer gives the merged one meanwhile reads as the kept one (mergeEnd).
   */
  markMerged(what: 'person' | 'team', from: string, into: string): void {
    const map = what === 'person' ? this.types.people : this.types.teams;
    this.assertExists(map, into, what);
    this.assertLive(map, into, what);
    this.writer.transact(() => {
      this.markRemoved(map, from, what);
      map.get(from)!.set('mergedInto', into);
    });
  }

  /** Takes a removal's tombstone away: the entry is back with every edit made to it meanwhile. */
  private restore(map: Y.Map<Y.Map<unknown>>, id: string, what: 'person' | 'team'): void {
    this.assertWritable();
    this.assertExists(map, id, what);
    if (!isRemoved(map, id)) throw new PlanError('not-removed', `the ${what} ${describe(id)} is not removed`);
    this.writer.transact(() => {
      const entry = map.get(id)!;
      entry.delete('removedAt');
      entry.delete('removedBy');
      // A merged one restored is itself again: what names it stops reading as the one it was merged into.
      entry.delete('mergedInto');
    });
  }

  /** Adds a person; returns the id. */
  addPerson(input: PersonInput): string {
    this.assertWritable();
    const person = parseInput(personSchema, input, 'person');
    this.assertTeamRef(person.team, 'team');
    const id = this.writer.freshId(this.types.people);
    this.writeEntry(this.types.people, id, person, true);
    return id;
  }

  /**
   * Edits a person. A removed one is refused ("restore them first") unless `typedBeforeRemoval`: words
   * typed into their row while someone else removed them (peopleui38). Those land in the tombstone, as an
   * offline edit made before the removal arrived does, and a restore brings them back with the person.
   * Only typed fields (name, e-mail, role): a team is picked, not typed, and a removed person's is left.
   */
  updatePerson(id: PersonId, patch: PersonPatch, options: { typedBeforeRemoval?: boolean } = {}): void {
    this.assertWritable();
    this.assertExists(this.types.people, id, 'person');
    if (!options.typedBeforeRemoval) this.assertLive(this.types.people, id, 'person');
    const parsed = parseInput(personPatchSchema, patch, 'person');
    if (parsed.name === null) throw new PlanError('invalid-input', "a person's name cannot be cleared");
    if (options.typedBeforeRemoval && parsed.team !== undefined && isRemoved(this.types.people, id)) this.assertLive(this.types.people, id, 'person');
    this.assertTeamRef(parsed.team, 'team');
    this.writeEntry(this.types.people, id, parsed, false);
  }

  /** Removes a person: a tombstone (markRemoved); items that name them keep the id and show "(removed)". */
  removePerson(id: PersonId): void {
    this.markRemoved(this.types.people, id, 'person');
  }

  /** Brings a removed person back, with every edit made to them meanwhile. */
  restorePerson(id: PersonId): void {
    this.restore(this.types.people, id, 'person');
  }

  /** Adds a team (optionally under a parent team); returns the id. */
  addTeam(input: TeamInput): string {
    this.assertWritable();
    const team = parseInput(teamSchema, input, 'team');
    this.assertTeamRef(team.parent, 'parent team');
    const id = this.writer.freshId(this.types.teams);
    this.writeEntry(this.types.teams, id, team, true);
    return id;
  }

  updateTeam(id: TeamId, patch: TeamPatch): void {
    this.assertWritable();
    this.assertExists(this.types.teams, id, 'team');
    this.assertLive(this.types.teams, id, 'team');
    const parsed = parseInput(teamPatchSchema, patch, 'team');
    this.assertTeamRef(parsed.parent, 'parent team');
    for (let current = parsed.parent ?? null, steps = 0; current !== null && steps <= this.types.teams.size; steps++) {
      if (current === id) throw new PlanError('cycle', `the team ${this.teamName(id)} cannot be placed under its own sub-team ${this.teamName(parsed.parent!)}`);
      const parent: unknown = this.types.teams.get(current)?.get('parent');
      current = typeof parent === 'string' ? parent : null;
    }
    this.writeEntry(this.types.teams, id, parsed, false);
  }

  /**
   * Removes a team: a tombstone (markRemoved). Its sub-teams show under the nearest live team above it
   * (or at the top level), and work that named it falls to the team above (derive.ts), until it is restored.
   */
  removeTeam(id: TeamId): void {
    this.markRemoved(this.types.teams, id, 'team');
  }

  /** Brings a removed team back, with its place in the hierarchy and every edit made to it meanwhile. */
  restoreTeam(id: TeamId): void {
    this.restore(this.types.teams, id, 'team');
  }

  private checkPeriodDates(start: string, end: string): void {
    const startMs = parseDate(start);
    const endMs = parseDate(end);
    if (startMs === null) throw new PlanError('invalid-date', `the period's start date must be a calendar date (YYYY-MM-DD), got ${describe(start)}`);
    if (endMs === null) throw new PlanError('invalid-date', `the period's end date must be a calendar date (YYYY-MM-DD), got ${describe(end)}`);
    // An end before the start runs backwards (period-bounds.ts); an end on the start day is a one-day period.
    const problem = periodDatesProblem(start, end);
    if (problem !== null) throw new PlanError('invalid-date', problem);
  }

  /** Adds a period (named date range, end day included); returns the id. */
  addPeriod(input: PeriodInput): string {
    this.assertWritable();
    const period = parseInput(periodSchema, input, 'period');
    this.checkPeriodDates(period.start, period.end);
    const id = this.writer.freshId(this.types.periods);
    this.writeEntry(this.types.periods, id, period, true);
    return id;
  }

  updatePeriod(id: string, patch: PeriodPatch): void {
    this.assertWritable();
    this.assertExists(this.types.periods, id, 'period');
    const parsed = parseInput(periodPatchSchema, patch, 'period');
    const entry = this.types.periods.get(id)!;
    const start = parsed.start ?? entry.get('start');
    const end = parsed.end ?? entry.get('end');
    this.checkPeriodDates(typeof start === 'string' ? start : '', typeof end === 'string' ? end : '');
    this.writeEntry(this.types.periods, id, parsed, false);
  }

  removePeriod(id: string): void {
    this.assertWritable();
    this.assertExists(this.types.periods, id, 'period');
    this.writer.transact(() => this.types.periods.delete(id));
  }

  /** Links two live nodes; linking twice (even concurrently) yields one link. */
  link(from: NodeId, type: LinkType, to: NodeId): void {
    this.assertWritable();
    const linkType = parseInput(linkTypeSchema, type, 'link');
    const { tree, records } = this.writer.index.structure();
    for (const id of [from, to]) {
      if (typeof id !== 'string' || !records.has(id)) throw new PlanError('unknown-node', `cannot link: no item ${describe(id)} in this plan`);
      if (tree.hidden.has(id)) throw new PlanError('deleted-node', `cannot link: the item ${id} is deleted`);
    }
    if (from === to) throw new PlanError('invalid-link', `an item cannot link to itself (${from})`);
    const fromKind = records.get(from)!.kind;
    const toKind = records.get(to)!.kind;
    if (linkType === 'contributes_to' && (!CONTRIBUTES_FROM.includes(fromKind) || !CONTRIBUTES_TO.includes(toKind))) {
      throw new PlanError('invalid-link', `a ${KIND_LABELS[fromKind]} cannot contribute to a ${KIND_LABELS[toKind]} (from ${CONTRIBUTES_FROM.map((kind) => KIND_LABELS[kind]).join('/')} to ${CONTRIBUTES_TO.map((kind) => KIND_LABELS[kind]).join('/')})`);
    }
    const key = linkKey(from, linkType, to);
    if (this.types.links.has(key)) return;
    this.writer.transact(() => this.types.links.set(key, this.writer.stamp()));
  }

  /** Removes a link. */
  unlink(from: NodeId, type: LinkType, to: NodeId): void {
    this.assertWritable();
    const key = linkKey(from, parseInput(linkTypeSchema, type, 'link'), to);
    if (!this.types.links.has(key)) throw new PlanError('invalid-link', `there is no ${type.replace(/_/g, ' ')} link from ${describe(from)} to ${describe(to)}`);
    this.writer.transact(() => this.types.links.delete(key));
  }

  /** Changes plan settings (each a separate meta key). */
  updateSettings(patch: Partial<PlanSettings>): void {
    this.assertWritable();
    if (typeof patch !== 'object' || patch === null) throw new PlanError('invalid-input', 'the settings to change must be an object');
    const writes: [string, number][] = [];
    for (const [name, value] of Object.entries(patch)) {
      if (!(SETTING_NAMES as string[]).includes(name)) throw new PlanError('invalid-input', `there is no setting ${describe(name)}`);
      if (typeof value === 'number' && !Number.isFinite(value)) throw new PlanError('not-finite', `the setting “${SETTING_WORDS[name as SettingName]}” must be a finite number, got ${value}`);
      const parsed = settingSchemas[name as keyof PlanSettings].safeParse(value);
      if (!parsed.success) throw new PlanError('invalid-input', `the setting “${SETTING_WORDS[name as SettingName]}” ${issueWords(parsed.error.issues[0]!, value)}`);
      writes.push([name, parsed.data]);
    }
    this.writer.transact(() => { for (const [name, value] of writes) this.types.meta.set(name, value); });
  }

  /**
   * Sets the plan's time zone (an IANA name such as Europe/Berlin, stored canonical): every day
   * boundary of the plan's figures is then in it. One meta key, so concurrent changes keep one
   * deterministic winner like every other plan setting.
   */
  setTimeZone(name: string): void {
    this.assertWritable();
    const zone = requireTimeZone(name);
    this.writer.transact(() => this.types.meta.set('timeZone', zone));
  }

  /** Renames the plan. */
  renamePlan(name: string): void {
    this.assertWritable();
    if (typeof name !== 'string' || name.trim() === '' || isOverLimit(name, 200)) throw new PlanError('invalid-input', `the plan's name must be non-empty text of at most 200 characters${typeof name === 'string' && isOverLimit(name, 200) ? `; this one is ${characterCount(name).toLocaleString('en')}` : ''}`);
    const control = controlCharacterProblem(name);
    if (control) throw new PlanError('invalid-input', `the plan's name ${control}`);
    const invisible = invisibleTextProblem(name);
    if (invisible) throw new PlanError('invalid-input', `the plan's name ${invisible}`);
    this.writer.transact(() => this.types.meta.set('name', name));
  }
}
