import { KIND_LABELS, ROOT_ID, kindsAllowedAt, type KindConflict, type NodeKind, type NodeView } from '../../../shared/model/index.js';
import { useControllers } from '../session/controller-context.js';
import { useAppStore } from '../store/app-store.js';
import { Isolated } from '../text/Isolated.js';

const withArticle = (kind: NodeKind) => `${/^[aeiou]/i.test(KIND_LABELS[kind]) ? 'an' : 'a'} ${KIND_LABELS[kind]}`;

/**
 * Kinds given to this node at the same time as the one shown (kind-changes.ts): "Also made a KPI by Ben —
 * use it", as a field's conflicting values are offered (FieldConflicts). A kind that cannot stand here now
 * (under its parent, above its children) is named, not offered: the pick would be refused. Any later change
 * of kind, or keeping the kind shown with the picker, resolves it for everyone.
 */
export function KindConflicts({ node, readOnly }: { node: NodeView; readOnly: boolean }) {
  const { app } = useControllers();
  const plan = useAppStore((state) => state.plan);
  if (node.kindConflicts.length === 0 || !plan) return null;
  const parentKind = node.parent === ROOT_ID ? ROOT_ID : plan.index.node(node.parent)?.kind ?? ROOT_ID;
  const allowed = new Set(kindsAllowedAt(parentKind, node.childIds.flatMap((id) => plan.index.node(id)?.kind ?? [])));
  const byName = (by: string) => plan.index.person(by)?.name ?? by;
  const label = (conflict: KindConflict) => <>Also made {withArticle(conflict.kind)} by <Isolated text={byName(conflict.by)} /></>;
  return (
    <ul className="text-conflicts kind-conflicts" aria-label="Kind conflicts">
      {node.kindConflicts.map((conflict) => (
        <li key={conflict.changeId}>
          {readOnly || !allowed.has(conflict.kind)
            ? <span className="text-conflict">{label(conflict)}{!readOnly && <> ({withArticle(conflict.kind)} cannot stand here now)</>}</span>
            : <button type="button" className="text-conflict" title={`Make it ${withArticle(conflict.kind)} instead`}
                onClick={() => app.run((current) => current.changeKind(node.id, conflict.kind))}>{label(conflict)} — use it</button>}
        </li>
      ))}
      {!readOnly && allowed.has(node.kind) && (
        <li>
          <button type="button" className="text-conflict" title="Keep the kind shown"
            onClick={() => app.run((current) => current.changeKind(node.id, node.kind))}>Keep it {withArticle(node.kind)}</button>
        </li>
      )}
    </ul>
  );
}
