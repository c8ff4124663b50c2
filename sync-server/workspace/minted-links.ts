import { closeSync, fstatSync, fsyncSync, openSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { linkIdPattern } from './link-id.js';
import { ensureDataFolder } from '../data-folder.js';

/**
 * The links this data folder's server (and its CLI's `token`) made, by id, until they expire: so that
 * revoking an id nobody made says so (usercheck6 F7: a mistyped id answered "revoked", and the host
 * believed the link was). A token names itself; a link id is 16 hex digits of a hash, and only this list
 * tells a real one from a typo. Links made before the list existed (its `since`) are not in it.
 *
 * The file is append-only JSON lines (review36d B8): the running server and the CLI's `token` (another
 * process) each add a link with one append, so neither can drop the other's, and a mint no longer reads
 * and rewrites the whole list. One line `{"since":…}` says from when the list knows (several: the
 * earliest counts); every other line is `{"id":…,"exp":…}`. The server compacts the file when it starts
 * (links past their expiry dropped, the old one-object `minted-links.json` folded in).
 */
export const mintedLinksFileName = 'minted-links.jsonl';
/** The list as it was kept before (one JSON object, rewritten on every mint): still read, folded in at start. */
export const legacyMintedLinksFileName = 'minted-links.json';

const linkLineSchema = z.strictObject({ id: z.string().regex(linkIdPattern), exp: z.number().int().nonnegative() });
const sinceLineSchema = z.strictObject({ since: z.number().int().nonnegative() });
const legacySchema = z.strictObject({
  version: z.literal(1),
  since: z.number().int().nonnegative(),
  links: z.array(linkLineSchema),
});

export interface MintedLinks {
  /** Unix seconds from when the list knows; null when there is no list. */
  readonly since: number | null;
  readonly links: readonly { readonly id: string; readonly exp: number }[];
  /** Lines that are not a record, each named ("line 7 is not JSON"); a torn last line is not one of them. */
  readonly problems: readonly string[];
}

interface ParsedFile {
  readonly since: number | null;
  readonly links: { id: string; exp: number }[];
  /** Lines kept as they are by a compaction (neither a record nor a torn write): with their numbers. */
  readonly damaged: { readonly number: number; readonly text: string; readonly problem: string }[];
}

/**
 * Whether `line` is the start of a link record cut short (a write stopped by a crash): a proper prefix of
 * `{"id":"<16 hex>","exp":<digits>}`. Such a link was never handed out — the token is given only after its
 * line is written — so it is dropped; any other line that is not a record is kept and reported.
 */
export function isTornLinkRecord(line: string): boolean {
  const parts: ((rest: string) => number | null)[] = [
    literal('{"id":"'), (rest) => run(rest, /^[0-9a-f]{0,16}/, 16), literal('","exp":'), (rest) => run(rest, /^[0-9]*/, Infinity), literal('}'),
  ];
  let rest = line;
  for (const part of parts) {
    const taken = part(rest);
    if (taken === null) return false;
    rest = rest.slice(taken);
    if (rest.length === 0) return line.length > 0 && !linkLineSchema.safeParse(safeJson(line)).success;
  }
  return false;
}

function literal(text: string): (rest: string) => number | null {
  return (rest) => {
    const length = Math.min(rest.length, text.length);
    return rest.slice(0, length) === text.slice(0, length) ? length : null;
  };
}

/** How much of `rest` the pattern takes; null when it must take `full` characters and the text goes on. */
function run(rest: string, pattern: RegExp, full: number): number | null {
  const taken = pattern.exec(rest)?.[0].length ?? 0;
  if (taken < rest.length && full !== Infinity && taken < full) return null;
  return taken;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function parseLines(text: string): ParsedFile {
  let since: number | null = null;
  const links: { id: string; exp: number }[] = [];
  const damaged: { number: number; text: string; problem: string }[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const json = safeJson(line);
    const link = linkLineSchema.safeParse(json);
    if (link.success) {
      links.push(link.data);
      return;
    }
    const start = sinceLineSchema.safeParse(json);
    if (start.success) {
      since = since === null ? start.data.since : Math.min(since, start.data.since);
      return;
    }
    if (isTornLinkRecord(line)) return;
    damaged.push({ number: index + 1, text: line, problem: json === undefined ? 'is not JSON' : 'is neither a link ({"id","exp"}) nor a start ({"since"})' });
  });
  return { since, links, damaged };
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return null;
    throw error;
  }
}

/** The old single-object list, or null when there is none or it is not one (then nothing is claimed from it). */
function readLegacy(dataDir: string): { since: number; links: { id: string; exp: number }[] } | null {
  let text: string | null;
  try {
    text = readText(path.join(dataDir, legacyMintedLinksFileName));
  } catch {
    return null;
  }
  if (text === null) return null;
  const parsed = legacySchema.safeParse(safeJson(text));
  return parsed.success ? { since: parsed.data.since, links: parsed.data.links } : null;
}

/**
 * The list in `dataDir` (both files: the old one until a server folds it in). A list that cannot be read
 * at all claims nothing (`since` null); lines that are not records are named in `problems`.
 */
