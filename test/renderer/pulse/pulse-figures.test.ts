import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import fc from 'fast-check';
import { openPlan, planTypes, ROOT_ID, type NodeId, type NodeView, type Plan, type PlanContext, type PlanIndex } from '../../../shared/model/index.js';
import { buildSamplePlan, type SamplePlan } from '../../../shared/model/fixtures/sample-plan.js';
import { generatePlan } from '../../../shared/model/fixtures/generate-plan.js';
import { pulseQuestions } from '../../../renderer/src/pulse/pulse-figures.js';
import { filterPredicate } from '../../../renderer/src/outline/outline-filter.js';
import { noFilters } from '../../../renderer/src/store/ui-slice.js';

const today = Date.UTC(2027, 1, 15, 9);

function sample(): { plan: Plan; built: SamplePlan } {
  let id = 0;
  const ctx: PlanContext = { now: () => today, newId: () => `s${++id}`, actor: 'tester' };
  const doc = new Y.Doc();
  const built = buildSamplePlan(doc, ctx);
  const plan = openPlan(doc, ctx, { now: today, baseline: built.baseline });
  return { plan, built };
}

function* walkAll(index: PlanIndex): Generator<NodeView> {
  for (const id of index.walk()) yield index.node(id)!;
}

/** Every card: its figure is the number of distinct evidence items, and each item leads to something that exists. */
function assertFiguresMatchEvidence(index: PlanIndex): void {
  const teams = new Set<string>(index.teams().map((team) => team.id));
  for (const question of pulseQuestions(index)) {
    expect(question.count, question.id).toBe(question.evidence.length);
    expect(Number(question.figure.split(' of ')[0]), `${question.id}: figure ${question.figure}`).toBe(question.evidence.length);
    const keys = question.evidence.map((evidence) => evidence.nodeId ?? `team:${evidence.teamId}`);
    expect(new Set(keys).size, `${question.id}: evidence items are distinct`).toBe(keys.length);
    for (const evidence of question.evidence) {
      if (evidence.nodeId !== null) expect(index.node(evidence.nodeId), `${question.id}: ${evidence.nodeId} exists`).toBeDefined();
      else expect(teams.has(evidence.teamId!), `${question.id}: team ${evidence.teamId} exists`).toBe(true);
      expect(evidence.reasons.length, `${question.id}: ${evidence.title} says why it is counted`).toBeGreaterThan(0);
    }
    // The kind each card names.
    const kinds = new Set(question.evidence.filter((evidence) => evidence.nodeId !== null).map((evidence) => index.node(evidence.nodeId!)!.kind));
    if (question.id === 'initiatives') {
      expect([...kinds].every((kind) => kind === 'initiative')).toBe(true);
      // "of N active initiatives": the active work the aligned card counts (a proposed one has not started).
      const open = [...walkAll(index)].filter((node) => node.kind === 'initiative' && !node.inactive && (node.fields.status === undefined || node.fields.status === 'active'));
      expect(question.figure.split(' of ')[1], 'initiatives: the total is the active initiatives').toBe(String(open.length));
      for (const evidence of question.evidence) expect(open.map((node) => node.id), `${evidence.title} is active`).toContain(evidence.nodeId);
    }
    if (question.id === 'key_results') expect([...kinds].every((kind) => kind === 'key_result')).toBe(true);
    if (question.id === 'aligned') {
      expect([...kinds].every((kind) => kind === 'initiative' || kind === 'task')).toBe(true);
      const summary = index.summary();
      expect(question.evidence.length, 'unaligned items = active work − aligned work').toBe(summary.activeWork - summary.alignedWork);
    }
    if (question.id === 'blocked') {
      // The blocked tasks listed are the plan's "Blocked tasks" figure, and none of them is finished.
      const tasks = question.evidence.filter((evidence) => evidence.nodeId !== null && index.node(evidence.nodeId)!.kind === 'task');
      expect(tasks.length, 'blocked tasks listed = the plan\'s blocked tasks').toBe(index.summary().counts.blocked);
      for (const evidence of tasks) expect(['done', 'dropped'], `${evidence.title} is open work`).not.toContain(index.node(evidence.nodeId!)!.fields.status);
    }
    if (question.id === 'slowdown') {
      const teamItems = question.evidence.filter((evidence) => evidence.teamId !== null).length;
      expect(teamItems).toBeLessThanOrEqual(teams.size);
      const named = question.evidence.filter((evidence) => evidence.teamId !== null).map((evidence) => evidence.teamId);
      expect(named.sort(), 'slowdown: the teams named are the teams with a slowdown signal').toEqual(index.teamSignals().map((signal) => signal.teamId).sort());
    }
  }
  assertTeamRatesMatchFilter(index);
}

