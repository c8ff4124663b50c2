// review34 findings 3, 5, 6 (inputs34, thirty-first session): what People & teams, "Who are you?" and
// "Manual progress (%)" say about what was typed, in the user's words and before anything is written.
import { describe, expect, it } from 'vitest';
import { typedPersonField } from '../../../renderer/src/people/person-fields.js';
import { identityNameProblem, writeIdentity } from '../../../renderer/src/identity/device-identity.js';
import { memoryStore } from '../../../renderer/src/library/key-value-store.js';
import { percentProblem } from '../../../renderer/src/detail/field-specs.js';

describe('a person\'s fields typed in their row', () => {
  it('a name is trimmed, as adding one trims it; an empty or too long one is refused in plain words', () => {
    expect(typedPersonField('name', '  Ada King  ')).toEqual({ value: 'Ada King' });
    expect(typedPersonField('name', '   ')).toEqual({ problem: 'A person needs a name: type one, or press Escape to keep the one they have.' });
    expect(typedPersonField('name', 'x'.repeat(201))).toEqual({ problem: 'The name is 201 characters; the limit is 200. Shorten it by 1 to save — nothing was cut.' });
  });

  it('an international e-mail address is taken; a wrong one is named without code names', () => {
    expect(typedPersonField('email', ' ben@münchen.de ')).toEqual({ value: 'ben@münchen.de' });
    expect(typedPersonField('email', '')).toEqual({ value: null });
    expect(typedPersonField('email', 'ben at work')).toEqual({ problem: '“ben at work” is not an e-mail address: it needs a name, an @ and a domain, like ada@example.com.' });
    expect(typedPersonField('role', ' CFO ')).toEqual({ value: 'CFO' });
  });
});

describe('"Who are you?"', () => {
  it('a name over 80 characters is refused naming the limit, before anything is written', () => {
    const name = `Maria ${'Auxiliadora '.repeat(6)}de los Santos Fernández`;
    expect(identityNameProblem(name)).toBe(`Your name can be at most 80 characters; this one is ${name.length}. Shorten it by ${name.length - 80} to save.`);
    expect(() => writeIdentity(memoryStore(), { name, colour: '#3b6fd8', personByPlan: {} })).toThrow(/at most 80 characters/);
    expect(identityNameProblem(' '.repeat(3))).toBe('Enter your name.');
    expect(identityNameProblem('x'.repeat(80))).toBeNull();
  });
});

describe('a percent field', () => {
  it('says its limits in percent, by its name', () => {
    expect(percentProblem('Manual progress (%)', 150)).toBe('Manual progress is at most 100 %; 150 % is over.');
    expect(percentProblem('Manual progress (%)', -5)).toBe('Manual progress is at least 0 %; -5 % is under.');
    expect(percentProblem('Manual progress (%)', 50)).toBeNull();
  });
});
