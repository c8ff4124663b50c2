import type { FirstScreen } from '../../../shared/model/first-screen.js';
import type { Plan } from '../../../shared/model/plan.js';
import type { NodeId } from '../../../shared/model/ids.js';
import type { DeviceIdentity } from '../identity/device-identity.js';
import type { PlanEntry } from '../library/plan-library.js';
import type { WorkspaceListing } from '../library/workspace-directory.js';
import type { JoinRequest } from '../sync/join-link.js';
import type { Peer } from '../sync/presence.js';
import type { SyncStatus } from '../sync/sync-status.js';

/**
 * The shape of the app's one store: every slice's interface and the types they use. A leaf module:
 * the slices and the store import it and it imports none of them, so there is no import cycle,
 * not even a type-only one (the lint runs dpdm without `-T`).
 */
export type AppState = LibrarySlice & PlanSlice & UiSlice & SyncSlice & IdentitySlice & NoticeSlice & CanvasSlice;

// ── library ──────────────────────────────────────────────────────────────────────────────────

/** A join link being checked with its server, or the reason it failed (nothing is saved until it succeeds). */
export type JoinAttempt =
  | { phase: 'checking'; request: JoinRequest }
  | { phase: 'failed'; request: JoinRequest; message: string }
  /** The link would move something this device keeps elsewhere: asked first, Keep is the default. */
  | { phase: 'confirm'; request: JoinRequest; role: 'editor' | 'viewer'; question: JoinMoveQuestion };

/**
 * What a join link would move, in plain words for the question: the workspace this device already
 * syncs with another server under the same name, and the plan it keeps on this device only (or in
 * another workspace) that the link names.
 */
export interface JoinMoveQuestion {
  /** The server the link points at, as people read it ("plans.example.com", "127.0.0.1:4518"). */
  newServer: string;
  workspace: string;
  /** The server this device syncs the workspace with now, when the link names another. */
  currentServer: string | null;
  /** The names of the workspace's plans on this device that would go to the new server. */
  workspacePlans: readonly string[];
  /**
   * The plan the link names, when this device keeps it on this device only or in another workspace.
   * `sharedAgain`: the copy was taken out of this very workspace on this very server (the same plan,
   * back where it came from): the question is whether to share it there again, not whether to trust a server.
   */
  plan: { name: string; from: string | null; sharedAgain?: { by: string | null; unsent: number } } | null;
}

export interface LibrarySlice {
  /** Plans on this device, most recently opened first. */
  plans: readonly PlanEntry[];
  /** The joined workspaces and the plans their directories list. */
  workspaces: readonly WorkspaceListing[];
  joinAttempt: JoinAttempt | null;
  setPlans(plans: readonly PlanEntry[]): void;
  setWorkspaces(workspaces: readonly WorkspaceListing[]): void;
  setJoinAttempt(attempt: JoinAttempt | null): void;
}

// ── plan ─────────────────────────────────────────────────────────────────────────────────────

/** Where opening the current plan stands. */
export type OpenState =
  | { kind: 'closed' }
  | { kind: 'opening'; planId: string; detail: string }
  | { kind: 'open'; planId: string }
  | { kind: 'failed'; planId: string; message: string };

export interface PlanSlice {
  /** The open plan: its operations and its PlanIndex (the derived views). */
  plan: Plan | null;
  /** Bumped whenever the index's views changed, so components re-read them. */
  planVersion: number;
  /** Ids whose view changed in the last refresh (rows re-render only for these). */
  changedIds: ReadonlySet<string>;
  openState: OpenState;
  /** Why the plan cannot be edited here (viewer token, newer schema), or null. */
  readOnlyReason: string | null;
  /**
   * The plan's stored first screen, shown (marked "updating…") while its document loads; null once
   * the live plan is set. Never the truth: see shared/model/first-screen.ts.
   */
  firstScreen: FirstScreen | null;
  /** Sets the first screen to paint while the plan opens (cleared by `setPlan`). */
  setFirstScreen(firstScreen: FirstScreen | null): void;
  setPlan(plan: Plan | null, openState: OpenState): void;
  setOpenState(openState: OpenState): void;
  planChanged(changedIds: ReadonlySet<string>): void;
  setReadOnlyReason(reason: string | null): void;
}

// ── ui ───────────────────────────────────────────────────────────────────────────────────────

/** The views of an open plan, and the library of plans. */
export const planViews = ['outline', 'canvas', 'pulse', 'review', 'mywork', 'people'] as const;
export type PlanView = (typeof planViews)[number];

/** Outline filters; an empty string means "any". */
export interface OutlineFilters {
  owner: string;
  team: string;
  period: string;
  health: '' | 'on_track' | 'at_risk' | 'off_track';
  text: string;
  /**
   * Items this person added while these filters were on, shown whether they match or not (review40b
   * F7: "Add KPI" under a Find filter made an untitled KPI that no row showed, so its title editor never
   * opened and what was typed next went nowhere). Set by `showAdded`; any change of a filter drops them.
   */
  added?: ReadonlySet<NodeId>;
}

/**
 * A check-in being written in the check-in form, not yet added: what each control holds, as typed.
 * It belongs to the node it was started on (`UiSlice.checkInDrafts`), never to whatever is selected.
 */
export interface CheckInDraft {
  value: string;
  noValue: boolean;
  /** '' while no confidence is given. */
  confidence: string;
  status: string;
  note: string;
  blocker: boolean;
  /**
   * The blockers standing on the node that the person chose to clear by unticking "Still blocked" (their
   * check-in ids, as shown then): the check-in names them in `clears`. Absent or empty: it clears none.
   */
  clears?: string[];
  /** Its node went away and the person was told (so the form in the dialog and the details tell once). */
  told: boolean;
}

