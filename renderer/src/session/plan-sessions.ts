import { restoreKeptCanvasView } from '../persistence/kept-canvas-view.js';
import type { StoreApi } from 'zustand/vanilla';
import type { PlanId } from '../../../shared/model/ids.js';
import type { Plan, PlanContext, NodeId } from '../../../shared/model/index.js';
import type { KeyValueStore } from '../library/key-value-store.js';
import type { AppState } from '../store/app-state.js';
import type { ServerConnections } from '../sync/server-connections.js';
import { localStatus } from '../sync/sync-status.js';
import { storedPendingChanges } from '../sync/plan-sync.js';
import type { LibraryCatalog } from './library-catalog.js';
import { markFirstPaint, markOpenStart, nextPaint, perfMarks } from './perf-marks.js';
import { readFirstScreen } from '../persistence/first-screen-store.js';
import type { FirstScreen } from '../../../shared/model/first-screen.js';
import { PlanSession, PlanTakenOutError } from './plan-session.js';
import { deleteLocalCopy } from '../persistence/plan-storage.js';
import { forgetOutlineRows, preparingOutlineRows } from '../outline/prepared-rows.js';
import { isolatedText } from '../../../shared/text/bidi-isolation.js';
import { noFilters } from '../store/ui-slice.js';

/** What the window does when the open plan changes, beyond updating the store. */
export interface PlanSessionHooks {
  /** A session became the open one (presence is published for it). */
  onOpened(session: PlanSession): void;
  /** The joined workspace that lists a plan this device has not held yet, or null (workspaces.ts listingOf). */
  listingOf(planId: PlanId): Promise<{ workspace: string; name: string } | null>;
}

/**
 * Copies a plan as this device has it into a new plan on this device only, named after it with `suffix`;
 * resolves with the copy's name (library-actions.ts duplicatePlan, wired in app-main.tsx: library-actions
 * imports the app controller, so the sessions cannot import it).
 */
export type KeepCopy = (planId: PlanId, suffix: string) => Promise<string>;

/**
 * Opens and closes plans: at most one PlanSession is open in the window. Opening another plan
 * closes the current one first; an open that was overtaken by a newer one closes what it opened.
 */
/**
 * What a person is told when this device refused to store a change: that it is not saved (every status
 * says "saved here"), where it still is, and what to do.
 */
export function localWriteFailedText(error: unknown): string {
  const said = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
  const reason = said.replace(/[.\s]+$/, '');
  return `This device could not save your latest changes: its storage refused them (${reason}). They are still here in this window: free some space on this device and they are saved with your next change. Until then, keep this window open.`;
}

export class PlanSessions {
  private session: PlanSession | null = null;
  /** Bumped by every open and close; callbacks of an older open are ignored. */
  private openGeneration = 0;
  /** The open plan's refused change was told (once per open: tellRefusedChange). */
  private refusedChangeTold = false;
  /** How a refused change's notice keeps the person's version (none: the notice only tells). */
  private keepCopy: KeepCopy | null = null;
  /** Titles committed on the first screen while the plan was loading, applied once it is open. */
  private readonly titlesWhileOpening = new Map<NodeId, string>();
  /** The plan the outline's Find and filters were set in: another plan opens without them (review40c F5). */
  private filtersPlanId: PlanId | null = null;

  constructor(
    private readonly store: StoreApi<AppState>,
    private readonly storage: KeyValueStore,
    private readonly catalog: LibraryCatalog,
    private readonly connections: ServerConnections,
    private readonly ctx: PlanContext,
    private readonly hooks: PlanSessionHooks,
  ) {}

  private get state(): AppState {
    return this.store.getState();
  }

  /** Lets the notice of a refused change offer to keep the person's version (app-main.tsx). */
  keepCopiesWith(keepCopy: KeepCopy): void {
    this.keepCopy = keepCopy;
  }

  /** The open session, if any. */
  get current(): PlanSession | null {
    return this.session;
  }

  /** The plan of the open session, if any. */
  get plan(): Plan | null {
    return this.session?.plan ?? null;
  }

  get planId(): PlanId | null {
    return this.session?.planId ?? null;
  }

