import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../../renderer/src/library/key-value-store.js';
import { colourForName, initials, presenceColours, readIdentity, writeIdentity } from '../../../renderer/src/identity/device-identity.js';

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
