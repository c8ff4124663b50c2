/**
 * The document the hidden PDF window prints, served by the app:// protocol handler from memory at
 * `app://print/<random id>.html` while it prints. It was a `data:` URL of the whole review pack, and
 * Chromium refuses to load any URL over 2,097,152 characters ("Refusing to load URL as it exceeds
 * 2097152 characters", electron/electron#8317): the review pack of a large plan could not be printed
 * (review43b F6). A file: URL would do too, but no window of ours is a file:// page (the
 * grantFileProtocolExtraPrivileges fuse, docs/testing.md). `print` is another origin than the app's
 * pages (`isAppUrl` refuses it, so it can call no IPC), the printer runs no JavaScript, and the
 * document's own policy, sent as a header too, lets nothing load.
 */
import { randomUUID } from 'node:crypto';

export const printOrigin = 'app://print';

/** Headers of a print document: nothing loads or runs, its inline styles apply. */
export const printResponseHeaders: Readonly<Record<string, string>> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
  'X-Content-Type-Options': 'nosniff',
};

const DOCUMENT_PATH = /^\/([0-9a-f-]{36})\.html$/;

/** The documents being printed now, by URL. */
export class PrintDocuments {
  private readonly documents = new Map<string, string>();

  /** Holds `html` until `remove`; returns the URL the printer window loads. */
  add(html: string): string {
    const id = randomUUID();
    this.documents.set(id, html);
    return `${printOrigin}/${id}.html`;
  }

  /** The document a request URL names, or null (another origin, an unknown or removed id). */
  read(url: string): string | null {
    const id = PrintDocuments.idOf(url);
    return id === null ? null : this.documents.get(id) ?? null;
  }

  /** Whether a request URL is addressed to print documents (answered 404 when it names none). */
  static isPrintUrl(url: string): boolean {
    try {
      const parsed = new URL(url);
      return parsed.protocol === 'app:' && parsed.host === 'print';
    } catch {
      return false;
    }
  }

  remove(url: string): void {
    const id = PrintDocuments.idOf(url);
    if (id !== null) this.documents.delete(id);
  }

  private static idOf(url: string): string | null {
    if (!PrintDocuments.isPrintUrl(url)) return null;
    return DOCUMENT_PATH.exec(new URL(url).pathname)?.[1] ?? null;
  }
}