/** The dialogs of the window (at most one is open). */
export type DialogName = 'identity' | 'share' | 'join' | 'checkin' | 'trash' | 'palette' | 'keyboard-help' | 'import';

export interface UiSlice {
  view: PlanView;
  selectedId: NodeId | null;
  /** The node whose title is being renamed inline. */
  editingId: NodeId | null;
  /** Text typed into a title not yet committed, kept across the swap from the first screen to the live outline. */
  titleDraft: { id: NodeId; value: string } | null;
  setTitleDraft(draft: { id: NodeId; value: string } | null): void;
  /** Nodes collapsed in the outline. */
  collapsed: ReadonlySet<NodeId>;
  filters: OutlineFilters;
  /** Which dialog is open, if any. */
  dialog: DialogName | null;
  /** Check-ins being written and not yet added, by the node each was started on. */
  checkInDrafts: ReadonlyMap<NodeId, CheckInDraft>;
  /** Keeps (or, with null, drops) the check-in being written on a node. */
  setCheckInDraft(id: NodeId, draft: CheckInDraft | null): void;
  /** The workspace whose host screen is shown instead of the library (`#/host/<workspace>`), if any. */
  hostScreen: string | null;
  /** A spreadsheet the desktop app opened (File ▸ Open…), waiting for the import dialog to read it. */
  importFile: { name: string; bytes: Uint8Array } | null;
  /** The workshop screen (`#/workshop`) is shown instead of the library. */
  workshopScreen: boolean;
  /**
   * A plan file with values the plan cannot keep as written, or loops of parents it opens with one item of
   * each moved out, waiting for the person to open it anyway or not.
   */
  planFileQuestion: { fileName: string; text: string; warnings: readonly string[]; loops: readonly string[] } | null;
  setView(view: PlanView): void;
  select(id: NodeId | null): void;
  startEditing(id: NodeId | null): void;
  toggleCollapsed(id: NodeId, collapsed?: boolean): void;
  expandAll(): void;
  setFilters(filters: Partial<OutlineFilters>): void;
  /** Keeps the item just added shown while a filter is on (`OutlineFilters.added`); nothing without a filter. */
  showAdded(id: NodeId): void;
  openDialog(dialog: UiSlice['dialog']): void;
  showHostScreen(workspace: string | null): void;
  showWorkshopScreen(shown: boolean): void;
  offerImport(file: { name: string; bytes: Uint8Array } | null): void;
  askAboutPlanFile(question: UiSlice['planFileQuestion']): void;
}

// ── sync ─────────────────────────────────────────────────────────────────────────────────────

export interface SyncSlice {
  syncStatus: SyncStatus;
  peers: readonly Peer[];
  setSyncStatus(status: SyncStatus): void;
  setPeers(peers: readonly Peer[]): void;
}

// ── identity ─────────────────────────────────────────────────────────────────────────────────

export interface IdentitySlice {
  /** Who uses this device, or null until "who am I" is answered. */
  identity: DeviceIdentity | null;
  setIdentity(identity: DeviceIdentity | null): void;
}

// ── notices ──────────────────────────────────────────────────────────────────────────────────

/** A short message at the bottom of the window, optionally with one action (e.g. "Undo"). */
export interface Notice {
  id: number;
  text: string;
  tone: 'info' | 'error';
  action?: { label: string; run: () => void };
  /** A second choice beside `action` ("Restore Carla" or "Choose who I am"). */
  otherAction?: { label: string; run: () => void };
  /** Stays until dismissed (it holds words the person typed that are nowhere else). */
  persistent?: boolean;
}

export interface NoticeSlice {
  notices: readonly Notice[];
  /** Shows a notice and returns its id; at most three passing ones are shown, the oldest dropped first; persistent ones stay. */
  notify(notice: Omit<Notice, 'id'>): number;
  dismissNotice(id: number): void;
}

// ── cascade canvas ───────────────────────────────────────────────────────────────────────────

/** How the cascade canvas is laid out and decorated (kept while switching views). */
export interface CanvasPrefs {
  orientation: 'top-down' | 'left-right';
  /** Nodes at this depth and below start closed (1 = strategies, 4 = initiatives). */
  collapseDepth: number;
  expanded: ReadonlySet<NodeId>;
  collapsed: ReadonlySet<NodeId>;
  /** Show only this node's subtree. */
  focusId: NodeId | null;
  riskMode: 'off' | 'risk' | 'blocked';
  showLinks: boolean;
}

/** The centre of what a canvas shows (world units) and its zoom: what followers copy. */
export interface CanvasViewport { cx: number; cy: number; k: number }

export interface CanvasSlice {
  canvas: CanvasPrefs;
  /** This window's canvas view, published in presence; null when the canvas is not on screen. */
  canvasViewport: CanvasViewport | null;
  /** Presentation mode: full screen, large type, high contrast; others may follow. */
  presenting: boolean;
  /** The presence client this window's canvas follows, or null. */
  followingClientId: number | null;
  setCanvas(patch: Partial<CanvasPrefs>): void;
  /** Shows (open) or hides a node's children on the canvas. */
  setCanvasNodeOpen(id: NodeId, open: boolean): void;
  setCanvasViewport(viewport: CanvasViewport | null): void;
  setPresenting(presenting: boolean): void;
  follow(clientId: number | null): void;
}
