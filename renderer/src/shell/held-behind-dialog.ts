import type { Disposable, Event } from '../../../shared/lifecycle/disposable.js';

/**
 * What arrives from outside the page while a modal dialog may be open — a plan file or a spreadsheet the
 * OS opened (a double-click, a second launch, Open Recent) — waits until no dialog is open, as the
 * commands do (registry.ts `behindDialogReason`): the page behind a dialog is out of reach, and opening a
 * plan there would change what the dialog is about (desk36: a file opened meanwhile was not held back).
 * Nothing is dropped: what waits runs in the order it came, one at a time, each once the one before has
 * finished and no dialog is open (a file may itself open a dialog — its warnings — and the next waits for it).
 */
export class HeldBehindDialog implements Disposable {
  private readonly waiting: (() => unknown)[] = [];
  private running = false;
  private readonly subscription: Disposable;

  constructor(
    private readonly page: { modalOpen(): boolean },
    dialogChanged: Event<void>,
    /** Runs `next` after what the last action started has been shown (the browser's next task). */
    private readonly later: (next: () => void) => void,
  ) {
    this.subscription = dialogChanged(() => this.drain());
  }

  /** Runs `action` now when nothing is open or waiting; otherwise once it is its turn. True when it waits. */
  run(action: () => unknown): boolean {
    const held = this.running || this.waiting.length > 0 || this.page.modalOpen();
    this.waiting.push(action);
    this.drain();
    return held;
  }

  /** How many actions wait. */
  get held(): number {
    return this.waiting.length;
  }

  private drain(): void {
    if (this.running || this.page.modalOpen()) return;
    const next = this.waiting.shift();
    if (next === undefined) return;
    this.running = true;
    const finished = () => this.later(() => { this.running = false; this.drain(); });
    try {
      Promise.resolve(next()).then(finished, finished);
    } catch {
      finished();
    }
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