/**
 * A team's slowdown and the outline its "Team X" button opens agree (teams20): for every team, the
 * done tasks the team filter shows (archived work left out, as from every rate) give the signal's
 * recent and baseline rates, and the team is called slowing exactly when those rates fall.
 */
function assertTeamRatesMatchFilter(index: PlanIndex): void {
  const { slowdownRecentDays, slowdownBaselineDays, slowdownRatio, slowdownMinPerWeek } = index.settings;
  const recentStart = index.now - slowdownRecentDays * 86_400_000;
  const baselineStart = recentStart - slowdownBaselineDays * 86_400_000;
  const signals = new Map(index.teamSignals().map((signal) => [signal.teamId, signal]));
  for (const team of index.teams()) {
    const shown = filterPredicate(index, { ...noFilters, team: team.id })!;
    let recent = 0;
    let baseline = 0;
    for (const node of walkAll(index)) {
      if (node.kind !== 'task' || node.inactive || node.fields.status !== 'done' || !shown(node.id)) continue;
      const at = node.fields.doneAt ?? node.updated?.at ?? node.created?.at;
      if (at === undefined || at > index.now) continue;
      if (at >= recentStart) recent++;
      else if (at >= baselineStart) baseline++;
    }
    const recentPerWeek = recent / (slowdownRecentDays / 7);
    const baselinePerWeek = baseline / (slowdownBaselineDays / 7);
    const signal = signals.get(team.id);
    const label = `team ${team.name}: ${recent} done in the last ${slowdownRecentDays} days, ${baseline} in the ${slowdownBaselineDays} before, under its filter`;
    if (signal?.kind === 'slowdown') {
      expect(signal.evidence.recentPerWeek, label).toBeCloseTo(recentPerWeek, 3);
      expect(signal.evidence.baselinePerWeek, label).toBeCloseTo(baselinePerWeek, 3);
    } else {
      expect(signal, label).toBeUndefined();
      // Not slowing by the filter's tasks either (a margin keeps the signal's tolerance out of it).
      const slowing = baselinePerWeek > slowdownMinPerWeek + 1e-6 && recentPerWeek < slowdownRatio * baselinePerWeek - 1e-6;
      expect(slowing, label).toBe(false);
    }
  }
}