  /** Opens a plan of the library (creating its entry when a link named an unknown plan). */
  async open(planId: PlanId): Promise<void> {
    const generation = ++this.openGeneration;
    await this.closeSession();
    markOpenStart();
    this.state.setPlan(null, { kind: 'opening', planId, detail: 'Opening…' });
    const current = () => generation === this.openGeneration;
    // A plan address (copied from a colleague's address bar) naming a plan this device has not opened
    // yet: opened in the workspace that lists it, not as a new, empty plan on this device only.
    if (!this.catalog.library.get(planId)) {
      const listed = await this.hooks.listingOf(planId);
      if (!current()) return;
      if (listed && !this.catalog.library.get(planId)) this.catalog.library.put({ id: planId, name: listed.name, createdAt: Date.now(), openedAt: Date.now(), workspace: listed.workspace });
    }
    const entry = this.catalog.entryForOpening(planId, Date.now());
    // Find text and filters belong to the plan they were typed in: "111 of 10,000 items match" in a plan just
    // opened read as items lost, and a person or team filter names ids of the other plan. The same plan opened
    // again (a reload, back from the library) keeps them.
    if (this.filtersPlanId !== planId) {
      this.filtersPlanId = planId;
      this.state.setFilters(noFilters);
    }
    const connection = entry.workspace ? this.connections.forWorkspace(entry.workspace) ?? null : null;
    this.state.setSyncStatus(localStatus);
    this.state.setPeers([]);
    this.titlesWhileOpening.clear();
    this.refusedChangeTold = false;
    try {
      const firstScreen = await this.paintFirstScreen(planId);
      if (!current()) return;
      const session = await PlanSession.open({
        planId, name: entry.name, connection, ctx: this.ctx, store: this.storage, firstScreen,
        prepareLiveViews: (plan) => (current() ? preparingOutlineRows(plan.index, this.state.collapsed, this.state.filters) : undefined),
        onFirstScreenError: (error) => performance.mark(perfMarks.firstScreenIgnored, { detail: `the first screen could not be stored: ${error instanceof Error ? error.message : String(error)}` }),
        // A refused write was said nowhere and its safety copy dropped: a reload lost the change (review45b F2).
        onLocalWriteFailed: (error) => { if (current()) this.state.notify({ text: localWriteFailedText(error), tone: 'error', persistent: true }); },
        onLocalWritesRecovered: () => { if (current()) this.state.notify({ text: 'Your changes are saved on this device again.', tone: 'info' }); },
        // Callbacks may fire while the session is still opening; they check that this open is current.
        callbacks: {
          onChange: (changed) => { if (current()) this.onPlanChanged(changed); },
          onSyncStatus: (status) => { if (current()) { this.state.setSyncStatus(status); this.updateReadOnly(); this.tellRefusedChange(planId, entry.name); } },
          onPeers: (peers) => { if (current()) this.state.setPeers(peers); },
          onProgress: (detail) => { if (current()) this.state.setOpenState({ kind: 'opening', planId, detail }); },
        },
      });
      if (!current()) {
        await session.close();
        return;
      }
      this.session = session;
      // A reload comes back to the canvas as it was shown (canvas43 F5): its choices before its first layout, and its
      // selected card while the plan still has it (leftovers44a).
      const plan = session.plan;
      restoreKeptCanvasView(planId, {
        setCanvas: (prefs) => this.state.setCanvas(prefs),
        select: (id) => this.state.select(id),
        holds: (id) => plan?.index.node(id) !== undefined,
      }, this.state.view === 'canvas');
      this.state.setPlan(session.plan, { kind: 'open', planId });
      performance.mark(perfMarks.liveViewsSet);
      this.updateReadOnly();
      this.applyTitlesWhileOpening();
      this.hooks.onOpened(session);
      this.keepLibraryName();
      // Compact once the outline is on screen: opening stays fast, and storage stays flat.
      session.compactLater(500,
        (result) => performance.mark(perfMarks.compacted, { detail: result }),
        (error: unknown) => this.state.notify({ text: `This plan's local copy could not be compacted: ${error instanceof Error ? error.message : String(error)}`, tone: 'error' }));
    } catch (error) {
      if (error instanceof PlanTakenOutError) await this.forgetPlanNeverHad(planId);
      if (!current()) return;
      this.state.setPlan(null, { kind: 'failed', planId, message: error instanceof Error ? error.message : String(error) });
    }
  }

  /**
   * A link named a plan taken out of its workspace that this device has nothing of (the server refused
   * it before sending any of it): the entry the link made and the empty local copy go, so the library
   * does not list, and the workspace's removal notice does not call it, a copy this device never had.
   */
  private async forgetPlanNeverHad(planId: PlanId): Promise<void> {
    this.catalog.library.remove(planId);
    this.catalog.refresh();
    await deleteLocalCopy(planId).catch(() => undefined);
  }

