// people38: a spreadsheet whose Owner or Team column names someone removed from the plan made a second,
// live "Carla" beside "Carla (removed)" (and a second "Sales"). The import now recognises her: the preview
// names every removed person or team the file names with the rows, and the person chooses what the rows
// get (named as removed, the default; restored; or a new one beside, by choice). A removal or restore made
// by someone else while the import is worked out stops it rather than write a duplicate or a removed owner
// nobody chose. All on real Y.Docs.
import fc from 'fast-check';
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  applyImport, buildImportPreview, commitImport, detectMapping, preparingImport, readCsv, removedNamedByImport,
  type ImportPreview, type RemovedChoice,
} from '../../../shared/files/index.js';
import { openPlan, runToEnd, type Plan } from '../../../shared/model/index.js';
import { syncDocs, T0, TestContext } from '../model/support.js';

function previewOf(csv: string): ImportPreview {
  const read = readCsv(strToU8(csv));
  if (!read.ok) throw new Error(read.problem.message);
  const preview = buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: 'Imported' });
  expect(preview.problems).toEqual([]);
  return preview;
}

/** Ada's plan with Carla (carla@example.com, in Sales) and Sales, both removed by Ada; Dan live. Ben has a replica. */
function office() {
  const docA = new Y.Doc(), docB = new Y.Doc();
  const ctxA = new TestContext(T0, 'ada', 'a'), ctxB = new TestContext(T0 + 60_000, 'ben', 'b');
  const a = openPlan(docA, ctxA);
  const ada = a.addPerson({ name: 'Ada' });
  const sales = a.addTeam({ name: 'Sales' });
  const carla = a.addPerson({ name: 'Carla', email: 'carla@example.com', team: sales });
  const dan = a.addPerson({ name: 'Dan' });
  a.removePerson(carla);
  a.removeTeam(sales);
  syncDocs(docA, docB);
  const b = openPlan(docB, ctxB);
  const sync = () => { syncDocs(docA, docB); syncDocs(docB, docA); a.index.refresh(a.index.now); b.index.refresh(b.index.now); };
  a.index.refresh(a.index.now);
  return { docA, docB, a, b, ada, sales, carla, dan, sync };
}

const CARLA_CSV = 'Objective,Key result,Owner,Team\nGrow,Revenue,Carla,Sales\nGrow,Signups,Dan,\nGrow,Churn,carla@example.com,\n';

const livePeople = (plan: Plan) => plan.index.people().map((person) => person.name).sort();
const liveTeams = (plan: Plan) => plan.index.teams().map((team) => team.name).sort();
const ownersOfImport = (plan: Plan) => [...plan.index.walk()].map((id) => plan.index.node(id)!).filter((node) => node.kind === 'key_result').map((node) => [node.title, node.fields.owner ?? null, node.fields.team ?? null]);

