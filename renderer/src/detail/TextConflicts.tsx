import type { NodeView, TextField } from '../../../shared/model/index.js';
import { visibleText } from '../../../shared/text/control-characters.js';
import { characterCount, shownWithin } from '../../../shared/text/cut-text.js';
import { useControllers } from '../session/controller-context.js';
import { useAppStore } from '../store/app-store.js';
import { Isolated } from '../text/Isolated.js';
import { ShownText } from '../outline/ShownText.js';
import { balancedBidiText } from '../../../shared/text/bidi-isolation.js';

/** How many characters of a losing text its chip shows; the rest is a click away in the details. */
const CHIP_CHARACTERS = 80;

/**
 * The renames of a title or description that lost to the one shown (made concurrently, e.g. while
 * offline): "Also renamed to … by …", each one click to pick. Picking syncs to everyone and resolves.
 * A text longer than the chip shows is readable whole under it in the details (review42a F3): two
 * people's descriptions of one initiative were compared by the first 80 characters of one of them,
 * and the rest could not be read, copied or merged by hand before someone picked.
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
        const shown = shownWithin(text, CHIP_CHARACTERS + 1);
        const by = people.get(conflict.by) ?? conflict.by;
        const label = <>Also {what} “<Isolated text={shown} />” by <Isolated text={by} /></>;
        return (
          <li key={`${conflict.by}-${conflict.at}`}>
            {/* On a row the chip only tells: a click there selects the row (picking there once
                changed the title for everyone when a person meant to select it); the detail
                panel's buttons pick. */}
            {readOnly || compact
              ? <span className="text-conflict">{label}</span>
              : <button type="button" className="text-conflict" title={`Use this ${field} instead`} onClick={(event) => { event.stopPropagation(); app.run((current) => current.pickText(node.id, field, conflict.text)); }}>{label} — use it</button>}
            {!compact && shown !== text && (
              <details className="text-conflict-whole">
                <summary>Read the whole {field} by <Isolated text={by} /> ({characterCount(text).toLocaleString('en')} characters)</summary>
                {/* A description's line breaks are its own: kept, as the field shows them. */}
                <p><bdi><ShownText text={balancedBidiText(visibleText(conflict.text, field === 'description'))} multiLine={field === 'description'} /></bdi></p>
              </details>
            )}
          </li>
        );
      })}
    </ul>
  );
}
