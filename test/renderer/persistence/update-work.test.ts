import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import fc from 'fast-check';
import { answerUpdateWork, cutRowsAbove, editRowBelowBytes, parseUpdateWorkResponse, storedPartBytes, transferables, UpdateWorkError } from '../../../renderer/src/persistence/update-work.js';
import { isOneStructUpdate, splitUpdate } from '../../../shared/sync/update-parts.js';
import { UpdateWorkerClient } from '../../../renderer/src/persistence/update-worker-client.js';
import { applyInSlices, applyUnitsOf, slowUnitsOf, unitsOfReads } from '../../../renderer/src/persistence/sliced-load.js';
import { generatePlan } from '../../../shared/model/fixtures/generate-plan.js';
import { PlanIndex } from '../../../shared/model/plan-index.js';
import { sameState } from './stored-batches.js';

/** A generated plan's document, as the app stores it (one row holding the whole state). */
function storedPlan(nodes: number, seed = 7): Uint8Array {
  const doc = new Y.Doc({ gc: false });
  generatePlan(doc, { nodes, checkIns: nodes * 3, seed });
  return Y.encodeStateAsUpdate(doc);
}

const clock = () => 0;

describe('the update worker protocol', () => {
  const whole = storedPlan(400);

  it('splits a row larger than a part into parts that rebuild the same plan, and passes small rows through', () => {
    const small = Y.encodeStateAsUpdate(new Y.Doc());
    const answer = answerUpdateWork({ kind: 'split', ticket: 3, rows: [whole, small], maxPartBytes: 8 * 1024 }, clock);
    expect(answer.kind).toBe('parts');
    if (answer.kind !== 'parts') return;
    expect(answer.ticket).toBe(3);
    expect(answer.parts.length).toBeGreaterThan(whole.byteLength / (8 * 1024));
    expect(answer.parts.at(-1)).toBe(small);
    const rebuilt = new Y.Doc({ gc: false });
    const reference = new Y.Doc({ gc: false });
    Y.applyUpdate(reference, whole);
    for (const part of answer.parts) Y.applyUpdate(rebuilt, part);
    expect(sameState(rebuilt, reference)).toBe(true);
    expect(rebuilt.store.pendingStructs).toBeNull();
  });

  it('compacts several rows (a state and later edits) into parts of the merged state', () => {
    const doc = new Y.Doc({ gc: false });
    Y.applyUpdate(doc, whole);
    const edits: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => edits.push(update));
    doc.getMap('meta').set('edited', 'yes');
    doc.getMap('meta').delete('edited');
    const answer = answerUpdateWork({ kind: 'compact', ticket: 1, rows: [whole, ...edits], maxPartBytes: 16 * 1024 }, clock);
    if (answer.kind !== 'parts') throw new Error(answer.reason);
    expect(answer.parts.every((part) => part.byteLength <= 16 * 1024)).toBe(true);
    const rebuilt = new Y.Doc({ gc: false });
    for (const part of answer.parts) Y.applyUpdate(rebuilt, part);
    expect(sameState(rebuilt, doc)).toBe(true);
  });

  it.each([
    ['not an object', 'split', /malformed request/],
    [{ kind: 'explode', ticket: 1, rows: [new Uint8Array([0, 0])], maxPartBytes: 4096 }, 'kind', /kind/],
    [{ kind: 'split', ticket: -1, rows: [new Uint8Array([0, 0])], maxPartBytes: 4096 }, 'ticket', /ticket/],
    [{ kind: 'split', ticket: 1, rows: ['AAA='], maxPartBytes: 4096 }, 'rows', /rows\.0: expected bytes/],
    [{ kind: 'split', ticket: 1, rows: [], maxPartBytes: 4096 }, 'no rows', /rows/],
    [{ kind: 'split', ticket: 1, rows: [new Uint8Array([0, 0])], maxPartBytes: 10 }, 'tiny parts', /maxPartBytes/],
    [{ kind: 'split', ticket: 1, rows: [new Uint8Array([0, 0])], maxPartBytes: 4096, extra: true }, 'extra field', /extra/],
  ])('refuses a malformed request (%#: %s) with a reason naming the problem', (request, _label, reason) => {
    const answer = answerUpdateWork(request, clock);
    expect(answer.kind).toBe('refused');
    if (answer.kind === 'refused') expect(answer.reason).toMatch(reason);
  });

  it('refuses bytes that are not a Yjs update, naming the plan that could not be decoded', () => {
    const corrupt = whole.slice(0, 20_000);
    const answer = answerUpdateWork({ kind: 'split', ticket: 9, rows: [corrupt], maxPartBytes: 4096 }, clock);
    expect(answer).toMatchObject({ kind: 'refused', ticket: 9 });
    if (answer.kind === 'refused') expect(answer.reason).toMatch(/could not be decoded/);
  });

  it('keeps the ticket of a malformed request when it is readable, so the page can fail that one request', () => {
    expect(answerUpdateWork({ kind: 'split', ticket: 5, rows: 'x', maxPartBytes: 4096 }, clock)).toMatchObject({ kind: 'refused', ticket: 5 });
  });

  it.each([
    [null, /malformed answer/],
    [{ kind: 'parts', ticket: 1, parts: [[1, 2]], workerMs: 1 }, /parts\.0: expected bytes/],
    [{ kind: 'parts', ticket: 1, parts: [], workerMs: -4 }, /workerMs/],
    [{ kind: 'refused', ticket: 1, reason: '' }, /reason/],
    [{ kind: 'parts', ticket: 1.5, parts: [], workerMs: 0 }, /ticket/],
  ])('the page refuses a corrupt answer from the worker (%#) with a clear error', (message, error) => {
    expect(() => parseUpdateWorkResponse(message)).toThrow(UpdateWorkError);
    expect(() => parseUpdateWorkResponse(message)).toThrow(error);
  });

  it('lists each part buffer once for transfer', () => {
    const buffer = new ArrayBuffer(8);
    const answer = { kind: 'parts' as const, ticket: 1, parts: [new Uint8Array(buffer, 0, 4), new Uint8Array(buffer, 4, 4)], workerMs: 0 };
    expect(transferables(answer)).toEqual([buffer]);
  });
});

