// An owner written `hans.mueller@acme.example` on one row and "Hans Müller" on another (or in the plan): review42c
// F3b. The e-mail gives the name "Hans Mueller", which did not match "Hans Müller", so the import added a second
// Hans and his work was split in two. Names are now matched folded (ü as ue or u, ß as ss, é as e), and only so:
// two names that differ after folding are never one person.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyImport } from '../../../shared/files/index.js';
import { previewOfCsv } from './support/csv-import.js';
import { newPlan, T0 } from '../model/support.js';

type PlanOf = ReturnType<typeof newPlan>['plan'];
const people = (plan: PlanOf) => { plan.index.refresh(T0); return plan.index.people().map((person) => `${person.name} ${person.email ?? ''}`.trim()).sort(); };

/** Imports key results owned by `owners` (one a row) into `plan`. */
function importOwners(plan: PlanOf, owners: readonly string[]): void {
  const csv = ['Objective,Key result,Owner,Start,Target', ...owners.map((owner, index) => `Grow,KR ${index},"${owner}",1,2`)].join('\n');
  expect(applyImport(plan, previewOfCsv(csv), { now: T0 }).ok).toBe(true);
}

describe('owners matched with their letters folded', () => {
  it('the review\'s rows: hans.mueller@ and "Hans Müller" are one person, with the e-mail learned', () => {
    const { plan } = newPlan();
    importOwners(plan, ['hans.mueller@acme.example', 'Hans Müller']);
    // Named as the sheet writes him, not as his e-mail spells him.
    expect(people(plan)).toEqual(['Hans Müller hans.mueller@acme.example']);
    const { plan: other } = newPlan();
    other.addPerson({ name: 'Hans Müller', email: null, team: null });
    importOwners(other, ['hans.mueller@acme.example', 'Müller, Hans', 'HANS MULLER']);
    expect(people(other)).toEqual(['Hans Müller hans.mueller@acme.example']);
  });

  it('ß, é, ø and å fold as addresses and keyboards without them write them', () => {
    const { plan } = newPlan();
    for (const name of ['Jürgen Groß', 'Renée Dubois', 'Søren Ås']) plan.addPerson({ name, email: null, team: null });
    importOwners(plan, ['juergen.gross@acme.example', 'Renee Dubois', 'soren.as@acme.example', 'Soeren Aas']);
    expect(people(plan)).toEqual(['Jürgen Groß juergen.gross@acme.example', 'Renée Dubois', 'Søren Ås soren.as@acme.example']);
  });

  it('names that differ after folding stay apart: Mueller and Muller, Jose and Josef', () => {
    const { plan } = newPlan();
    importOwners(plan, ['Hans Mueller', 'Hans Muller', 'Jose Ruiz', 'Josef Ruiz']);
    expect(people(plan)).toEqual(['Hans Mueller', 'Hans Muller', 'Jose Ruiz', 'Josef Ruiz']);
  });

  // An independent statement of the folding for this alphabet: each name's two spellings without its marks.
  const TRANSLITERATED: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', é: 'e' };
  const STRIPPED: Record<string, string> = { ä: 'a', ö: 'o', ü: 'u', ß: 'ss', é: 'e' };
  const spellings = (name: string) => new Set([name, [...name].map((c) => TRANSLITERATED[c] ?? c).join(''), [...name].map((c) => STRIPPED[c] ?? c).join('')]);

  it('property: a file\'s owner is the plan\'s person exactly when one spelling of the two names, folded, is the same', () => {
    const word = fc.array(fc.constantFrom('a', 'e', 'u', 'o', 's', 'ä', 'ö', 'ü', 'ß', 'é', 'r', 'n'), { minLength: 2, maxLength: 6 }).map((letters) => letters.join(''));
    const name = fc.tuple(word, word).map(([first, last]) => `${first[0]!.toUpperCase()}${first.slice(1)} ${last[0]!.toUpperCase()}${last.slice(1)}`);
    // The file's name: another name, or the plan's respelt without its marks (one way or the other).
    const respelt = (planName: string, how: 'other' | 'transliterated' | 'stripped', other: string) =>
      how === 'other' ? other : [...planName].map((c) => (how === 'transliterated' ? TRANSLITERATED : STRIPPED)[c] ?? c).join('');
    fc.assert(fc.property(name, fc.constantFrom('other', 'transliterated', 'stripped') as fc.Arbitrary<'other' | 'transliterated' | 'stripped'>, name, (planName, how, other) => {
      const fileName = respelt(planName, how, other);
      const { plan } = newPlan();
      plan.addPerson({ name: planName, email: null, team: null });
      importOwners(plan, [fileName]);
      const a = spellings(planName.toLowerCase()), b = spellings(fileName.toLowerCase());
      const same = [...a].some((spelling) => b.has(spelling));
      expect(people(plan)).toEqual(same ? [planName] : [planName, fileName].sort());
    }), { numRuns: 300 });
  });
});
