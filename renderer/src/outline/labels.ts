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
