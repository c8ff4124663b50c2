// The review timeline's stops: a day mark names a day of the plan's zone and reads like every other
// date beside the plan's figures ("Dec 5, 2026" in the person's locale), never "2026-12-05", and never
// moved a day by the zone the viewer's clock is in.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { dayIn } from '../../../shared/model/zone.js';
import { createReviewPoint, listDayMarks, listReviewPoints, recordDayMark } from '../../../shared/model/history/index.js';
import { timelineMoments } from '../../../renderer/src/review/review-store.js';

// 23:30 UTC on 4 December 2026: already 5 December in Berlin and Auckland, still the 4th in New York.
const AT = Date.UTC(2026, 11, 4, 23, 30);
const localeDay = (date: string) => new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(Date.parse(`${date}T00:00:00Z`));

describe('the review timeline', () => {
  it('labels each day mark with its plan-zone day in the locale format, beside review points by name', () => {
    for (const [zone, day] of [['Europe/Berlin', '2026-12-05'], ['America/New_York', '2026-12-04'], ['Pacific/Auckland', '2026-12-05'], ['UTC', '2026-12-04']] as const) {
      const doc = new Y.Doc({ gc: false });
      expect(dayIn(AT, zone)).toBe(day);
      recordDayMark(doc, dayIn(AT, zone), { now: AT, actor: 'ada' });
      createReviewPoint(doc, { id: 'offsite', name: 'Offsite' }, { now: AT + 60_000, actor: 'ada' });
      const moments = timelineMoments({ points: listReviewPoints(doc), dayMarks: listDayMarks(doc) });
      expect(moments.map((moment) => moment.label)).toEqual([localeDay(day), 'Offsite']);
      // The key still names the stored day: the stepper finds the moment shown by it.
      expect(moments[0]!.key).toBe(`day:${day}`);
      expect(moments[0]!.label).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(moments[0]!.label).toContain(day.endsWith('05') ? '5' : '4');
    }
  });
});
