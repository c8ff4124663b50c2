// usercheck20: the team filter (outline and canvas share it) matched a node's own team field only.
// Teams are set on objectives and initiatives; the tasks under Sales' initiative carry no team of their
// own, so a leader filtering "Sales" at the offsite saw the initiative and none of its work, and a
// sub-team's work (Sales EMEA) was not Sales' work. A node's teams are now its own team, else the teams
// of the work above it and (tasks) its assignee's team; a team takes in its sub-teams.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PlanError, ROOT_ID, openPlan, type NodeId, type PersonId, type Plan, type TeamId } from '../../../shared/model/index.js';
import { filterPredicate } from '../../../renderer/src/outline/outline-filter.js';
import { noFilters } from '../../../renderer/src/store/ui-slice.js';

function freshPlan(): Plan {
  let id = 0;
  let clock = Date.UTC(2027, 0, 10);
  return openPlan(new Y.Doc(), { now: () => (clock += 1000), newId: () => `id${++id}`, actor: 'tester' }, { name: 'Test' });
}

function live(plan: Plan): NodeId[] {
  const ids: NodeId[] = [];
  for (let queue = [...plan.index.children()], i = 0; i < queue.length; i++) {
    ids.push(queue[i]!);
    queue.push(...plan.index.children(queue[i]!));
  }
  return ids;
}

/** True when `team` is `scope` or below it in the team hierarchy. */
function within(plan: Plan, team: string | null | undefined, scope: string): boolean {
  const parents = new Map(plan.index.teams().map((t) => [t.id as string, t.parent as string | null]));
  const seen = new Set<string>();
  for (let at = team ?? null; at !== null && !seen.has(at); at = parents.get(at) ?? null) {
    if (at === scope) return true;
    seen.add(at);
  }
  return false;
}

/**
 * The rule written out from the tree, independently of the derivation: a node with a team of its own is
 * that team's work only; otherwise it is the work of every team it inherits from the node above and,
 * for a task, of its assignee's team.
 */
function expectedTeams(plan: Plan, id: NodeId): string[] {
  const node = plan.index.node(id)!;
  const liveTeam = (team: string | null | undefined) => (team ? plan.index.teams().some((live) => live.id === team) : false);
  // A removed team names nobody's work: the node is then the work of the teams above it.
  if (node.fields.team !== undefined && liveTeam(node.fields.team)) return [node.fields.team];
  const teams: string[] = [];
  if (node.kind === 'task' && node.fields.assignee !== undefined) {
    const team = plan.index.people().find((person) => person.id === node.fields.assignee)?.team;
    if (team && liveTeam(team)) teams.push(team);
  }
  const parent = plan.index.parentOf(id);
  if (parent !== undefined && parent !== ROOT_ID) teams.push(...expectedTeams(plan, parent as NodeId));
  return teams;
}

/**
 * A removed team's work, for its filter chosen before the removal (review38a 4): the nearest node at or
 * above with a team of its own names the removed team or a team removed below it (its stored parents).
 */
function removedTeamWork(plan: Plan, id: NodeId, team: string): boolean {
  const removed = new Map(plan.index.removedTeams().map((t) => [t.id as string, t.parent as string | null]));
  const below = (own: string) => {
    const seen = new Set<string>();
    for (let at: string | null = own; at !== null && removed.has(at) && !seen.has(at); at = removed.get(at) ?? null) {
      if (at === team) return true;
      seen.add(at);
    }
    return false;
  };
  for (let at: string | undefined = id; at !== undefined && at !== ROOT_ID; at = plan.index.parentOf(at)) {
    const own = plan.index.node(at as NodeId)!.fields.team;
    if (own === undefined) continue;
    if (below(own)) return true;
    if (!removed.has(own)) return false;
  }
  return false;
}

