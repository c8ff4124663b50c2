/**
 * Removed people and teams (people37): removal is a tombstone. The entry stays in `people` / `teams` with
 * `removedAt` (instant) and `removedBy` (actor), two scalars so the plan file carries them as it carries
 * every other value of an entry. An entry without `removedAt` (every entry an older Throughline wrote)
 * is live; an entry an older Throughline deleted outright is simply absent, as before.
 */
import * as Y from 'yjs';
import type { RemovedStamp } from './views.js';

/** A removal's stamp: `removedAt` (a finite number) and `removedBy`; none when `removedAt` is absent or no number. */
export function removedStamp(entry: Y.Map<unknown>): RemovedStamp | null {
  const at = entry.get('removedAt');
  if (typeof at !== 'number' || !Number.isFinite(at)) return null;
  const by = entry.get('removedBy');
  return { at, by: typeof by === 'string' ? by : '' };
}

/**
 * Whether the person or team under `id` is a tombstone. One merged into another (`mergedInto`) is, except
 * the one a loop of merges keeps (two people merging A into B and B into A at once: mergeEnd).
 */
export function isRemoved(map: Y.Map<Y.Map<unknown>>, id: string): boolean {
  const entry = map.get(id);
  if (!(entry instanceof Y.Map) || removedStamp(entry) === null) return false;
  return mergedInto(map, entry) === null || mergeEnd(map, id) !== null;
}

/** The entry a removed entry was merged into (its `mergedInto`, when the plan holds it), else null. */
function mergedInto(map: Y.Map<Y.Map<unknown>>, entry: Y.Map<unknown>): string | null {
  if (removedStamp(entry) === null) return null;
  const into = entry.get('mergedInto');
  return typeof into === 'string' && map.get(into) instanceof Y.Map ? into : null;
}

/**
 * Where whatever names a merged person or team goes (leftovers40: a merge, and what a peer gave the merged
 * one meanwhile): follows `mergedInto` through entries merged in turn to the first one not merged. In a
 * loop of merges (A into B and B into A, made at once) the loop's smallest id is kept: every replica picks
 * the same, it counts as live, and the others lead to it. Null when `id` is not merged (or is that one).
 */
export function mergeEnd(map: Y.Map<Y.Map<unknown>>, id: string): string | null {
  const seen = new Map<string, number>();
  const path: string[] = [];
  for (let current = id; ;) {
    const entry = map.get(current);
    const into = entry instanceof Y.Map ? mergedInto(map, entry) : null;
    if (into === null) return current === id ? null : current;
    seen.set(current, path.length);
    path.push(current);
    const loopStart = seen.get(into);
    if (loopStart !== undefined) {
      const kept = path.slice(loopStart).reduce((a, b) => (b < a ? b : a));
      return kept === id ? null : kept;
    }
    current = into;
  }
}

/**
 * The name to show for a person or team an item names: their name, "Carla (removed)" when removed, and
 * "a removed person" / "a removed team" when the plan no longer holds them at all (an older Throughline
 * deleted the entry outright).
 */
export function shownName(view: { name: string; removed?: RemovedStamp } | undefined, what: 'person' | 'team' = 'person'): string {
  if (!view) return `a removed ${what}`;
  return view.removed ? `${view.name} (removed)` : view.name;
}

/**
 * How two names compare when one is typed for the other: trimmed, case and spacing aside, compatibility forms
 * as their letters (NFKC: full-width "Ｄａｎａ" is "Dana"), and the invisible format characters dropped
 * (zero-width spaces and joiners, word joiners, direction marks, soft hyphens: `\p{Cf}`). "Dana\u200B Reyes"
 * draws as "Dana Reyes": it passed as another name, so a second Dana Reyes was added without the question,
 * listed beside the first with nothing to tell them apart, and check-ins "by Dana Reyes" came from either
 * (review46a F4). Look-alike letters of other scripts (Cyrillic "а") are not folded here.
 */
export const nameKey = (name: string) => name.normalize('NFKC').replace(/\p{Cf}/gu, '').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');

/** Whether two names are the same name ("carla  diaz" and "Carla Diaz"). */
export const sameName = (a: string, b: string) => nameKey(a) === nameKey(b);

/**
 * The removed person or team a new one of `name` would stand beside, when no live one has that name
 * (leftovers39): the latest removed of that name, else none. Adding "Carla" by hand while "Carla
 * (removed)" is listed made a second Carla without a word; People & teams asks with this first, as an
 * import does (people38, import-removed.ts) — restore her, or add a new one by choice.
 */
export function removedNamesake<V extends { name: string; removed?: RemovedStamp }>(live: readonly V[], removed: readonly V[], name: string): V | null {
  const key = nameKey(name);
  if (key === '' || live.some((view) => nameKey(view.name) === key)) return null;
  let found: V | null = null;
  for (const view of removed) {
    if (view.removed && nameKey(view.name) === key && (!found || view.removed.at > found.removed!.at)) found = view;
  }
  return found;
}

/**
 * Who removed a person or team, as a name: the plan's person of the stamp's actor, else the actor itself (a
 * device name); null when the stamp names nobody. One lookup for every "removed by …" (review39a F10: it
 * was written out ten times). Callers word the unknown case ("someone") and themselves ("you").
 */
export function removedByName(directory: { person(id: string): { name: string } | undefined } | null | undefined, stamp: { by: string } | null | undefined): string | null {
  const by = stamp?.by;
  return by ? directory?.person(by)?.name ?? by : null;
}

/**
 * The live people (or teams) a new one of `name` would share their name with (fix40c, review40a F10): "Add me"
 * and "Add person" made a second live Dana Reyes beside the first without a word, and an "Add me" duplicate became
 * the device's "You in this plan". Asked first: be her (the identity dialog's default), or add another of the name.
 */
export function liveNamesakes<V extends { name: string }>(live: readonly V[], name: string): V[] {
  const key = nameKey(name);
  return key === '' ? [] : live.filter((view) => nameKey(view.name) === key);
}
