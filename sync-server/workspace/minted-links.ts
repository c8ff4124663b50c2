import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { linkIdPattern } from './link-id.js';

/**
 * The links this data folder's server (and its CLI's `token`) made, by id, until they expire: so that
 * revoking an id nobody made says so (usercheck6 F7: a mistyped id answered "revoked", and the host
 * believed the link was). A token names itself; a link id is 16 hex digits of a hash, and only this list
 * tells a real one from a typo. Links made before the list existed (its `since`) are not in it.
 */
export const mintedLinksFileName = 'minted-links.json';

const fileSchema = z.strictObject({
  version: z.literal(1),
  /** Unix seconds when the list was started: links made before are unknown to it. */
  since: z.number().int().nonnegative(),
  links: z.array(z.strictObject({ id: z.string().regex(linkIdPattern), exp: z.number().int().nonnegative() })),
});
type MintedLinksFile = z.infer<typeof fileSchema>;

/** The list in `dataDir`, or null when there is none (or it cannot be read: then nothing is claimed). */
export function readMintedLinks(dataDir: string): MintedLinksFile | null {
  try {
    const parsed = fileSchema.safeParse(JSON.parse(readFileSync(path.join(dataDir, mintedLinksFileName), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Adds a link the server or the CLI just made (written to a temporary file and renamed); expired ones
 * are dropped. A list that cannot be read is started again (the answer for older ids is then "unknown").
 */
export function rememberMintedLink(dataDir: string, id: string, expiresAt: number, nowSeconds: number): void {
  const current = readMintedLinks(dataDir) ?? { version: 1 as const, since: nowSeconds, links: [] };
  writeList(dataDir, current.since, [...current.links.filter((link) => link.exp > nowSeconds && link.id !== id), { id, exp: expiresAt }]);
}

/** Starts the list when the server starts (so that "since" is when it started knowing), unless there is one. */
export function startMintedLinks(dataDir: string, nowSeconds: number): void {
  if (readMintedLinks(dataDir) === null) writeList(dataDir, nowSeconds, []);
}

function writeList(dataDir: string, since: number, links: readonly { id: string; exp: number }[]): void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, mintedLinksFileName);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify({ version: 1, since, links }) + '\n', { mode: 0o600 });
  renameSync(temporary, file);
}

/** Whether `id` is a link made here and not expired; `since`: from when the list knows (null: no list). */
export function mintedLinkKnown(dataDir: string, id: string): { readonly known: boolean; readonly since: number | null } {
  const list = readMintedLinks(dataDir);
  return { known: list?.links.some((link) => link.id === id) ?? false, since: list?.since ?? null };
}
