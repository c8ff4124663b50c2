import fc from 'fast-check';
import { MAX_CHECKIN_VALUE, MAX_METRIC_MAGNITUDE, ROOT_ID, type Plan } from '../../../../shared/model/index.js';
import { newPlan, T0 } from '../../model/support.js';

const zeroUnsigned = (value: number) => (Object.is(value, -0) ? 0 : value);

/** Any number a start or target can be (-0 is written as 0): within ±MAX_METRIC_MAGNITUDE (unit-bounds.ts). */
export const finiteNumber = fc.double({ min: -MAX_METRIC_MAGNITUDE, max: MAX_METRIC_MAGNITUDE, noNaN: true }).map(zeroUnsigned);

/** A check-in value: any finite number, or one within checkin-rules.ts's limit (which most finite numbers are not). */
export const checkInValue = fc.oneof(finiteNumber, fc.double({ min: -MAX_CHECKIN_VALUE, max: MAX_CHECKIN_VALUE, noNaN: true }).map(zeroUnsigned));

/** A plan of one strategy, objective and key result from `start` to `target`, with one check-in of `current`, indexed at T0. */
export function oneKeyResult(start: number, target: number, current: number): Plan {
  const { plan } = newPlan();
  const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
  const objective = plan.createNode({ kind: 'objective', parent: strategy, title: 'Sell more' });
  const kr = plan.createNode({ kind: 'key_result', parent: objective, title: 'Revenue', start, target, direction: start > target ? 'decrease' : 'increase' });
  plan.addCheckIn(kr, { value: current, at: T0 });
  plan.index.refresh(T0);
  return plan;
}