/** A stand-in for the browser's Worker, running the real worker code over a real MessageChannel. */
function channelWorker(answer: (message: unknown) => unknown): () => Worker {
  return () => {
    const channel = new MessageChannel();
    channel.port2.onmessage = (event: MessageEvent<unknown>) => channel.port2.postMessage(answer(event.data));
    const worker = {
      set onmessage(handler: (event: MessageEvent<unknown>) => void) { channel.port1.onmessage = handler; },
      onerror: null,
      postMessage: (message: unknown) => channel.port1.postMessage(message),
      terminate: () => { channel.port1.close(); channel.port2.close(); },
    };
    return worker as unknown as Worker;
  };
}

/** A generated plan stored as rows of about `rowBytes` and `edits` later edits, with the doc they make. */
function storedRows(nodes: number, seed: number, rowBytes: number, edits: number): { rows: Uint8Array[]; reference: Y.Doc } {
  const first = new Y.Doc({ gc: false });
  generatePlan(first, { nodes, checkIns: nodes * 3, seed });
  const second = new Y.Doc({ gc: false });
  Y.applyUpdate(second, Y.encodeStateAsUpdate(first));
  const rows = splitUpdate(Y.encodeStateAsUpdate(first), rowBytes);
  second.on('update', (update: Uint8Array) => rows.push(update));
  const meta = second.getMap('meta');
  for (let i = 0; i < edits; i++) {
    meta.set(`edit-${i}`, 'x'.repeat(200 * (i + 1)));
    if (i % 2 === 1) meta.delete(`edit-${i - 1}`);
  }
  return { rows, reference: second };
}

describe('the size of stored parts', () => {
  it('is the apply unit, so an open applies a compacted plan\'s rows as they are; all parts but the last count as parts, not edits', () => {
    const whole = storedPlan(2_000);
    const answer = answerUpdateWork({ kind: 'compact', ticket: 1, rows: [whole], maxPartBytes: storedPartBytes }, clock);
    if (answer.kind !== 'parts') throw new Error(answer.reason);
    expect(answer.parts.length).toBeGreaterThan(whole.byteLength / storedPartBytes);
    expect(answer.parts.every((part) => part.byteLength <= storedPartBytes)).toBe(true);
    expect(answer.parts.every((part) => part.byteLength <= cutRowsAbove)).toBe(true);
    expect(answer.parts.slice(0, -1).every((part) => part.byteLength >= editRowBelowBytes)).toBe(true);
    // Nothing of it is cut on open: every row passes through as it is.
    const batches = applyUnitsOf(answer.parts, new UpdateWorkerClient(null));
    expect(batches.reduce((sum, batch) => sum + batch.rows, 0)).toBe(answer.parts.length);
  });

  it('a plan compacted into parts of any size, applied row by row in order, equals the plan and never waits on a later row (property)', async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 5, max: 60 }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 2048, max: 16_384 }), fc.integer({ min: 1024, max: 8192 }), fc.integer({ min: 0, max: 6 }),
      async (nodes, seed, rowBytes, partBytes, edits) => {
        const { rows, reference } = storedRows(nodes, seed, rowBytes, edits);
        const answer = answerUpdateWork({ kind: 'compact', ticket: 1, rows, maxPartBytes: partBytes }, clock);
        if (answer.kind !== 'parts') throw new Error(answer.reason);
        // Stored as these rows, an open cuts none of them.
        const batches = applyUnitsOf(answer.parts, new UpdateWorkerClient(null), partBytes);
        const units = (await Promise.all(batches.map((batch) => batch.units))).flat();
        expect(units).toEqual(answer.parts);
        const doc = new Y.Doc({ gc: false });
        for (const unit of units) {
          if (unit.byteLength > partBytes) expect(Y.decodeUpdate(unit).structs.length).toBe(1);
          Y.applyUpdate(doc, unit);
          expect(doc.store.pendingStructs).toBeNull();
          expect(doc.store.pendingDs).toBeNull();
        }
        expect(sameState(doc, reference)).toBe(true);
      },
    ), { numRuns: 25 });
  });
});

