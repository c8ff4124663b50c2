// Owners written "Last, First" (an HR export, Outlook's address book): review42c F3. A sheet naming
// "Müller, Hans" made a second person beside the plan's "Hans Müller", so his work was split in two.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyImport } from '../../../shared/files/index.js';
import { previewOfCsv } from './support/csv-import.js';
import { newPlan, T0 } from '../model/support.js';

const peopleOf = (plan: ReturnType<typeof newPlan>['plan']) => {
  plan.index.refresh(T0);
  return plan.index.people().map((person) => person.name).sort();
};
const ownerNames = (plan: ReturnType<typeof newPlan>['plan']) => {
  plan.index.refresh(T0);
  return [...plan.index.walk()].map((id) => plan.index.node(id)!).filter((node) => node.kind === 'key_result').map((node) => plan.index.person(node.fields.owner!)?.name);
};

describe('an owner written "Last, First"', () => {
  it('the review\'s sheet: "Müller, Hans" is the plan\'s Hans Müller, and no second person is added', () => {
    const { plan } = newPlan();
    plan.addPerson({ name: 'Hans Müller', email: null, team: null });
    const preview = previewOfCsv('Objective,Key result,Owner,Start,Target\nGrow,ARR,"Müller, Hans",1,2\n,NPS,Hans Müller,1,2\n');
    expect(applyImport(plan, preview, { now: T0 }).ok).toBe(true);
    expect(peopleOf(plan)).toEqual(['Hans Müller']);
    expect(ownerNames(plan)).toEqual(['Hans Müller', 'Hans Müller']);
  });

  it('property: a person written "First Last" in the plan or the file, and "Last, First" in the other, is one person', () => {
    const word = fc.stringMatching(/^[A-ZÄÖÜÉ][a-zäöüé'-]{1,8}$/);
    fc.assert(fc.property(word, word, fc.boolean(), (first, last, planHasComma) => {
      const { plan } = newPlan();
      const natural = `${first} ${last}`, directory = `${last}, ${first}`;
      plan.addPerson({ name: planHasComma ? directory : natural, email: null, team: null });
      const preview = previewOfCsv(`Objective,Key result,Owner,Start,Target\nGrow,ARR,"${planHasComma ? natural : directory}",1,2\n,NPS,"  ${planHasComma ? directory.toUpperCase() : natural.toLowerCase()} ",1,2\n`);
      expect(applyImport(plan, preview, { now: T0 }).ok).toBe(true);
      expect(peopleOf(plan)).toEqual([planHasComma ? directory : natural]);
    }), { numRuns: 60 });
  });

  it('a name with two commas, or a team-like "Sales, EMEA & APAC", is matched only as written', () => {
    const { plan } = newPlan();
    plan.addPerson({ name: 'APAC Sales', email: null, team: null });
    const preview = previewOfCsv('Objective,Key result,Owner,Start,Target\nGrow,ARR,"Sales, EMEA & APAC",1,2\n');
    expect(applyImport(plan, preview, { now: T0 }).ok).toBe(true);
    expect(peopleOf(plan)).toEqual(['APAC Sales', 'Sales, EMEA & APAC']);
  });
});
