/**
 * Counts the user's own edits that the server has not confirmed, for "n changes waiting". An edit is
 * what the user did, not a Yjs update: a command (rename, move, check-in) writes one or several
 * transactions in one task, and typing into one text writes a transaction per key. So:
 *  1. only transactions of the user's own origins count (the local store replaying, a migration, the
 *     server's updates do not);
 *  2. every counted transaction in the same task is one edit (`task` changes between tasks);
 *  3. typing into the same text with pauses shorter than `typingPauseMs` is one edit.
 */
export interface TransactionFacts {
  /** Whether the transaction came from the user (plan origin, undo/redo). */
  readonly byUser: boolean;
  /** A number that changes between tasks (the renderer passes a counter bumped by a microtask). */
  readonly task: number;
  /** The one text it changed when it changed nothing else, else null. */
  readonly text: object | null;
  /** Milliseconds, for the typing pause. */
  readonly at: number;
}

export const typingPauseMs = 1_000;

export class PendingEdits {
  private lastTask = -1;
  private lastText: object | null = null;
  private lastAt = -Infinity;

  constructor(private count: number = 0) {}

  get value(): number {
    return this.count;
  }

  /** Notes a transaction; returns true when it started a new edit (the count grew). */
  note(facts: TransactionFacts): boolean {
    if (!facts.byUser) return false;
    const sameTask = facts.task === this.lastTask;
    const sameTyping = facts.text !== null && facts.text === this.lastText && facts.at - this.lastAt < typingPauseMs;
    this.lastTask = facts.task;
    this.lastText = facts.text;
    this.lastAt = facts.at;
    if (sameTask || sameTyping) return false;
    this.count++;
    return true;
  }

  /** The server has everything: nothing waits any more. */
  clear(): void {
    this.count = 0;
    this.lastTask = -1;
    this.lastText = null;
  }
}
