import type { ParsedUpdate, ParsedStruct, StructId } from './update-format.js';

/**
 * Decides, without touching the document, whether applying an update would leave anything pending:
 * a struct whose predecessor from the same client is missing (a gap), one that refers to an item the
 * document does not have and the update does not bring (an update made for another document), or a
 * delete of such an item. Yjs would park those as `pendingStructs` / `pendingDs` inside the document,
 * invisible to storage; the server refuses the whole update instead.
 *
 * It walks the update the way Yjs's `integrateStructs` does: client by client, jumping to another
 * client's structs when a dependency is there, so the work is linear in the update's size.
 * Same-client references must point backwards (Yjs does not check them and throws mid-integration).
 */
export function findMissingDependency(update: ParsedUpdate, stateOf: (client: number) => number): string | null {
  const state = new Map<number, number>();
  const known = (client: number): number => {
    let clock = state.get(client);
    if (clock === undefined) {
      clock = stateOf(client);
      state.set(client, clock);
    }
    return clock;
  };
  const queues = new Map<number, { structs: readonly ParsedStruct[]; next: number }>();
  for (const section of update.clients) queues.set(section.client, { structs: section.structs, next: 0 });

  const onStack = new Set<number>();
  for (const start of queues.keys()) {
    const stack = [start];
    onStack.add(start);
    while (stack.length > 0) {
      const client = stack[stack.length - 1]!;
      const queue = queues.get(client)!;
      const struct = queue.structs[queue.next];
      if (struct === undefined) {
        stack.pop();
        onStack.delete(client);
        continue;
      }
      if (struct.kind === 'skip') {
        queue.next++;
        continue;
      }
      const clientState = known(client);
      if (struct.clock > clientState) return `client ${client}'s changes ${clientState}–${struct.clock - 1} are missing before ${client}:${struct.clock}`;
      let blockedOn: number | null = null;
      for (const ref of [struct.origin, struct.rightOrigin, struct.parent]) {
        if (ref === null) continue;
        if (ref.client === client) {
          if (ref.clock >= struct.clock) return `${client}:${struct.clock} refers forward to ${describe(ref)}`;
          continue;
        }
        if (ref.clock < known(ref.client)) continue;
        const other = queues.get(ref.client);
        if (other === undefined || onStack.has(ref.client) || other.next >= other.structs.length) {
          return `${client}:${struct.clock} refers to ${describe(ref)}, which this document does not have`;
        }
        blockedOn = ref.client;
        break;
      }
      if (blockedOn !== null) {
        stack.push(blockedOn);
        onStack.add(blockedOn);
        continue;
      }
      state.set(client, Math.max(clientState, struct.clock + struct.length));
      queue.next++;
      // Like Yjs: after each struct of a client we jumped to, return to the one that was waiting.
      if (stack.length > 1) {
        stack.pop();
        onStack.delete(client);
      }
    }
  }
  for (const range of update.deletes) {
    if (range.clock + range.length > known(range.client)) {
      return `deletes ${range.client}:${range.clock}+${range.length}, which this document does not have`;
    }
  }
  return null;
}

function describe(id: StructId): string {
  return `${id.client}:${id.clock}`;
}
