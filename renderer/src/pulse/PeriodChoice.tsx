import { useId, useMemo } from 'react';
import type { Plan } from '../../../shared/model/index.js';
import { planDirectory } from '../session/plan-directory.js';
import { PeriodOptions } from '../shell/PeriodOptions.js';
import { useAppStore } from '../store/app-store.js';

interface PeriodChoiceProps { plan: Plan; planVersion: number }

/**
 * The period the pulse and My work answer for: the same choice, and the same state, as the outline's and canvas's
 * period filter, so a leader who chose 2027-Q1 in the outline sees the pulse for 2027-Q1 (review46b F6).
 */
export function PeriodChoice({ plan, planVersion }: PeriodChoiceProps) {
  const period = useAppStore((state) => state.filters.period);
  const setFilters = useAppStore((state) => state.setFilters);
  const periods = useMemo(() => { void planVersion; return planDirectory(plan.index).periods; }, [plan, planVersion]);
  const id = useId();
  return (
    <span className="baseline-picker">
      <label htmlFor={id} className="review-meta">Filter by period</label>
      <select id={id} value={period} onChange={(event) => setFilters({ period: event.target.value })}>
        <PeriodOptions periods={periods} />
      </select>
    </span>
  );
}