describe('an import naming someone removed from the plan (people38)', () => {
  it('the preview names removed Carla and Sales, who removed them and the rows', () => {
    const o = office();
    const named = removedNamedByImport(previewOf(CARLA_CSV), o.a.index);
    expect(named).toEqual([
      { what: 'team', id: o.sales, name: 'Sales', removed: { at: T0, by: 'ada' }, rows: [2] },
      { what: 'person', id: o.carla, name: 'Carla', removed: { at: T0, by: 'ada' }, rows: [2, 4] },
    ]);
    // Restored, she is no question any more.
    o.a.restorePerson(o.carla);
    o.a.index.refresh(o.a.index.now);
    expect(removedNamedByImport(previewOf(CARLA_CSV), o.a.index).map((entry) => entry.name)).toEqual(['Sales']);
  });

  it('by default names them as removed: no second Carla or Sales (the old import added both)', () => {
    const o = office();
    const result = applyImport(o.a, previewOf(CARLA_CSV), { now: T0, removed: new Map<string, RemovedChoice>([[o.carla, 'keep-removed'], [o.sales, 'keep-removed']]) });
    if (!result.ok) throw new Error(result.problems[0]!.message);
    o.a.index.refresh(o.a.index.now);
    expect(livePeople(o.a)).toEqual(['Ada', 'Dan']);
    expect(liveTeams(o.a)).toEqual([]);
    expect(o.a.index.removedPeople().map((person) => person.name)).toEqual(['Carla']);
    expect(ownersOfImport(o.a)).toEqual([['Revenue', o.carla, o.sales], ['Signups', o.dan, null], ['Churn', o.carla, null]]);
    expect(result.created.people).toBe(0);
    expect(result.restored).toEqual({ people: 0, teams: 0 });
  });

  it('a removed one the file names that nobody chose for stops the import, naming them and who removed them', () => {
    const o = office();
    const before = Y.encodeStateAsUpdate(o.docA);
    const result = applyImport(o.a, previewOf(CARLA_CSV), { now: T0, removed: new Map<string, RemovedChoice>([[o.sales, 'keep-removed']]) });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((problem) => [problem.code, problem.message])).toEqual([
      ['removed-meanwhile', 'Row 2: Carla was removed from the plan meanwhile by ada; nothing was imported. Choose what the rows naming Carla get, then import again.'],
    ]);
    expect(Y.encodeStateAsUpdate(o.docA)).toEqual(before);
  });

  it('restores them when chosen: one Carla, live, with her e-mail, in Sales again', () => {
    const o = office();
    const result = applyImport(o.a, previewOf(CARLA_CSV), { now: T0, removed: new Map<string, RemovedChoice>([[o.carla, 'restore'], [o.sales, 'restore']]) });
    if (!result.ok) throw new Error(result.problems[0]!.message);
    o.sync();
    for (const plan of [o.a, o.b]) {
      expect(plan.index.people().map((person) => [person.name, person.email, person.team])).toEqual(expect.arrayContaining([['Carla', 'carla@example.com', o.sales]]));
      expect(livePeople(plan)).toEqual(['Ada', 'Carla', 'Dan']);
      expect(liveTeams(plan)).toEqual(['Sales']);
      expect(plan.index.removedPeople()).toEqual([]);
      expect(ownersOfImport(plan)).toEqual([['Revenue', o.carla, o.sales], ['Signups', o.dan, null], ['Churn', o.carla, null]]);
    }
    expect(result.restored).toEqual({ people: 1, teams: 1 });
  });

  it('adds a new Carla beside the removed one only when chosen; every row naming Carla names the new one', () => {
    const o = office();
    const result = applyImport(o.a, previewOf(CARLA_CSV), { now: T0, removed: new Map<string, RemovedChoice>([[o.carla, 'add-new'], [o.sales, 'add-new']]) });
    if (!result.ok) throw new Error(result.problems[0]!.message);
    o.a.index.refresh(o.a.index.now);
    const newCarla = o.a.index.people().find((person) => person.name === 'Carla')!;
    const newSales = o.a.index.teams().find((team) => team.name === 'Sales')!;
    expect(newCarla.id).not.toBe(o.carla);
    expect(newSales.id).not.toBe(o.sales);
    expect(o.a.index.removedPeople().map((person) => person.id)).toEqual([o.carla]);
    expect(ownersOfImport(o.a)).toEqual([['Revenue', newCarla.id, newSales.id], ['Signups', o.dan, null], ['Churn', newCarla.id, null]]);
    expect(result.created).toMatchObject({ people: 1, teams: 1 });
  });

  it('a live person of the name is who the rows name: no question', () => {
    const o = office();
    const liveCarla = o.a.addPerson({ name: 'Carla' });
    o.a.index.refresh(o.a.index.now);
    const preview = previewOf('Objective,Key result,Owner\nGrow,Revenue,Carla\n');
    expect(removedNamedByImport(preview, o.a.index)).toEqual([]);
    const result = applyImport(o.a, preview, { now: T0 });
    if (!result.ok) throw new Error(result.problems[0]!.message);
    o.a.index.refresh(o.a.index.now);
    expect(ownersOfImport(o.a)).toEqual([['Revenue', liveCarla, null]]);
  });

  it('a new person whose row names a team kept removed joins no team (a removed team takes no one)', () => {
    const o = office();
    const result = applyImport(o.a, previewOf('Objective,Key result,Owner,Team\nGrow,Revenue,Eve,Sales\n'), { now: T0, removed: new Map<string, RemovedChoice>([[o.sales, 'keep-removed']]) });
    if (!result.ok) throw new Error(result.problems[0]!.message);
    o.a.index.refresh(o.a.index.now);
    expect(o.a.index.people().find((person) => person.name === 'Eve')).toMatchObject({ team: null });
    expect(ownersOfImport(o.a)[0]![2]).toBe(o.sales);
  });
});

