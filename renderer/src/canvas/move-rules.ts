import { ROOT_ID, parentAllowed } from '../../../shared/model/index.js';
import { cascadeRefusal } from '../outline/outline-commands.js';
import { kindAt, subtreeEnd, type CascadeSnapshot } from './cascade-snapshot.js';

/**
 * Why dropping the card of `dragged` onto the card of `target` (making it the target's last child)
 * is refused under the cascade rules of SPEC §2, or null when the move is allowed.
 */
export function moveRefusal(snapshot: CascadeSnapshot, dragged: number, target: number, draggedEnd = subtreeEnd(snapshot, dragged)): string | null {
  if (dragged === target) return 'An item cannot be dropped on itself.';
  if (target > dragged && target < draggedEnd) return 'An item cannot be moved inside itself.';
  const kind = kindAt(snapshot, dragged);
  const targetKind = target === -1 ? ROOT_ID : kindAt(snapshot, target);
  return parentAllowed(kind, targetKind) ? null : cascadeRefusal(kind, targetKind);
}

/** 1 for every row the dragged card may be dropped on, for highlighting during the drag. */
export function validTargets(snapshot: CascadeSnapshot, dragged: number): Uint8Array {
  const valid = new Uint8Array(snapshot.ids.length);
  const end = subtreeEnd(snapshot, dragged);
  for (let row = 0; row < valid.length; row++) if (moveRefusal(snapshot, dragged, row, end) === null) valid[row] = 1;
  return valid;
}
