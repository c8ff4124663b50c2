// review46a F4: a name that draws as another ("Dana\u200B Reyes", "Dana Reyes\u2060", full-width "Ｄａｎａ Reyes")
// was not the same name: "Add person" and "Who are you?" did not ask, a second Dana Reyes stood beside the first
// with nothing on screen to tell them apart, and check-ins "by Dana Reyes" could come from either. Such names are
// now namesakes (asked about, marked "same name", mergeable); real names that differ stay apart.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { liveNamesakes, nameKey, removedNamesake, sameName } from '../../../shared/model/removed.js';
import { newPlan } from './support.js';

const INVISIBLE = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u200e', '\u200f', '\u00ad', '\u2066', '\u2069'];

describe('names that draw alike are namesakes (review46a F4)', () => {
  it('invisible format characters and compatibility forms: the question is asked, and the two can be merged', () => {
    const { plan } = newPlan();
    const dana = plan.addPerson({ name: 'Dana Reyes' });
    plan.index.refresh(Date.now());
    for (const name of ['Dana\u200b Reyes', 'Dana Reyes\u2060', '\u200dDana Reyes', 'Da\u00adna Reyes', 'Ｄａｎａ Reyes', 'Dana\u200e Reyes']) {
      expect(liveNamesakes(plan.index.people(), name).map((person) => person.id), JSON.stringify(name)).toEqual([dana]);
    }
    const second = plan.addPerson({ name: 'Dana\u200b Reyes' });
    plan.index.refresh(Date.now());
    expect(plan.mergePerson(second, dana)).toBe(0);
    plan.index.refresh(Date.now());
    expect(plan.index.people().map((person) => person.name)).toEqual(['Dana Reyes']);
  });

  it('names that differ stay apart; a removed namesake is found through the same key', () => {
    expect(sameName('Dana Reyes', 'Dana Reye')).toBe(false);
    expect(sameName('José', 'Jose')).toBe(false);
    expect(sameName('Dana Reyes', 'Dаna Reyes')).toBe(false); // Cyrillic а: not folded here (said in the report)
    const removed = [{ name: 'Carla Diaz', removed: { at: 1, by: 'ada' } }];
    expect(removedNamesake([], removed, 'Carla\u200b Diaz')).toBe(removed[0]);
  });

  it('property: a name with invisible characters put anywhere is its own namesake', () => {
    const name = fc.string({ minLength: 1, maxLength: 20 }).filter((text) => nameKey(text) !== '');
    fc.assert(fc.property(name, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...INVISIBLE)), { maxLength: 4 }), (text, insertions) => {
      let disguised = text;
      for (const [at, char] of insertions) { const index = at % (disguised.length + 1); disguised = disguised.slice(0, index) + char + disguised.slice(index); }
      expect(sameName(text, disguised)).toBe(true);
    }), { numRuns: 300 });
  });
});
