import * as encoding from 'lib0/encoding';
import { ByteReader, DecodeError } from './byte-reader.js';
import type { DeleteRange, ParsedUpdate } from './update-format.js';

/**
 * What a room without a document keeps of an update (rooms/stateless-content.ts): for each client
 * with structs, the clock after its last struct (skips left out), and the deleted ranges. The
 * instance that accepted an update parsed it already; it sends this summary with the update in the
 * doorbell entry (scaleout/doorbell.ts), so the other instances record it without parsing the update
 * again (a parse per update on every reader showed in profiles).
 *
 * Encoding (lib0 varUints): client count, then per client its id and next clock; range count, then
 * per range client, clock and length.
 */
export interface UpdateSummary {
  /** Client → clock after its last struct in the update (0 when it brought only skips). */
  readonly clocks: readonly (readonly [client: number, next: number])[];
  readonly deletes: readonly DeleteRange[];
}

export function summarise(update: ParsedUpdate): UpdateSummary {
  const clocks: [number, number][] = [];
  for (const section of update.clients) {
    let next = 0;
    for (const struct of section.structs) if (struct.kind !== 'skip') next = Math.max(next, struct.clock + struct.length);
    clocks.push([section.client, next]);
  }
  return { clocks, deletes: update.deletes };
}

export function encodeSummary(summary: UpdateSummary): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, summary.clocks.length);
  for (const [client, next] of summary.clocks) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, next);
  }
  encoding.writeVarUint(encoder, summary.deletes.length);
  for (const range of summary.deletes) {
    encoding.writeVarUint(encoder, range.client);
    encoding.writeVarUint(encoder, range.clock);
    encoding.writeVarUint(encoder, range.length);
  }
  return encoding.toUint8Array(encoder);
}

/** Reads a summary, or throws DecodeError saying what is wrong with it (nothing is recorded then). */
export function decodeSummary(bytes: Uint8Array): UpdateSummary {
  const reader = new ByteReader(bytes);
  const clientCount = reader.varUint('number of clients');
  if (clientCount > reader.remaining / 2) throw new DecodeError(`a summary claims ${clientCount} clients in ${reader.remaining} bytes`);
  const clocks: [number, number][] = [];
  for (let n = 0; n < clientCount; n++) clocks.push([reader.varUint('client id'), reader.varUint('next clock')]);
  const rangeCount = reader.varUint('number of deleted ranges');
  if (rangeCount > reader.remaining / 3) throw new DecodeError(`a summary claims ${rangeCount} deleted ranges in ${reader.remaining} bytes`);
  const deletes: DeleteRange[] = [];
  for (let n = 0; n < rangeCount; n++) {
    const range = { client: reader.varUint('client id'), clock: reader.varUint('clock'), length: reader.varUint('length') };
    if (range.clock + range.length > Number.MAX_SAFE_INTEGER) throw new DecodeError(`a deleted range of client ${range.client} passes 2^53 − 1`);
    deletes.push(range);
  }
  if (!reader.atEnd) throw new DecodeError(`a summary has ${reader.remaining} bytes after its end`);
  return { clocks, deletes };
}
