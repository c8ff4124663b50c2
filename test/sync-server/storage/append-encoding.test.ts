import fc from 'fast-check';
import { Command } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { appendScriptBytes, carryLimit, encodeAppend, encodeAppendHead } from '../../../sync-server/scaleout/doorbell.js';
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
});
