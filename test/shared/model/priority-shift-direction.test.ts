// review45c F4: mid-sprint the manager raised one initiative's priority to critical and lowered another's to
// low; the pulse's "Are priorities shifting?" read "Changed since “Sprint start”: priority" for both, so a
// leader could not tell where effort was going without opening the review. The invariant: a priority shift
// says which way the priority went and from what to what, as the review's diff records it.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PRIORITIES, ROOT_ID, type Priority } from '../../../shared/model/index.js';
import { newPlan } from './support.js';

const rank = (priority: Priority) => PRIORITIES.indexOf(priority);

function shiftMessage(before: Priority | null, after: Priority | null): string | undefined {
  const { ctx, plan } = newPlan();
  const s = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
  const o = plan.createNode({ kind: 'objective', parent: s, title: 'Win EU' });
  const k = plan.createNode({ kind: 'key_result', parent: o, title: 'Revenue', start: 0, target: 100 });
  const campaign = plan.createNode({ kind: 'initiative', parent: k, title: 'Campaign', status: 'active', ...(before ? { priority: before } : {}) });
  plan.index.refresh(ctx.time);
  plan.index.setBaseline(plan.index.captureBaseline('Sprint start', ctx.time));
  ctx.advance(7);
  plan.updateNode(campaign, { priority: after });
  plan.index.refresh(ctx.time);
  const shift = plan.index.node(campaign)!.signals.find((signal) => signal.kind === 'priority_shift');
  return shift?.message.replace(/[\u2066-\u2069]/g, '');
}

describe('review45c F4: a priority shift says which way the priority went', () => {
  it('one raised, one lowered: the pulse\'s words differ and name both priorities', () => {
    expect(shiftMessage('medium', 'critical')).toBe('Changed since “Sprint start”: priority raised from medium to critical');
    expect(shiftMessage('high', 'low')).toBe('Changed since “Sprint start”: priority lowered from high to low');
    expect(shiftMessage(null, 'high')).toBe('Changed since “Sprint start”: priority set to high');
    expect(shiftMessage('high', null)).toBe('Changed since “Sprint start”: priority high cleared');
  });

  it('property: "raised" exactly when the new priority ranks higher, with both named', () => {
    const priority = fc.constantFrom(...PRIORITIES);
    fc.assert(fc.property(priority, priority, (before, after) => {
      fc.pre(before !== after);
      const message = shiftMessage(before, after)!;
      expect(message).toContain(`${rank(after) < rank(before) ? 'raised' : 'lowered'} from ${before} to ${after}`);
    }), { numRuns: 30 });
  });
});
