import * as Y from 'yjs';
import type { IndexeddbPersistence } from 'y-indexeddb';
import { MutableDisposable, type Disposable } from '../../../shared/lifecycle/disposable.js';
import { cacheMatches, firstScreenOf, type FirstScreen, type FirstScreenPulseFigure } from '../../../shared/model/first-screen.js';
import type { Plan } from '../../../shared/model/index.js';
import { writeFirstScreen } from '../persistence/first-screen-store.js';
import { observe, timeout } from './dom-disposables.js';

/** Quiet time after the last stored change before the first screen is rewritten. */
export const firstScreenDebounceMs = 1500;

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((byte, i) => byte === b[i]);
}

/**
 * Keeps a plan's stored first screen in step with its document: whenever the document changes (and so
 * is stored by y-indexeddb), the first screen is rewritten once things are quiet, tagged with the
 * document's state vector; on close a pending rewrite is written at once. Costs nothing while idle.
 */
export class FirstScreenKeeper implements Disposable {
  private readonly pending = new MutableDisposable<Disposable>();
  private readonly listening: Disposable;
  private pulse: { stateVector: Uint8Array; figures: FirstScreenPulseFigure[] } | null = null;
  private dirty = false;
  private writing: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(
    private readonly planId: string,
    private readonly doc: Y.Doc,
    private readonly persistence: IndexeddbPersistence,
    private readonly plan: Plan,
    private readonly onError: (error: unknown) => void,
  ) {
    this.listening = observe(doc, 'update', () => this.schedule());
  }

  /**
   * Called once the document is loaded with what was stored: a missing, invalid or stale first
   * screen (another state vector) is replaced soon.
   */
  loaded(stored: FirstScreen | null): void {
    if (!stored || !cacheMatches(stored, Y.encodeStateVector(this.doc))) this.schedule();
  }

  /** The pulse's figures as just computed from the live plan (kept for the next write of this state). */
  setPulse(figures: FirstScreenPulseFigure[]): void {
    const stateVector = Y.encodeStateVector(this.doc);
    const changed = !this.pulse || !sameBytes(this.pulse.stateVector, stateVector) || JSON.stringify(this.pulse.figures) !== JSON.stringify(figures);
    this.pulse = { stateVector, figures };
    if (changed) this.schedule();
  }

  private schedule(): void {
    if (this.disposed) return;
    this.dirty = true;
    this.pending.value = timeout(() => { void this.flush(); }, firstScreenDebounceMs);
  }

  /** The first screen of the document as it is now. */
  current(): FirstScreen {
    const stateVector = Y.encodeStateVector(this.doc);
    // Pulse figures of an older state would be shown as this one's: keep them only when current.
    const pulse = this.pulse && sameBytes(this.pulse.stateVector, stateVector) ? this.pulse.figures : null;
    return firstScreenOf(this.plan.index, this.planId, stateVector, pulse);
  }

  /** Writes the first screen now if anything changed since the last write. */
  flush(): Promise<void> {
    this.pending.value = null;
    if (!this.dirty) return this.writing;
    this.dirty = false;
    let firstScreen: FirstScreen;
    try {
      firstScreen = this.current();
    } catch (error) {
      this.onError(error);
      return this.writing;
    }
    this.writing = this.writing.then(() => writeFirstScreen(this.persistence, firstScreen)).catch(this.onError);
    return this.writing;
  }

  /** Writes what is pending, then stops listening (before the provider and the doc are released). */
  async dispose(): Promise<void> {
    await this.listening.dispose();
    await this.flush();
    this.disposed = true;
    await this.pending.dispose();
  }
}
