import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { messageType, syncFrame, syncMessageType } from '../../../shared/sync/protocol.js';

// syncFrame writes its bytes by hand (one array, no growing encoder): they must be exactly what lib0's
// encoder writes, which is what y-websocket clients read, for every step and every payload length
// (the length's varUint takes one byte below 128, two below 16,384, three below 2,097,152, …).

function lib0Frame(step: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageType.sync);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

describe('syncFrame', () => {
  const steps = fc.constantFrom(syncMessageType.step1, syncMessageType.step2, syncMessageType.update);

  it('is byte for byte lib0\'s encoding of [sync, step, payload]', () => {
    fc.assert(fc.property(steps, fc.uint8Array({ maxLength: 600 }), (step, payload) => {
      expect(syncFrame(step, payload)).toEqual(lib0Frame(step, payload));
    }), { numRuns: 500 });
  });

  it('is byte for byte lib0\'s encoding at every varUint length boundary', () => {
    for (const length of [0, 1, 127, 128, 129, 16_383, 16_384, 16_385, 2_097_151, 2_097_152]) {
      const payload = new Uint8Array(length).map((_, n) => n % 251);
      expect(Buffer.compare(Buffer.from(syncFrame(syncMessageType.update, payload)), Buffer.from(lib0Frame(syncMessageType.update, payload)))).toBe(0);
    }
  });
});
