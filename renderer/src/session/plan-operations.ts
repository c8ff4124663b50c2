import type { StoreApi } from 'zustand/vanilla';
import { isPlanError, type Plan, type NodeId } from '../../../shared/model/index.js';
import type { AppState } from '../store/app-state.js';
import type { PlanSessions } from './plan-sessions.js';
import { undoStepWords } from './undo-words.js';
import { poppedNotice } from './popped-words.js';
import { isolatedText } from '../../../shared/text/bidi-isolation.js';
import { joinedAnd } from '../../../shared/text/joined.js';

/** What running an operation gave: its value, or the message of why it was refused. */
export type OperationResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** Runs the user's operations on the open plan: one undo step each, refusals shown as notices. */
export class PlanOperations {
  constructor(private readonly store: StoreApi<AppState>, private readonly sessions: PlanSessions) {}

  private get state(): AppState {
    return this.store.getState();
  }

  /**
   * Runs an operation on the open plan. A refused operation (PlanError, read-only) is shown as a
   * notice naming the problem and changes nothing; the index is refreshed at once otherwise.
   */
  run<T>(operation: (plan: Plan) => T, options: { quiet?: boolean } = {}): OperationResult<T> {
    const session = this.sessions.current;
    const plan = session?.plan;
    const fail = (message: string) => {
      if (!options.quiet) this.state.notify({ text: message, tone: 'error' });
      return { ok: false as const, message };
    };
    if (!session || !plan) return fail('No plan is open.');
    const readOnly = this.state.readOnlyReason;
    if (readOnly) return fail(readOnly);
    try {
      // Each command is its own undo step, however quickly the next one follows.
      session.undo?.stopCapturing();
      const value = operation(plan);
      session.undo?.stopCapturing();
      session.refreshNow(true);
      return { ok: true, value };
    } catch (error) {
      return fail(isPlanError(error) ? sentence(error.message) : error instanceof Error ? error.message : String(error));
    }
  }

  /**
   * Removes a new line the user left untouched (Escape on an empty new line). Creating it and
   * dropping it again is no change at all, so both leave the undo history: Ctrl+Z then takes back
   * the change before, not the line's removal.
   */
  discardNewLine(id: NodeId): boolean {
    const undo = this.sessions.current?.undo;
    const before = undo?.undoStack.length ?? 0;
    const result = this.run((plan) => { plan.deleteNode(id); plan.purgeNode(id); });
    // The removal is the newest undo step and the line's creation the one before it.
    if (result.ok && undo && before > 0 && undo.undoStack.length === before + 1) undo.undoStack.splice(-2, 2);
    return result.ok;
  }

  /** Brings the views up to date now (after a change the doc does not see, e.g. a new review point). */
  refresh(): void {
    this.sessions.current?.refreshNow(true);
  }

  /** What the next undo (or redo) would take back (or bring back), in words; null with nothing to pop. */
  nextStepWords(which: 'undo' | 'redo'): string | null {
    const session = this.sessions.current;
    const step = session?.undo?.nextStep(which) ?? null;
    return step ? undoStepWords(step, session?.plan?.index ?? null) : null;
  }

  /**
   * Takes back the person's last step and says which (a polite notice: "Undid the due date of “…”."). Right
   * after a check-in of theirs it asks first (review38b F4): a check-in is history, no undo step, so the press
   * would reach past it to an older, unrelated edit, and the person meant "take back my check-in". The notice
   * says the check-in stays and what an undo would change; Undo again (or its button) goes ahead.
   */
  undo(): void {
    const session = this.sessions.current;
    const undo = session?.undo;
    if (this.state.readOnlyReason || !session || !undo?.canUndo()) return;
    const words = undoStepWords(undo.nextStep('undo'), session.plan?.index ?? null);
    if (this.askedPastCheckIns('undo', words)) return;
    undo.undo();
    session.refreshNow(true);
    const popped = undo.lastPop();
    this.state.notify({ text: popped ? poppedNotice('Undid', popped, session.plan?.index ?? null) : `Undid ${words}.`, tone: 'info' });
  }

  /**
   * Brings back the last step undone and says which. Right after a check-in of the person's own it asks
   * first, as undo does (leftovers39): the redo would reach past the check-in to an edit undone before it
   * (Ada undoes a due date, checks in "moving" with the date gone, presses Ctrl+Shift+Z: the date was back
   * under her check-in, unsaid). Editors that drop the redo steps on any new action would have dropped it;
   * here the step is kept, and the person told before it is used.
   */
  redo(): void {
    const session = this.sessions.current;
    const undo = session?.undo;
    if (this.state.readOnlyReason || !session || !undo?.canRedo()) return;
    const words = undoStepWords(undo.nextStep('redo'), session.plan?.index ?? null);
    if (this.askedPastCheckIns('redo', words)) return;
    undo.redo();
    session.refreshNow(true);
    const popped = undo.lastPop();
    this.state.notify({ text: popped ? poppedNotice('Redid', popped, session.plan?.index ?? null) : `Redid ${words}.`, tone: 'info' });
  }

  /**
   * With check-ins of the person's own since their last step, says they stay and what the press would
   * change, offers to go ahead, and forgets them (the next press goes ahead); true when it asked.
   */
  private askedPastCheckIns(which: 'undo' | 'redo', words: string): boolean {
    const session = this.sessions.current;
    const undo = session?.undo;
    const checkIns = undo?.checkInsSinceLastStep() ?? [];
    if (!undo || checkIns.length === 0) return false;
    undo.forgetCheckIns();
    const index = session?.plan?.index;
    const items = [...new Set(checkIns.map((checkIn) => checkIn.nodeId))].map((id) => `“${isolatedText(index?.title(id) || 'Untitled')}”`);
    const text = which === 'undo'
      ? `A check-in cannot be undone. ${checkIns.length === 1 ? `Your check-in on ${items[0]} stays` : `Your ${checkIns.length} check-ins on ${joinedAnd(items)} stay`}: add a new check-in to correct it. Undo now would take back ${words}: undo again to do that.`
      : `You checked in on ${joinedAnd(items)} after undoing ${words}. Redo now would bring it back, after your check-in: redo again to do that.`;
    this.state.notify({
      text,
      tone: 'info',
      action: which === 'undo' ? { label: 'Undo anyway', run: () => this.undo() } : { label: 'Redo anyway', run: () => this.redo() },
    });
    return true;
  }
}

/** Model messages are lower-case fragments; the UI shows sentences (exported for the test that reads them all). */
export function sentence(message: string): string {
  const trimmed = message.trim();
  const capitalised = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}
