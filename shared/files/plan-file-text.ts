/** A plan file's bytes read as text, strictly (a module of its own: the desktop main process reads files without loading the model). */
import { byteOrderMark } from './byte-order-mark.js';
import { fileProblem, type FileProblem } from './file-problem.js';

/**
 * A plan file's bytes as text: UTF-8 (with or without its mark), or UTF-16 with its mark (a file re-saved
 * by Notepad as "Unicode"). Bytes that are not such text are refused naming the line, never read: read
 * leniently, a damaged byte in a title became U+FFFD in the opened plan without a word (review42c F6).
 */
export function planFileText(bytes: Uint8Array): { ok: true; text: string } | { ok: false; problem: FileProblem } {
  const encoding = byteOrderMark(bytes)?.encoding ?? 'utf-8';
  const utf16 = encoding !== 'utf-8';
  try {
    return { ok: true, text: new TextDecoder(encoding, { fatal: true }).decode(bytes) };
  } catch {
    // Only the last character broken off (read as a stream, the rest is text): the file was cut off in the
    // middle of an "ü" (a copy or download that stopped), not saved in another encoding (review42c F8).
    const whole = wholeCharactersOf(bytes, encoding);
    if (whole !== null) return { ok: false, problem: cutOffProblem(whole) };
    const lenient = new TextDecoder(encoding).decode(bytes);
    const at = lenient.indexOf('\uFFFD');
    const line = at < 0 ? null : lenient.slice(0, at).split('\n').length;
    const where = line === null ? 'it' : `line ${line}`;
    return { ok: false, problem: fileProblem('encoding', `This plan file cannot be read: ${where} holds bytes that are not ${utf16 ? 'UTF-16' : 'UTF-8'} text (the file is damaged, or was saved in another encoding). Nothing was opened.`, line) };
  }
}

/** The text of `bytes` when only their last character is incomplete (they stop inside it); null when other bytes are not text. */
function wholeCharactersOf(bytes: Uint8Array, encoding: string): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes, { stream: true });
  } catch {
    return null;
  }
}

/**
 * A plan file that ends before the plan does (`text`, as far as it goes): a copy, download or sync that
 * stopped part-way. Said as that, with the line it stops on, not as "line N is not valid JSON", which
 * sent people looking for a typo on a line that was only where the file stopped (review42c F8).
 */
export function cutOffProblem(text: string): FileProblem {
  if (text.trim() === '') return fileProblem('empty', 'This plan file is empty: it holds no plan (a copy or download that did not finish?). Nothing was opened or changed.', null);
  const line = text.trimEnd().split('\n').length;
  return fileProblem('malformed-json', `This plan file looks cut off: it ends on line ${line.toLocaleString('en')} before the plan does (a copy or download that did not finish?). Open a complete copy of it; nothing was opened or changed.`, line);
}
