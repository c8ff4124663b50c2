import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteUpdateStore } from '../../../sync-server/storage/sqlite-store.js';

const dirs: string[] = [];
function freshStore(): { store: SqliteUpdateStore; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'throughline-store-'));
  dirs.push(dir);
  const file = path.join(dir, 'db.sqlite');
  return { store: new SqliteUpdateStore(file), file };
}
afterEach(() => { for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true }); });

const bytes = (...values: number[]) => new Uint8Array(values);

describe('SqliteUpdateStore', () => {
  it('appends batches atomically, keeps rooms apart and loads them in order', async () => {
    const { store, file } = freshStore();
    const ids = await store.append([{ room: 'a/1', update: bytes(1) }, { room: 'b/1', update: bytes(2) }, { room: 'a/1', update: bytes(3) }]);
    expect(ids).toHaveLength(3);
    expect(ids[0]!).toBeLessThan(ids[2]!);
    expect(await store.load('a/1')).toEqual({ updates: [bytes(1), bytes(3)], lastId: ids[2], bytes: 2 });
    expect(await store.load('nobody/here')).toEqual({ updates: [], lastId: 0, bytes: 0 });
    await store.close();
    const reopened = new SqliteUpdateStore(file);
    expect((await reopened.load('b/1')).updates).toEqual([bytes(2)]);
    await reopened.close();
  });

  it('compacts the rows up to an id into one snapshot and keeps later rows', async () => {
    const { store } = freshStore();
    const ids = await store.append([1, 2, 3, 4].map((n) => ({ room: 'a/1', update: bytes(n) })));
    await store.append([{ room: 'b/1', update: bytes(9) }]);
    await store.compact('a/1', bytes(1, 2, 3), ids[2]!);
    expect((await store.load('a/1')).updates).toEqual([bytes(1, 2, 3), bytes(4)]);
    expect(await store.size('a/1')).toEqual({ rows: 2, bytes: 4 });
    expect((await store.load('b/1')).updates).toEqual([bytes(9)]);
    await store.close();
  });

  it('rejects writes after close, so a failing store is visible to the writer', async () => {
    const { store } = freshStore();
    await store.close();
    await expect(store.append([{ room: 'a/1', update: bytes(1) }])).rejects.toThrow(/not open/);
  });
});
