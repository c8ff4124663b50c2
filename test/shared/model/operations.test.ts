// Operations: each validation error with its code and message, and a failed operation writes nothing.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { ROOT_ID, linkKey, planTypes, type Plan } from '../../../shared/model/index.js';
import { DAY, T0, newPlan, nodeId, smallCascade } from './support.js';

/** Asserts `run` throws a PlanError with `code` (and a message matching `message`) and leaves the doc untouched. */
function expectRefused(doc: Y.Doc, run: () => unknown, code: string, message?: RegExp): void {
  const before = Y.encodeStateAsUpdate(doc);
  let thrown: unknown;
  try { run(); } catch (error) { thrown = error; }
  expect(thrown).toMatchObject({ name: 'PlanError', code });
  if (message) expect((thrown as Error).message).toMatch(message);
  expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
}

describe('validation errors', () => {
  it('unknown-node: an id that is not in the plan', () => {
    const { doc, plan } = newPlan();
    expectRefused(doc, () => plan.createNode({ kind: 'objective', parent: nodeId('nope'), title: 'x' }), 'unknown-node', /no item "nope"/);
    expectRefused(doc, () => plan.updateNode(nodeId('nope'), { priority: 'high' }), 'unknown-node');
    expectRefused(doc, () => plan.addCheckIn(nodeId('nope'), { value: 1 }), 'unknown-node');
  });

  it('kind-not-allowed: a key result under a strategy', () => {
    const { doc, plan } = newPlan();
    const { strategy } = smallCascade(plan);
    expectRefused(doc, () => plan.createNode({ kind: 'key_result', parent: strategy, title: 'x' }), 'kind-not-allowed', /key result cannot be placed under a strategy/);
  });

  it('field-not-allowed: a field of another kind', () => {
    const { doc, plan } = newPlan();
    const { task } = smallCascade(plan);
    expectRefused(doc, () => plan.updateNode(task, { target: 5 }), 'field-not-allowed', /a task has no field “target value”/);
  });

  it('not-finite: NaN and Infinity in numbers, settings and check-ins', () => {
    const { doc, plan } = newPlan();
    const { keyResult } = smallCascade(plan);
    expectRefused(doc, () => plan.updateNode(keyResult, { target: Number.NaN }), 'not-finite', /the target value must be a finite number, got NaN/);
    expectRefused(doc, () => plan.updateNode(keyResult, { start: Infinity }), 'not-finite');
    expectRefused(doc, () => plan.addCheckIn(keyResult, { value: -Infinity }), 'not-finite', /the check-in's value must be a finite number/);
    expectRefused(doc, () => plan.updateSettings({ cadenceDays: Number.NaN }), 'not-finite');
  });

  it('invalid-date: not a calendar date, or start after due', () => {
    const { doc, plan } = newPlan();
    const { initiative, task } = smallCascade(plan);
    expectRefused(doc, () => plan.updateNode(task, { dueDate: '2027-02-30' }), 'invalid-date', /the due date must be a calendar date/);
    expectRefused(doc, () => plan.updateNode(task, { dueDate: 'tomorrow' }), 'invalid-date');
    expectRefused(doc, () => plan.updateNode(initiative, { startDate: '2027-05-01', dueDate: '2027-04-01' }), 'invalid-date', /after the due date/);
    expectRefused(doc, () => plan.addPeriod({ name: 'Q', start: '2027-04-01', end: '2027-03-01' }), 'invalid-date', /the period's end date 2027-03-01 is before its start date/);
  });

  it('invalid-input: wrong types, enums, ranges and cross-field rules', () => {
    const { doc, plan } = newPlan();
    const { keyResult, task, objective } = smallCascade(plan);
    expectRefused(doc, () => plan.updateNode(task, { status: 'finished' as never }), 'invalid-input', /status of a task must be one of/);
    expectRefused(doc, () => plan.updateNode(objective, { weight: -1 }), 'invalid-input', /weight must be at least 0/);
    expectRefused(doc, () => plan.updateNode(keyResult, { target: -5 }), 'invalid-input', /increasing key result needs target ≥ start/);
    expectRefused(doc, () => plan.addCheckIn(keyResult, { confidence: 11 }), 'invalid-input', /confidence must be between 0 and 10/);
    expectRefused(doc, () => plan.createNode({ kind: 'task', parent: task, title: 'x'.repeat(501) }), 'invalid-input', /title/);
    expectRefused(doc, () => plan.updateSettings({ cadenceDays: 0 }), 'invalid-input', /the setting “check-in cadence \(days\)”/);
  });

  it('unknown-person, unknown-team, unknown-period: references must exist', () => {
    const { doc, plan } = newPlan();
    const { task, objective } = smallCascade(plan);
    expectRefused(doc, () => plan.updateNode(task, { assignee: 'ghost' }), 'unknown-person', /the assignee "ghost" is no person in this plan/);
    expectRefused(doc, () => plan.updateNode(task, { team: 'ghosts' }), 'unknown-team');
    expectRefused(doc, () => plan.updateNode(objective, { period: 'q9' }), 'unknown-period');
  });

  it('invalid-id and duplicate-id: what newId() returns is checked', () => {
    const { doc, plan, ctx } = newPlan();
    const { strategy } = smallCascade(plan);
    ctx.newId = () => 'bad id!';
    expectRefused(doc, () => plan.createNode({ kind: 'objective', parent: strategy, title: 'x' }), 'invalid-id');
    ctx.newId = () => strategy;
    expectRefused(doc, () => plan.createNode({ kind: 'objective', parent: strategy, title: 'x' }), 'duplicate-id');
  });

  it('cycle: a node cannot move under its own descendant', () => {
    const { doc, plan } = newPlan();
    const { objective } = smallCascade(plan);
    const child = plan.createNode({ kind: 'objective', parent: objective, title: 'team objective' });
    expectRefused(doc, () => plan.moveNode(objective, { parent: child }), 'cycle', /is inside/);
    expectRefused(doc, () => plan.moveNode(objective, { parent: objective }), 'cycle');
  });

  it('deleted-node and not-deleted', () => {
    const { doc, plan } = newPlan();
    const { initiative, task } = smallCascade(plan);
    plan.deleteNode(initiative);
    expectRefused(doc, () => plan.updateNode(task, { status: 'done' }), 'deleted-node', /is deleted/);
    expectRefused(doc, () => plan.createNode({ kind: 'task', parent: initiative, title: 'x' }), 'deleted-node');
    expectRefused(doc, () => plan.restoreNode(task), 'not-deleted', /inside a deleted item/);
    plan.restoreNode(initiative);
    expectRefused(doc, () => plan.restoreNode(initiative), 'not-deleted');
    expectRefused(doc, () => plan.purgeNode(initiative), 'not-deleted', /must be deleted before/);
  });

  it('invalid-link: self links, wrong kinds, missing links', () => {
    const { doc, plan } = newPlan();
    const { keyResult, initiative, strategy } = smallCascade(plan);
    expectRefused(doc, () => plan.link(initiative, 'contributes_to', initiative), 'invalid-link');
    expectRefused(doc, () => plan.link(initiative, 'contributes_to', strategy), 'invalid-link', /cannot contribute to a strategy/);
    expectRefused(doc, () => plan.unlink(initiative, 'contributes_to', keyResult), 'invalid-link');
    expectRefused(doc, () => plan.link(initiative, 'blocks' as never, keyResult), 'invalid-input');
  });
});

describe('operations', () => {
  it('creates nodes with only the fields that have values, in one init value', () => {
    const { doc, plan } = newPlan();
    const { task } = smallCascade(plan);
    const node = planTypes(doc).nodes.get(task)!;
    expect([...node.keys()].sort()).toEqual(['description', 'init', 'title']);
    expect(JSON.parse(node.get('init') as string)).toMatchObject({ kind: 'task', status: 'todo', created: { at: T0, by: 'alice' } });
  });

  it('updates and clears fields; task status stamps and clears blockedSince and doneAt', () => {
    const { plan, ctx } = newPlan();
    const { task } = smallCascade(plan);
    ctx.advance(1);
    plan.updateNode(task, { status: 'blocked', blockedReason: 'waiting' });
    plan.index.refresh(ctx.time);
    expect(plan.index.node(task)!.fields).toMatchObject({ status: 'blocked', blockedSince: T0 + DAY, blockedReason: 'waiting' });
    ctx.advance(1);
    plan.updateNode(task, { status: 'done' });
    plan.index.refresh(ctx.time);
    const fields = plan.index.node(task)!.fields;
    expect(fields).toMatchObject({ status: 'done', doneAt: T0 + 2 * DAY });
    expect(fields.blockedSince).toBeUndefined();
    expect(fields.blockedReason).toBeUndefined();
    plan.updateNode(task, { status: null });
    plan.index.refresh(ctx.time);
    expect(plan.index.node(task)!.fields.status).toBeUndefined();
    expect(plan.index.node(task)!.updated).toEqual({ at: T0 + 2 * DAY, by: 'alice' });
  });

  it('moves and reorders with fractional keys', () => {
    const { plan } = newPlan();
    const { initiative, task } = smallCascade(plan);
    const second = plan.createNode({ kind: 'task', parent: initiative, title: 'second' });
    const first = plan.createNode({ kind: 'task', parent: initiative, title: 'first', index: 0 });
    plan.index.refresh(plan.index.now);
    expect(plan.index.children(initiative)).toEqual([first, task, second]);
    plan.moveNode(second, { parent: initiative, index: 1 });
    plan.index.refresh(plan.index.now);
    expect(plan.index.children(initiative)).toEqual([first, second, task]);
    plan.moveNode(task, { parent: first });
    plan.index.refresh(plan.index.now);
    expect(plan.index.children(initiative)).toEqual([first, second]);
    expect(plan.index.pathToRoot(task).map((id) => plan.index.title(id))).toEqual(['Ads', 'first', 'Campaign', 'Revenue', 'Win EU', 'Grow']);
  });

  it('soft delete hides the subtree, restore brings it back, purge removes maps and links but keeps check-ins', () => {
    const { doc, plan } = newPlan();
    const { keyResult, initiative, task } = smallCascade(plan);
    plan.link(initiative, 'contributes_to', keyResult);
    plan.addCheckIn(task, { note: 'started' });
    plan.deleteNode(initiative);
    plan.index.refresh(plan.index.now);
    expect(plan.index.node(initiative)).toBeUndefined();
    expect(plan.index.node(task)).toBeUndefined();
    expect(plan.index.deletedNodes().map((entry) => entry.id)).toEqual([initiative]);
    plan.restoreNode(initiative);
    plan.index.refresh(plan.index.now);
    expect(plan.index.children(keyResult)).toEqual([initiative]);
    expect(plan.index.children(initiative)).toEqual([task]);
    plan.deleteNode(initiative);
    plan.purgeNode(initiative);
    plan.index.refresh(plan.index.now);
    const types = planTypes(doc);
    expect(types.nodes.has(initiative)).toBe(false);
    expect(types.nodes.has(task)).toBe(false);
    expect(types.links.has(linkKey(initiative, 'contributes_to', keyResult))).toBe(false);
    expect(types.checkins.length).toBe(1);
    expect(plan.index.summary().liveNodes).toBe(3);
  });

  it('collaborative text: setTitle edits only the changed middle', () => {
    const { plan } = newPlan();
    const { task } = smallCascade(plan);
    const text = plan.titleText(task);
    plan.setTitle(task, 'Run ads');
    expect(text.toString()).toBe('Run ads');
    expect(plan.index.title(task)).toBe('Run ads');
    plan.setDescription(task, 'Paid social, two channels');
    expect(plan.descriptionText(task).toString()).toBe('Paid social, two channels');
  });

  it('links are keyed deterministically, so the same link twice is one link', () => {
    const { plan } = newPlan();
    const { objective, initiative } = smallCascade(plan);
    const other = plan.createNode({ kind: 'key_result', parent: objective, title: 'NPS' });
    plan.link(initiative, 'contributes_to', other);
    plan.link(initiative, 'contributes_to', other);
    plan.index.refresh(plan.index.now);
    expect(plan.index.linksFrom(initiative)).toHaveLength(1);
    plan.unlink(initiative, 'contributes_to', other);
    plan.index.refresh(plan.index.now);
    expect(plan.index.links()).toHaveLength(0);
  });

  it('people, teams and periods', () => {
    const { doc, plan } = newPlan();
    const team = plan.addTeam({ name: 'Growth' });
    const sub = plan.addTeam({ name: 'Sales', parent: team });
    expectRefused(doc, () => plan.updateTeam(team, { parent: sub }), 'cycle');
    const person = plan.addPerson({ name: 'Ana', email: 'ana@example.com', team: sub });
    plan.updatePerson(person, { role: 'AE' });
    expectRefused(doc, () => plan.addPerson({ name: 'Bo', email: 'not an email' }), 'invalid-input', /the person's e-mail address must be an e-mail address/);
    const period = plan.addPeriod({ name: 'Q1', start: '2027-01-01', end: '2027-03-31' });
    plan.index.refresh(plan.index.now);
    expect(plan.index.people()).toEqual([{ id: person, name: 'Ana', email: 'ana@example.com', team: sub, role: 'AE' }]);
    expect(plan.index.teams().find((entry) => entry.id === sub)?.parent).toBe(team);
    expect(plan.index.periods()[0]).toMatchObject({ id: period, startMs: Date.UTC(2027, 0, 1), endMs: Date.UTC(2027, 3, 1) });
    plan.removePerson(person);
    plan.index.refresh(plan.index.now);
    expect(plan.index.people()).toEqual([]);
  });

  it('every write carries the local origin', () => {
    const { doc, plan } = newPlan();
    const origins = new Set<unknown>();
    doc.on('afterTransaction', (transaction: Y.Transaction) => origins.add(transaction.origin));
    smallCascade(plan);
    expect([...origins]).toEqual([plan.origin]);
  });

  it('renames the plan', () => {
    const { plan }: { plan: Plan } = newPlan();
    plan.renamePlan('Acme 2027');
    plan.index.refresh(plan.index.now);
    expect(plan.index.summary().name).toBe('Acme 2027');
    expect(() => plan.renamePlan('  ')).toThrowError(expect.objectContaining({ code: 'invalid-input' }));
    expect(plan.index.children(ROOT_ID)).toEqual([]);
  });
});

describe('changing a node\'s kind', () => {
  it('follows the cascade: allowed under its parent and over its children; fields the kind lacks are cleared', () => {
    const { plan, doc } = newPlan();
    const { objective, keyResult, initiative } = smallCascade(plan);
    const kpi = plan.createNode({ kind: 'key_result', parent: objective, title: 'Churn', start: 10, target: 5, direction: 'decrease' });
    plan.changeKind(kpi, 'kpi');
    plan.index.refresh(plan.index.now);
    expect(plan.index.node(kpi)).toMatchObject({ kind: 'kpi' });
    expect(plan.index.node(kpi)!.fields.target).toBeUndefined();
    const before = Y.encodeStateAsUpdate(doc);
    expect(() => plan.changeKind(initiative, 'task')).toThrow(expect.objectContaining({ code: 'kind-not-allowed' }));
    expect(() => plan.changeKind(keyResult, 'task')).toThrow(/cannot be placed under/);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });
});

describe('moving a node into a new kind', () => {
  it('checks the new kind under the new parent and the children under the new kind, then writes both at once', () => {
    const { plan, doc } = newPlan();
    const { strategy, objective, keyResult } = smallCascade(plan);
    const line = plan.createNode({ kind: 'objective', parent: strategy, title: 'Win Iberia', weight: 2 });
    const elsewhere = plan.createNode({ kind: 'initiative', parent: objective, title: 'Elsewhere' });
    plan.index.refresh(plan.index.now);
    const before = Y.encodeStateAsUpdate(doc);
    // A task cannot sit under an objective; a key result's children (initiatives) cannot sit under a task.
    expect(() => plan.moveNode(line, { parent: objective, kind: 'task' })).toThrow(expect.objectContaining({ code: 'kind-not-allowed' }));
    expect(() => plan.moveNode(keyResult, { parent: elsewhere, kind: 'task' })).toThrow(expect.objectContaining({ code: 'kind-not-allowed' }));
    expect(() => plan.moveNode(line, { parent: objective, kind: 'banana' as never })).toThrow(expect.objectContaining({ code: 'invalid-input' }));
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    plan.moveNode(line, { parent: objective, index: 0, kind: 'initiative' });
    plan.index.refresh(plan.index.now);
    expect(plan.index.node(line)).toMatchObject({ kind: 'initiative', parent: objective, title: 'Win Iberia' });
    expect(plan.index.node(line)!.fields.weight).toBeUndefined();
    expect(plan.index.children(objective)[0]).toBe(line);
  });
});