describe('the execution pulse', () => {
  const { plan, built } = sample();
  const questions = pulseQuestions(plan.index);
  const byId = new Map(questions.map((question) => [question.id, question]));

  it('answers the questions and the aligned work, each figure the count of its list', () => {
    expect(questions.map((question) => question.id)).toEqual(['initiatives', 'key_results', 'slowdown', 'blocked', 'priorities', 'risk', 'aligned']);
    assertFiguresMatchEvidence(plan.index);
  });

  it('lists a blocked task with the path from its strategy', () => {
    const blocked = byId.get('blocked')!;
    const entry = blocked.evidence.find((evidence) => evidence.nodeId === built.handles.blockedTask);
    expect(entry).toBeDefined();
    const path = plan.index.pathToRoot(built.handles.blockedTask).reverse().map((id) => plan.index.title(id));
    expect(entry!.path).toEqual(path);
    expect(entry!.path).toHaveLength(plan.index.node(built.handles.blockedTask)!.depth);
  });

  it('shows priority shifts against the review point, and none without one', () => {
    expect(byId.get('priorities')!.evidence.map((evidence) => evidence.nodeId)).toContain(built.handles.priorityShift);
    plan.index.setBaseline(null);
    plan.index.refresh(today);
    expect(pulseQuestions(plan.index).find((question) => question.id === 'priorities')!.evidence).toEqual([]);
  });

  it('lists the unaligned initiative among the unaligned work', () => {
    expect(byId.get('aligned')!.evidence.map((evidence) => evidence.nodeId)).toContain(built.handles.unalignedInitiative);
  });

  it('names key results behind pace', () => {
    expect(byId.get('key_results')!.evidence.map((evidence) => evidence.nodeId)).toContain(built.handles.pace);
  });

  it('an initiative created today is not "nothing done in 14 days"; one created before the window with no task done is', () => {
    let id = 0;
    let clock = today - 20 * 86_400_000;
    const ctx: PlanContext = { now: () => clock, newId: () => `n${++id}`, actor: 'tester' };
    const plan = openPlan(new Y.Doc(), ctx, { now: clock });
    const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
    const objective = plan.createNode({ kind: 'objective', parent: strategy, title: 'O' });
    const old = plan.createNode({ kind: 'initiative', parent: objective, title: 'Started three weeks ago', status: 'active' });
    plan.createNode({ kind: 'task', parent: old, title: 'T1', status: 'todo' });
    clock = today;
    const fresh = plan.createNode({ kind: 'initiative', parent: objective, title: 'Started today', status: 'active' });
    plan.createNode({ kind: 'task', parent: fresh, title: 'T2', status: 'todo' });
    plan.index.refresh(today);
    const card = pulseQuestions(plan.index).find((question) => question.id === 'initiatives')!;
    expect(card.evidence.map((evidence) => evidence.title)).toEqual(['Started three weeks ago']);
    expect(card.figure).toBe('1 of 2');
    expect(card.evidence[0]!.reasons).toContain('no task done in the last 14 days');
  });

  it('a proposed initiative is not an active one that is "not moving" (usercheck20)', () => {
    let id = 0;
    let clock = today - 30 * 86_400_000;
    const ctx: PlanContext = { now: () => clock, newId: () => `p${++id}`, actor: 'tester' };
    const plan = openPlan(new Y.Doc(), ctx, { now: clock });
    const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
    const objective = plan.createNode({ kind: 'objective', parent: strategy, title: 'O' });
    const idea = plan.createNode({ kind: 'initiative', parent: objective, title: 'Idea for Q3', status: 'proposed' });
    plan.createNode({ kind: 'task', parent: idea, title: 'Scope it' });
    const running = plan.createNode({ kind: 'initiative', parent: objective, title: 'Running', status: 'active' });
    plan.createNode({ kind: 'task', parent: running, title: 'Do it' });
    clock = today;
    plan.index.refresh(today);
    const card = pulseQuestions(plan.index).find((question) => question.id === 'initiatives')!;
    // Old: "2 of 2", the proposed idea "not moving: no task done in the last 14 days".
    expect(card.figure).toBe('1 of 1');
    expect(card.evidence.map((evidence) => evidence.title)).toEqual(['Running']);
    assertFiguresMatchEvidence(plan.index);
  });

  it('an initiative whose only task is blocked is not moving', () => {
    let id = 0;
    const ctx: PlanContext = { now: () => today, newId: () => `b${++id}`, actor: 'tester' };
    const blockedPlan = openPlan(new Y.Doc(), ctx, { now: today });
    const strategy = blockedPlan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
    const objective = blockedPlan.createNode({ kind: 'objective', parent: strategy, title: 'O' });
    const initiative = blockedPlan.createNode({ kind: 'initiative', parent: objective, title: 'I', status: 'active' });
    blockedPlan.createNode({ kind: 'task', parent: initiative, title: 'T', status: 'blocked' });
    blockedPlan.index.refresh(today);
    const card = pulseQuestions(blockedPlan.index).find((question) => question.id === 'initiatives')!;
    expect(card.figure).toBe('1 of 1');
    expect(card.counted).toBe('initiative not moving');
    expect(card.evidence[0]!.reasons).toContain('1 task blocked below it');
  });

  it('names the teams of a blocked task as the team filter finds it: its initiative\'s team and its assignee\'s (usercheck20)', () => {
    let id = 0;
    const ctx: PlanContext = { now: () => today, newId: () => `t${++id}`, actor: 'tester' };
    const plan = openPlan(new Y.Doc(), ctx, { now: today });
    const sales = plan.addTeam({ name: 'Sales' });
    const engineering = plan.addTeam({ name: 'Engineering' });
    const lin = plan.addPerson({ name: 'Lin', team: engineering });
    const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
    const objective = plan.createNode({ kind: 'objective', parent: strategy, title: 'O' });
    const roadshow = plan.createNode({ kind: 'initiative', parent: objective, title: 'Roadshow', status: 'active', team: sales });
    const venues = plan.createNode({ kind: 'task', parent: roadshow, title: 'Book venues', status: 'blocked' });
    const cleanup = plan.createNode({ kind: 'initiative', parent: objective, title: 'Clean-up', status: 'active' });
    const logs = plan.createNode({ kind: 'task', parent: cleanup, title: 'Rotate logs', status: 'blocked', assignee: lin });
    const loose = plan.createNode({ kind: 'task', parent: cleanup, title: 'Loose end', status: 'blocked' });
    plan.index.refresh(today);
    const card = pulseQuestions(plan.index).find((question) => question.id === 'blocked')!;
    // Old: "in 1 team (Sales) and 2 without a team"; the Engineering filter then showed "Rotate logs".
    expect(card.detail).toBe('blocked items: in 2 teams (Engineering, Sales) and 1 without a team');
    const finds = (team: string, nodeId: NodeId) => filterPredicate(plan.index, { ...noFilters, team })!(nodeId);
    expect([finds(sales, venues), finds(engineering, logs), finds(sales, loose), finds(engineering, loose)]).toEqual([true, true, false, false]);
    assertFiguresMatchEvidence(plan.index);
  });

  it('names three of many blocked teams and counts the rest exactly; the card carries every team for the list under it (review40c F6)', () => {
    let id = 0;
    const ctx: PlanContext = { now: () => today, newId: () => `m${++id}`, actor: 'tester' };
    const plan = openPlan(new Y.Doc(), ctx, { now: today });
    const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
    const objective = plan.createNode({ kind: 'objective', parent: strategy, title: 'O' });
    const teams: string[] = [];
    for (let i = 1; i <= 12; i++) {
      const team = plan.addTeam({ name: `Team ${i}` });
      teams.push(team);
      const initiative = plan.createNode({ kind: 'initiative', parent: objective, title: `I${i}`, status: 'active', team });
      plan.createNode({ kind: 'task', parent: initiative, title: `T${i}`, status: 'blocked' });
    }
    plan.index.refresh(today);
    const card = pulseQuestions(plan.index).find((question) => question.id === 'blocked')!;
    // Old: "blocked items: in 12 teams (Team 1, Team 2, Team 3, … Team 12)", every name inline.
    expect(card.detail).toBe('blocked items: in 12 teams (Team 1, Team 2, Team 3 and 9 more)');
    expect(card.teams?.map((team) => team.name)).toEqual(teams.map((_, i) => `Team ${i + 1}`));
    expect(card.teams?.map((team) => team.id)).toEqual(teams);
    assertFiguresMatchEvidence(plan.index);
  });

  it('a removed team is named nowhere: its work is the team\'s above it, and no raw id shows on a card (usercheck20)', () => {
    let id = 0;
    const ctx: PlanContext = { now: () => today, newId: () => `r${++id}`, actor: 'tester' };
    const plan = openPlan(new Y.Doc(), ctx, { now: today });
    const growth = plan.addTeam({ name: 'Growth' });
    const duplicate = plan.addTeam({ name: 'Sales (old)' });
    const lin = plan.addPerson({ name: 'Lin', team: duplicate });
    const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
    const objective = plan.createNode({ kind: 'objective', parent: strategy, title: 'O', team: growth });
    const roadshow = plan.createNode({ kind: 'initiative', parent: objective, title: 'Roadshow', status: 'active', team: duplicate });
    const venues = plan.createNode({ kind: 'task', parent: roadshow, title: 'Book venues', status: 'blocked', assignee: lin });
    const other = plan.createNode({ kind: 'objective', parent: strategy, title: 'P' });
    const loose = plan.createNode({ kind: 'initiative', parent: other, title: 'Loose', status: 'active', team: duplicate });
    plan.createNode({ kind: 'task', parent: loose, title: 'Loose end', status: 'blocked' });
    plan.index.refresh(today);
    expect(pulseQuestions(plan.index).find((question) => question.id === 'blocked')!.detail).toBe('blocked items: in 1 team (Sales (old))');

    // At the offsite Ada removes the duplicate team; the initiative and Lin still name it.
    plan.removeTeam(duplicate);
    plan.index.refresh(today);
    const detail = pulseQuestions(plan.index).find((question) => question.id === 'blocked')!.detail;
    // Old: "blocked items: in 1 team (r3)", the removed team's id.
    expect(detail).toBe('blocked items: in 1 team (Growth) and 1 without a team');
    expect(filterPredicate(plan.index, { ...noFilters, team: growth })!(venues)).toBe(true);
    assertFiguresMatchEvidence(plan.index);
  });

  it('a blocker raised in a check-in counts as blocked everywhere the pulse and the plan count, until the task is finished', () => {
    let id = 0;
    const ctx: PlanContext = { now: () => today, newId: () => `c${++id}`, actor: 'tester' };
    const plan = openPlan(new Y.Doc(), ctx, { now: today });
    const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
    const objective = plan.createNode({ kind: 'objective', parent: strategy, title: 'O' });
    const initiative = plan.createNode({ kind: 'initiative', parent: objective, title: 'Reseller deals', status: 'active' });
    const task = plan.createNode({ kind: 'task', parent: initiative, title: 'Sign the terms', status: 'in_progress' });
    // The assignee ticks "I am blocked" in their daily check-in; the status stays "in progress".
    plan.addCheckIn(task, { blocker: true, note: 'Legal review pending' });
    plan.index.refresh(today);
    const card = (which: string) => pulseQuestions(plan.index).find((question) => question.id === which)!;
    expect(card('blocked').evidence.map((evidence) => evidence.title)).toEqual(['Sign the terms']);
    expect(plan.index.summary().counts.blocked).toBe(1);
    expect(plan.index.node(initiative)!.counts.blocked).toBe(1);
    expect(card('initiatives').evidence.find((evidence) => evidence.nodeId === initiative)!.reasons).toContain('1 task blocked below it');
    assertFiguresMatchEvidence(plan.index);

    // Done (or dropped) without another check-in: nothing waits on it any more.
    plan.updateNode(task, { status: 'done' });
    plan.index.refresh(today);
    expect(card('blocked').evidence).toEqual([]);
    expect(plan.index.summary().counts.blocked).toBe(0);
    expect(plan.index.node(task)!.signals.map((signal) => signal.kind)).not.toContain('blocked');
    expect(plan.index.node(strategy)!.health).toBe('on_track');
    assertFiguresMatchEvidence(plan.index);
  });

  it('property: over generated plans, every figure is the number of distinct evidence items, each leading to a node or team that exists', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 30, max: 400 }), fc.integer({ min: 0, max: 120 }), (seed, nodes, dayOffset) => {
      const doc = new Y.Doc();
      const generated = generatePlan(doc, { nodes, seed, checkInsPerYear: nodes * 2 });
      const plan = openPlan(doc, { now: () => generated.now, newId: () => 'unused', actor: 'tester' }, { now: generated.now - dayOffset * 86_400_000 });
      assertFiguresMatchEvidence(plan.index);
      plan.index.destroy();
    }), { numRuns: 25, seed: 12 });
  });
});

