import type { Health, NodeKind } from '../../../shared/model/index.js';

export const kindShort: Readonly<Record<NodeKind, string>> = {
  strategy: 'STR', objective: 'OBJ', key_result: 'KR', kpi: 'KPI', initiative: 'INI', task: 'TSK',
};

export const healthLabel: Readonly<Record<Health, string>> = {
  on_track: 'On track', at_risk: 'At risk', off_track: 'Off track',
};

/** 0.4567 → "46%". */
export function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

/** A relative day count in words: "today", "3 days ago", "in 2 days". */
export function daysFrom(at: number, now: number): string {
  const days = Math.round((now - at) / 86_400_000);
  if (days === 0) return 'today';
  if (days > 0) return days === 1 ? 'yesterday' : `${days} days ago`;
  return days === -1 ? 'tomorrow' : `in ${-days} days`;
}

/** A count with its noun, singular or plural: "1 day", "3 days", "2 strategies". */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? noun : nouns}`;
}

const dayFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const dayTimeFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** A date in the user's locale, one format everywhere in the app ("Feb 15, 2027" / "15 Feb 2027"). */
export function formatDay(at: number): string {
  return dayFormat.format(at);
}

/** A date and time in the user's locale (check-ins, deletions). */
export function formatDayTime(at: number): string {
  return dayTimeFormat.format(at);
}

/** A value with its unit, always together ("8.62 M€", "42 %", "1,200"). */
export function withUnit(value: number, unit: string | undefined): string {
  const shown = value.toLocaleString(undefined, { maximumFractionDigits: 2 });
  return unit ? `${shown} ${unit}` : shown;
}
