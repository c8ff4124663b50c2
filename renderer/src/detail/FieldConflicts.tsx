import type { FieldConflict, FieldValue, NodeFieldName, NodeView } from '../../../shared/model/index.js';
import { useControllers } from '../session/controller-context.js';
import { fieldSpecs, optionLabels, percentOf } from './field-specs.js';
import type { Directory } from './FieldEditor.js';
import { formatPlanDayTime } from '../outline/labels.js';
import { Isolated } from '../text/Isolated.js';

/** A field value as a person reads it: names for people, teams and periods, labels for choices. */
export function readableValue(field: NodeFieldName, value: FieldValue, directory: Directory): string {
  if (value === null) return 'nothing';
  const input = fieldSpecs[field].input;
  if (input.type === 'ref') {
    const id = String(value);
    const found = input.refers === 'person' ? directory.person(id) : input.refers === 'team' ? directory.team(id) : directory.periods.find((period) => period.id === id);
    return found?.name ?? id;
  }
  if (input.type === 'choice') return optionLabels[String(value)] ?? String(value);
  // As typed (12.345 %), not to one decimal: two offered values 12.34 and 12.345 must not read alike.
  if (input.type === 'percent' && typeof value === 'number') return `${percentOf(value)} %`;
  if (input.type === 'checkbox') return value === true ? 'yes' : 'no';
  if (input.type === 'instant' && typeof value === 'number') return formatPlanDayTime(value, directory.timeZone);
  return String(value);
}

/**
 * The values of a scalar field written concurrently with the one shown (e.g. one person offline):
 * "Also set to … by … — use it", each one click (or Enter) to pick. Picking syncs to everyone and
 * resolves the conflict; any later edit of the field resolves it too.
 */
export function FieldConflicts({ node, field, directory, readOnly }: { node: NodeView; field: NodeFieldName; directory: Directory; readOnly: boolean }) {
  const { app } = useControllers();
  const conflicts = node.fieldConflicts.filter((conflict) => conflict.field === field);
  if (conflicts.length === 0) return null;
  const byName = (by: string) => directory.person(by)?.name ?? by;
  const label = (conflict: FieldConflict) => conflict.value === null
    ? <>Also cleared by <Isolated text={byName(conflict.by)} /></>
    : <>Also set to “<Isolated text={readableValue(field, conflict.value, directory)} />” by <Isolated text={byName(conflict.by)} /></>;
  return (
    <ul className="text-conflicts field-conflicts" aria-label={`${fieldSpecs[field].label} conflicts`}>
      {conflicts.map((conflict) => (
        <li key={`${conflict.by}-${conflict.at}-${String(conflict.value)}`}>
          {readOnly
            ? <span className="text-conflict">{label(conflict)}</span>
            : <button type="button" className="text-conflict" title={`Use this ${fieldSpecs[field].label.toLowerCase()} instead`}
                onClick={() => app.run((current) => current.updateNode(node.id, { [field]: conflict.value }))}>{label(conflict)} — use it</button>}
        </li>
      ))}
    </ul>
  );
}
