import { describe, expect, it } from 'vitest';
import { peopleMatching } from '../../../renderer/src/people/people-find.js';

const people = [
  { id: 'p1', name: 'Lucía Fernández', email: 'lucia@northwind.example', team: null, role: null },
  { id: 'p2', name: 'Amara Okafor', email: null, team: null, role: 'CEO' },
  { id: 'p3', name: 'Elif Yılmaz', email: 'elif@northwind.example', team: null, role: null },
];

describe('finding a person on the People page', () => {
  it('ignores case and accents, in the name or the e-mail', () => {
    expect(peopleMatching(people, 'lucia fern').map((person) => person.id)).toEqual(['p1']);
    expect(peopleMatching(people, 'OKAFOR').map((person) => person.id)).toEqual(['p2']);
    expect(peopleMatching(people, 'elif@').map((person) => person.id)).toEqual(['p3']);
    expect(peopleMatching(people, 'Fernández').map((person) => person.id)).toEqual(['p1']);
  });

  it('lists everyone for nothing typed and no one for a name nobody has', () => {
    expect(peopleMatching(people, '  ')).toHaveLength(3);
    expect(peopleMatching(people, 'Zed')).toEqual([]);
  });
});
