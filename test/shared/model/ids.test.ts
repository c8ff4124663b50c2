import { describe, expect, it } from 'vitest';
import { IdError, isNodeId, isPlanId, parseNodeId, parseParentId, parsePersonId, parsePlanId, parseWorkspaceId, type NodeId, type PersonId } from '../../../shared/model/ids.js';
import { ROOT_ID } from '../../../shared/model/index.js';
import { newPlan, smallCascade } from './support.js';

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

  it('a parent id is a node id or the plan root, nothing else', () => {
    expect(parseParentId(ROOT_ID)).toBe('root');
    expect(parseParentId('n1')).toBe('n1');
    expect(() => parseParentId('a>b')).toThrow('Invalid parent id "a>b"');
  });

  it("every operation of the plan that takes a node id wants a NodeId: a person's id or a plain string does not compile", () => {
    const { plan } = newPlan();
    const { objective, keyResult, initiative } = smallCascade(plan);
    const person = plan.addPerson({ name: 'Ana' });
    // The model still checks at run time (a NodeId may name a node that is gone): these refusals show
    // each call got as far as the model, so the compile-time errors below are the only thing tested.
    const refused = (run: () => unknown) => expect(run).toThrow(/no item/);
    // @ts-expect-error a PersonId is not a NodeId
    refused(() => plan.updateNode(person, { priority: 'high' }));
    // @ts-expect-error a plain string is not a NodeId
    refused(() => plan.setTitle('n99', 'x'));
    // @ts-expect-error a plain string is not a NodeId
    refused(() => plan.moveNode('n99', { parent: objective }));
    // @ts-expect-error a PersonId is not a parent
    refused(() => plan.moveNode(keyResult, { parent: person }));
    // @ts-expect-error a plain string is not a parent
    refused(() => plan.createNode({ kind: 'objective', parent: 'n99', title: 'x' }));
    // @ts-expect-error a plain string is not a NodeId
    refused(() => plan.link(initiative, 'contributes_to', 'n99'));
    // @ts-expect-error a PersonId is not a NodeId
    refused(() => plan.addCheckIn(person, { value: 1 }));
    // @ts-expect-error a plain string is not a NodeId
    refused(() => plan.deleteNode('n99'));
    // A NodeId from the model, or one parsed at a boundary, is accepted.
    plan.setTitle(keyResult, 'Revenue, EU');
    plan.moveNode(keyResult, { parent: objective, index: 0 });
    expect(plan.index.title(keyResult)).toBe('Revenue, EU');
  });
});
