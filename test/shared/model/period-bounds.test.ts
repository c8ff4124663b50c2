// review45a F7: a period 0001-01-01 … 9999-12-31 was taken without a word, and pace was judged against ten
// thousand years (a key result behind read "on track"). Now an end before the start is refused; implausible
// dates are taken and said, and no pace is judged in them (the items say why). A period ending the day it
// starts is one whole day (the end day is included): taken and paced like any other (coord45: fix45b had
// refused it, breaking one-day periods other properties rely on).
// review45a F8: a warning's figure is written with the screen's number formatting, as the history beside it.
import * as Y from 'yjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROOT_ID, metricValueWarning, openPlan, periodDatesProblem, periodDatesWarning, type Plan } from '../../../shared/model/index.js';
import { T0, TestContext, newPlan, syncDocs } from './support.js';

function krIn(plan: Plan, period: string) {
  const objective = plan.createNode({ kind: 'objective', parent: plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' }), title: 'Win DACH', period });
  const kr = plan.createNode({ kind: 'key_result', parent: objective, title: 'Revenue', start: 0, target: 100 });
  return { objective, kr };
}

describe('a period\'s dates (review45a F7)', () => {
  it('refuses an end before the start, in adding and in changing, naming the dates; a one-day period is taken', () => {
    const { plan } = newPlan();
    expect(() => plan.addPeriod({ name: 'Backwards', start: '2027-03-02', end: '2027-03-01' })).toThrow(/end date 2027-03-01 is before its start date 2027-03-02/);
    const id = plan.addPeriod({ name: 'Q1', start: '2027-01-01', end: '2027-03-31' });
    expect(() => plan.updatePeriod(id, { start: '2027-04-01' })).toThrow(/is before its start date/);
    const launch = plan.addPeriod({ name: 'Launch day', start: '2027-03-01', end: '2027-03-01' });
    plan.index.refresh(T0);
    expect(plan.index.periods().map((period) => [period.start, period.end, period.crossed])).toEqual([['2027-01-01', '2027-03-31', false], ['2027-03-01', '2027-03-01', false]]);
    const day = plan.index.periods().find((period) => period.id === launch)!;
    expect(day.endMs! - day.startMs!).toBe(24 * 3_600_000);
  });

  it('takes 0001-01-01 … 9999-12-31 with a warning, judges no pace in it and says why instead of "on track"', () => {
    const { plan } = newPlan();
    const period = plan.addPeriod({ name: 'Forever', start: '0001-01-01', end: '9999-12-31' });
    const { objective, kr } = krIn(plan, period);
    plan.index.refresh(T0);
    expect(periodDatesWarning('0001-01-01', '9999-12-31')).toMatch(/^The period starts 0001-01-01, before 1970-01-01/);
    for (const id of [kr, objective]) {
      const node = plan.index.node(id)!;
      expect(node.signals.map((signal) => signal.kind)).not.toContain('pace');
      expect(node.health).not.toBe('on_track');
      expect(node.signals.find((signal) => signal.kind === 'crossed_bounds')?.message)
        .toBe("The period “\u2068Forever\u2069” runs from 0001-01-01 to 9999-12-31, starting before 1970-01-01, so no pace can be judged: set the period's dates again");
    }
  });

  it('warns about a period longer than five years, not about a five-year one', () => {
    expect(periodDatesWarning('2026-01-01', '2030-12-31')).toBeNull();
    expect(periodDatesWarning('2026-01-01', '2031-01-01')).toMatch(/more than 5 years/);
    expect(periodDatesWarning('2199-01-01', '2201-01-01')).toMatch(/after 2200-12-31/);
  });

  it('a start moved past the end by one person while another moves the end back, merged: shown, flagged, and judges no pace', () => {
    const docs = [new Y.Doc(), new Y.Doc()] as const;
    const ada = openPlan(docs[0], new TestContext(T0, 'ada', 'a'));
    const period = ada.addPeriod({ name: '2027-Q1', start: '2027-01-01', end: '2027-03-31' });
    const { kr } = krIn(ada, period);
    syncDocs(docs[0], docs[1]);
    const ben = openPlan(docs[1], new TestContext(T0, 'ben', 'b'));
    ada.updatePeriod(period, { start: '2027-03-01' });
    ben.updatePeriod(period, { end: '2027-02-28' });
    syncDocs(docs[0], docs[1]);
    syncDocs(docs[1], docs[0]);
    for (const plan of [ada, ben]) {
      plan.index.refresh(T0);
      expect(plan.index.periods().map((listed) => [listed.start, listed.end, listed.crossed])).toEqual([['2027-03-01', '2027-02-28', true]]);
      expect(plan.index.node(kr)!.signals.map((signal) => signal.kind)).not.toContain('pace');
      expect(plan.index.node(kr)!.signals.find((signal) => signal.kind === 'crossed_bounds')?.message)
        .toBe("The period “\u20682027-Q1\u2069” runs backwards (it starts 2027-03-01, after its end 2027-02-28), so no pace can be judged: set the period's dates again");
    }
  });

  it('property: any two calendar days are refused, warned about, or paceable — never two at once', () => {
    const day = fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));
    fc.assert(fc.property(day, day, (start, end) => {
      const problem = periodDatesProblem(start, end), warning = periodDatesWarning(start, end);
      expect(problem !== null && warning !== null).toBe(false);
      expect(problem !== null).toBe(end < start);
      const { plan } = newPlan();
      if (problem) expect(() => plan.addPeriod({ name: 'P', start, end })).toThrow();
      else expect(plan.addPeriod({ name: 'P', start, end })).toBeTypeOf('string');
    }), { numRuns: 200 });
  });
});

describe('a warning\'s figure (review45a F8)', () => {
  it('is written with the number formatting it is given, as the check-in history writes it', () => {
    const deDE = (value: number) => value.toLocaleString('de-DE', { maximumFractionDigits: 20 });
    expect(metricValueWarning(12000, 'NPS', deDE)).toBe('12.000 NPS is impossible for a Net Promoter Score, which lies between −100 and 100: set it again.');
    expect(metricValueWarning(12000.5, '%', deDE)).toMatch(/^12\.000,5 % is above 100 %/);
    expect(metricValueWarning(12000, 'NPS')).toMatch(/^12000 NPS/);
  });
});
