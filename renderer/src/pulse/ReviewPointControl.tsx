import { useEffect, useState } from 'react';
import type { PlanBaseline } from '../../../shared/model/index.js';
import { useControllers } from '../session/controller-context.js';
import { useAppStore } from '../store/app-store.js';
import { readReviewPoint, writeReviewPoint } from './review-point.js';

/**
 * The review point that "priorities shifting" compares against, kept on this device: set it at the
 * start of a review, and every later change to targets, weights, priorities or owners shows up.
 */
export function ReviewPointControl() {
  const { app } = useControllers();
  const plan = useAppStore((state) => state.plan);
  const [baseline, setBaseline] = useState<PlanBaseline | null>(null);
  const planId = app.planId;
  useEffect(() => { if (planId) setBaseline(readReviewPoint(app.storage, planId)); }, [app, planId]);
  if (!plan || !planId) return null;
  const mark = () => {
    const captured = plan.index.captureBaseline(`Review ${new Date().toLocaleDateString()}`, Date.now());
    writeReviewPoint(app.storage, planId, captured);
    setBaseline(captured);
    plan.index.setBaseline(captured);
    app.refresh();
  };
  return (
    <span className="review-point">
      <span className="faint">{baseline ? `Review point: ${new Date(baseline.at).toLocaleString()}` : 'No review point set'}</span>
      <button type="button" className="button small" onClick={mark}>Mark review point now</button>
    </span>
  );
}
