/**
 * What leaving a date field (`<input type="date">`) does with what was typed in it (review40b F2).
 *
 * A browser's date field shows three parts (month, day, year) but reports only a whole, real date as
 * its value: while a part is missing, or when the parts make no date (February 30), its value is ''
 * exactly as when the person cleared the field, and only `validity.badInput` tells the two apart.
 * Saved as it reads, "02/30/2027" cleared a due date on every device, and its OVERDUE signal with it.
 * So a date field is read with its `badInput`: a date that is not one is refused, named, and the stored
 * date stays; an emptied field (every part cleared) clears the date, as the person asked.
 */

/**
 * The refusal of a date field's content that is not a date: `label` names the field; `stored` is the
 * date the field holds ('' for none), kept, or null for a field of a form that adds something.
 */
export function notADateProblem(label: string, stored: string | null): string {
  const what = `${label}: that is not a date (a part is missing, or the month has no such day, as February 30).`;
  if (stored === null) return `${what} Nothing was added.`;
  const kept = stored === '' ? 'Nothing was saved.' : `Nothing was saved: it is still ${stored}.`;
  return `${what} ${kept} To remove the date, clear all three parts.`;
}
