import { foldForSearch } from '../commands/fuzzy.js';

/**
 * The people whose name or e-mail holds what was typed, as the palette compares text: case and accents
 * do not matter ("lucia" finds Lucía Fernández, "OKAFOR" Amara Okafor).
 */
export function peopleMatching<P extends { name: string; email: string | null }>(people: readonly P[], typed: string): readonly P[] {
  const wanted = foldForSearch(typed.trim());
  if (wanted === '') return people;
  return people.filter((person) => foldForSearch(person.name).includes(wanted) || foldForSearch(person.email ?? '').includes(wanted));
}
