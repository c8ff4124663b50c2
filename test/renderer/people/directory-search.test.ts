import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { foldForMatch, prepareChoices, searchDirectory, SHOWN_AT_MOST, typedWords, type DirectoryChoice } from '../../../renderer/src/people/directory-search.js';
import { peopleChoices, teamChoices, teamPaths } from '../../../renderer/src/people/directory-choices.js';
import type { PersonId, PersonView, TeamId, TeamView } from '../../../shared/model/index.js';

const names = (found: { shown: readonly DirectoryChoice[] }) => found.shown.map((choice) => choice.name);
const ids = (found: { shown: readonly DirectoryChoice[] }) => found.shown.map((choice) => choice.id);

/** A team placed in the hierarchy, as plan-directory.ts lists them. */
const team = (id: string, name: string, depth: number, parent: string | null = null): TeamView & { depth: number } =>
  ({ id: id as TeamId, name, parent: parent as TeamId | null, depth });
const person = (id: string, name: string, teamId: string | null = null, email: string | null = null): PersonView =>
  ({ id: id as PersonId, name, email, team: teamId as TeamId | null, role: null });

/** Two branches with teams of the same names under each: "Team 12" is ambiguous by name alone. */
const teams = [
  team('t1', 'Sales', 0), team('t2', 'EMEA', 1, 't1'), team('t3', 'Team 12', 2, 't2'),
  team('t4', 'Operations', 0), team('t5', 'EMEA', 1, 't4'), team('t6', 'Team 12', 2, 't5'),
];
const people = [
  person('p1', 'Lucía Fernández', 't3', 'lucia@northwind.example'),
  person('p2', 'Amara Okafor', null, null),
  person('p3', 'Ada Lovelace', 't3', 'ada@northwind.example'),
  person('p4', 'Ada Lovelace', 't6', 'ada.l@northwind.example'),
  person('p5', 'Adam Smith', 't6', null),
  person('p6', 'Ｂｅｎ Ｗｉｄｅ', null, null),
  person('p7', 'Grace Adams', null, null),
];

describe('searching a directory', () => {
  const prepared = prepareChoices(peopleChoices(people, teams));

  it('ignores case, accents and width, in the name, the e-mail or the team', () => {
    expect(ids(searchDirectory(prepared, 'lucia fern'))).toEqual(['p1']);
    expect(ids(searchDirectory(prepared, 'FERNÁNDEZ'))).toEqual(['p1']);
    expect(ids(searchDirectory(prepared, 'ben wide'))).toEqual(['p6']);
    expect(ids(searchDirectory(prepared, 'ａｍａｒａ'))).toEqual(['p2']);
    expect(ids(searchDirectory(prepared, 'ada.l@'))).toEqual(['p4']);
    expect(ids(searchDirectory(prepared, 'ada operations'))).toEqual(['p4', 'p5']);
  });

  it('puts matches at the start of the name before matches inside it', () => {
    // "Grace Adams" comes first by name order, but "ada" begins the others' names.
    expect(names(searchDirectory(prepared, 'ada'))).toEqual(['Ada Lovelace', 'Ada Lovelace', 'Adam Smith', 'Grace Adams']);
    expect(names(searchDirectory(prepared, 'adam'))).toEqual(['Adam Smith', 'Grace Adams']);
    expect(names(searchDirectory(prepared, 'adam smith'))).toEqual(['Adam Smith']);
  });

  it('shows people with their team path and e-mail, so two of one name can be told apart', () => {
    const ada = peopleChoices(people, teams).filter((choice) => choice.name === 'Ada Lovelace');
    expect(ada.map((choice) => choice.note)).toEqual([
      'Sales › EMEA › Team 12 · ada@northwind.example', 'Operations › EMEA › Team 12 · ada.l@northwind.example',
    ]);
  });

  it('finds a team by its path, typed with any separator', () => {
    const teamsPrepared = prepareChoices(teamChoices(teams));
    expect(ids(searchDirectory(teamsPrepared, 'Team 12'))).toEqual(['t3', 't6']);
    expect(ids(searchDirectory(teamsPrepared, 'Sales › EMEA › Team 12'))).toEqual(['t3']);
    expect(ids(searchDirectory(teamsPrepared, 'operations > team 12'))).toEqual(['t6']);
    expect(ids(searchDirectory(teamsPrepared, 'oper emea'))).toEqual(['t5', 't6']);
  });

  it('shows the current one first, then the first ones, when nothing is typed', () => {
    expect(ids(searchDirectory(prepared, '', { currentId: 'p5' }))).toEqual(['p5', 'p1', 'p2', 'p3', 'p4', 'p6', 'p7']);
    expect(ids(searchDirectory(prepared, '   ', { currentId: 'gone' }))).toEqual(['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7']);
  });

  it('lists at most the limit and counts the others', () => {
    const company = prepareChoices(Array.from({ length: 10_000 }, (_, i) => ({ id: `p${i + 1}`, name: `Person ${i + 1}`, note: '' })));
    const found = searchDirectory(company, 'person 1');
    expect(found.shown).toHaveLength(SHOWN_AT_MOST);
    // "person" and "1" anywhere: the 3,440 numbers up to 10,000 with a 1 in them; "Person 1…" first.
    expect(found.more).toBe(3_440 - SHOWN_AT_MOST);
    expect(names(found).slice(0, 5)).toEqual(['Person 1', 'Person 10', 'Person 11', 'Person 12', 'Person 13']);
    expect(names(searchDirectory(company, 'Person 4321'))).toEqual(['Person 4321']);
    expect(searchDirectory(company, '', { currentId: 'p9999' }).shown[0]!.name).toBe('Person 9999');
    expect(searchDirectory(company, '').more).toBe(10_000 - SHOWN_AT_MOST);
  });

  it('matches hostile names as text: overrides and joiners do not hide a name', () => {
    const hostile = prepareChoices([
      { id: 'h1', name: '\u202Eevil\u202C Name', note: '' },
      { id: 'h2', name: '<img src=x onerror=alert(1)>', note: '' },
      { id: 'h3', name: 'x'.repeat(500), note: '' },
    ]);
    expect(ids(searchDirectory(hostile, 'evil name'))).toEqual(['h1']);
    expect(ids(searchDirectory(hostile, '<img'))).toEqual(['h2']);
    expect(ids(searchDirectory(hostile, 'xxxx'))).toEqual(['h3']);
  });

  it('cuts a path of hostile depth to its last levels', () => {
    const chain = Array.from({ length: 2_000 }, (_, depth) => team(`c${depth}`, `Level ${depth}`, depth, depth ? `c${depth - 1}` : null));
    const path = teamPaths(chain).get('c1999')!;
    expect(path).toBe('… › Level 1995 › Level 1996 › Level 1997 › Level 1998 › Level 1999');
  });
});

