// review39a F10: "who removed it" and "a, b and c" were each written out several times; one helper each.
import { describe, expect, it } from 'vitest';
import { removedByName } from '../../../shared/model/removed.js';
import { joinedAnd } from '../../../shared/text/joined.js';
import { newPlan } from './support.js';

describe('removedByName', () => {
  it('names the remover by the plan person, else by the stamp (a device name), else nobody', () => {
    const { plan } = newPlan({ actor: 'ada', prefix: 'a' });
    const ada = plan.addPerson({ name: 'Ada Host' });
    plan.index.refresh(0);
    expect(removedByName(plan.index, { by: ada })).toBe('Ada Host');
    expect(removedByName(plan.index, { by: 'Ben’s laptop' })).toBe('Ben’s laptop');
    expect(removedByName(plan.index, { by: '' })).toBeNull();
    expect(removedByName(plan.index, undefined)).toBeNull();
    expect(removedByName(undefined, { by: 'Ben’s laptop' })).toBe('Ben’s laptop');
  });
});

describe('joinedAnd', () => {
  it('reads as a list in a sentence', () => {
    expect(joinedAnd([])).toBe('');
    expect(joinedAnd(['a'])).toBe('a');
    expect(joinedAnd(['a', 'b'])).toBe('a and b');
    expect(joinedAnd(['a', 'b', 'c'])).toBe('a, b and c');
  });
});
