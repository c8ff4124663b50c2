/**
 * Random plans for the export → import round trips (CSV and XLSX): every kind, the fields each has,
 * text that looks like formulas, people, teams, periods, check-ins with confidences, and fields in
 * conflict after two people's concurrent edits.
 */
import fc from 'fast-check';
import * as Y from 'yjs';
import { openPlan, ROOT_ID, type NodeKind, type Plan } from '../../../../shared/model/index.js';
import { DAY, T0, TestContext } from '../../model/support.js';
import { outlineLines } from './plan-outline.js';

export const people = [{ name: 'Ana Lima', email: 'ana@example.com' }, { name: 'Bo Berg', email: null }, { name: 'Chen Wu', email: 'chen.wu@example.com' }];
export const teamNames = ['Growth', 'Platform; EU', 'Sales "North"'];
export const text = fc.string({ minLength: 1, maxLength: 30 }).map((value) => [...value].map((char) => (char.charCodeAt(0) < 32 || char.charCodeAt(0) === 127 ? ' ' : char)).join('').trim()).filter((value) => value !== '' && !/^(grand\s+)?(total|totals|sum|summe|gesamt|subtotal|sub-total|average|avg|mean)\s*:?$/i.test(value));
export const tricky = fc.oneof(text, fc.constantFrom('=HYPERLINK("http://evil.example","x")', '+1 more', '-5 churn', '@here', "'=quoted", 'a, "b"; c', 'Café Ünïcode 🚀'));
export const amount = fc.oneof(fc.integer({ min: -1000, max: 1_000_000 }), fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }).map((value) => Math.round(value * 100) / 100));

export interface GenNode { kind: NodeKind; title: string; description: string; owner: number | null; team: number | null; quarter: number | null; start: number; target: number; current: number | null; decreasing: boolean; status: number; due: string | null; priority: number | null; extras: GenExtras; children: GenNode[] }

/** The fields only some kinds have (a range, an assignee, a blocked reason, effort, impact, manual progress, a horizon). */
export interface GenExtras { range: [number, number] | null; inRange: boolean; assignee: number | null; reason: string; effort: number | null; impact: number | null; progress: number | null; horizon: string }
export const extrasArb: fc.Arbitrary<GenExtras> = fc.record({
  range: fc.option(fc.tuple(amount, amount).map(([a, b]): [number, number] => (a <= b ? [a, b] : [b, a]))), inRange: fc.boolean(),
  assignee: fc.option(fc.nat({ max: 2 })), reason: fc.oneof(fc.constant(''), tricky, fc.constant('Waiting on legal,\nthen "finance"')),
  effort: fc.option(fc.oneof(fc.nat({ max: 400 }), fc.constant(2.5))), impact: fc.option(fc.nat({ max: 2 })),
  progress: fc.option(fc.nat({ max: 100 }).map((percent) => percent / 100)), horizon: fc.oneof(fc.constant(''), fc.constant('2027–2029'), tricky),
});

export const CHILD_KIND: Partial<Record<NodeKind, NodeKind[]>> = { strategy: ['objective'], objective: ['objective', 'key_result'], key_result: ['initiative', 'kpi'], kpi: ['initiative'], initiative: ['task'], task: ['task'] };

