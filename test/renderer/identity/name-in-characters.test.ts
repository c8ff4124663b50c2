// inputs36, thirty-second session: the "Who are you?" name limit (80) counted UTF-16 units, so a name of
// 80 emoji was refused as 160 characters (40 fitted), while every other limit of the app counts characters
// (code points, shared/text/cut-text.ts) and the People rows took the same name. The identity, the presence
// schema peers parse the name with, and the host's list of who is connected now count alike.
import { describe, expect, it } from 'vitest';
import { identityNameProblem, initials, writeIdentity } from '../../../renderer/src/identity/device-identity.js';
import { presenceStateSchema } from '../../../renderer/src/sync/presence.js';
import { typedPersonField } from '../../../renderer/src/people/person-fields.js';
import type { KeyValueStore } from '../../../renderer/src/library/key-value-store.js';

const emoji = (count: number) => '🎯'.repeat(count);
const memory = (): KeyValueStore => {
  const values = new Map<string, string>();
  return { getItem: (key) => values.get(key) ?? null, setItem: (key, value) => { values.set(key, value); }, removeItem: (key) => { values.delete(key); } } as KeyValueStore;
};

describe('a name of emoji', () => {
  it('is counted in characters in the identity dialog, the stored identity, presence and the People rows', () => {
    expect(identityNameProblem(emoji(80))).toBeNull();
    expect(identityNameProblem(emoji(81))).toBe('Your name can be at most 80 characters; this one is 81. Shorten it by 1 to save.');
    expect(identityNameProblem(`${'a'.repeat(79)}é`)).toBeNull();
    expect(writeIdentity(memory(), { name: emoji(80), colour: '#3b6fd8', personByPlan: {} }).name).toBe(emoji(80));
    expect(() => writeIdentity(memory(), { name: emoji(81), colour: '#3b6fd8', personByPlan: {} })).toThrow('at most 80 characters; this one is 81');
    const state = { user: { name: emoji(80), colour: '#3b6fd8' }, selection: null, view: 'outline' };
    expect(presenceStateSchema.safeParse(state).success).toBe(true);
    expect(presenceStateSchema.safeParse({ ...state, user: { ...state.user, name: emoji(81) } }).success).toBe(false);
    expect(typedPersonField('name', emoji(80))).toEqual({ value: emoji(80) });
    // The avatar's initials are whole characters, not half an emoji (drawn "�").
    expect(initials(emoji(80))).toBe('🎯');
    expect(initials('🎯 Ada')).toBe('🎯A');
  });

  it('that shows nothing or holds a control character is refused by name', () => {
    expect(identityNameProblem('\u200b\u200b')).toMatch(/^Your name is only invisible characters \(U\+200B\)/);
    expect(identityNameProblem('Ada\u0007')).toMatch(/^Your name contains a control character \(U\+0007\)/);
  });
});
