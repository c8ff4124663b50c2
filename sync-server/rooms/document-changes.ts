import * as Y from 'yjs';
import type { ParsedUpdate } from '../protocol/update-format.js';

/**
 * Would applying `update` change `doc`? True when it brings a struct the document does not have or
 * deletes something not deleted yet. Used for viewers: the stock client answers every sync step 1
 * with a sync step 2 (its whole delete set included), and only a real change earns a refusal.
 */
export function updateChangesDocument(doc: Y.Doc, update: ParsedUpdate): boolean {
  for (const section of update.clients) {
    const state = Y.getState(doc.store, section.client);
    if (section.structs.some((struct) => struct.kind !== 'skip' && struct.clock + struct.length > state)) return true;
  }
  for (const range of update.deletes) {
    const end = range.clock + range.length;
    if (end > Y.getState(doc.store, range.client)) return true;
    const structs = doc.store.clients.get(range.client);
    if (structs === undefined) return true;
    for (let index = Y.findIndexSS(structs, range.clock); index < structs.length; index++) {
      const struct = structs[index]!;
      if (struct.id.clock >= end) break;
      if (!struct.deleted) return true;
    }
  }
  return false;
}
