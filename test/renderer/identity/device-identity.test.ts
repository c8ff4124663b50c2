import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { memoryStore } from '../../../renderer/src/library/key-value-store.js';
import { colourForName, contrastRatio, initials, inkOn, presenceColours, readIdentity, writeIdentity } from '../../../renderer/src/identity/device-identity.js';

describe('who am I on this device', () => {
  it('is unset until answered, then remembered', () => {
    const store = memoryStore();
    expect(readIdentity(store)).toBeNull();
    writeIdentity(store, { name: 'Dana Ruiz', colour: '#3b6fd8', personByPlan: { plan1: 'p1' } });
    expect(readIdentity(store)).toEqual({ name: 'Dana Ruiz', colour: '#3b6fd8', personByPlan: { plan1: 'p1' } });
  });

  it('refuses an empty name with a message', () => {
    expect(() => writeIdentity(memoryStore(), { name: '  ', colour: '#3b6fd8', personByPlan: {} })).toThrow('Enter your name.');
  });

  it('derives initials and a stable colour', () => {
    expect(initials('Dana Ruiz')).toBe('DR');
    expect(initials('cher')).toBe('C');
    expect(initials('  ')).toBe('?');
    expect(colourForName('Dana')).toBe(colourForName('Dana'));
    expect(presenceColours).toContain(colourForName('Dana'));
  });
});

describe('avatar colours', () => {
  it('every colour the app draws carries white initials at 4.5:1 or more (the avatars\' 10 px text)', () => {
    for (const colour of presenceColours) expect(contrastRatio(colour, '#ffffff'), colour).toBeGreaterThanOrEqual(4.5);
    for (const colour of presenceColours) expect(inkOn(colour)).toBe('#ffffff');
  });

  it('any colour another person sends gets initials that read at 4.5:1 (white or black)', () => {
    const hex = fc.integer({ min: 0, max: 0xffffff }).map((value) => `#${value.toString(16).padStart(6, '0')}`);
    fc.assert(fc.property(hex, (colour) => { expect(contrastRatio(colour, inkOn(colour))).toBeGreaterThanOrEqual(4.5); }), { numRuns: 2000 });
  });
});
