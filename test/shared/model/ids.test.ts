import { describe, expect, it } from 'vitest';
import { IdError, isNodeId, isPlanId, parseNodeId, parsePersonId, parsePlanId, parseWorkspaceId, type NodeId, type PersonId } from '../../../shared/model/ids.js';

describe('branded ids', () => {
  it('accepts ids of the id alphabet and brands them', () => {
    const node: NodeId = parseNodeId('n-1_A');
    const person: PersonId = parsePersonId('p1');
    expect([node, person]).toEqual(['n-1_A', 'p1']);
    expect(parsePlanId('a'.repeat(64))).toHaveLength(64);
    expect(parseWorkspaceId('acme')).toBe('acme');
  });

  it('refuses what is not an id, naming the kind and the value', () => {
    expect(() => parseNodeId('root')).toThrow('Invalid node id "root": "root" is the plan root, not a node.');
    expect(() => parsePlanId('../etc')).toThrow(IdError);
    expect(() => parsePlanId('../etc')).toThrow('Invalid plan id "../etc": an id is 1–64 letters, digits, "-" or "_".');
    expect(() => parseWorkspaceId('')).toThrow('Invalid workspace id ""');
    expect(() => parsePersonId(42)).toThrow('Invalid person id 42');
    expect(() => parseNodeId('x'.repeat(65))).toThrow(IdError);
  });

  it('narrows without throwing', () => {
    expect(isNodeId('abc')).toBe(true);
    expect(isNodeId('root')).toBe(false);
    expect(isPlanId('a b')).toBe(false);
  });

  it('keeps one kind of id from standing for another (a compile-time check)', () => {
    const person = parsePersonId('p1');
    // @ts-expect-error a PersonId is not a NodeId
    const node: NodeId = person;
    // @ts-expect-error a plain string is not a NodeId until it is parsed
    const raw: NodeId = 'n1';
    expect([node, raw]).toEqual(['p1', 'n1']);
  });
});