describe('someone else restores or removes them while the import is worked out (people38)', () => {
  it('restored meanwhile: kept naming or restoring goes through, the rows name the live Carla', () => {
    for (const choice of ['keep-removed', 'restore'] as const) {
      const o = office();
      const prepared = runToEnd(preparingImport(o.a, previewOf(CARLA_CSV), { now: T0, removed: new Map<string, RemovedChoice>([[o.carla, choice], [o.sales, 'keep-removed']]) }));
      if (!prepared.ok) throw new Error(prepared.problems[0]!.message);
      o.b.restorePerson(o.carla);
      o.sync();
      const result = commitImport(o.a, prepared);
      expect(result.ok).toBe(true);
      o.sync();
      for (const plan of [o.a, o.b]) {
        expect(livePeople(plan)).toEqual(['Ada', 'Carla', 'Dan']);
        expect(ownersOfImport(plan).map((row) => row[1])).toEqual([o.carla, o.dan, o.carla]);
      }
    }
  });

  it('restored meanwhile when a new Carla was chosen: stopped, nothing written (it would be a second live Carla)', () => {
    const o = office();
    const prepared = runToEnd(preparingImport(o.a, previewOf(CARLA_CSV), { now: T0, removed: new Map<string, RemovedChoice>([[o.carla, 'add-new'], [o.sales, 'keep-removed']]) }));
    if (!prepared.ok) throw new Error(prepared.problems[0]!.message);
    o.b.restorePerson(o.carla);
    o.sync();
    const before = Y.encodeStateAsUpdate(o.docA);
    const result = commitImport(o.a, prepared);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((problem) => problem.message)).toEqual(['Carla was restored meanwhile; nothing was imported. Import again: the rows will name Carla, and no second Carla is added.']);
    expect(Y.encodeStateAsUpdate(o.docA)).toEqual(before);
    // Imported again (the dialog's question is gone: she is live), the rows name her.
    o.a.index.refresh(o.a.index.now);
    expect(removedNamedByImport(previewOf(CARLA_CSV), o.a.index).map((entry) => entry.name)).toEqual(['Sales']);
    expect(applyImport(o.a, previewOf(CARLA_CSV), { now: T0, removed: new Map<string, RemovedChoice>([[o.sales, 'keep-removed']]) }).ok).toBe(true);
    o.a.index.refresh(o.a.index.now);
    expect(livePeople(o.a)).toEqual(['Ada', 'Carla', 'Dan']);
  });

  it('Dan removed by Ben after the preview: stopped at preparing or at commit, then named as chosen', () => {
    // Before Import is pressed (the scratch copy sees him removed and nobody chose for him).
    const o = office();
    const preview = previewOf(CARLA_CSV);
    const choices = new Map<string, RemovedChoice>(removedNamedByImport(preview, o.a.index).map((entry) => [entry.id, 'keep-removed']));
    o.b.removePerson(o.dan);
    o.sync();
    const early = runToEnd(preparingImport(o.a, preview, { now: T0, removed: choices }));
    expect(early.ok).toBe(false);
    if (early.ok) return;
    expect(early.problems[0]!.message).toBe('Row 3: Dan was removed from the plan meanwhile by ben; nothing was imported. Choose what the rows naming Dan get, then import again.');

    // While the import is worked out: the commit sees it.
    const p = office();
    const prepared = runToEnd(preparingImport(p.a, preview, { now: T0, removed: new Map<string, RemovedChoice>([[p.carla, 'keep-removed'], [p.sales, 'keep-removed']]) }));
    if (!prepared.ok) throw new Error(prepared.problems[0]!.message);
    p.b.removePerson(p.dan);
    p.sync();
    const before = Y.encodeStateAsUpdate(p.docA);
    const late = commitImport(p.a, prepared);
    expect(late.ok).toBe(false);
    if (late.ok) return;
    expect(late.problems.map((problem) => problem.message)).toEqual(['Dan was removed from the plan meanwhile by ben; nothing was imported. Choose what the rows naming Dan get, then import again.']);
    expect(Y.encodeStateAsUpdate(p.docA)).toEqual(before);
    // The preview asks about Dan now; chosen, the import goes through.
    const asked = removedNamedByImport(preview, p.a.index);
    expect(asked.map((entry) => [entry.name, entry.rows])).toEqual([['Sales', [2]], ['Carla', [2, 4]], ['Dan', [3]]]);
    expect(applyImport(p.a, preview, { now: T0, removed: new Map(asked.map((entry) => [entry.id, 'keep-removed'])) }).ok).toBe(true);
    p.sync();
    for (const plan of [p.a, p.b]) expect(livePeople(plan)).toEqual(['Ada']);
  });
});

