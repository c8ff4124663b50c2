import { z } from 'zod';
import { nodeIdSchema, type NodeId, type PlanId } from '../../../shared/model/ids.js';
import type { CanvasPrefs, CanvasViewport } from '../store/app-state.js';

/**
 * What a reload keeps of a plan's cascade canvas (canvas43 F5): the layout choices, the cards opened and closed by
 * hand, and the view (its centre in world units and its zoom, so a window of another size shows the same place). A
 * presenter whose browser reloaded mid-talk came back to "Down to initiatives", fitted, having shown "Everything"
 * zoomed in on one team. Kept in the tab's session storage: a reload or a crash-restored tab gets it, another tab
 * or another day starts afresh. The focus on a subtree is not kept (the plan may have changed under it). The selected
 * card is (leftovers44a): the presenter came back to the place but not to the card she was talking about, its details
 * gone; it is given back only when the plan still holds it.
 */
const keptCanvasViewSchema = z.object({
  orientation: z.enum(['top-down', 'left-right']),
  collapseDepth: z.number().int().min(1).max(99),
  expanded: z.array(nodeIdSchema).max(100_000),
  collapsed: z.array(nodeIdSchema).max(100_000),
  riskMode: z.enum(['off', 'risk', 'blocked']),
  showLinks: z.boolean(),
  viewport: z.object({ cx: z.number().finite(), cy: z.number().finite(), k: z.number().finite().positive() }).nullable(),
  // Absent in what a build before it kept in this tab: nothing selected.
  selectedId: nodeIdSchema.nullable().default(null),
});

export type KeptCanvasView = Omit<CanvasPrefs, 'focusId'> & { viewport: CanvasViewport | null; selectedId: NodeId | null };

const keyOf = (planId: PlanId) => `throughline:canvas-view:${planId}`;

/** The kept view of the plan's canvas, or null when there is none, or what is stored is not one (then it is dropped). */
export function readKeptCanvasView(planId: PlanId, storage: Storage | undefined = globalThis.sessionStorage): KeptCanvasView | null {
  const text = storage?.getItem(keyOf(planId));
  if (!text) return null;
  let parsed: ReturnType<typeof keptCanvasViewSchema.safeParse>;
  try {
    parsed = keptCanvasViewSchema.safeParse(JSON.parse(text));
  } catch {
    parsed = keptCanvasViewSchema.safeParse(undefined);
  }
  if (!parsed.success) {
    storage?.removeItem(keyOf(planId));
    return null;
  }
  const kept = parsed.data;
  return { ...kept, expanded: new Set(kept.expanded), collapsed: new Set(kept.collapsed) };
}

/** Keeps the canvas's choices, view and selected card for a reload of this tab (a full storage is no reason to fail the canvas). */
export function keepCanvasView(planId: PlanId, prefs: CanvasPrefs, viewport: CanvasViewport | null, selectedId: NodeId | null, storage: Storage | undefined = globalThis.sessionStorage): void {
  const kept = { orientation: prefs.orientation, collapseDepth: prefs.collapseDepth, expanded: [...prefs.expanded], collapsed: [...prefs.collapsed], riskMode: prefs.riskMode, showLinks: prefs.showLinks, viewport, selectedId };
  try {
    storage?.setItem(keyOf(planId), JSON.stringify(kept));
  } catch {
    // Session storage full or refused: the reload fits the cascade, as before.
  }
}

/** The view each plan's canvas should come back to once: set as the plan opens, taken by the canvas's first showing. */
const viewportsToRestore = new Map<PlanId, CanvasViewport>();

/** What the opening plan gives the kept view to restore into. */
export interface CanvasRestoreTarget {
  setCanvas(prefs: Partial<CanvasPrefs>): void;
  /** Selects the kept card; called only when `holds` says the plan still has it. */
  select(id: NodeId): void;
  /** Whether the plan as opened has this node (another person may have deleted it meanwhile). */
  holds(id: NodeId): boolean;
}

/**
 * As a plan opens: its kept canvas choices go back into the store (before the canvas lays the plan out, so its first
 * picture is the kept one), the kept card is selected again if the plan still has it, and the kept view waits for the
 * canvas (`takeViewportToRestore`). The selection only when the plan opens on the cascade (`onCanvas`): the outline's
 * reload never kept one, and a card chosen on the canvas hours ago is not where a reload of the outline was.
 */
export function restoreKeptCanvasView(planId: PlanId, target: CanvasRestoreTarget, onCanvas: boolean, storage?: Storage): void {
  viewportsToRestore.delete(planId);
  const kept = readKeptCanvasView(planId, storage);
  if (!kept) return;
  const { viewport, selectedId, ...prefs } = kept;
  target.setCanvas({ ...prefs, focusId: null });
  if (onCanvas && selectedId !== null && target.holds(selectedId)) target.select(selectedId);
  if (viewport) viewportsToRestore.set(planId, viewport);
}

/** The kept view the canvas of this plan shows instead of fitting, once; null: fit as usual. */
export function takeViewportToRestore(planId: PlanId | null): CanvasViewport | null {
  if (!planId) return null;
  const viewport = viewportsToRestore.get(planId) ?? null;
  viewportsToRestore.delete(planId);
  return viewport;
}
