// review40c F1: viewerTimeZone() built a new Intl.DateTimeFormat per call, once per check-in row; 2,000 rows froze
// the page for 11.7 s. The zone is now read once: the test counts the formatters the real module builds.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forgetViewerTimeZone, formatPlanDayTime, viewerTimeZone } from '../../../renderer/src/outline/labels.js';

const Original = Intl.DateTimeFormat;
let built = 0;

beforeEach(() => {
  built = 0;
  // Counts constructions of the runtime's own formatter (not a part of ours), then builds the real one.
  const Counting = function (this: unknown, ...args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
    built++;
    return new Original(...args);
  } as unknown as typeof Intl.DateTimeFormat;
  Object.assign(Counting, { supportedLocalesOf: Original.supportedLocalesOf.bind(Original) });
  Intl.DateTimeFormat = Counting;
  forgetViewerTimeZone();
});

afterEach(() => { Intl.DateTimeFormat = Original; });

describe('the viewer zone and the plan-zone formatters', () => {
  it('2,000 history rows in one plan zone build a formatter once, not once per row', () => {
    const start = Date.UTC(2026, 0, 1);
    const texts = Array.from({ length: 2_000 }, (_, i) => formatPlanDayTime(start + i * 3_600_000, 'Pacific/Auckland'));
    // Old code: 2,001 (one per row to read the viewer's zone, plus the plan zone's formatter).
    expect(built).toBeLessThanOrEqual(2);
    expect(texts[0]).toBe(new Original(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Pacific/Auckland',
      ...('Pacific/Auckland' === new Original().resolvedOptions().timeZone ? {} : { timeZoneName: 'short' }) }).format(start));
  });

  it('the zone is read again once forgotten (a clock moved, a language changed)', () => {
    const zone = viewerTimeZone();
    viewerTimeZone();
    expect(built).toBe(1);
    forgetViewerTimeZone();
    expect(viewerTimeZone()).toBe(zone);
    expect(built).toBe(2);
  });
});