describe('property: no import makes a second live person or team of a removed one’s name unless chosen', () => {
  const PEOPLE = ['Carla', 'Dan', 'Eve'] as const;
  const TEAMS = ['Sales', 'Ops'] as const;
  const state = fc.constantFrom('absent', 'live', 'removed', 'live and removed');
  const choice = fc.constantFrom<RemovedChoice>('keep-removed', 'restore', 'add-new');
  const other = fc.record({ what: fc.constantFrom('person', 'team'), index: fc.nat(2), op: fc.constantFrom('remove', 'restore') });
  // When Ben's changes reach Ada: before the preview is read, before Import is pressed, while it is worked out, after.
  const when = fc.constantFrom('before preview', 'before prepare', 'before commit', 'after commit');

  it('holds with random plans, files, choices and a collaborator removing and restoring meanwhile', () => {
    fc.assert(fc.property(
      fc.array(state, { minLength: PEOPLE.length, maxLength: PEOPLE.length }), fc.array(state, { minLength: TEAMS.length, maxLength: TEAMS.length }),
      fc.array(fc.record({ owner: fc.option(fc.constantFrom(...PEOPLE, 'carla', 'eve@example.com')), team: fc.option(fc.constantFrom(...TEAMS, 'sales')) }), { minLength: 1, maxLength: 6 }),
      fc.array(choice, { minLength: 5, maxLength: 5 }), fc.array(other, { maxLength: 4 }), when,
      (peopleStates, teamStates, rows, choices, others, arrives) => {
        const docA = new Y.Doc(), docB = new Y.Doc();
        const ctxA = new TestContext(T0, 'ada', 'a'), ctxB = new TestContext(T0 + 1, 'ben', 'b');
        const a = openPlan(docA, ctxA);
        const setUp = <S extends string, Id extends string>(names: readonly S[], states: readonly string[], add: (name: S) => Id, remove: (id: Id) => void) => names.map((name, i) => {
          const ids: Id[] = [];
          if (states[i] === 'removed' || states[i] === 'live and removed') { const id = add(name); remove(id); ids.push(id); }
          if (states[i] === 'live' || states[i] === 'live and removed') ids.push(add(name));
          return ids;
        });
        const people = setUp(PEOPLE, peopleStates, (name) => a.addPerson({ name, ...(name === 'Eve' ? { email: 'eve@example.com' } : {}) }), (id) => a.removePerson(id));
        const teams = setUp(TEAMS, teamStates, (name) => a.addTeam({ name }), (id) => a.removeTeam(id));
        syncDocs(docA, docB);
        const b = openPlan(docB, ctxB);
        for (const step of others) {
          const flip = <Id extends string>(ids: readonly Id[], view: (id: Id) => { removed?: unknown } | undefined, remove: (id: Id) => void, restore: (id: Id) => void) => {
            const id = ids.find((candidate) => (step.op === 'remove') !== Boolean(view(candidate)?.removed));
            if (id === undefined) return;
            if (step.op === 'remove') remove(id);
            else restore(id);
            b.index.refresh(b.index.now);
          };
          if (step.what === 'person') flip(people[step.index % PEOPLE.length]!, (id) => b.index.person(id), (id) => b.removePerson(id), (id) => b.restorePerson(id));
          else flip(teams[step.index % TEAMS.length]!, (id) => b.index.team(id), (id) => b.removeTeam(id), (id) => b.restoreTeam(id));
        }
        const deliver = () => { syncDocs(docB, docA); a.index.refresh(a.index.now); };
        const csv = `Objective,Key result,Owner,Team\n${rows.map((row, i) => `Grow,KR ${i},${row.owner ?? ''},${row.team ?? ''}`).join('\n')}\n`;
        if (arrives === 'before preview') deliver();
        a.index.refresh(a.index.now);
        const preview = previewOf(csv);
        const asked = removedNamedByImport(preview, a.index);
        const chosen = new Map(asked.map((entry, i) => [entry.id, choices[i % choices.length]!]));
        if (arrives === 'before prepare') deliver();
        const prepared = runToEnd(preparingImport(a, preview, { now: T0, removed: chosen }));
        if (arrives === 'before commit') deliver();
        const peopleBefore = [...a.types.people.keys()];
        const teamsBefore = [...a.types.teams.keys()];
        const liveBefore = (map: Y.Map<Y.Map<unknown>>) => new Map([...map.entries()].map(([id, entry]) => [id, entry.get('removedAt') === undefined]));
        const livePeopleBefore = liveBefore(a.types.people), liveTeamsBefore = liveBefore(a.types.teams);
        const result = prepared.ok ? commitImport(a, prepared) : prepared;
        a.index.refresh(a.index.now);
        if (!result.ok) {
          expect([...a.types.people.keys()]).toEqual(peopleBefore);
          expect(a.index.size).toBe(0);
          return;
        }
        // Every person or team the import added: no entry of its name was live when it was written, and a
        // removed one of its name (the one the rows named) was chosen to get a new one beside it.
        const check = (map: Y.Map<Y.Map<unknown>>, before: string[], live: Map<string, boolean>, key: (entry: Y.Map<unknown>) => string) => {
          for (const [id, entry] of map.entries()) {
            if (before.includes(id)) continue;
            const same = before.filter((other) => key(map.get(other)!) === key(entry));
            for (const other of same) {
              expect(live.get(other), `a second live ${key(entry)}`).toBe(false);
              if (asked.some((entry) => entry.id === other)) expect(chosen.get(other)).toBe('add-new');
            }
          }
        };
        const personName = (entry: Y.Map<unknown>) => String(entry.get('name')).toLowerCase();
        check(a.types.people, peopleBefore, livePeopleBefore, personName);
        check(a.types.teams, teamsBefore, liveTeamsBefore, personName);
        // Every owner and team an imported row names is live, or removed and chosen to stay so.
        for (const id of a.index.walk()) {
          const { owner, team } = a.index.node(id)!.fields;
          for (const [ref, view] of [[owner, owner ? a.index.person(owner) : undefined], [team, team ? a.index.team(team) : undefined]] as const) {
            if (!ref) continue;
            expect(view).toBeDefined();
            if (view!.removed) expect(chosen.get(ref)).toBe('keep-removed');
          }
        }
        if (arrives === 'after commit') deliver();
        syncDocs(docA, docB);
        b.index.refresh(b.index.now);
        expect(b.index.people().map((person) => person.id).sort()).toEqual(a.index.people().map((person) => person.id).sort());
      },
    ), { seed: 38, numRuns: 150 });
  });
});
