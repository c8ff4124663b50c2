import { describe, expect, it } from 'vitest';
import { ROOT_ID } from '../../../shared/model/index.js';
import { outlineRows, rowIndex, type OutlineTree } from '../../../renderer/src/outline/outline-rows.js';
import { nodeId } from '../../shared/model/support.js';

function treeOf(edges: Record<string, string[]>): OutlineTree {
  return { rootId: ROOT_ID, children: (id) => (edges[id] ?? []).map(nodeId) };
}

const tree = treeOf({ root: ['s1', 's2'], s1: ['o1', 'o2'], o1: ['k1'], s2: ['o3'] });

describe('outline rows', () => {
  it('flattens depth first in sibling order with depths', () => {
    expect(outlineRows(tree, new Set()).map((row) => `${row.depth}:${row.id}`)).toEqual(['0:s1', '1:o1', '2:k1', '1:o2', '0:s2', '1:o3']);
  });

  it('hides the subtree of a collapsed node and marks it', () => {
    const rows = outlineRows(tree, new Set([nodeId('s1')]));
    expect(rows.map((row) => row.id)).toEqual(['s1', 's2', 'o3']);
    expect(rows[0]).toMatchObject({ collapsed: true, hasChildren: true });
    expect(rows[1]).toMatchObject({ collapsed: false, hasChildren: true });
  });

  it('shows matches with their ancestors as context, ignoring collapse', () => {
    const rows = outlineRows(tree, new Set([nodeId('s1')]), (id) => id === 'k1' || id === 'o3');
    expect(rows.map((row) => [row.id, row.matches])).toEqual([['s1', false], ['o1', false], ['k1', true], ['s2', false], ['o3', true]]);
  });

  it('handles a 20,000-deep chain without recursion', () => {
    const edges: Record<string, string[]> = { root: ['n0'] };
    for (let i = 0; i < 20_000; i++) edges[`n${i}`] = [`n${i + 1}`];
    const rows = outlineRows(treeOf(edges), new Set(), (id) => id === 'n20000');
    expect(rows).toHaveLength(20_001);
    expect(rowIndex(rows, nodeId('n20000'))).toBe(20_000);
    expect(rowIndex(rows, null)).toBe(-1);
  });
});
