/**
 * An import naming someone who was removed from the plan (people38). A sheet whose Owner column says
 * "Carla" when Carla was removed made a second, live "Carla" beside "Carla (removed)". Now the import
 * recognises her: the preview names every removed person or team the file names, with the rows, and the
 * person chooses for each what the rows get (RemovedChoice). Nothing makes a second Carla unless chosen.
 *
 * Matching is the import's own (apply-import.ts): by e-mail, then by name (an e-mail-only owner by the
 * name the e-mail gives), a live person before a removed one for the same key; among removed entries of
 * one key, the latest removed. Teams by name.
 */
import type { ImportNode, ImportPreview } from './import-preview.js';
import type { PersonRef } from './row-fields.js';
import type { PersonView, PlanIndex, RemovedStamp, TeamView } from '../model/index.js';
import { appendAll } from '../collections/long-lists.js';

/**
 * What the rows naming a removed person or team get:
 * - `keep-removed` (the default): they name the removed one as it is ("Carla (removed)"), nobody is added
 *   or brought back; anyone can pick another owner or team later;
 * - `restore`: the person or team is restored, with everything kept about them, and named;
 * - `add-new`: a new person or team of that name is added beside the removed one (two "Carla"s, by choice).
 */
export type RemovedChoice = 'keep-removed' | 'restore' | 'add-new';
export const DEFAULT_REMOVED_CHOICE: RemovedChoice = 'keep-removed';

/** `dana.reyes@acme.com` → "Dana Reyes": the name an e-mail-only owner most likely has. */
export function nameFromEmail(email: string): string {
  const local = email.split('@')[0]!.replace(/[._-]+/g, ' ').trim();
  return local.replace(/\p{L}+/gu, (part) => part[0]!.toUpperCase() + part.slice(1)) || email;
}

/** The keys a person is matched by, strongest first: `e:` e-mail, `n:` name. */
export function personKeys(ref: PersonRef): string[] {
  const keys: string[] = [];
  if (ref.email) keys.push(`e:${ref.email.toLowerCase()}`);
  // An e-mail-only owner matches a person of the same name: "Dana Reyes" and dana.reyes@… are one person.
  const name = ref.name ?? (ref.email ? nameFromEmail(ref.email) : null);
  if (name) appendAll(keys, nameKeys(name));
  return keys;
}

/** One to three words of letters (with - ' . between): a part of a person's name. */
const NAME_PART = /^\p{L}[\p{L}\p{M}'’.-]*(?: \p{L}[\p{L}\p{M}'’.-]*){0,2}$/u;

/**
 * A name's keys: as written, and a directory's "Müller, Hans" also as "hans müller" (HR exports and
 * Outlook write people "Last, First"): it made a second Hans beside the plan's "Hans Müller" (review42c F3).
 * Each also folded (`foldedNames`), so "Hans Müller" is the `hans.mueller@…` and the "Hans Muller" of
 * another row (review42c F3b).
 */
function nameKeys(name: string): string[] {
  const written = name.trim().replace(/\s+/g, ' ').toLowerCase();
  const parts = written.split(/\s*,\s*/);
  const forms = parts.length === 2 && parts.every((part) => NAME_PART.test(part)) ? [written, `${parts[1]} ${parts[0]}`] : [written];
  return [...new Set(forms.flatMap((form) => [form, ...foldedNames(form)]))].map((form) => `n:${form}`);
}

/** Letters transliterated as German (and Nordic, French) e-mail addresses and keyboards without them write them. */
const TRANSLITERATED: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', æ: 'ae', œ: 'oe', ø: 'oe', å: 'aa' };
/** Letters that decompose to no base letter plus a mark, written as their nearest ASCII letter. */
const STRIPPED: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ł: 'l', ı: 'i', þ: 'th', ð: 'd' };

/**
 * The folded forms of a lower-case name, where they differ from it: transliterated ("müller" →
 * "mueller", as `hans.mueller@` writes him) and stripped of its marks ("müller" → "muller", "josé" →
 * "jose", as a keyboard without them writes him). Two names are one person only when a folded form is
 * equal: "mueller" and "muller", or "jose" and "josef", stay apart.
 */
export function foldedNames(name: string): string[] {
  const base = (letters: string) => letters.normalize('NFD').replace(/\p{M}+/gu, '');
  const transliterated = base([...name.normalize('NFC')].map((letter) => TRANSLITERATED[letter] ?? letter).join(''));
  const stripped = base([...name.normalize('NFC')].map((letter) => STRIPPED[letter] ?? letter).join(''));
  return [...new Set([transliterated, stripped])].filter((form) => form !== name);
}

export const teamKey = (name: string) => name.trim().toLowerCase();

/** What a key finds: a live entry's id, or a removed entry. */
export type Match<V> = { live: string } | { removed: V } | null;

/**
 * The plan's people and teams by key, live and removed: the lookups an import makes (apply-import.ts's
 * Directory keeps it current as it adds, restores), and the preview's question makes on the plan as it is.
 */
export class DirectoryKeys {
  readonly livePeople = new Map<string, string>();
  readonly removedPeople = new Map<string, PersonView>();
  readonly liveTeams = new Map<string, string>();
  readonly removedTeams = new Map<string, TeamView>();

