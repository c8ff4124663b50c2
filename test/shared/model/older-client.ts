// Text as a client from before review40b F9 stored it. The model now refuses a bidirectional override
// (U+202D, U+202E) in a title, a name or a description, as it refuses other control characters; plans
// written by older versions, imports and hostile peers still hold them, and the views must show them
// safely. A test writes such text through the model with a stand-in where the override goes, then
// `storeOverridesAsOlderClient` writes the override in its place directly into the Y.Doc, in every
// Y.Text, every string of a map or an array and every record (a rename's `next`, a person's name), as
// that client's own writes did. Both are one UTF-16 unit, so every stored span and length stays right.
import * as Y from 'yjs';

/** Stands for a right-to-left override (U+202E) until `storeOverridesAsOlderClient` writes it. */
export const OLDER_OVERRIDE = '\uE000';
/** Stands for a left-to-right override (U+202D) likewise. */
export const OLDER_LTR_OVERRIDE = '\uE001';
const STAND_INS = /[\uE000\uE001]/gu;
const overrideFor = (standIn: string) => (standIn === OLDER_OVERRIDE ? '\u202E' : '\u202D');

/** `text` with each override written as its stand-in, to go through the model. */
export function withStandIns(text: string): string {
  return text.replace(/[\u202d\u202e]/gu, (override) => (override === '\u202e' ? OLDER_OVERRIDE : OLDER_LTR_OVERRIDE));
}

/** `value` (a string, or plain data holding strings) with every OLDER_OVERRIDE written as RLO; the same value when none. */
function withOverrides(value: unknown): unknown {
  if (typeof value === 'string') return /[\uE000\uE001]/u.test(value) ? value.replace(STAND_INS, overrideFor) : value;
  if (Array.isArray(value)) {
    const items = value.map(withOverrides);
    return items.some((item, index) => item !== value[index]) ? items : value;
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array) && !(value instanceof Y.AbstractType)) {
    const entries = Object.entries(value).map(([key, item]) => [key, withOverrides(item)] as const);
    return entries.some(([key, item]) => item !== (value as Record<string, unknown>)[key]) ? Object.fromEntries(entries) : value;
  }
  return value;
}

function rewriteType(type: unknown): void {
  if (type instanceof Y.Text) {
    for (const found of [...type.toString().matchAll(STAND_INS)]) {
      type.delete(found.index, 1);
      type.insert(found.index, overrideFor(found[0]));
    }
  } else if (type instanceof Y.Map) {
    for (const [key, value] of [...type.entries()]) {
      if (value instanceof Y.AbstractType) rewriteType(value);
      else if (withOverrides(value) !== value) type.set(key, withOverrides(value));
    }
  } else if (type instanceof Y.Array) {
    const items = type.toArray();
    items.forEach((value, index) => {
      if (value instanceof Y.AbstractType) rewriteType(value);
      else if (withOverrides(value) !== value) { type.delete(index, 1); type.insert(index, [withOverrides(value)]); }
    });
  }
}

/** Writes an override wherever its stand-in stands in `doc`, straight into the Y.Doc (one transaction). */
export function storeOverridesAsOlderClient(doc: Y.Doc): void {
  doc.transact(() => {
    for (const type of doc.share.values()) rewriteType(type);
  });
}
