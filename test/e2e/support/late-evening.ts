// A clock for two people in different zones: at 23:30 UTC it is already the next day in Berlin and
// still the same day in New York, so a date shown in the viewer's zone instead of the plan's differs.

const DAY = 86_400_000;

/** The next 23:30 UTC from now: the next day in Berlin (00:30 or 01:30), the same day in New York and UTC. */
export function lateEvening(): Date {
  const now = Date.now();
  const today = Math.floor(now / DAY) * DAY + 23.5 * 3_600_000;
  return new Date(today > now ? today : today + DAY);
}

/** `at`'s day in `timeZone` as the app writes a day in en-US ("Dec 5, 2026"). */
export const dayIn = (at: Date, timeZone: string): string => new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone }).format(at);