describe('the page side of the update worker', () => {
  const whole = storedPlan(200, 11);

  it('gets the parts back from the worker through real messages', async () => {
    const client = new UpdateWorkerClient(channelWorker((message) => answerUpdateWork(message, clock)));
    try {
      const parts = await client.run({ kind: 'split', rows: [whole.slice()], maxPartBytes: 4096 });
      const rebuilt = new Y.Doc({ gc: false });
      for (const part of parts) Y.applyUpdate(rebuilt, part);
      const reference = new Y.Doc({ gc: false });
      Y.applyUpdate(reference, whole);
      expect(sameState(rebuilt, reference)).toBe(true);
    } finally {
      client.dispose();
    }
  });

  it('fails the request with a clear error when the worker sends a corrupt answer', async () => {
    const client = new UpdateWorkerClient(channelWorker(() => ({ kind: 'parts', ticket: 1, parts: 'all of them', workerMs: 0 })));
    try {
      await expect(client.run({ kind: 'split', rows: [whole.slice()], maxPartBytes: 4096 })).rejects.toThrow(/malformed answer \(parts: /);
    } finally {
      client.dispose();
    }
  });

  it('fails the request with the worker\'s reason when it refuses the bytes', async () => {
    const client = new UpdateWorkerClient(channelWorker((message) => answerUpdateWork(message, clock)));
    try {
      await expect(client.run({ kind: 'split', rows: [whole.slice(0, 9000)], maxPartBytes: 4096 })).rejects.toThrow(/could not be decoded/);
    } finally {
      client.dispose();
    }
  });

  it('does the same work in the page when no worker can be started', async () => {
    const client = new UpdateWorkerClient(null);
    const parts = await client.run({ kind: 'compact', rows: [whole], maxPartBytes: 4096 });
    expect(parts.length).toBeGreaterThan(1);
    await expect(client.run({ kind: 'compact', rows: [new Uint8Array([1, 2, 3])], maxPartBytes: 4096 })).rejects.toThrow(UpdateWorkError);
  });
});

describe('applying a stored plan in slices', () => {
  it('yields between slices, keeps each slice to its budget of parts, and ends with the same plan and index', async () => {
    const whole = storedPlan(600, 5);
    const parts = answerUpdateWork({ kind: 'split', ticket: 1, rows: [whole], maxPartBytes: 4096 }, clock);
    if (parts.kind !== 'parts') throw new Error(parts.reason);
    const doc = new Y.Doc({ gc: false });
    // A clock that advances 1 ms per reading: a 3 ms budget fits a few parts per slice.
    let now = 0;
    let yields = 0;
    const progress: number[] = [];
    const slices = await applyInSlices(doc, parts.parts, 'loader', {
      yieldToPage: async () => { yields++; }, now: () => now++, sliceBudgetMs: 3, onProgress: (applied) => progress.push(applied),
    });
    expect(slices).toBe(yields + 1);
    expect(yields).toBeGreaterThan(parts.parts.length / 4);
    expect(progress.at(-1)).toBe(parts.parts.reduce((sum, part) => sum + part.byteLength, 0));
    const reference = new Y.Doc({ gc: false });
    Y.applyUpdate(reference, whole);
    const at = Date.UTC(2026, 0, 1);
    expect(new PlanIndex(doc, { now: at }).summary()).toEqual(new PlanIndex(reference, { now: at }).summary());
  });

  it('names each unit that took over 20 ms, in order, with its place and size (the slow-units mark)', async () => {
    const parts = answerUpdateWork({ kind: 'split', ticket: 1, rows: [storedPlan(60, 3)], maxPartBytes: 2048 }, clock);
    if (parts.kind !== 'parts') throw new Error(parts.reason);
    // A clock that jumps 25 ms inside every third unit's apply and 1 ms otherwise.
    let now = 0;
    let reads = 0;
    const tick = () => { reads++; now += reads % 6 === 0 ? 25 : 1; return now; };
    const slow = slowUnitsOf(() => now);
    const timed: number[] = [];
    await applyInSlices(new Y.Doc({ gc: false }), parts.parts, null, {
      yieldToPage: async () => {}, now: tick, sliceBudgetMs: 1000,
      onUnit: (bytes, tookMs) => { timed.push(tookMs); slow.onUnit(bytes, tookMs); },
    });
    expect(timed).toHaveLength(parts.parts.length);
    const over = timed.flatMap((ms, i) => (ms > 20 ? [`#${i + 1} ${parts.parts[i]!.byteLength} B`] : []));
    expect(over.length).toBeGreaterThan(0);
    const detail = slow.detail();
    expect(detail.startsWith(`${parts.parts.length} units; over 20 ms: `)).toBe(true);
    for (const unit of over) expect(detail).toContain(unit);
    expect(detail.split(', ')).toHaveLength(over.length);
  });

  it('stops between slices once cancelled', async () => {
    const parts = [Y.encodeStateAsUpdate(new Y.Doc()), Y.encodeStateAsUpdate(new Y.Doc())];
    let now = 0;
    let asked = 0;
    const result = await applyInSlices(new Y.Doc(), parts, null, { yieldToPage: async () => {}, now: () => (now += 10), sliceBudgetMs: 1, cancelled: () => asked++ > 0 });
    expect(result).toBe(false);
    expect(asked).toBe(2);
  });

  it('any split of any small plan, applied in slices, equals the whole (property)', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 5, max: 60 }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1024, max: 4096 }), async (nodes, seed, partBytes) => {
      const whole = storedPlan(nodes, seed);
      const answer = answerUpdateWork({ kind: 'split', ticket: 1, rows: [whole], maxPartBytes: partBytes }, clock);
      if (answer.kind !== 'parts') throw new Error(answer.reason);
      const doc = new Y.Doc({ gc: false });
      let now = 0;
      await applyInSlices(doc, answer.parts, null, { yieldToPage: async () => {}, now: () => (now += 5), sliceBudgetMs: 7 });
      const reference = new Y.Doc({ gc: false });
      Y.applyUpdate(reference, whole);
      expect(sameState(doc, reference)).toBe(true);
    }), { numRuns: 20 });
  });
});

