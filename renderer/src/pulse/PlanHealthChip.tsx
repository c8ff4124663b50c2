import type { Health } from '../../../shared/model/index.js';
import { healthLabel } from '../outline/labels.js';

/**
 * The plan's overall health. A plan with no items has no signal to be healthy or not by: it says so
 * instead of claiming "On track" with nothing behind it.
 */
export function PlanHealthChip({ health, items }: { health: Health; items: number }) {
  if (items === 0) return <span className="health-chip health-none">No items yet</span>;
  return <span className={`health-chip health-${health}`}>{healthLabel[health]}</span>;
}
