import { ALLOWED_PARENTS, KIND_LABELS, ROOT_ID, parentAllowed, type NodeId, type NodeKind, type ParentId, type Plan } from '../../../shared/model/index.js';

/** The kind a new child of each kind gets (the next step down the cascade). */
export const defaultChildKind: Readonly<Record<NodeKind | typeof ROOT_ID, NodeKind>> = {
  [ROOT_ID]: 'strategy',
  strategy: 'objective',
  objective: 'key_result',
  key_result: 'initiative',
  kpi: 'initiative',
  initiative: 'task',
  task: 'task',
};

/** Result of an outline command: the node to select afterwards, or why it was refused. */
export type CommandResult = { ok: true; select: NodeId; edit?: boolean } | { ok: false; message: string };

const article = (label: string) => (/^[aeiou]/i.test(label) ? `an ${label}` : `a ${label}`);
const labelOf = (kind: NodeKind | typeof ROOT_ID) => (kind === ROOT_ID ? 'the top level' : article(KIND_LABELS[kind]));

/** A sentence saying why `kind` cannot go under `parentKind`, naming where it belongs. */
export function cascadeRefusal(kind: NodeKind, parentKind: NodeKind | typeof ROOT_ID): string {
  const allowed = ALLOWED_PARENTS[kind].map(labelOf).join(' or ');
  const what = article(KIND_LABELS[kind]);
  return `${what.charAt(0).toUpperCase()}${what.slice(1)} cannot go ${parentKind === ROOT_ID ? 'at the top level' : `under ${labelOf(parentKind)}`}: it belongs ${ALLOWED_PARENTS[kind].includes(ROOT_ID) ? 'at the top level' : `under ${allowed}`}.`;
}

function kindOf(plan: Plan, id: ParentId): NodeKind | typeof ROOT_ID {
  return id === ROOT_ID ? ROOT_ID : plan.index.node(id)!.kind;
}

function siblingsOf(plan: Plan, id: NodeId): { parent: ParentId; siblings: readonly NodeId[]; position: number } {
  const parent = plan.index.parentOf(id) ?? ROOT_ID;
  const siblings = plan.index.children(parent);
  return { parent, siblings, position: siblings.indexOf(id) };
}

/**
 * A node that is still blank (no children, check-ins, links or description) may change kind when it
 * is indented or outdented: pressing Enter after an objective and then Tab turns the new line into a
 * key result. The move and the kind change are one write on the same node (one undo step): it keeps
 * its id, so a rename, check-in or child someone else adds to the line meanwhile stays on it, and two
 * people indenting the same line at once end with one line. (It used to be recreated under a new id
 * and the old one purged, which lost such concurrent edits for good and made two lines of one.)
 */
function isBlank(plan: Plan, id: NodeId): boolean {
  const node = plan.index.node(id);
  if (!node) return false;
  return node.childIds.length === 0 && node.checkInCount === 0 && plan.index.linksFrom(id).length === 0 && plan.index.linksTo(id).length === 0
    && plan.descriptionText(id).length === 0;
}

/**
 * Places `id` under `parent` at `index`. A blank node takes the kind a new line there would have
 * (`blankKind`): indenting a fresh line under an objective makes it a key result. A node with
 * content keeps its kind and is refused where the cascade forbids it.
 */
function placeUnder(plan: Plan, id: NodeId, parent: ParentId, index: number, blankKind: NodeKind): CommandResult {
  const node = plan.index.node(id)!;
  const parentKind = kindOf(plan, parent);
  if (isBlank(plan, id) && blankKind !== node.kind && parentAllowed(blankKind, parentKind)) {
    plan.moveNode(id, { parent, index, kind: blankKind });
    return { ok: true, select: id, edit: plan.index.title(id).length === 0 };
  }
  if (parentAllowed(node.kind, parentKind)) {
    plan.moveNode(id, { parent, index });
    return { ok: true, select: id };
  }
  return { ok: false, message: cascadeRefusal(node.kind, parentKind) };
}

/** Enter: a new node of the same kind right after `id` (or a first strategy in an empty plan). */
export function newSibling(plan: Plan, id: NodeId | null): CommandResult {
  if (id === null || !plan.index.node(id)) {
    return { ok: true, select: plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: '' }), edit: true };
  }
  const node = plan.index.node(id)!;
  const { parent, position } = siblingsOf(plan, id);
  return { ok: true, select: plan.createNode({ kind: node.kind, parent, title: '', index: position + 1 }), edit: true };
}

/**
 * A new KPI: under the selected key result or objective, else beside the selected KPI, else under the
 * nearest key result or objective above the selection.
 */