describe('apply units: the page applies units of its own size, whatever the stored rows are', () => {
  /**
   * A plan written by two people (two Yjs clients, the second building on the first's nodes), stored
   * as rows the way the app stores it: parts of `rowBytes` cut from the state, then each later edit
   * as its own row.
   */

  it('applying every row\'s units in order equals applying the rows, and no unit leaves a struct pending (property)', async () => {
    const workers = new UpdateWorkerClient(null);
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 5, max: 60 }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 2048, max: 16_384 }), fc.integer({ min: 1024, max: 4096 }), fc.integer({ min: 0, max: 6 }),
      async (nodes, seed, rowBytes, unitBytes, edits) => {
        const { rows, reference } = storedRows(nodes, seed, rowBytes, edits);
        const fromRows = new Y.Doc({ gc: false });
        for (const row of rows) Y.applyUpdate(fromRows, row);
        expect(sameState(fromRows, reference)).toBe(true);

        const batches = applyUnitsOf(rows.map((row) => row.slice()), workers, unitBytes);
        expect(batches.reduce((sum, batch) => sum + batch.rows, 0)).toBe(rows.length);
        const doc = new Y.Doc({ gc: false });
        let units = 0;
        for (const batch of batches) {
          for (const unit of await batch.units) {
            Y.applyUpdate(doc, unit);
            units++;
            expect(doc.store.pendingStructs).toBeNull();
            expect(doc.store.pendingDs).toBeNull();
            // A unit is larger than its size only when it is one struct that cannot be cut.
            if (unit.byteLength > unitBytes * 1.5) expect(Y.decodeUpdate(unit).structs.length).toBe(1);
          }
        }
        if (rows.some((row) => row.byteLength > unitBytes * 1.5)) expect(units).toBeGreaterThan(rows.length);
        expect(sameState(doc, reference)).toBe(true);
      },
    ), { numRuns: 25 });
  });

  it('passes rows no larger than a unit and a half through untouched', async () => {
    const small = [new Uint8Array([0, 0]), Y.encodeStateAsUpdate(new Y.Doc())];
    const batches = applyUnitsOf(small, new UpdateWorkerClient(null), 4096);
    expect(batches).toHaveLength(1);
    expect(await batches[0]!.units).toEqual(small);
  });
});

