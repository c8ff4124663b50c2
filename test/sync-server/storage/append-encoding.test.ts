import fc from 'fast-check';
import { Command } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { appendBatchScriptBytes, appendScriptBytes, carryLimit, encodeAppend, encodeAppendBatch, encodeAppendHead, encodeBatchHead } from '../../../sync-server/scaleout/doorbell.js';
import { doorbellPrefix } from '../../../sync-server/scaleout/doorbell-entry.js';

// An append is sent as RESP bytes the server makes itself: a head encoded once per stream (script,
// keys, instance, entry prefix, options) and the payloads added per append. Those bytes must be
// exactly what ioredis would have sent for the same arguments, whatever the names (UTF-8), the
// options and the payloads (any bytes, any sizes, several per append). That real Redis runs them
// (order, all-or-none per room, doorbells) is held by redis-append-batching and doorbell-delivery.

const name = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 });

describe('append command encoding', () => {
  it('is byte for byte what ioredis encodes for the same EVAL arguments', () => {
    fc.assert(fc.property(
      name, name, name,
      fc.constantFrom('u' as const, 'a' as const),
      fc.record({ cap: fc.nat({ max: 100_000 }), expireMs: fc.nat({ max: 10_000_000 }) }),
      fc.nat({ max: 20_000 }),
      fc.array(fc.uint8Array({ minLength: 0, maxLength: 2_000 }), { minLength: 1, maxLength: 6 }),
      (room, instance, namespace, kind, options, doorbellLength, payloads) => {
        const streamKey = `{${namespace}:3}:updates:${room}`;
        const doorbellKey = `{${namespace}:doorbell}:all`;
        const head = encodeAppendHead({ streamKey, doorbellKey, doorbellLength, instance, room, kind, options });
        const ours = encodeAppend(head, payloads);
        const theirs = new Command('EVAL', [appendScriptBytes, 2, streamKey, doorbellKey, instance, doorbellPrefix(instance, room), kind,
          options.cap, options.expireMs, carryLimit, doorbellLength, ...payloads.map((payload) => Buffer.from(payload))], { replyEncoding: null }).toWritable({} as never);
        expect(Buffer.compare(ours, Buffer.isBuffer(theirs) ? theirs : Buffer.from(theirs, 'utf8'))).toBe(0);
      },
    ), { numRuns: 300 });
  });

  it('of a batch (several rooms in one script call) is byte for byte what ioredis encodes for the same EVAL arguments', () => {
    const bulk = (text: string) => {
      const bytes = Buffer.from(text, 'utf8');
      return Buffer.concat([Buffer.from(`$${bytes.length}\r\n`, 'latin1'), bytes, Buffer.from('\r\n', 'latin1')]);
    };
    fc.assert(fc.property(
      name, name,
      fc.nat({ max: 20_000 }),
      fc.array(fc.record({
        room: name,
        updates: fc.array(fc.record({ payload: fc.uint8Array({ minLength: 0, maxLength: 1_000 }), summary: fc.option(fc.uint8Array({ minLength: 0, maxLength: 50 }), { nil: undefined }) }), { minLength: 1, maxLength: 4 }),
      }), { minLength: 1, maxLength: 5 }),
      (instance, namespace, doorbellLength, rooms) => {
        const doorbellKey = `{${namespace}:doorbell}:all`;
        const head = encodeBatchHead({ doorbellKey, doorbellLength, instance });
        const streamKey = (room: string) => `{${namespace}:3}:updates:${room}`;
        const ours = encodeAppendBatch(head, rooms.map(({ room, updates }) => ({
          key: bulk(streamKey(room)), prefix: Buffer.concat([Buffer.from(`$${doorbellPrefix(instance, room).length}\r\n`, 'latin1'), doorbellPrefix(instance, room), Buffer.from('\r\n', 'latin1')]),
          payloads: updates.map((update) => update.payload), summaries: updates.map((update) => update.summary),
        })));
        const theirs = new Command('EVAL', [appendBatchScriptBytes, 1 + rooms.length, doorbellKey, ...rooms.map(({ room }) => streamKey(room)), instance, carryLimit, doorbellLength,
          ...rooms.flatMap(({ room, updates }) => [doorbellPrefix(instance, room), updates.length,
            ...updates.flatMap((update) => [Buffer.from(update.summary ?? new Uint8Array(0)), Buffer.from(update.payload)])])], { replyEncoding: null }).toWritable({} as never);
        expect(Buffer.compare(ours, Buffer.isBuffer(theirs) ? theirs : Buffer.from(theirs, 'utf8'))).toBe(0);
      },
    ), { numRuns: 300 });
  });
});
