/** Walking a plan's live tree in outline order with outline numbers (1, 1.1, 1.2.1), for the exports. */
import type { NodeKind, NodeView, PlanIndex } from '../model/index.js';

/** The Type column's words; the importer reads them back (row-fields.ts kindOfType). */
export const KIND_HEADER: Readonly<Record<NodeKind, string>> = {
  strategy: 'Strategy', objective: 'Objective', key_result: 'Key result', kpi: 'KPI', initiative: 'Initiative', task: 'Task',
};

/** Calls `visit` for every live node under `parent`, depth first, with its outline number. */
export function walkOutline(index: PlanIndex, parent: string, visit: (node: NodeView, outline: string, depth: number) => void, prefix = '', depth = 0): void {
  index.children(parent).forEach((id, position) => {
    const node = index.node(id);
    if (!node) return;
    const outline = prefix === '' ? String(position + 1) : `${prefix}.${position + 1}`;
    visit(node, outline, depth);
    walkOutline(index, id, visit, outline, depth + 1);
  });
}
