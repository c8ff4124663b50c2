/** Recent plan files, most recent first, kept in a small validated JSON file (and given to the OS). */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeSmallFile } from './small-file.js';

export interface RecentPlan { name: string; path: string; openedAt: number }

export const MAX_RECENT = 10;
/** A file name is at most 255 bytes on the file systems the app runs on, so a name here is never longer. */
const entrySchema = z.object({ name: z.string().max(255), path: z.string().min(1).max(4096), openedAt: z.number().finite() });

/** Adds (or moves to the top) `filePath`; keeps at most MAX_RECENT entries, one per path. */
export function addRecentPlan(list: readonly RecentPlan[], filePath: string, openedAt: number): RecentPlan[] {
  const name = path.basename(filePath).replace(/\.throughline$/i, '');
  return [{ name, path: filePath, openedAt }, ...list.filter((entry) => entry.path !== filePath)].slice(0, MAX_RECENT);
}

/** Reads the list (missing or damaged file: empty). Each entry is checked on its own, so one bad entry costs only itself, not the whole menu. */
export async function readRecentPlans(file: string): Promise<RecentPlan[]> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry) => {
    const parsed = entrySchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  }).slice(0, MAX_RECENT);
}

/** Writes the list whole (small-file.ts: overlapping writes land in call order). */
export function writeRecentPlans(file: string, list: readonly RecentPlan[]): Promise<void> {
  return writeSmallFile(file, JSON.stringify(list));
}