describe('rows that are one struct, and the size of the rows read', () => {
  /** A plan row holding one check-in block larger than the cut limit: one struct, no deletions. */
  function oneStructRow(bytes: number): Uint8Array {
    const doc = new Y.Doc({ gc: false });
    doc.getMap('checkIns').set('block-2026', 'x'.repeat(bytes));
    return Y.encodeStateAsUpdate(doc);
  }
  /** A worker over a real message channel that transfers the buffers it is sent, counting the requests. */
  function transferringWorker(): { create: () => Worker; requests: () => number } {
    let requests = 0;
    const create = () => {
      const channel = new MessageChannel();
      channel.port2.onmessage = (event: MessageEvent<unknown>) => {
        requests++;
        const answer = answerUpdateWork(event.data, clock);
        channel.port2.postMessage(answer, transferables(answer));
      };
      const worker = {
        set onmessage(handler: (event: MessageEvent<unknown>) => void) { channel.port1.onmessage = handler; },
        onerror: null,
        postMessage: (message: unknown, transfer: Transferable[]) => channel.port1.postMessage(message, transfer),
        terminate: () => { channel.port1.close(); channel.port2.close(); },
      };
      return worker as unknown as Worker;
    };
    return { create, requests: () => requests };
  }

  it('knows a one-struct update from its first and last bytes, and only such an update (property)', () => {
    expect(isOneStructUpdate(oneStructRow(cutRowsAbove + 1))).toBe(true);
    expect(isOneStructUpdate(storedPlan(20))).toBe(false);
    expect(isOneStructUpdate(new Uint8Array([1, 1, 0xff]))).toBe(false);
    fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom('set', 'delete', 'text'), fc.constantFrom('a', 'b'), fc.string({ maxLength: 30 })), { minLength: 1, maxLength: 5 }), (ops) => {
      const doc = new Y.Doc({ gc: false });
      const map = doc.getMap('m');
      for (const [op, key, value] of ops) {
        if (op === 'set') map.set(key, value);
        else if (op === 'delete') map.delete(key);
        else doc.getText('t').insert(0, value);
      }
      const update = Y.encodeStateAsUpdate(doc);
      const decoded = Y.decodeUpdate(update);
      expect(isOneStructUpdate(update)).toBe(decoded.structs.length === 1 && decoded.ds.clients.size === 0);
      if (isOneStructUpdate(update)) expect(splitUpdate(update, 1024)).toHaveLength(1);
    }), { numRuns: 300 });
  });

  it('applies a row that is one struct larger than the cut limit as it is, with no round trip to the worker', async () => {
    const worker = transferringWorker();
    const client = new UpdateWorkerClient(worker.create);
    try {
      const block = oneStructRow(cutRowsAbove + 10_000);
      const plan = storedPlan(400);
      expect(plan.byteLength).toBeGreaterThan(cutRowsAbove);
      const batches = applyUnitsOf([block, plan.slice()], client);
      const units = (await Promise.all(batches.map((batch) => batch.units))).flat();
      expect(units[0]).toBe(block);
      expect(block.byteLength).toBeGreaterThan(cutRowsAbove);
      // The plan's row is several structs: it still goes to the worker (one request) and comes back cut.
      expect(worker.requests()).toBe(1);
      expect(units.length).toBeGreaterThan(2);
      const doc = new Y.Doc({ gc: false });
      for (const unit of units) Y.applyUpdate(doc, unit);
      const reference = new Y.Doc({ gc: false });
      Y.applyUpdate(reference, block);
      Y.applyUpdate(reference, plan);
      expect(sameState(doc, reference)).toBe(true);
    } finally {
      client.dispose();
    }
  });

  it('reports the largest row read at its size, though the cut transferred (emptied) it', async () => {
    const worker = transferringWorker();
    const client = new UpdateWorkerClient(worker.create);
    try {
      const plan = storedPlan(400);
      const rows = [{ row: new Uint8Array([0, 0]) }, { row: plan.slice() }];
      let read: [number, number] | null = null;
      const batches = unitsOfReads([Promise.resolve(rows.slice(0, 1)), Promise.resolve(rows.slice(1))], client, undefined, (count, largest) => { read = [count, largest]; });
      await Promise.all(batches);
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(worker.requests()).toBe(1);
      expect(rows[1]!.row.byteLength).toBe(0);
      expect(read).toEqual([2, plan.byteLength]);
    } finally {
      client.dispose();
    }
  });
});
