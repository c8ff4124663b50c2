// The main process's small state files (recent plans, window state) written by overlapping calls
// (review43b F3): two plans opened in quick succession (several files from the Finder, Open Recent twice)
// each write recent-plans.json. Both writes went through ONE temporary name: the second rename found it
// gone (ENOENT, an unhandled rejection in main) and a write could land mixed, so the whole list read back
// empty. Real files in a temp folder.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addRecentPlan, readRecentPlans, writeRecentPlans, type RecentPlan } from '../../electron/recent-plans.js';
import { readWindowState, writeWindowState } from '../../electron/window-state.js';

const folders: string[] = [];
const tempFolder = () => { const folder = mkdtempSync(path.join(tmpdir(), 'tl-small-')); folders.push(folder); return folder; };
afterEach(() => { for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true }); });

describe('overlapping writes of a small state file (review43b F3)', () => {
  it('recent plans: every write succeeds and the file holds the last list', async () => {
    const file = path.join(tempFolder(), 'recent-plans.json');
    const lists: RecentPlan[][] = [];
    let list: RecentPlan[] = [];
    for (let index = 0; index < 12; index++) {
      list = addRecentPlan(list, `/plans/${'long name '.repeat(index)}${index}.throughline`, 1_000 + index);
      lists.push(list);
    }
    // Newest lists first are the shortest: a longer earlier write landing over a shorter later one used to mix.
    const results = await Promise.allSettled(lists.map((each) => writeRecentPlans(file, each)));
    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
    expect(await readRecentPlans(file)).toEqual(lists.at(-1));
    expect(readdirSync(path.dirname(file))).toEqual(['recent-plans.json']);
  });

  it('window state: the last of overlapping writes is the one read back', async () => {
    const file = path.join(tempFolder(), 'window-state.json');
    const states = Array.from({ length: 8 }, (_, index) => ({ x: index, y: index * 1000, width: 800 + index, height: 600, maximized: index % 2 === 0 }));
    const results = await Promise.allSettled(states.map((state) => writeWindowState(file, state)));
    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
    expect(await readWindowState(file)).toEqual(states.at(-1));
  });
});
