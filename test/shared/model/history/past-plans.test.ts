// The last few past plans stay open: showing a moment again reuses its plan; the oldest is closed.
import { describe, expect, it } from 'vitest';
import { ROOT_ID } from '../../../../shared/model/index.js';
import { PastPlans, listDayMarks, recordDayMark } from '../../../../shared/model/history/index.js';
import { historyPlan, reviewPoint } from './history-support.js';

describe('past plans kept open', () => {
  it('reuses the plan of a moment shown before, keeps at most `capacity`, and closes what it drops', () => {
    const { doc, ctx, plan } = historyPlan();
    const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
    const moments = ['one', 'two', 'three'].map((name, i) => {
      plan.setTitle(strategy, `Grow ${name}`);
      ctx.advance(1);
      const point = reviewPoint(doc, ctx, `p${i}`, name);
      return { key: `point:${point.id}`, at: point.at, snapshot: point.snapshot! };
    });
    const kept = new PastPlans(doc, ctx, 2);
    const first = kept.open(moments[0]!);
    expect(first.index.title(strategy)).toBe('Grow one');
    expect(kept.open(moments[0]!)).toBe(first);
    const second = kept.open(moments[1]!);
    expect(second.index.title(strategy)).toBe('Grow two');
    let closed = false;
    first.doc.on('destroy', () => { closed = true; });
    // A third moment: the least recently shown (the first) is closed.
    expect(kept.open(moments[2]!).index.title(strategy)).toBe('Grow three');
    expect(kept.size).toBe(2);
    expect(closed).toBe(true);
    // Shown again, it is opened afresh and shows the same past.
    const again = kept.open(moments[0]!);
    expect(again).not.toBe(first);
    expect(again.index.title(strategy)).toBe('Grow one');
    kept.clear();
    expect(kept.size).toBe(0);
  });

  it('a day mark rewritten with other bytes under the same key is opened again', () => {
    const { doc, ctx, plan } = historyPlan();
    const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
    recordDayMark(doc, '2027-01-04', { now: ctx.now(), actor: 'alice' });
    const mark = listDayMarks(doc)[0]!;
    const kept = new PastPlans(doc, ctx);
    const before = kept.open({ key: 'day:2027-01-04', at: mark.at, snapshot: mark.snapshot });
    plan.setTitle(strategy, 'Grow more');
    const later = reviewPoint(doc, ctx, 'later');
    const replaced = kept.open({ key: 'day:2027-01-04', at: later.at, snapshot: later.snapshot! });
    expect(replaced).not.toBe(before);
    expect(replaced.index.title(strategy)).toBe('Grow more');
    expect(kept.size).toBe(1);
    expect(() => new PastPlans(doc, ctx, 0)).toThrow(RangeError);
  });
});
