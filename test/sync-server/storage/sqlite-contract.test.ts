import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { LocalFanout } from '../../../sync-server/fanout.js';
import { SqliteUpdateStore } from '../../../sync-server/storage/sqlite-store.js';
import { fanoutContract } from '../contracts/fanout-contract.js';
import { updateStoreContract } from '../contracts/update-store-contract.js';

// The embedded mode: SQLite stores, and instances in one process sharing a LocalFanout.
let dir = '';
beforeAll(() => { dir = mkdtempSync(path.join(tmpdir(), 'throughline-contract-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = () => path.join(dir, 'throughline.sqlite');

describe('SQLite store', () => {
  updateStoreContract(() => ({ open: async () => new SqliteUpdateStore(file()) }));
});

describe('LocalFanout with SQLite stores', () => {
  const fanout = new LocalFanout();
  let next = 0;
  fanoutContract(() => ({
    open: async () => {
      const store = new SqliteUpdateStore(file());
      return { instance: `local-${++next}`, store, fanout, close: () => store.close() };
    },
  }));
});
