import { useMemo, useState } from 'react';
import type { NodeId, NodeView } from '../../../shared/model/index.js';
import { isolatedText } from '../../../shared/text/bidi-isolation.js';
import { useControllers } from '../session/controller-context.js';
import { appStore, useAppStore } from '../store/app-store.js';
import { naturalCompare, plural } from '../outline/labels.js';

/**
 * Carrying a key result over to another period's objective (review46b F3): at a quarter's close the team picks
 * the new quarter's objective and the key result is made there from where it ended, its open initiatives moved
 * with it (Plan.carryOver); the old one stays in its period. Before, it had to be retyped field by field.
 */
export function CarryOverSection({ node }: { node: NodeView }) {
  const { app } = useControllers();
  const plan = useAppStore((state) => state.plan);
  const planVersion = useAppStore((state) => state.planVersion);
  const select = useAppStore((state) => state.select);
  const [into, setInto] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  // Objectives in use other than its own, each named with its period, those of other periods first.
  const objectives = useMemo(() => {
    void planVersion;
    if (!plan) return [];
    const periods = new Map(plan.index.periods().map((period) => [period.id, period.name]));
    const found: { id: NodeId; label: string; otherPeriod: boolean }[] = [];
    for (const id of plan.index.walk()) {
      const objective = plan.index.node(id)!;
      if (objective.kind !== 'objective' || objective.inactive || id === node.parent) continue;
      const period = objective.periodId === null ? null : periods.get(objective.periodId) ?? null;
      found.push({ id, label: `${plan.index.title(id) || 'Untitled'}${period === null ? '' : ` (${period})`}`, otherPeriod: objective.periodId !== node.periodId });
    }
    return found.sort((a, b) => Number(b.otherPeriod) - Number(a.otherPeriod) || naturalCompare(a.label, b.label));
  }, [plan, planVersion, node.parent, node.periodId]);
  if (!plan || objectives.length === 0) return null;
  const chosen = objectives.find((objective) => objective.id === into) ?? null;

  const carry = () => {
    if (chosen === null) return;
    const title = plan.index.title(node.id) || 'Untitled';
    const result = app.run((current) => current.carryOver(node.id, chosen.id), { quiet: true });
    if (!result.ok) { setProblem(result.message); return; }
    setProblem(null);
    setInto('');
    const moved = plan.index.node(result.value)?.childIds.length ?? 0;
    appStore.getState().notify({ text: `Carried "${isolatedText(title)}" over to ${isolatedText(chosen.label)}${moved > 0 ? `, with ${plural(moved, 'open initiative')}` : ''}. The old one stays in its period.`, tone: 'info' });
    select(result.value);
  };

  return (
    <section className="detail-section" aria-label="Carry over">
      <h3>Carry over</h3>
      <p className="faint">Continue this key result under another period&apos;s objective, from its latest value, with its open initiatives. Its history stays here.</p>
      <div className="link-add">
        <select className="select" aria-label="Carry over to objective" value={into} onChange={(event) => { setInto(event.target.value); setProblem(null); }}>
          <option value="">Choose an objective…</option>
          {objectives.map((objective) => <option key={objective.id} value={objective.id}>{objective.label}</option>)}
        </select>
        <button type="button" className="button small" disabled={chosen === null} onClick={carry}>Carry over</button>
        {problem && <span className="field-error" role="alert">{problem}</span>}
      </div>
    </section>
  );
}
