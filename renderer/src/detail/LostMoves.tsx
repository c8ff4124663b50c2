import { KIND_LABELS, ROOT_ID, parentAllowed, type LostMove, type NodeView } from '../../../shared/model/index.js';
import { useControllers } from '../session/controller-context.js';
import { useAppStore } from '../store/app-store.js';
import { Isolated } from '../text/Isolated.js';

/**
 * The moves of this node that lost to the one shown (two people moved it while apart, moves.ts):
 * "Also moved under “X” by Ben — put it there", one click (one undo step) to put it there instead.
 * Putting it there, or any later move, syncs to everyone and resolves it.
 */
export function LostMoves({ node, readOnly }: { node: NodeView; readOnly: boolean }) {
  const { app } = useControllers();
  const plan = useAppStore((state) => state.plan);
  if (node.lostMoves.length === 0 || !plan) return null;
  // Names found by id (PlanIndex.person): a company's 10,000 people were copied into a map on every render.
  const people = { get: (id: string) => plan.index.person(id)?.name };
  const live = (parent: string) => parent === ROOT_ID || plan.index.node(parent) !== undefined;
  // Putting it there gives it the kind that move gave it (LostMove.kind): offered only when that kind may stand
  // under that parent now and above its children (review33 F4: "put it there" was offered and then refused).
  const kindOf = (move: LostMove) => move.kind ?? node.kind;
  const fits = (move: LostMove) => {
    const parentKind = move.parent === ROOT_ID ? ROOT_ID : plan.index.node(move.parent)?.kind;
    const kind = kindOf(move);
    return parentKind !== undefined && parentAllowed(kind, parentKind)
      && node.childIds.every((id) => { const child = plan.index.node(id); return child === undefined || parentAllowed(child.kind, kind); });
  };
  const asKind = (move: LostMove) => (kindOf(move) === node.kind ? '' : ` as ${/^[aeiou]/i.test(KIND_LABELS[kindOf(move)]) ? 'an' : 'a'} ${KIND_LABELS[kindOf(move)]}`);
  const label = (move: LostMove) => {
    const by = <Isolated text={people.get(move.by) ?? move.by} />;
    if (!live(move.parent)) return <>Also moved under an item deleted since, by {by}</>;
    if (move.parent === ROOT_ID) return <>Also moved to the top level by {by}</>;
    const title = <>“<Isolated text={plan.index.title(move.parent) || 'Untitled'} />”</>;
    return move.parent === node.parent ? <>Also moved to another place under {title}{asKind(move)} by {by}</> : <>Also moved under {title}{asKind(move)} by {by}</>;
  };
  return (
    <ul className="text-conflicts lost-moves" aria-label="Move conflicts">
      {node.lostMoves.map((move) => (
        <li key={move.moveId}>
          {readOnly || !live(move.parent) || !fits(move)
            ? <span className="text-conflict">{label(move)}{!readOnly && live(move.parent) && <> (it cannot go there now)</>}</span>
            : <button type="button" className="text-conflict" title="Put it there instead"
                onClick={() => app.run((current) => current.takeLostMove(node.id, move.moveId))}>{label(move)} — put it there</button>}
        </li>
      ))}
    </ul>
  );
}
