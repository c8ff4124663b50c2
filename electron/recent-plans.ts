/** Recent plan files, most recent first, kept in a small validated JSON file (and given to the OS). */
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

export interface RecentPlan { name: string; path: string; openedAt: number }

export const MAX_RECENT = 10;
const listSchema = z.array(z.object({ name: z.string().max(200), path: z.string().min(1).max(4096), openedAt: z.number().finite() }));

/** Adds (or moves to the top) `filePath`; keeps at most MAX_RECENT entries, one per path. */
export function addRecentPlan(list: readonly RecentPlan[], filePath: string, openedAt: number): RecentPlan[] {
  const name = path.basename(filePath).replace(/\.throughline$/i, '');
  return [{ name, path: filePath, openedAt }, ...list.filter((entry) => entry.path !== filePath)].slice(0, MAX_RECENT);
}

/** Reads the list (missing or damaged file: empty; bad entries dropped). */
export async function readRecentPlans(file: string): Promise<RecentPlan[]> {
  try {
    const parsed = listSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data.slice(0, MAX_RECENT) : [];
  } catch {
    return [];
  }
}

export async function writeRecentPlans(file: string, list: readonly RecentPlan[]): Promise<void> {
  await writeFile(`${file}.tmp`, JSON.stringify(list));
  await rename(`${file}.tmp`, file);
}
