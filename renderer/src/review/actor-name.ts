import { shownName, type PlanIndex } from '../../../shared/model/index.js';

/**
 * Who made a change or is named by one, as the review shows them: the plan's person of that id, marked
 * "Carla (removed)" once removed as the outline, the owner field and the Markdown export mark them
 * (review38b F6: the review rows read "owner — → Carla" and "by Carla"); else the name itself (a device
 * name, or a person an older Throughline deleted outright). Found by id: a review lists hundreds of
 * changes, each named, and a company has 10,000 people.
 */
export function actorName(index: Pick<PlanIndex, 'person' | 'personNow'>, actor: string): string {
  // One merged into another (Plan.mergePerson) reads as that one: her check-ins are hers (leftovers40).
  const person = index.person(index.personNow(actor));
  return person ? shownName(person) : actor;
}
