// review39a F6: a writer that dies between building its lock folder aside (`<lock>.<suffix>/owner.<hex>`)
// and renaming it onto `<lock>` left that folder in the data folder for good: nothing removed it, and the
// timeout message tells an admin to delete the lock only. The server now sweeps stale ones when it starts
// (RevocationList); a live writer's attempt, milliseconds old, is left alone. Real files; the writer's
// attempt is the lock's own (folderLockAttempt), stopped where a killed process would stop.
import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderLockAttempt, staleLockMs, sweepAbandonedAttempts, tryFolderLock } from '../../sync-server/workspace/folder-lock.js';
import { RevocationList, revocationsLockPath } from '../../sync-server/workspace/revocations.js';

/** Runs a writer's attempt at `lock` up to the step before its rename, and leaves it there (the process died). */
function dieBeforeRename(lock: string): string {
  const before = new Set(readdirSync(path.dirname(lock)));
  const attempt = folderLockAttempt(lock);
  attempt.next();
  attempt.next();
  const aside = readdirSync(path.dirname(lock)).filter((name) => !before.has(name));
  expect(aside).toHaveLength(1);
  expect(readdirSync(path.join(path.dirname(lock), aside[0]!))).toEqual([expect.stringMatching(/^owner\.[0-9a-f]{24}$/)]);
  return path.join(path.dirname(lock), aside[0]!);
}

/** Dates a folder and the files in it `ms` in the past. */
function age(folder: string, ms: number): void {
  const at = new Date(Date.now() - ms);
  for (const name of readdirSync(folder)) utimesSync(path.join(folder, name), at, at);
  utimesSync(folder, at, at);
}

describe('lock folders left by writers that died mid-attempt (review39a F6)', () => {
  it('are removed when the server starts once stale; a live attempt and the lock itself are left alone', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'throughline-lockleft-'));
    try {
      const lock = revocationsLockPath(dataDir);
      const dead = dieBeforeRename(lock);
      age(dead, staleLockMs + 5_000);
      const live = dieBeforeRename(lock);
      const held = tryFolderLock(lock);
      expect(held).not.toBeNull();
      const list = new RevocationList(dataDir, () => undefined, () => undefined);
      list.close();
      expect(existsSync(dead)).toBe(false);
      expect(existsSync(live)).toBe(true);
      expect(held!.held()).toBe(true);
      held!.release();
      // Once stale, the other goes too; the sweep leaves nothing of the lock's behind.
      age(live, staleLockMs + 5_000);
      expect(sweepAbandonedAttempts(lock)).toBe(1);
      expect(readdirSync(dataDir).filter((name) => name.startsWith(path.basename(lock)))).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
