import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DurableWriter } from '../../sync-server/durable-writer.js';
import { SqliteUpdateStore } from '../../sync-server/storage/sqlite-store.js';

const dirs: string[] = [];
function store(): SqliteUpdateStore {
  const dir = mkdtempSync(path.join(tmpdir(), 'throughline-writer-'));
  dirs.push(dir);
  return new SqliteUpdateStore(path.join(dir, 'db.sqlite'));
}
afterEach(() => { for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true }); });

describe('DurableWriter', () => {
  it('runs waiting work only after the updates queued before it are on disk, in one transaction per turn', async () => {
    const sqlite = store();
    const writer = new DurableWriter(sqlite, () => { throw new Error('no failure expected'); });
    const events: string[] = [];
    writer.write('a/1', new Uint8Array([1]), (id) => events.push(`stored ${id}`));
    writer.write('a/1', new Uint8Array([2]), (id) => events.push(`stored ${id}`));
    writer.whenDurable('a/1', (stored) => {
      events.push(`relay ${stored}`);
      // What waited sees the rows on disk.
      void sqlite.size('a/1').then((size) => events.push(`rows ${size.rows}`));
    });
    expect(events).toEqual([]);
    await writer.drained();
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual(['stored 1', 'stored 2', 'relay true', 'rows 2']);
    // With nothing pending, waiting work runs at once.
    let ranNow = false;
    writer.whenDurable('a/1', () => { ranNow = true; });
    expect(ranNow).toBe(true);
    await sqlite.close();
  });

  it('reports a failed batch, drops what was queued behind it for those rooms, and tells waiting work', async () => {
    const sqlite = store();
    const failures: string[][] = [];
    const writer = new DurableWriter(sqlite, (rooms) => failures.push([...rooms]));
    await sqlite.close();
    const outcome: boolean[] = [];
    writer.write('a/1', new Uint8Array([1]), () => outcome.push(true));
    writer.whenDurable('a/1', (stored) => outcome.push(stored));
    writer.whenDurable('b/1', (stored) => outcome.push(stored));
    await writer.drained();
    expect(failures).toEqual([['a/1']]);
    expect(outcome).toEqual([false, true]);
  });
});
