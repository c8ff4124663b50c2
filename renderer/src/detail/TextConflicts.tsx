import type { NodeView, TextField } from '../../../shared/model/index.js';
import { visibleText } from '../../../shared/text/control-characters.js';
import { useControllers } from '../session/controller-context.js';
import { useAppStore } from '../store/app-store.js';
import { Isolated } from '../text/Isolated.js';

/**
 * The renames of a title or description that lost to the one shown (made concurrently, e.g. while
 * offline): "Also renamed to … by …", each one click to pick. Picking syncs to everyone and resolves.
 */
export function TextConflicts({ node, field, readOnly, compact = false }: { node: NodeView; field: TextField; readOnly: boolean; compact?: boolean }) {
  const { app } = useControllers();
  const plan = useAppStore((state) => state.plan);
  const conflicts = node.conflicts.filter((conflict) => conflict.field === field);
  if (conflicts.length === 0 || !plan) return null;
  // Names found by id (PlanIndex.person): a company's 10,000 people were copied into a map on every render.
  const people = { get: (id: string) => plan.index.person(id)?.name };
  const what = field === 'title' ? 'renamed to' : 'described as';
  return (
    // In an outline row (compact) the list only shows the conflict: a treeitem's name must be its
    // visible label, so the row tells screen readers of the conflict in its description and the
    // detail panel's list (the same buttons) is the one keyboard and screen-reader users pick from.
    <ul className={`text-conflicts${compact ? ' compact' : ''}`} aria-label={compact ? undefined : `${field === 'title' ? 'Title' : 'Description'} conflicts`} aria-hidden={compact ? true : undefined}>
      {conflicts.map((conflict) => {
        const text = visibleText(conflict.text);
        const shown = text.length > 80 ? `${text.slice(0, 80)}…` : text;
        const label = <>Also {what} “<Isolated text={shown} />” by <Isolated text={people.get(conflict.by) ?? conflict.by} /></>;
        return (
          <li key={`${conflict.by}-${conflict.at}`}>
            {/* On a row the chip only tells: a click there selects the row (picking there once
                changed the title for everyone when a person meant to select it); the detail
                panel's buttons pick. */}
            {readOnly || compact
              ? <span className="text-conflict">{label}</span>
              : <button type="button" className="text-conflict" title={`Use this ${field} instead`} onClick={(event) => { event.stopPropagation(); app.run((current) => current.pickText(node.id, field, conflict.text)); }}>{label} — use it</button>}
          </li>
        );
      })}
    </ul>
  );
}
