import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { RecordKeys, groupByNode, recordsWithPrefix } from '../../../shared/model/records-by-node.js';
import { fieldEditKeyNode } from '../../../shared/model/field-edits.js';

const nodes = ['a', 'b', 'c'];
const read = (key: string, stored: unknown) => (typeof stored === 'number' ? `${key}=${stored}` : null);
const sorted = (list: string[]) => [...list].sort();

/** For every node and field: the records found through the keys equal the whole-map scan. */
function expectSameAsScan(map: Y.Map<unknown>, keys: RecordKeys): void {
  for (const node of nodes) {
    for (const field of ['unit', 'title']) {
      const prefix = `${node}|${field}|`;
      expect(sorted(recordsWithPrefix(map, prefix, read, keys.keysOf(node)))).toEqual(sorted(recordsWithPrefix(map, prefix, read)));
    }
  }
}

const op = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), replica: fc.nat(1), node: fc.constantFrom(...nodes, ''), field: fc.constantFrom('unit', 'title'), id: fc.nat(6), value: fc.oneof(fc.nat(9), fc.constant('bad')) }),
  fc.record({ kind: fc.constant('delete' as const), replica: fc.nat(1), node: fc.constantFrom(...nodes), field: fc.constantFrom('unit', 'title'), id: fc.nat(6) }),
  fc.record({ kind: fc.constant('batch' as const), replica: fc.nat(1), node: fc.constantFrom(...nodes), id: fc.nat(6) }),
  fc.record({ kind: fc.constant('sync' as const) }),
  fc.record({ kind: fc.constant('undo' as const), replica: fc.nat(1) }),
);

describe('RecordKeys: one node\'s records without scanning the map', () => {
  it('finds exactly what a whole-map scan finds, after local, remote, undone and in-transaction writes', () => {
    fc.assert(fc.property(fc.array(op, { maxLength: 40 }), fc.boolean(), (ops, buildFirst) => {
      const docs = [new Y.Doc(), new Y.Doc()];
      const maps = docs.map((doc) => doc.getMap<unknown>('fieldEdits'));
      const keys = maps.map((map) => new RecordKeys(map, fieldEditKeyNode));
      const undo = maps.map((map) => new Y.UndoManager(map, { captureTimeout: 0 }));
      if (buildFirst) for (const k of keys) k.keysOf('a');
      for (const step of ops) {
        if (step.kind === 'sync') {
          Y.applyUpdate(docs[1]!, Y.encodeStateAsUpdate(docs[0]!, Y.encodeStateVector(docs[1]!)));
          Y.applyUpdate(docs[0]!, Y.encodeStateAsUpdate(docs[1]!, Y.encodeStateVector(docs[0]!)));
        } else if (step.kind === 'undo') undo[step.replica]!.undo();
        else if (step.kind === 'set') {
          const key = `${step.node}|${step.field}|e${step.id}`;
          maps[step.replica]!.set(key, step.value);
          keys[step.replica]!.written(key);
        } else if (step.kind === 'delete') maps[step.replica]!.delete(`${step.node}|${step.field}|e${step.id}`);
        else {
          // Several writes and reads in one transaction, as updateNode does: the observer runs only at its end.
          const map = maps[step.replica]!;
          const recordKeys = keys[step.replica]!;
          docs[step.replica]!.transact(() => {
            const first = `${step.node}|unit|t${step.id}`;
            map.set(first, 1);
            recordKeys.written(first);
            expectSameAsScan(map, recordKeys);
            map.delete(first);
            const second = `${step.node}|unit|u${step.id}`;
            map.set(second, 2);
            recordKeys.written(second);
            expectSameAsScan(map, recordKeys);
          });
        }
        maps.forEach((map, i) => expectSameAsScan(map, keys[i]!));
      }
    }), { numRuns: 150 });
  });

  it('builds nothing until first asked, and stops following the map when destroyed', () => {
    const doc = new Y.Doc();
    const map = doc.getMap<unknown>('fieldEdits');
    map.set('a|unit|e1', 1);
    const keys = new RecordKeys(map, fieldEditKeyNode);
    map.set('a|unit|e2', 2);
    expect(sorted([...keys.keysOf('a')])).toEqual(['a|unit|e1', 'a|unit|e2']);
    expect([...keys.keysOf('zz')]).toEqual([]);
    keys.destroy();
    map.set('a|unit|e3', 3);
    // Asked again after destroy: rebuilt from the map, so still right.
    expect(sorted([...keys.keysOf('a')])).toEqual(['a|unit|e1', 'a|unit|e2', 'a|unit|e3']);
  });
});

// groupByNode: the one pass that undo.ts (`fieldEditKeysByNode`) and plan-file.ts (`fieldEditsByNode`)
// both make over a flat records map, grouping keys or records by their node.
describe('groupByNode', () => {
  it('groups field edit keys by node in their order and leaves malformed keys out', () => {
    const keys = ['n1|target|e1', 'n2|unit|e2', '|target|e3', 'n1|start|e4', 'nopipe'];
    expect([...groupByNode(keys, fieldEditKeyNode)]).toEqual([['n1', ['n1|target|e1', 'n1|start|e4']], ['n2', ['n2|unit|e2']]]);
  });

  it('property: every item with a node is in its node\'s list once, in order, and nothing else is', () => {
    fc.assert(fc.property(fc.array(fc.record({ node: fc.option(fc.constantFrom('a', 'b', 'c')), n: fc.nat() })), (items) => {
      const byNode = groupByNode(items, (item) => item.node);
      expect([...byNode.values()].flat().length).toBe(items.filter((item) => item.node !== null).length);
      for (const [node, list] of byNode) expect(list).toEqual(items.filter((item) => item.node === node));
    }));
  });
});