describe('the team filter', () => {
  it('a team chosen before its removal still finds the work that names it, and not its live sub-teams\' work (review38a 4)', () => {
    const plan = freshPlan();
    const sales = plan.addTeam({ name: 'Sales' });
    const emea = plan.addTeam({ name: 'Sales EMEA', parent: sales });
    const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
    const objective = plan.createNode({ kind: 'objective', parent: strategy, title: 'Win DACH' });
    const munich = plan.createNode({ kind: 'initiative', parent: objective, title: 'Munich office', team: sales });
    const lease = plan.createNode({ kind: 'task', parent: munich, title: 'Sign the lease' });
    const paris = plan.createNode({ kind: 'initiative', parent: objective, title: 'Paris office', team: emea });
    plan.index.refresh(plan.index.now);
    const before = filterPredicate(plan.index, { ...noFilters, team: sales })!;
    expect([munich, lease, paris, objective].map(before)).toEqual([true, true, true, false]);

    plan.removeTeam(sales);
    plan.index.refresh(plan.index.now);
    // "Sales (removed)" still finds what names Sales; EMEA is a team of its own now (top level).
    expect([munich, lease, paris, objective].map(filterPredicate(plan.index, { ...noFilters, team: sales })!)).toEqual([true, true, false, false]);
    expect([munich, lease, paris].map(filterPredicate(plan.index, { ...noFilters, team: emea })!)).toEqual([false, false, true]);
    plan.restoreTeam(sales);
    plan.index.refresh(plan.index.now);
    expect([munich, lease, paris, objective].map(filterPredicate(plan.index, { ...noFilters, team: sales })!)).toEqual([true, true, true, false]);
  });

  it('finds the tasks of a team\'s initiative, its sub-teams\' work and its people\'s tasks, and not another team\'s', () => {
    const plan = freshPlan();
    const sales = plan.addTeam({ name: 'Sales' });
    const emea = plan.addTeam({ name: 'Sales EMEA', parent: sales });
    const engineering = plan.addTeam({ name: 'Engineering' });
    const ada = plan.addPerson({ name: 'Ada', team: sales });
    const lin = plan.addPerson({ name: 'Lin', team: engineering });
    const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
    const objective = plan.createNode({ kind: 'objective', parent: strategy, title: 'Win DACH' });
    const keyResult = plan.createNode({ kind: 'key_result', parent: objective, title: 'Revenue', start: 0, target: 100 });
    const roadshow = plan.createNode({ kind: 'initiative', parent: keyResult, title: 'Roadshow', team: sales });
    const venues = plan.createNode({ kind: 'task', parent: roadshow, title: 'Book venues' });
    const demo = plan.createNode({ kind: 'task', parent: roadshow, title: 'Build the demo', assignee: lin });
    const backdrop = plan.createNode({ kind: 'task', parent: demo, title: 'Print the backdrop' });
    const audit = plan.createNode({ kind: 'task', parent: roadshow, title: 'Security audit', team: engineering });
    const partners = plan.createNode({ kind: 'initiative', parent: keyResult, title: 'Partners', team: emea });
    const contracts = plan.createNode({ kind: 'task', parent: partners, title: 'Contracts' });
    const platform = plan.createNode({ kind: 'initiative', parent: keyResult, title: 'Platform', team: engineering });
    const pricing = plan.createNode({ kind: 'task', parent: platform, title: 'Pricing page copy', assignee: ada });
    const tests = plan.createNode({ kind: 'task', parent: platform, title: 'Load tests' });
    plan.index.refresh(plan.index.now);

    const salesWork = filterPredicate(plan.index, { ...noFilters, team: sales })!;
    expect(Object.fromEntries([roadshow, venues, demo, backdrop, audit, partners, contracts, platform, pricing, tests, keyResult]
      .map((id) => [plan.index.title(id), salesWork(id)]))).toEqual({
      'Roadshow': true, 'Book venues': true, 'Build the demo': true, 'Print the backdrop': true, 'Security audit': false,
      'Partners': true, 'Contracts': true, 'Platform': false, 'Pricing page copy': true, 'Load tests': false, 'Revenue': false,
    });
    const emeaWork = filterPredicate(plan.index, { ...noFilters, team: emea })!;
    expect([partners, contracts, roadshow, venues].map(emeaWork)).toEqual([true, true, false, false]);
    const engineeringWork = filterPredicate(plan.index, { ...noFilters, team: engineering })!;
    // Ada's task under Engineering's initiative is the work of both teams.
    expect([demo, backdrop, audit, platform, tests, pricing, venues].map(engineeringWork)).toEqual([true, true, true, true, true, true, false]);

    // Lin moves to Sales: the demo is no longer Engineering's work; the filter follows without a reload.
    plan.updatePerson(lin, { team: sales });
    plan.index.refresh(plan.index.now);
    expect([demo, backdrop].map(filterPredicate(plan.index, { ...noFilters, team: engineering })!)).toEqual([false, false]);
  });

  it('matches exactly the nodes whose own team, inherited teams or assignee\'s team lies within the chosen team, through edits, moves and teams removed and restored', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(6)), { minLength: 1, maxLength: 25 }),
      (steps) => {
        const plan = freshPlan();
        const top = plan.addTeam({ name: 'Top' });
        const teams: TeamId[] = [top, plan.addTeam({ name: 'Sub', parent: top }), plan.addTeam({ name: 'Other' })];
        const people: PersonId[] = teams.map((team, i) => plan.addPerson({ name: `P${i}`, team }));
        const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
        const objectives = [plan.createNode({ kind: 'objective', parent: strategy, title: 'O1', team: teams[0]! }), plan.createNode({ kind: 'objective', parent: strategy, title: 'O2' })];
        const keyResults = objectives.map((objective, i) => plan.createNode({ kind: 'key_result', parent: objective, title: `K${i}`, start: 0, target: 1 }));
        const initiatives = [0, 1, 2, 3].map((i) => plan.createNode({ kind: 'initiative', parent: keyResults[i % 2]!, title: `I${i}` }));
        const tasks = initiatives.flatMap((initiative, i) => {
          const task = plan.createNode({ kind: 'task', parent: initiative, title: `T${i}` });
          return [task, plan.createNode({ kind: 'task', parent: task, title: `T${i}s` })];
        });
        plan.index.refresh(plan.index.now);
        const pick = <T>(list: readonly T[], n: number): T => list[n % list.length]!;
        const teamOrNone = (n: number) => (n % 4 === 3 ? null : pick(teams, n));
        for (const [a, b, what] of steps) {
          // Each step as the app makes it: one operation, then a refresh (the incremental path). Naming a
          // removed team is refused (PlanError 'removed-team'), as in the app: the step changes nothing.
          try { step(a, b, what); } catch (error) { if (!(error instanceof PlanError && error.code === 'removed-team')) throw error; }
          plan.index.refresh(plan.index.now);
        }
        function step(a: number, b: number, what: number): void {
          if (what === 0) plan.updateNode(pick(initiatives, a), { team: teamOrNone(b) });
          else if (what === 1) plan.updateNode(pick(objectives, a), { team: teamOrNone(b) });
          else if (what === 2) plan.updateNode(pick(tasks, a), b % 2 === 0 ? { assignee: b % 6 === 4 ? null : pick(people, b) } : { team: teamOrNone(b) });
          else if (what === 3) plan.moveNode(pick(initiatives, a), { parent: pick(keyResults, b) });
          else if (what === 4) plan.updatePerson(pick(people, a), { team: teamOrNone(b) });
          else if (what === 5) plan.updateTeam(teams[1]!, { parent: b % 2 === 0 ? top : teams[2]! });
          else if (plan.index.team(pick(teams, a))?.removed) plan.restoreTeam(pick(teams, a));
          else plan.removeTeam(pick(teams, a));
        }
        for (const team of teams) {
          const matches = filterPredicate(plan.index, { ...noFilters, team })!;
          for (const id of live(plan)) {
            const expected = plan.index.team(team)?.removed ? removedTeamWork(plan, id, team) : expectedTeams(plan, id).some((own) => within(plan, own, team));
            expect(matches(id), `${plan.index.title(id)} in ${team}`).toBe(expected);
          }
        }
      },
    ), { numRuns: 150 });
  });
});