  /**
   * The plan was taken out of its workspace (workspaces.ts, before the person is told): when it is the
   * open one, its sync stops now — no edit from here on reaches the server — and the status says the
   * plan is on this device only. Returns how many of this device's changes had not reached the server,
   * read before the sync stops (the open plan's live count, else the count its last sync kept).
   */
  stopSyncOf(planId: string): number {
    const session = this.session;
    const live = session?.planId === planId ? session.sync?.status().pendingChanges : undefined;
    const unsent = live ?? storedPendingChanges(this.storage, planId);
    if (session?.planId !== planId) return unsent;
    session.stopSync();
    this.state.setSyncStatus(localStatus);
    this.updateReadOnly();
    return unsent;
  }

  /** Resolves once the open plan's changes are stored on this device (a window holds one session). */
  async flushLocalCopies(): Promise<void> {
    await this.session?.flushLocalCopy();
  }

  /**
   * Paints the plan's stored first screen (marked "updating…") before its document is read, and
   * waits for that paint, so the long decode that follows cannot delay it. Returns what was shown.
   */
  private async paintFirstScreen(planId: PlanId): Promise<FirstScreen | null> {
    // Where the time to the first paint goes (read by the benchmark): the database opened, the value read, parsed, rendered.
    const stored = await readFirstScreen(planId, (phase) => performance.mark(`throughline:${phase}`));
    performance.mark(perfMarks.firstScreenParsed);
    if (!stored.ok) {
      performance.mark(perfMarks.firstScreenIgnored, { detail: stored.reason });
      return null;
    }
    this.state.setFirstScreen(stored.firstScreen);
    performance.mark(perfMarks.firstScreenSet);
    await nextPaint();
    markFirstPaint();
    return stored.firstScreen;
  }

  /**
   * Keeps a title committed on the first screen while the plan loads; it is written as an ordinary
   * edit (one undo step) once the plan is open. The first screen stays on the page a little after
   * the plan has opened (the live views render behind it, use-live-views-behind.ts): a title
   * committed there then is written at once.
   */
  renameWhileOpening(id: NodeId, title: string): void {
    this.titlesWhileOpening.set(id, title);
    if (this.session && this.state.openState.kind === 'open' && this.state.openState.planId === this.session.planId) this.applyTitlesWhileOpening();
  }

  private applyTitlesWhileOpening(): void {
    const plan = this.plan;
    if (!plan || this.titlesWhileOpening.size === 0) return;
    const titles = [...this.titlesWhileOpening];
    this.titlesWhileOpening.clear();
    if (this.state.readOnlyReason) {
      this.state.notify({ text: `Your rename while the plan was loading was not saved: ${this.state.readOnlyReason}`, tone: 'error' });
      return;
    }
    for (const [id, title] of titles) {
      if (!plan.index.node(id)) {
        this.state.notify({ text: `"${isolatedText(title)}" was not saved: that item is no longer in the plan.`, tone: 'error' });
        continue;
      }
      try {
        if (plan.index.title(id) === title) continue;
        // Each rename is its own undo step, as if made in the live outline.
        this.session?.undo?.stopCapturing();
        plan.setTitle(id, title);
        this.session?.undo?.stopCapturing();
      } catch (error) {
        this.state.notify({ text: `"${isolatedText(title)}" was not saved: ${error instanceof Error ? error.message : String(error)}`, tone: 'error' });
      }
    }
    this.session?.refreshNow(true);
  }

  /** Closes the open plan and shows the library's empty state. */
  async close(): Promise<void> {
    this.openGeneration++;
    await this.closeSession();
    this.state.setPlan(null, { kind: 'closed' });
    this.state.setSyncStatus(localStatus);
    this.state.setPeers([]);
    this.state.setReadOnlyReason(null);
    this.state.select(null);
  }

  /** Why the plan shown is a past one (read-only), or null when it is the live plan. */
  private pastReason: string | null = null;

  /**
   * Shows a past plan (the plan as of a review point) in every view instead of the live one, read-
   * only; null goes back to the live plan. The review controller owns the past plan's lifetime.
   */
  showPastPlan(past: Plan | null, reason: string | null): void {
    const planId = this.planId;
    if (!planId) return;
    this.pastReason = past ? reason : null;
    this.state.setPlan(past ?? this.plan, { kind: 'open', planId });
    this.updateReadOnly();
  }

