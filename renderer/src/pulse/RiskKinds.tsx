import type { RiskKind } from '../../../shared/model/index.js';
import type { RiskGroupCount } from './pulse-figures.js';

export interface RiskKindsProps {
  groups: readonly RiskGroupCount[];
  total: number;
  chosen: RiskKind | null;
  onChoose(kind: RiskKind | null): void;
}

/**
 * The risk card's kinds of risk with their counts (fix41b): what kind of risk the origins are, at a glance, and
 * a press lists one kind only. Toggle buttons (`aria-pressed`), so a screen reader says which kind is listed.
 */
export function RiskKinds({ groups, total, chosen, onChoose }: RiskKindsProps) {
  return (
    <div className="risk-kinds" role="group" aria-label="Kinds of risk">
      <button type="button" className="button small risk-kind" aria-pressed={chosen === null} onClick={() => onChoose(null)}>
        All kinds <span className="numeric">{total.toLocaleString()}</span>
      </button>
      {groups.map((group) => (
        <button key={group.kind} type="button" className="button small risk-kind" aria-pressed={chosen === group.kind} onClick={() => onChoose(chosen === group.kind ? null : group.kind)}>
          {group.label} <span className="numeric">{group.count.toLocaleString()}</span>
        </button>
      ))}
    </div>
  );
}
