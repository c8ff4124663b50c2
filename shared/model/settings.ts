/**
 * Plan settings: thresholds and windows of roll-ups and signals, stored as separate keys of the
 * `meta` map (so two people changing different settings never overwrite each other).
 */
import { z } from 'zod';

export const DEFAULT_SETTINGS = {
  /** Days without a check-in after which an active key result, KPI or initiative is stale. */
  cadenceDays: 7,
  /** Pace gap below −paceAtRisk is at risk; below −paceOffTrack off track. */
  paceAtRisk: 0.1,
  paceOffTrack: 0.25,
  /** A fall of this many confidence points between consecutive check-ins is a confidence drop. */
  confidenceDrop: 3,
  /** Slowdown: completions per week in the recent window against the window before it. */
  slowdownRecentDays: 14,
  slowdownBaselineDays: 42,
  /** Recent rate below this share of the baseline rate is a slowdown. */
  slowdownRatio: 0.5,
  /** Baseline rate (tasks per week) below which no slowdown is reported (too little history). */
  slowdownMinPerWeek: 0.5,
  /** Effort without impact: done tasks of an initiative in the window vs its key results' movement. */
  effortWindowDays: 28,
  effortMinDoneTasks: 5,
  effortMinProgressMove: 0.02,
  /** Weight of an objective or key result that has none. */
  defaultWeight: 1,
};

export type PlanSettings = typeof DEFAULT_SETTINGS;
export type SettingName = keyof PlanSettings;

/** Each setting in words, for a message a person reads (never the code name `cadenceDays`). */
export const SETTING_WORDS: Readonly<Record<SettingName, string>> = {
  cadenceDays: 'check-in cadence (days)', paceAtRisk: 'pace gap at risk', paceOffTrack: 'pace gap off track',
  confidenceDrop: 'confidence drop', slowdownRecentDays: 'slowdown recent window (days)', slowdownBaselineDays: 'slowdown baseline window (days)',
  slowdownRatio: 'slowdown ratio', slowdownMinPerWeek: 'slowdown minimum per week', effortWindowDays: 'effort window (days)',
  effortMinDoneTasks: 'effort minimum done tasks', effortMinProgressMove: 'effort minimum progress move', defaultWeight: 'default weight',
};
export const SETTING_NAMES = Object.keys(DEFAULT_SETTINGS) as SettingName[];

// Built on first use (z.lazy), like every schema: not while the app starts.
const nonNegative = () => z.number().finite().min(0);
const positive = () => z.number().finite().gt(0);

/** Bounds of every setting; a value outside them is refused by updateSettings and ignored on read. */
export const settingSchemas: Record<SettingName, z.ZodType<number>> = {
  cadenceDays: z.lazy(positive),
  paceAtRisk: z.lazy(() => nonNegative().max(1)),
  paceOffTrack: z.lazy(() => nonNegative().max(1)),
  confidenceDrop: z.lazy(() => positive().max(10)),
  slowdownRecentDays: z.lazy(positive),
  slowdownBaselineDays: z.lazy(positive),
  slowdownRatio: z.lazy(() => nonNegative().max(1)),
  slowdownMinPerWeek: z.lazy(nonNegative),
  effortWindowDays: z.lazy(positive),
  effortMinDoneTasks: z.lazy(() => z.number().int().min(1)),
  effortMinProgressMove: z.lazy(() => nonNegative().max(1)),
  defaultWeight: z.lazy(nonNegative),
};

/** Reads settings from raw meta values, falling back to the default for missing or invalid ones. */
export function readSettings(get: (key: string) => unknown): PlanSettings {
  const settings = { ...DEFAULT_SETTINGS };
  for (const name of SETTING_NAMES) {
    const parsed = settingSchemas[name].safeParse(get(name));
    if (parsed.success) settings[name] = parsed.data;
  }
  return settings;
}
