import type { PlanView } from '../store/app-state.js';

/**
 * Where the keyboard lands when a view is chosen by a command (the palette's "Go to Cascade", the desktop menu).
 * The focused element goes with the old view, so PlanViews puts the focus on the new view's tab; for a view whose
 * work is done with keys on one element (the canvas), that left ←↑↓→, Enter and F doing nothing until the person
 * tabbed ~20 stops through the toolbar (review43a F6). Such a view takes the focus once it is drawn, as a click on
 * its tab and then on it would leave it. A click on the tab itself is not a command: the focus stays where it went.
 */
let wanted: PlanView | null = null;

/** A command chose this view: its keyboard surface may take the focus once it is on screen. */
export function landInView(view: PlanView): void {
  wanted = view;
}

/** The view shown is now this one: a landing asked for another view is no longer due. */
export function viewShown(view: PlanView): void {
  if (wanted !== view) wanted = null;
}

/**
 * Whether the view's keyboard surface should take the focus now (asked once, as it is drawn): a command chose
 * the view, and the focus is still where the view change left it (the page, or the views' tabs), not somewhere
 * the person went meanwhile.
 */
export function takeLanding(view: PlanView): boolean {
  if (wanted !== view) return false;
  wanted = null;
  const active = document.activeElement;
  return active === null || active === document.body || active.closest('nav[aria-label="Views"]') !== null;
}
