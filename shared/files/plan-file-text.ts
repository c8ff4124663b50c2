/** A plan file's bytes read as text, strictly (a module of its own: the desktop main process reads files without loading the model). */
import { fileProblem, type FileProblem } from './file-problem.js';

/**
 * A plan file's bytes as text: UTF-8 (with or without its mark), or UTF-16 with its mark (a file re-saved
 * by Notepad as "Unicode"). Bytes that are not such text are refused naming the line, never read: read
 * leniently, a damaged byte in a title became U+FFFD in the opened plan without a word (review42c F6).
 */
export function planFileText(bytes: Uint8Array): { ok: true; text: string } | { ok: false; problem: FileProblem } {
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : null;
  const encoding = utf16 ?? 'utf-8';
  try {
    return { ok: true, text: new TextDecoder(encoding, { fatal: true }).decode(bytes) };
  } catch {
    const lenient = new TextDecoder(encoding).decode(bytes);
    const at = lenient.indexOf('\uFFFD');
    const line = at < 0 ? null : lenient.slice(0, at).split('\n').length;
    const where = line === null ? 'it' : `line ${line}`;
    return { ok: false, problem: fileProblem('encoding', `This plan file cannot be read: ${where} holds bytes that are not ${utf16 ? 'UTF-16' : 'UTF-8'} text (the file is damaged, or was saved in another encoding). Nothing was opened.`, line) };
  }
}