describe('a team\'s slowdown counts the tasks its filter shows (teams20)', () => {
  const DAY = 86_400_000;

  function fresh(): Plan {
    let id = 0;
    return openPlan(new Y.Doc(), { now: () => today, newId: () => `t${++id}`, actor: 'tester' }, { now: today });
  }

  function goal(plan: Plan): NodeId {
    return plan.createNode({ kind: 'objective', parent: plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' }), title: 'Win' });
  }

  function doneTask(plan: Plan, parent: NodeId, title: string, daysAgo: number, assignee?: string): NodeId {
    return plan.createNode({ kind: 'task', parent, title, status: 'done', doneAt: today - daysAgo * DAY, ...(assignee ? { assignee } : {}) });
  }

  it('a sub-team\'s tasks done this fortnight are the team\'s: Sales is not "0 done per week" while its filter shows 8 (review26b F4)', () => {
    const plan = fresh();
    const sales = plan.addTeam({ name: 'Sales' });
    const emea = plan.addTeam({ name: 'Sales EMEA', parent: sales });
    const kr = plan.createNode({ kind: 'key_result', parent: plan.createNode({ kind: 'objective', parent: plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' }), title: 'Win DACH' }), title: 'Revenue', start: 0, target: 100 });
    const roadshow = plan.createNode({ kind: 'initiative', parent: kr, title: 'Roadshow', team: sales });
    const partners = plan.createNode({ kind: 'initiative', parent: kr, title: 'Partners', team: emea });
    for (let i = 0; i < 8; i++) doneTask(plan, roadshow, `S${i}`, 20 + 2 * i);
    for (let i = 0; i < 8; i++) doneTask(plan, partners, `E${i}`, 1 + i);
    plan.index.refresh(today);
    const slowdown = pulseQuestions(plan.index).find((question) => question.id === 'slowdown')!;
    expect(slowdown.evidence.filter((evidence) => evidence.teamId !== null).map((evidence) => evidence.title)).toEqual([]);
    assertFiguresMatchEvidence(plan.index);
    // EMEA's fortnight goes quiet (its tasks done a month ago): now Sales and Sales EMEA both slow down,
    // and the rates are the filters' (incremental path: only task fields changed).
    for (const node of walkAll(plan.index)) if (node.kind === 'task' && node.title.startsWith('E')) plan.updateNode(node.id, { doneAt: today - 25 * DAY });
    plan.index.refresh(today);
    expect(plan.index.teamSignals().map((signal) => signal.teamId).sort()).toEqual([sales, emea].sort());
    assertFiguresMatchEvidence(plan.index);
  });

  it('a task of Sales\' initiative assigned to an engineer counts for Sales and for Engineering, once each', () => {
    const plan = fresh();
    const sales = plan.addTeam({ name: 'Sales' });
    const engineering = plan.addTeam({ name: 'Engineering' });
    const eve = plan.addPerson({ name: 'Eve', team: engineering });
    const roadshow = plan.createNode({ kind: 'initiative', parent: goal(plan), title: 'Roadshow', team: sales });
    for (let i = 0; i < 6; i++) doneTask(plan, roadshow, `T${i}`, 20 + 3 * i, eve);
    plan.index.refresh(today);
    expect(plan.index.teamSignals().map((signal) => signal.teamId).sort()).toEqual([sales, engineering].sort());
    assertFiguresMatchEvidence(plan.index);
  });

  it('a team parent loop two peers wrote (A under B, B under A) ends: each counts the other\'s tasks, as its filter does', () => {
    const plan = fresh();
    const a = plan.addTeam({ name: 'A' });
    const b = plan.addTeam({ name: 'B', parent: a });
    const c = plan.addTeam({ name: 'C', parent: a });
    // What a merge of two peers' edits can leave: the local write refuses the loop.
    planTypes(plan.doc).teams.get(a)!.set('parent', b);
    const work = plan.createNode({ kind: 'initiative', parent: goal(plan), title: 'Work', team: c });
    for (let i = 0; i < 6; i++) doneTask(plan, work, `T${i}`, 20 + 3 * i);
    plan.index.refresh(today);
    expect(plan.index.teams().find((team) => team.id === a)!.parent).toBe(b);
    expect(plan.index.teamSignals().map((signal) => signal.teamId).sort()).toEqual([a, b, c].sort());
    assertFiguresMatchEvidence(plan.index);
  });

  it('property: through team-parent, team, assignee and status edits, every team\'s rate is its filter\'s', () => {
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('initiativeTeam' as const), initiative: fc.nat(3), team: fc.nat(5) }),
      fc.record({ kind: fc.constant('assignee' as const), task: fc.nat(19), person: fc.nat(4) }),
      fc.record({ kind: fc.constant('doneAt' as const), task: fc.nat(19), daysAgo: fc.integer({ min: 0, max: 45 }) }),
      fc.record({ kind: fc.constant('reopen' as const), task: fc.nat(19) }),
      fc.record({ kind: fc.constant('teamParent' as const), team: fc.nat(5), parent: fc.nat(5) }),
      fc.record({ kind: fc.constant('archive' as const), initiative: fc.nat(3) }),
    );
    fc.assert(fc.property(
      fc.array(fc.nat(5), { minLength: 6, maxLength: 6 }),
      fc.array(fc.integer({ min: 0, max: 45 }), { minLength: 20, maxLength: 20 }),
      fc.array(edit, { maxLength: 8 }),
      (parents, daysAgo, edits) => {
        const plan = fresh();
        const teams: string[] = [];
        // Team i's parent is an earlier team or none (parents[i] >= i); loops come from the edits' writes.
        for (let i = 0; i < 6; i++) teams.push(plan.addTeam({ name: `Team ${i}`, parent: parents[i]! < i ? teams[parents[i]!]! : null }));
        const people = teams.slice(0, 5).map((team, i) => plan.addPerson({ name: `P${i}`, team }));
        const objective = goal(plan);
        const initiatives = [0, 1, 2, 3].map((i) => plan.createNode({ kind: 'initiative', parent: objective, title: `I${i}`, ...(i < 3 ? { team: teams[i]! } : {}) }));
        const tasks = daysAgo.map((days, i) => doneTask(plan, initiatives[i % 4]!, `T${i}`, days + 14, i % 3 === 0 ? people[i % 5] : undefined));
        plan.index.refresh(today);
        assertTeamRatesMatchFilter(plan.index);
        for (const step of edits) {
          if (step.kind === 'initiativeTeam') plan.updateNode(initiatives[step.initiative]!, { team: teams[step.team]! });
          if (step.kind === 'assignee') plan.updateNode(tasks[step.task]!, { assignee: people[step.person]! });
          if (step.kind === 'doneAt') plan.updateNode(tasks[step.task]!, { doneAt: today - step.daysAgo * DAY });
          if (step.kind === 'reopen') plan.updateNode(tasks[step.task]!, { status: 'in_progress' });
          if (step.kind === 'archive') plan.updateNode(initiatives[step.initiative]!, { archived: true });
          // Written to the doc as a merge can leave it (loops included).
          if (step.kind === 'teamParent') planTypes(plan.doc).teams.get(teams[step.team]!)!.set('parent', step.parent === step.team ? null : teams[step.parent]!);
          plan.index.refresh(today);
          assertTeamRatesMatchFilter(plan.index);
        }
        plan.index.destroy();
      },
    ), { numRuns: 60, seed: 26 });
  });
});