/** Names drawn to collide: few letters, accents, width variants, spaces. */
const nameArbitrary = fc.array(fc.constantFrom('a', 'b', 'A', 'á', 'Ａ', ' ', 'c', 'ç', 'team', '›', '-'), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.join(''))
  .filter((name) => foldForMatch(name) !== '');
const directoryArbitrary = fc.array(fc.record({ name: nameArbitrary, note: fc.oneof(fc.constant(''), nameArbitrary) }), { minLength: 1, maxLength: 80 })
  .map((rows) => rows.map((row, index) => ({ id: `id${index}`, ...row })));

/** Every typed word in the choice's folded name or note: what "matches" means, written apart from the ranking. */
function matches(choice: DirectoryChoice, typed: string): boolean {
  const text = `${foldForMatch(choice.name)}\n${foldForMatch(choice.note)}`;
  return typedWords(typed).every((word) => text.includes(word));
}

describe('searching a directory: properties', () => {
  it('lists only matches, each once, never more than the limit, and counts the rest', () => {
    fc.assert(fc.property(directoryArbitrary, fc.oneof(nameArbitrary, fc.constant('')), fc.integer({ min: 1, max: 60 }), (choices, typed, limit) => {
      const found = searchDirectory(prepareChoices(choices), typed, { limit });
      expect(found.shown.length).toBeLessThanOrEqual(limit);
      expect(new Set(ids(found)).size).toBe(found.shown.length);
      for (const choice of found.shown) expect(matches(choice, typed)).toBe(true);
      expect(found.shown.length + found.more).toBe(choices.filter((choice) => matches(choice, typed)).length);
    }));
  });

  it('finds any choice by its full name while no more than the limit share that name', () => {
    fc.assert(fc.property(directoryArbitrary, fc.nat(), (choices, pick) => {
      const chosen = choices[pick % choices.length]!;
      const sameName = choices.filter((choice) => foldForMatch(choice.name) === foldForMatch(chosen.name)).length;
      fc.pre(sameName <= SHOWN_AT_MOST);
      const found = searchDirectory(prepareChoices(choices), chosen.name);
      expect(ids(found)).toContain(chosen.id);
      // The ones of exactly that name come first.
      expect(found.shown.slice(0, sameName).every((choice) => foldForMatch(choice.name) === foldForMatch(chosen.name))).toBe(true);
    }));
  });

  it('tells teams of one name apart by their path', () => {
    const segment = fc.constantFrom('Sales', 'Ops', 'EMEA', 'Team 12', 'Ａsia', 'Ré');
    fc.assert(fc.property(fc.array(fc.array(segment, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 30 }), (paths) => {
      // Each path becomes a chain of teams of its own (ids apart), so equal names sit under different parents.
      const placed = paths.flatMap((path, p) => path.map((name, depth) => team(`p${p}d${depth}`, name, depth, depth ? `p${p}d${depth - 1}` : null)));
      const choices = teamChoices(placed);
      const prepared = prepareChoices(choices);
      for (const choice of choices) {
        const found = searchDirectory(prepared, choice.note);
        expect(ids(found)).toContain(choice.id);
        // Every team listed for a typed path has that path's words in its own: none is there by its name alone.
        for (const other of found.shown) expect(matches(other, choice.note)).toBe(true);
      }
    }));
  });

  it('shows the current choice first when nothing is typed', () => {
    fc.assert(fc.property(directoryArbitrary, fc.nat(), (choices, pick) => {
      const current = choices[pick % choices.length]!;
      expect(searchDirectory(prepareChoices(choices), '', { currentId: current.id }).shown[0]).toBe(current);
    }));
  });
});
