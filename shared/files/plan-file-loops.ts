/**
 * Loops of parents in a plan file: an item named as its own parent, or items each under the next
 * until the first comes round again (A under B, B under A). No plan can show an item inside itself, so
 * the tree breaks each loop (shared/model/tree.ts: the item moved last goes back under the parent it
 * had before, or to the top level). Such a file opened rearranged without a word (review32 finding 8);
 * now each loop is named, with where the plan shows the item it moved, before the person opens it.
 * A plan exported in the middle of two people's crossing moves holds such a loop too (the stored
 * parents, which every copy of the plan shows the same way), so its file says so when opened again.
 */
import { cutText, isOverLimit } from '../text/cut-text.js';
import { visibleText } from '../text/control-characters.js';
import { invisibleTextProblem } from '../text/invisible-text.js';
import { ROOT_ID } from '../model/index.js';
import { smallest } from '../collections/long-lists.js';

/** What this module reads of a plan file's nodes (plan-file.ts's PlanFile, not imported: it imports this). */
interface FileNodes { readonly nodes: readonly { readonly id: string; readonly parent: string; readonly title: string }[] }

/** The loops of the file's stored parents, each from its earliest node in the file, in file order. */
export function parentLoops(file: FileNodes): number[][] {
  const indexOf = new Map<string, number>(file.nodes.map((node, index) => [node.id, index]));
  const parentIndex = file.nodes.map((node) => (node.parent === ROOT_ID ? -1 : indexOf.get(node.parent) ?? -1));
  // 0 = not seen, 1 = on the walk now, 2 = done.
  const state = new Uint8Array(file.nodes.length);
  const loops: number[][] = [];
  for (let start = 0; start < file.nodes.length; start++) {
    if (state[start] !== 0) continue;
    const walk: number[] = [];
    let current = start;
    while (current !== -1 && state[current] === 0) {
      state[current] = 1;
      walk.push(current);
      current = parentIndex[current]!;
    }
    if (current !== -1 && state[current] === 1) {
      const loop = walk.slice(walk.indexOf(current));
      const first = loop.indexOf(smallest(loop));
      loops.push([...loop.slice(first), ...loop.slice(0, first)]);
    }
    for (const index of walk) state[index] = 2;
  }
  return loops.sort((a, b) => a[0]! - b[0]!);
}

/**
 * What the person is told of each loop. `shownParent(id)`: the parent the opened plan shows the node
 * under (ROOT_ID for the top level), or null when the node is deleted (hidden).
 */
export function loopNotes(file: FileNodes, shownParent: (id: string) => string | null): string[] {
  const loops = parentLoops(file);
  if (loops.length === 0) return [];
  const indexOf = new Map<string, number>(file.nodes.map((node, index) => [node.id, index]));
  const name = (index: number) => {
    const node = file.nodes[index]!;
    const title = visibleText(node.title);
    const shown = title.trim() && !invisibleTextProblem(title) ? `“${isOverLimit(title, 40) ? `${cutText(title, 40)}…` : title}”` : 'Untitled';
    return { short: shown, long: `${shown} (node ${index + 1}, id ${node.id})` };
  };
  const where = (parent: string) => (parent === ROOT_ID ? 'at the top level' : `under ${name(indexOf.get(parent)!).short}`);
  return loops.map((loop) => {
    const moved = loop.filter((index) => { const parent = shownParent(file.nodes[index]!.id); return parent !== null && parent !== file.nodes[index]!.parent; });
    const live = loop.filter((index) => shownParent(file.nodes[index]!.id) !== null);
    const outcome = live.length === 0
      ? `${loop.length === 1 ? 'it is' : 'all of them are'} deleted in the file and stay deleted`
      : moved.map((index) => `${loop.length === 1 ? 'it' : name(index).short} opens ${where(shownParent(file.nodes[index]!.id)!)}`).join(', ') || 'the plan shows them as the file places them';
    if (loop.length === 1) return `${name(loop[0]!).long} is its own parent; ${outcome}`;
    const chain = [...loop.map((index) => name(index).long), name(loop[0]!).short].join(' → ');
    return `${loop.length} items form a loop of parents, each under the next: ${chain}; ${outcome}`;
  });
}