  constructor(index: Pick<PlanIndex, 'people' | 'removedPeople' | 'teams' | 'removedTeams'>) {
    for (const person of index.people()) for (const key of this.keysOf(person)) this.livePeople.set(key, person.id);
    for (const team of index.teams()) this.liveTeams.set(teamKey(team.name), team.id);
    for (const person of index.removedPeople()) {
      for (const key of this.keysOf(person)) latest(this.removedPeople, key, person);
    }
    for (const team of index.removedTeams()) latest(this.removedTeams, teamKey(team.name), team);
  }

  /** A person's stored keys: their e-mail, their name. */
  keysOf(person: { name: string; email: string | null }): string[] {
    return [...(person.email ? [`e:${person.email.toLowerCase()}`] : []), ...nameKeys(person.name)];
  }

  /** Who `ref` names: key by key, live before removed; a removed one `skip` says to pass over is passed over. */
  person(ref: PersonRef, skip: (id: string) => boolean = () => false): Match<PersonView> {
    for (const key of personKeys(ref)) {
      const live = this.livePeople.get(key);
      if (live) return { live };
      const removed = this.removedPeople.get(key);
      if (removed && !skip(removed.id)) return { removed };
    }
    return null;
  }

  team(name: string, skip: (id: string) => boolean = () => false): Match<TeamView> {
    const key = teamKey(name);
    const live = this.liveTeams.get(key);
    if (live) return { live };
    const removed = this.removedTeams.get(key);
    return removed && !skip(removed.id) ? { removed } : null;
  }

  /** `person` is live from now on (added or restored): its keys find it. */
  personLive(id: string, keys: readonly string[]): void {
    for (const key of keys) {
      if (!this.livePeople.has(key)) this.livePeople.set(key, id);
      if (this.removedPeople.get(key)?.id === id) this.removedPeople.delete(key);
    }
  }

  teamLive(id: string, name: string): void {
    const key = teamKey(name);
    if (!this.liveTeams.has(key)) this.liveTeams.set(key, id);
    if (this.removedTeams.get(key)?.id === id) this.removedTeams.delete(key);
  }
}

function latest<V extends { removed?: RemovedStamp }>(map: Map<string, V>, key: string, view: V): void {
  const known = map.get(key);
  if (!known || (view.removed?.at ?? 0) > (known.removed?.at ?? 0)) map.set(key, view);
}

/** A removed person or team the import names, and the rows that name it. */
export interface RemovedNamed {
  what: 'person' | 'team';
  id: string;
  name: string;
  /** Who removed it and when. */
  removed: RemovedStamp;
  /** The spreadsheet rows naming it (as owner, assignee or team), ascending, each once. */
  rows: number[];
}

/** The references an import writes for a node: its team, its owner, a task's assignee (apply-import.ts nodeInput). */
export function nodeReferences(node: ImportNode): { team: string | null; people: PersonRef[] } {
  const people: PersonRef[] = [];
  if (node.fields.owner) people.push(node.fields.owner);
  if (node.kind === 'task' && node.fields.assignee) people.push(node.fields.assignee);
  return { team: node.fields.team, people };
}

/**
 * Every removed person or team the preview names that no live one of the same e-mail or name answers for,
 * in the order of the first row naming it: what the import preview asks about. Pure; call it again as
 * the plan changes (a restore or a removal meanwhile changes the answer).
 */
export function removedNamedByImport(preview: ImportPreview, index: Pick<PlanIndex, 'people' | 'removedPeople' | 'teams' | 'removedTeams'>): RemovedNamed[] {
  const keys = new DirectoryKeys(index);
  const found = new Map<string, RemovedNamed>();
  const note = (what: 'person' | 'team', view: PersonView | TeamView, row: number) => {
    let entry = found.get(view.id);
    if (!entry) found.set(view.id, entry = { what, id: view.id, name: view.name, removed: view.removed!, rows: [] });
    if (row > 0) entry.rows.push(row);
  };
  let fresh = 0;
  for (const node of preview.nodes.values()) {
    const { team, people } = nodeReferences(node);
    if (team) {
      const match = keys.team(team);
      if (match && 'removed' in match) note('team', match.removed, node.row);
      else if (!match) keys.teamLive(`new:${++fresh}`, team);
    }
    for (const ref of people) {
      const match = keys.person(ref);
      if (match && 'removed' in match) note('person', match.removed, node.row);
      else if (!match) keys.personLive(`new:${++fresh}`, personKeys(ref));
    }
  }
  for (const entry of found.values()) entry.rows = [...new Set(entry.rows)].sort((a, b) => a - b);
  return [...found.values()].sort((a, b) => (a.rows[0] ?? 0) - (b.rows[0] ?? 0));
}

/**
 * How the preview's tree names a row's person (leftovers39): "Carla (removed)" when she is removed and
 * the rows keep naming her as removed (the answer given, else the default), as the outline will show
 * her; else the name as the sheet gives it. Before, the tree read "Carla" above a question saying the
 * rows would name "Carla (removed)".
 */
export function importedPersonShown(index: Pick<PlanIndex, 'people' | 'removedPeople' | 'teams' | 'removedTeams'>, choices: ReadonlyMap<string, RemovedChoice>): (ref: PersonRef) => string {
  const keys = new DirectoryKeys(index);
  return (ref) => {
    const match = keys.person(ref);
    if (match && 'removed' in match && (choices.get(match.removed.id) ?? DEFAULT_REMOVED_CHOICE) === 'keep-removed') return `${match.removed.name} (removed)`;
    return ref.name ?? ref.email ?? '';
  };
}