  /** The past view's reason in new words (its review point was renamed), the past plan unchanged. */
  rewordPastReason(reason: string): void {
    if (!this.pastReason) return;
    this.pastReason = reason;
    this.updateReadOnly();
  }

  private async closeSession(): Promise<void> {
    this.pastReason = null;
    forgetOutlineRows();
    const session = this.session;
    this.session = null;
    if (session) {
      const closed = session.close();
      this.lastClose = closed.catch(() => undefined);
      await closed;
    } else {
      // A close still running (the library route, then an open at once) ends its client id lease
      // first: an open that overlapped it would find the id held and take a new one.
      await this.lastClose;
    }
  }

  /** The last session's close (settled, failures reported by whoever started it). */
  private lastClose: Promise<void> = Promise.resolve();

  private onPlanChanged(changed: ReadonlySet<string>): void {
    this.state.planChanged(changed);
    this.keepLibraryName();
    const selected = this.state.selectedId;
    if (selected && this.plan && !this.plan.index.node(selected)) this.state.select(null);
    this.leaveFocusOnDeleted();
  }

  /**
   * The canvas focused on a node that is gone (someone deleted it or an ancestor): its layout already
   * falls back to the whole cascade, but the toolbar still said "Show all" pressed and nothing told
   * the person why the picture changed; a restore later threw them back into the focus unasked.
   */
  private leaveFocusOnDeleted(): void {
    const focused = this.state.canvas.focusId;
    const plan = this.plan;
    if (!focused || !plan || plan.index.node(focused)) return;
    this.state.setCanvas({ focusId: null });
    this.state.notify({ text: `“${isolatedText(plan.index.title(focused) || 'Untitled')}”, which the cascade was focused on, was deleted; the whole cascade is shown.`, tone: 'info' });
  }

  private keepLibraryName(): void {
    const plan = this.plan;
    const planId = this.planId;
    if (plan && planId) this.catalog.keepName(planId, plan.index.summary().name);
  }

  /**
   * The server refused a change this device made to the open plan (its permission-denied message: a
   * viewer's update that would have changed the plan). That happens when a change is forced past the
   * read-only screen after the app took a demotion, or was on its way over a link slower than the
   * demotion's grace (host36). The change stays in this device's copy only and nobody else ever sees
   * it: the person is told so, once per open plan, in a notice that stays, and offered to keep their
   * version as a plan of their own. Made an editor again, the app uploads it (the server invites it).
   */
  private tellRefusedChange(planId: PlanId, openedName: string): void {
    const status = this.state.syncStatus;
    if (this.refusedChangeTold || status.permissionDenied === null) return;
    this.refusedChangeTold = true;
    const name = isolatedText(this.plan?.index.summary().name || openedName || 'Untitled');
    const why = status.role === 'viewer'
      ? `A change you made to “${name}” was not shared: you are a viewer of it now, and the server refused it.`
      : `A change you made to “${name}” was not shared: the server refused it (${status.permissionDenied}).`;
    const keepCopy = this.keepCopy;
    this.state.notify({
      text: `${why} Nobody else sees it: it is only in your copy on this device, which now differs from everyone else's. Keep your version as a separate plan, or ask the host to make you an editor again to share it.`,
      tone: 'error',
      persistent: true,
      ...(keepCopy === null ? {} : {
        action: {
          label: 'Keep my version as a copy',
          run: () => {
            void this.flushLocalCopies().then(() => keepCopy(planId, 'my version')).then(
              (copy) => this.state.notify({ text: `Your version is kept as “${isolatedText(copy)}”, on this device only. “${name}” stays as the workspace has it for everyone else.`, tone: 'info' }),
              (error: unknown) => this.state.notify({ text: `Your version could not be copied: ${error instanceof Error ? error.message : String(error)}`, tone: 'error' }));
          },
        },
      }),
    });
  }

  /** Why the open plan cannot be edited here: a newer schema, a viewer token, a refusing server. */
  private updateReadOnly(): void {
    const plan = this.plan;
    const status = this.state.syncStatus;
    let reason: string | null = null;
    if (this.pastReason) reason = this.pastReason;
    else if (plan?.readOnly) reason = plan.opened.readOnlyReason;
    else if (status.role === 'viewer') reason = 'You are a viewer of this plan: you can look, not change.';
    else if (status.permissionDenied) reason = `The server does not accept changes from you: ${status.permissionDenied}`;
    if (this.state.readOnlyReason !== reason) this.state.setReadOnlyReason(reason);
  }
}