export function readMintedLinks(dataDir: string): MintedLinks {
  const file = path.join(dataDir, mintedLinksFileName);
  let parsed: ParsedFile = { since: null, links: [], damaged: [] };
  const problems: string[] = [];
  try {
    const text = readText(file);
    if (text !== null) parsed = parseLines(text);
  } catch (error) {
    problems.push(`cannot read ${file}: ${String(error)}`);
  }
  for (const line of parsed.damaged) problems.push(`${file} line ${line.number} ${line.problem}`);
  const legacy = readLegacy(dataDir);
  const since = parsed.since === null ? legacy?.since ?? null : Math.min(parsed.since, legacy?.since ?? parsed.since);
  return { since, links: [...(legacy?.links ?? []), ...parsed.links], problems };
}

/**
 * Adds a link the server or the CLI just made: one append, so a concurrent one (the other process) is
 * never lost. When a compaction replaced the file while this append went into the old one, it is
 * appended again to the new one (a line twice is harmless). A last line cut short by a crash is ended
 * first, so this record starts a line of its own.
 */
export function rememberMintedLink(dataDir: string, id: string, expiresAt: number, nowSeconds: number): void {
  const record = JSON.stringify(linkLineSchema.parse({ id, exp: expiresAt }));
  ensureDataFolder(dataDir);
  const file = path.join(dataDir, mintedLinksFileName);
  for (;;) {
    const fd = openSync(file, 'a+', 0o600);
    let appendedTo: number;
    try {
      const size = fstatSync(fd).size;
      // A new file starts with when it started knowing (the CLI may be first, before any server start).
      const head = size === 0 ? `${JSON.stringify({ since: nowSeconds })}\n` : endsWithNewline(fd, size) ? '' : '\n';
      writeSync(fd, `${head}${record}\n`);
      appendedTo = fstatSync(fd).ino;
    } finally {
      closeSync(fd);
    }
    if (inodeOf(file) === appendedTo) return;
  }
}

function endsWithNewline(fd: number, size: number): boolean {
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  return last[0] === 0x0a;
}

function inodeOf(file: string): number | null {
  try {
    return statSync(file).ino;
  } catch {
    return null;
  }
}

export interface CompactionOutcome {
  /** Lines neither a record nor a torn write, kept as they were: named for the log. */
  readonly problems: readonly string[];
}

/**
 * Starts the list when the server starts (so that `since` is when it started knowing), or compacts it:
 * links past their expiry dropped, duplicates merged, the old `minted-links.json` folded in (then
 * removed), a torn last line dropped. Lines it cannot read are kept as they are and reported: nothing
 * saved is lost. The new file is written aside, flushed, and renamed over the old; lines the CLI
 * appended to the old file meanwhile are carried over (and the CLI, seeing the file replaced, appends
 * again: see rememberMintedLink).
 */
export function startMintedLinks(dataDir: string, nowSeconds: number): CompactionOutcome {
  ensureDataFolder(dataDir);
  const file = path.join(dataDir, mintedLinksFileName);
  const legacy = readLegacy(dataDir);
  const fd = openSync(file, 'a+', 0o600);
  try {
    let read = 0;
    const readMore = (): string => {
      const size = fstatSync(fd).size;
      const buffer = Buffer.alloc(size - read);
      let at = 0;
      while (at < buffer.length) at += readSync(fd, buffer, at, buffer.length - at, read + at);
      // Only whole lines: a line being written now is read once it is ended.
      const whole = buffer.lastIndexOf(0x0a) + 1;
      const complete = size === read ? '' : buffer.subarray(0, whole).toString('utf8');
      read += whole;
      return complete;
    };
    const first = readMore();
    const tail = readTail(fd, read);
    const parsed = parseLines(first + tail);
    const since = Math.min(parsed.since ?? nowSeconds, legacy?.since ?? nowSeconds);
    const byId = new Map<string, number>();
    for (const link of [...(legacy?.links ?? []), ...parsed.links]) {
      if (link.exp > nowSeconds) byId.set(link.id, Math.max(link.exp, byId.get(link.id) ?? 0));
    }
    const lines = [JSON.stringify({ since }), ...parsed.damaged.map((line) => line.text), ...[...byId].map(([id, exp]) => JSON.stringify({ id, exp }))];
    const temporary = `${file}.${process.pid}.tmp`;
    const out = openSync(temporary, 'w', 0o600);
    try {
      writeSync(out, `${lines.join('\n')}\n`);
      fsyncSync(out);
    } finally {
      closeSync(out);
    }
    renameSync(temporary, file);
    // Appended to the old file between the read and the rename: carried over.
    const late = parseLines(readMore()).links.map((link) => `${JSON.stringify(link)}\n`).join('');
    if (late.length > 0) writeFileSync(file, late, { flag: 'a' });
    if (legacy !== null) unlinkSync(path.join(dataDir, legacyMintedLinksFileName));
    return { problems: parsed.damaged.map((line) => `${file} line ${line.number} ${line.problem}; kept as it is (fix or delete that line)`) };
  } finally {
    closeSync(fd);
  }
}

/** The unended last line at `from` (a torn write, or one being written now): returned so it is judged too. */
function readTail(fd: number, from: number): string {
  const size = fstatSync(fd).size;
  if (size <= from) return '';
  const buffer = Buffer.alloc(size - from);
  readSync(fd, buffer, 0, buffer.length, from);
  return buffer.toString('utf8');
}

/** Whether `id` is a link made here (until a start drops it once expired); `since`: from when the list knows (null: no list). */
export function mintedLinkKnown(dataDir: string, id: string): { readonly known: boolean; readonly since: number | null; readonly problems: readonly string[] } {
  const list = readMintedLinks(dataDir);
  return { known: list.links.some((link) => link.id === id), since: list.since, problems: list.problems };
}
