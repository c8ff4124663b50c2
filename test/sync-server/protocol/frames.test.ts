import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DecodeError } from '../../../sync-server/protocol/byte-reader.js';
import { decodeClientFrame, isSyncStep2Frame } from '../../../sync-server/protocol/frames.js';

describe('decodeClientFrame', () => {
  it('decodes the frames the stock client sends', () => {
    const doc = new Y.Doc();
    doc.getMap('m').set('k', 1);
    const sv = Y.encodeStateVector(doc);
    expect(decodeClientFrame(new Uint8Array([0, 0, sv.length, ...sv]))).toEqual({ type: 'sync-step1', stateVector: sv });
    expect(decodeClientFrame(new Uint8Array([0, 1, 2, 0, 0]))).toMatchObject({ type: 'sync-update', step: 'step2' });
    expect(decodeClientFrame(new Uint8Array([3]))).toEqual({ type: 'query-awareness' });
    const awareness = new Uint8Array([1, 10, 7, 4, 'n'.charCodeAt(0), 'u'.charCodeAt(0), 'l'.charCodeAt(0), 'l'.charCodeAt(0)]);
    expect(decodeClientFrame(new Uint8Array([1, awareness.length, ...awareness]))).toMatchObject({ type: 'awareness' });
  });

  it.each([
    ['an empty frame', [], /empty frame/],
    ['an unknown type', [7], /unknown message type 7/],
    ['an unknown sync step', [0, 5], /unknown sync message type 5/],
    ['a state vector with a lying count', [0, 0, 2, 9, 1], /state vector claims 9 entries/],
    ['a state vector with leftovers', [0, 0, 3, 0, 1, 2], /after the state vector/],
    ['a cut-off payload', [0, 2, 10, 1, 2], /claims 10 bytes but only 2 remain/],
    ['bytes after the message', [3, 0], /unexpected bytes after the message/],
    ['an endless varint', [0, 2, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], /larger than 2\^53|cut short/],
  ])('refuses %s', (_case, bytes, message) => {
    expect(() => decodeClientFrame(new Uint8Array(bytes))).toThrow(DecodeError);
    expect(() => decodeClientFrame(new Uint8Array(bytes))).toThrow(message);
  });
});

describe('isSyncStep2Frame', () => {
  it('recognises a sync step 2 from its first two varUints, whatever follows', () => {
    expect(isSyncStep2Frame(new Uint8Array([0, 1, 2, 0, 0]))).toBe(true);
    expect(isSyncStep2Frame(new Uint8Array([0, 1, 0xff, 0xff, 0xff, 0xff, 0x0f]))).toBe(true);
    expect(isSyncStep2Frame(new Uint8Array([0, 0, 1, 0]))).toBe(false);
    expect(isSyncStep2Frame(new Uint8Array([0, 2, 2, 0, 0]))).toBe(false);
    expect(isSyncStep2Frame(new Uint8Array([1, 1, 0]))).toBe(false);
    expect(isSyncStep2Frame(new Uint8Array([0]))).toBe(false);
    expect(isSyncStep2Frame(new Uint8Array([]))).toBe(false);
    expect(isSyncStep2Frame(new Uint8Array([0x80]))).toBe(false);
  });
});
