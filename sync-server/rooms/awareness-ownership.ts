import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * An awareness update (already checked by decodeClientFrame: varUint count, then client id, clock and
 * JSON state per entry) without the entries for client ids `takenByOther` says belong to another live
 * connection. Presence is not trusted data, but whose it is must be: a connection re-sending another's
 * client id with a higher clock would otherwise take it over — its name and everything the host's list
 * attributes to it. The first connection to announce a client id keeps it until it leaves. Null when no
 * entry is left; the same bytes when nothing was dropped.
 */
export function withoutOthersEntries(update: Uint8Array, takenByOther: (client: number) => boolean): Uint8Array | null {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const kept: { client: number; clock: number; state: string }[] = [];
  for (let i = 0; i < count; i++) {
    const client = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state = decoding.readVarString(decoder);
    if (!takenByOther(client)) kept.push({ client, clock, state });
  }
  if (kept.length === count) return update;
  if (kept.length === 0) return null;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, kept.length);
  for (const entry of kept) {
    encoding.writeVarUint(encoder, entry.client);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.state);
  }
  return encoding.toUint8Array(encoder);
}