export function newKpi(plan: Plan, id: NodeId | null): CommandResult {
  if (id === null || !plan.index.node(id)) return { ok: false, message: 'Select a key result or an objective to add a KPI under it.' };
  if (plan.index.node(id)!.kind === 'kpi') {
    const { parent, position } = siblingsOf(plan, id);
    return { ok: true, select: plan.createNode({ kind: 'kpi', parent, title: '', index: position + 1 }), edit: true };
  }
  const host = plan.index.pathToRoot(id).find((ancestor) => parentAllowed('kpi', kindOf(plan, ancestor)));
  if (!host) return { ok: false, message: 'A KPI belongs under a key result or an objective; there is none above the selected item.' };
  return { ok: true, select: plan.createNode({ kind: 'kpi', parent: host, title: '', index: plan.index.children(host).length }), edit: true };
}

/** A new first child of `id`, of the next kind down the cascade. */
export function newChild(plan: Plan, id: NodeId): CommandResult {
  const node = plan.index.node(id);
  if (!node) return { ok: false, message: 'Select an item first.' };
  return { ok: true, select: plan.createNode({ kind: defaultChildKind[node.kind], parent: id, title: '', index: 0 }), edit: true };
}

/** Tab: makes `id` the last child of the sibling above it. */
export function indent(plan: Plan, id: NodeId): CommandResult {
  const { siblings, position } = siblingsOf(plan, id);
  if (position <= 0) return { ok: false, message: 'Nothing above to indent under: the first item of a level cannot be indented.' };
  const above = siblings[position - 1]!;
  return placeUnder(plan, id, above, plan.index.children(above).length, defaultChildKind[kindOf(plan, above)]);
}

/** Shift+Tab: moves `id` out of its parent, right after it. */
export function outdent(plan: Plan, id: NodeId): CommandResult {
  const { parent } = siblingsOf(plan, id);
  if (parent === ROOT_ID) return { ok: false, message: 'This item is already at the top level.' };
  const grandparent = plan.index.parentOf(parent) ?? ROOT_ID;
  const parentPosition = plan.index.children(grandparent).indexOf(parent);
  // A blank line moved up a level becomes a sibling of its old parent.
  const parentKind = plan.index.node(parent)!.kind;
  const blankKind = parentAllowed(parentKind, kindOf(plan, grandparent)) ? parentKind : defaultChildKind[kindOf(plan, grandparent)];
  return placeUnder(plan, id, grandparent, parentPosition + 1, blankKind);
}

/** Alt+↑ / Alt+↓: moves `id` one place among its siblings. */
export function reorder(plan: Plan, id: NodeId, delta: -1 | 1): CommandResult {
  const { parent, siblings, position } = siblingsOf(plan, id);
  const target = position + delta;
  if (target < 0) return { ok: false, message: 'Already the first item at its level: Alt+↑ moves an item among its siblings. Use Shift+Tab to move it up a level.' };
  if (target >= siblings.length) return { ok: false, message: 'Already the last item at its level: Alt+↓ moves an item among its siblings. Use Shift+Tab to move it up a level.' };
  plan.moveNode(id, { parent, index: target });
  return { ok: true, select: id };
}

/** Where a dragged row lands relative to the row it is dropped on. */
export type DropPosition = 'before' | 'after' | 'inside';

/** Whether dropping `dragged` at `target`/`position` is allowed; the reason when not. */
export function checkDrop(plan: Plan, dragged: NodeId, target: NodeId, position: DropPosition): { parent: ParentId; index: number } | { refused: string } {
  if (dragged === target) return { refused: 'An item cannot be dropped on itself.' };
  const node = plan.index.node(dragged);
  if (!node || !plan.index.node(target)) return { refused: 'That item is no longer in the plan.' };
  const parent = position === 'inside' ? target : plan.index.parentOf(target) ?? ROOT_ID;
  if (plan.index.pathToRoot(parent).includes(dragged)) return { refused: 'An item cannot be moved inside itself.' };
  const parentKind = kindOf(plan, parent);
  if (!parentAllowed(node.kind, parentKind)) return { refused: cascadeRefusal(node.kind, parentKind) };
  if (position === 'inside') return { parent, index: plan.index.children(target).filter((id) => id !== dragged).length };
  const siblings = plan.index.children(parent).filter((id) => id !== dragged);
  const at = siblings.indexOf(target);
  return { parent, index: position === 'before' ? at : at + 1 };
}

/** Drops `dragged` at `target`: moves it, or explains why the cascade forbids it. */
export function drop(plan: Plan, dragged: NodeId, target: NodeId, position: DropPosition): CommandResult {
  const placement = checkDrop(plan, dragged, target, position);
  if ('refused' in placement) return { ok: false, message: placement.refused };
  plan.moveNode(dragged, placement);
  return { ok: true, select: dragged };
}

/** After deleting `id`, the row to select: the next sibling, else the previous, else the parent. */
export function selectionAfterDelete(plan: Plan, id: NodeId): NodeId | null {
  const { parent, siblings, position } = siblingsOf(plan, id);
  return siblings[position + 1] ?? siblings[position - 1] ?? (parent === ROOT_ID ? null : parent);
}