export function nodeArb(kind: NodeKind, depth: number): fc.Arbitrary<GenNode> {
  const kinds = CHILD_KIND[kind] ?? [];
  // Deep enough for tasks (strategy → objective → key result → initiative → task), narrower below.
  const children: fc.Arbitrary<GenNode[]> = depth >= 4 || kinds.length === 0 ? fc.constant<GenNode[]>([]) : fc.array(fc.constantFrom(...kinds).chain((child) => nodeArb(child, depth + 1)), { maxLength: depth >= 2 ? 2 : 3 });
  return fc.record({
    kind: fc.constant(kind), title: tricky, description: fc.oneof(fc.constant(''), tricky), owner: fc.option(fc.nat({ max: 2 })), team: fc.option(fc.nat({ max: 2 })),
    quarter: fc.option(fc.integer({ min: 1, max: 6 })), start: amount, target: amount, current: fc.option(amount), decreasing: fc.boolean(),
    status: fc.nat({ max: 4 }), due: fc.option(fc.date({ min: new Date('2024-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10))),
    priority: fc.option(fc.nat({ max: 3 })), extras: extrasArb, children,
  });
}

export function buildPlan(plan: Plan, roots: GenNode[]): void {
  const personIds = people.map((person) => plan.addPerson(person));
  const teamIds = teamNames.map((name) => plan.addTeam({ name }));
  const periodIds = [1, 2, 3, 4].map((q) => plan.addPeriod({ name: q % 2 === 1 ? `Q${q} 2026` : `2026-Q${q}`, start: `2026-${String(q * 3 - 2).padStart(2, '0')}-01`, end: new Date(Date.UTC(2026, q * 3, 0)).toISOString().slice(0, 10) }));
  // A custom name, and a fiscal "Q1 2026" beside the calendar one: only their dates tell them apart.
  periodIds.push(plan.addPeriod({ name: 'Spring push', start: '2026-03-01', end: '2026-05-31' }), plan.addPeriod({ name: 'Q1 2026', start: '2025-11-01', end: '2026-01-31' }));
  const create = (node: GenNode, parent: string) => {
    const base = { kind: node.kind, parent, title: node.title, description: node.description, owner: node.owner === null ? undefined : personIds[node.owner], team: node.team === null ? undefined : teamIds[node.team], priority: node.priority === null ? undefined : (['critical', 'high', 'medium', 'low'] as const)[node.priority] };
    const extra: Record<string, unknown> = {};
    if ((node.kind === 'objective' || node.kind === 'key_result') && node.quarter !== null) extra.period = periodIds[node.quarter - 1];
    if (node.kind === 'key_result') Object.assign(extra, { start: node.start, target: node.target === node.start ? node.start + 1 : node.target, direction: node.start > node.target ? 'decrease' : 'increase', unit: node.title.slice(0, 5).trim() || undefined });
    if (node.kind === 'kpi') extra.direction = node.decreasing ? 'decrease' : 'increase';
    if (node.kind === 'initiative') Object.assign(extra, { status: (['proposed', 'active', 'paused', 'done', 'cancelled'] as const)[node.status], dueDate: node.due ?? undefined });
    if (node.kind === 'task') Object.assign(extra, { status: (['todo', 'in_progress', 'blocked', 'done', 'dropped'] as const)[node.status], dueDate: node.due ?? undefined });
    Object.assign(extra, extraFields(node, personIds));
    const id = plan.createNode({ ...base, ...extra } as Parameters<Plan['createNode']>[0]);
    // A confidence (0–10) with the value, on some: the CSV's Confidence column carries the latest (review37a F14).
    if ((node.kind === 'key_result' || node.kind === 'kpi') && node.current !== null) plan.addCheckIn(id, { value: node.current, confidence: node.current % 3 === 0 ? null : Math.abs(Math.round(node.current)) % 11, at: T0 });
    for (const child of node.children) create(child, id);
  };
  for (const root of roots) create(root, ROOT_ID);
}

export function extraFields(node: GenNode, personIds: string[]): Record<string, unknown> {
  const { range, inRange, assignee, reason, effort, impact, progress, horizon } = node.extras;
  const extra: Record<string, unknown> = {};
  if (node.kind === 'key_result' && range) Object.assign(extra, { rangeLow: range[0], rangeHigh: range[1] }, inRange ? { direction: 'range' } : {});
  if (node.kind === 'kpi' && range) Object.assign(extra, { healthyLow: range[0], healthyHigh: range[1] });
  if (node.kind === 'task') Object.assign(extra, { assignee: assignee === null ? undefined : personIds[assignee], blockedReason: node.status === 2 && reason ? reason : undefined });
  if (node.kind === 'initiative') Object.assign(extra, { effort: effort ?? undefined, impact: impact === null ? undefined : (['low', 'medium', 'high'] as const)[impact], manualProgress: progress ?? undefined });
  if (node.kind === 'strategy' && horizon) extra.horizon = horizon;
  return extra;
}

/** The outline without check-ins (compared as current values). The stamps (blockedSince, doneAt) are compared: the CSV carries them. */
export function comparable(plan: Plan): string[] {
  // A task's assignee by name: the two plans' person ids differ (outlineLines names only owners).
  const lines = outlineLines(plan, T0);
  const names = new Map<string, string>(plan.index.people().map((person) => [person.id, person.name]));
  return lines.map((line) => line.replace(/ \| check-in[^|]*/g, '').replace(/ \| assignee (\S+)/, (_, id: string) => ` | assignee ${names.get(id) ?? id}`));
}

/**
 * The source's outline as an import of its CSV gives it: a range or healthy range that two merged edits
 * crossed is left out (the model creates no crossed range; the row says so).
 */
export function expectedAfterImport(plan: Plan): string[] {
  return comparable(plan).map((line) => {
    for (const [low, high] of [['rangeLow', 'rangeHigh'], ['healthyLow', 'healthyHigh']]) {
      const lowValue = new RegExp(` \\| ${low} (\\S+)`).exec(line)?.[1], highValue = new RegExp(` \\| ${high} (\\S+)`).exec(line)?.[1];
      if (lowValue !== undefined && highValue !== undefined && Number(lowValue) > Number(highValue)) line = line.replace(new RegExp(` \\| (${low}|${high}) \\S+`, 'g'), '');
    }
    return line;
  });
}

/**
 * Two people's concurrent edits, each valid alone, on a second replica: every chosen range and healthy
 * range crossed (one sets its low to its high, the other its high to its low), and every objective's
 * weight set to 2 and 3 (a field in conflict, which the CSV's Conflicts column names).
 */
export function concurrentEdits(plan: Plan, doc: Y.Doc, cross: boolean): void {
  const doc2 = new Y.Doc();
  Y.applyUpdate(doc2, Y.encodeStateAsUpdate(doc));
  const bob = openPlan(doc2, new TestContext(T0 - 5 * DAY, 'bob', 'b'));
  plan.index.refresh(T0);
  for (const id of [...plan.index.walk()]) {
    const node = plan.index.node(id)!;
    const { rangeLow, rangeHigh, healthyLow, healthyHigh } = node.fields;
    if (cross && node.kind === 'key_result' && rangeLow !== undefined && rangeHigh !== undefined && rangeLow < rangeHigh) { plan.updateNode(id, { rangeLow: rangeHigh }); bob.updateNode(id, { rangeHigh: rangeLow }); }
    if (cross && node.kind === 'kpi' && healthyLow !== undefined && healthyHigh !== undefined && healthyLow < healthyHigh) { plan.updateNode(id, { healthyLow: healthyHigh }); bob.updateNode(id, { healthyHigh: healthyLow }); }
    if (node.kind === 'objective') { plan.updateNode(id, { weight: 2 }); bob.updateNode(id, { weight: 3 }); }
  }
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(doc2));
  bob.index.destroy();
}

