// Day marks on the first change of each day: a plan left open for days still gets a timeline stop
// for every day it changed, written once, synced, and showing the plan as it stood before that change.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ROOT_ID, formatDate } from '../../../../shared/model/index.js';
import { listDayMarks, markDaysOnFirstChange, openPlanAsOf, closePlanAsOf, recordDayMark } from '../../../../shared/model/history/index.js';
import { historyPlan, replicaOf, syncBoth, T0 } from './history-support.js';

const DAY = 86_400_000;

describe('day marks on the first change of each day', () => {
  it('writes one mark per day on the first local change, holding the plan as it was just before', () => {
    const { doc, ctx, plan } = historyPlan();
    const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
    const stop = markDaysOnFirstChange(doc, (origin) => origin === plan.origin, () => ({ now: ctx.now(), actor: ctx.actor, origin: plan.origin }));
    // Day 1: the first change marks the day; the next ones do not.
    ctx.advance(1);
    plan.setTitle(strategy, 'Grow in Europe');
    plan.setTitle(strategy, 'Grow in the EU');
    expect(listDayMarks(doc).map((mark) => mark.day)).toEqual([formatDate(T0 + DAY)]);
    // Days 2 and 3 without changes: no marks. Day 4: one.
    ctx.advance(3);
    plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Keep customers' });
    const marks = listDayMarks(doc);
    expect(marks.map((mark) => mark.day)).toEqual([formatDate(T0 + DAY), formatDate(T0 + 4 * DAY)]);
    // Each mark is the plan before that day's first change.
    const first = openPlanAsOf(doc, marks[0]!, ctx);
    expect(first.index.title(strategy)).toBe('Grow');
    closePlanAsOf(first);
    const fourth = openPlanAsOf(doc, marks[1]!, ctx);
    expect(fourth.index.title(strategy)).toBe('Grow in the EU');
    expect([...fourth.index.walk()]).toEqual([strategy]);
    closePlanAsOf(fourth);
    stop();
    ctx.advance(1);
    plan.setTitle(strategy, 'After stopping');
    expect(listDayMarks(doc)).toHaveLength(2);
  });

  it('ignores remote changes and transactions that change nothing, and never replaces a mark already there', () => {
    const { doc, ctx, plan } = historyPlan();
    const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
    const other = replicaOf(doc, 'bob', 'b', T0);
    const stop = markDaysOnFirstChange(doc, (origin) => origin === plan.origin, () => ({ now: ctx.now(), actor: ctx.actor, origin: plan.origin }));
    ctx.advance(1);
    other.plan.setTitle(strategy, 'Grow (Bob)');
    syncBoth(doc, other.doc);
    doc.transact(() => {}, plan.origin);
    expect(listDayMarks(doc)).toEqual([]);
    // Bob's device marked today already (synced): this device's first change adds nothing.
    other.ctx.time = ctx.now();
    expect(recordDayMark(other.doc, formatDate(ctx.now()), { now: ctx.now(), actor: 'bob' })).toBe(true);
    syncBoth(doc, other.doc);
    const bobs = listDayMarks(doc)[0]!;
    plan.setTitle(strategy, 'Grow (Alice)');
    expect(listDayMarks(doc)).toEqual([bobs]);
    stop();
  });

  it('syncs: the mark written on one replica is a stop on the other', () => {
    const { doc, ctx, plan } = historyPlan();
    const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
    const other = replicaOf(doc, 'bob', 'b', T0);
    const stop = markDaysOnFirstChange(doc, (origin) => origin === plan.origin, () => ({ now: ctx.now(), actor: ctx.actor, origin: plan.origin }));
    ctx.advance(2);
    plan.setTitle(strategy, 'Grow faster');
    syncBoth(doc, other.doc);
    expect(listDayMarks(other.doc).map((mark) => mark.day)).toEqual([formatDate(T0 + 2 * DAY)]);
    const past = openPlanAsOf(other.doc, listDayMarks(other.doc)[0]!, other.ctx);
    expect(past.index.title(strategy)).toBe('Grow');
    closePlanAsOf(past);
    stop();
  });

  it('does nothing on a document that keeps no history', () => {
    const doc = new Y.Doc();
    let asked = 0;
    const stop = markDaysOnFirstChange(doc, () => true, () => { asked++; return { now: T0, actor: 'alice' }; });
    doc.getMap('meta').set('name', 'x');
    expect(asked).toBe(0);
    expect(listDayMarks(doc)).toEqual([]);
    stop();
  });
});
