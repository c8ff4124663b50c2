import { useEffect, type RefObject } from 'react';
import type { PlanView } from '../store/app-state.js';

/** A view of the open plan, or the list of all plans ("Go to all plans"). */
export type Landing = PlanView | 'library';

/**
 * Where the keyboard lands when a view is chosen by a command (the palette's "Go to Cascade", the desktop menu).
 * The focused element goes with the old view, so PlanViews puts the focus on the new view's tab; for a view whose
 * work is done with keys on one element (the canvas), that left ←↑↓→, Enter and F doing nothing until the person
 * tabbed ~20 stops through the toolbar (review43a F6). Such a view takes the focus once it is drawn, as a click on
 * its tab and then on it would leave it. A click on the tab itself is not a command: the focus stays where it went.
 * The outline lands on its tree (leftovers45a: "Go to Outline" from the palette gave the focus back to the tab it
 * was opened from, often another view's); the views read and tabbed through (pulse, review, my work, people) land on
 * their heading, so a screen reader says where the person is and Tab goes on into the view, not from the page's top.
 */
let wanted: Landing | null = null;
/** What had the focus when the command ran (a dialog like the palette gives it back first): still there, it is no choice of the person's. */
let from: Element | null = null;

/** A command chose this view: its keyboard surface may take the focus once it is on screen. */
export function landInView(view: Landing): void {
  wanted = view;
  from = globalThis.document?.activeElement ?? null;
}

/** The view shown is now this one: a landing asked for another view is no longer due. */
export function viewShown(view: PlanView): void {
  if (wanted !== view) wanted = null;
}

/**
 * Whether the view's keyboard surface should take the focus now (asked once, as it is drawn): a command chose
 * the view, and the focus is still where the view change left it (the page, the views' tabs, or what had it when
 * the command ran: the palette gives the focus back to what had it, a banner's button say), not somewhere the
 * person went meanwhile.
 */
export function takeLanding(view: Landing): boolean {
  if (wanted !== view) return false;
  wanted = null;
  const active = document.activeElement;
  const stayed = active !== null && active === from;
  from = null;
  return active === null || active === document.body || stayed || active.closest('nav[aria-label="Views"]') !== null;
}

/**
 * Lands the keyboard on `target` (the view's heading) once `ready` (drawn), when a command chose `view`
 * (takeLanding). The heading takes the focus only from a script (tabIndex -1): it is no Tab stop.
 */
export function useViewLanding(view: Landing, target: RefObject<HTMLElement | null>, ready = true): void {
  useEffect(() => {
    if (ready && takeLanding(view)) target.current?.focus();
  }, [view, target, ready]);
}
