import { useEffect, useRef, useState, type RefObject } from 'react';
import { filterPredicate } from '../outline/outline-filter.js';
import { newChild } from '../outline/outline-commands.js';
import { useControllers } from '../session/controller-context.js';
import { markViewsCommitted } from '../session/perf-marks.js';
import { appStore, useAppStore } from '../store/app-store.js';
import { CascadeCanvas, type CanvasHost } from './cascade-canvas.js';
import { cardTitleText } from './card-painter.js';
import type { LayoutOptions } from './cascade-layout.js';
import { patchSnapshot, snapshotFromIndex, type CascadeSnapshot } from './cascade-snapshot.js';
import { LayoutRunner, createLayoutWorker } from './layout-runner.js';
import { presentationTheme, standardTheme } from './palette.js';
import { viewCentre } from './viewport.js';
import type { MatchesOnCanvas } from './find-matches.js';

/** Measure of a remote edit reaching the canvas: from the remote transaction to the painted card. */
export const canvasRepaintMeasure = 'throughline:canvas-remote-repaint';
const VIEWPORT_PUBLISH_MS = 100;

/** Closes the canvas repaint measure if a remote update arrived since the last one. */
function measureRemoteRepaint(lastMeasured: { at: number }): void {
  const marks = performance.getEntriesByName('throughline:remote-update');
  const mark = marks[marks.length - 1];
  if (!mark || mark.startTime <= lastMeasured.at) return;
  lastMeasured.at = mark.startTime;
  performance.measure(canvasRepaintMeasure, { start: mark.startTime, end: performance.now() });
  markViewsCommitted();
}

/**
 * Builds the canvas controller for the view and keeps it in step with the app: the plan's
 * snapshot (patched in place for edits, laid out again for structural changes), the one selection,
 * the shared filters, risk mode, presence, presentation and follow.
 */
export function useCascadeCanvas(canvasRef: RefObject<HTMLCanvasElement | null>, minimapRef: RefObject<HTMLCanvasElement | null>, announce: (text: string) => void, dragHint: (text: string | null) => void, findChanged?: (find: MatchesOnCanvas | null) => void) {
  const { app } = useControllers();
  const [canvas, setCanvas] = useState<CascadeCanvas | null>(null);
  const snapshotRef = useRef<CascadeSnapshot | null>(null);
  const plan = useAppStore((state) => state.plan);
  const planVersion = useAppStore((state) => state.planVersion);
  const prefs = useAppStore((state) => state.canvas);
  const selectedId = useAppStore((state) => state.selectedId);
  const filters = useAppStore((state) => state.filters);
  const peers = useAppStore((state) => state.peers);
  const presenting = useAppStore((state) => state.presenting);
  const readOnly = useAppStore((state) => state.readOnlyReason !== null);

  useEffect(() => {
    const element = canvasRef.current;
    if (!element) return;
    let publishTimer = 0;
    const host: CanvasHost = {
      select: (id) => appStore.getState().select(id),
      open: (id) => {
        appStore.getState().select(id);
        document.getElementById('detail-title')?.focus();
      },
      move: (id, parentId) => {
        if (app.run((current) => current.moveNode(id, { parent: parentId })).ok) {
          appStore.getState().setCanvasNodeOpen(parentId, true);
          appStore.getState().select(id);
          announce(`Moved "${cardTitleText(app.plan?.index.title(id) ?? '')}" under "${cardTitleText(app.plan?.index.title(parentId) ?? '')}".`);
        }
      },
      refuse: (reason) => {
        appStore.getState().notify({ text: reason, tone: 'error' });
        announce(reason);
      },
      addChild: (id) => {
        const outcome = app.run((current) => newChild(current, id));
        if (!outcome.ok || !outcome.value.ok) return;
        appStore.getState().setCanvasNodeOpen(id, true);
        // Shown in the filtered outline too, and not dimmed here (review40b F7).
        appStore.getState().showAdded(outcome.value.select);
        appStore.getState().select(outcome.value.select);
        requestAnimationFrame(() => document.getElementById('detail-title')?.focus());
      },
      toggle: (id, open) => appStore.getState().setCanvasNodeOpen(id, open),
      dragHint,
      findChanged: (find) => findChanged?.(find),
      viewChanged: (view, byUser) => {
        const state = appStore.getState();
        if (byUser && state.followingClientId !== null) {
          state.follow(null);
          announce('Stopped following: you moved the view.');
        }
        window.clearTimeout(publishTimer);
        publishTimer = window.setTimeout(() => {
          const { width, height } = controller.size;
          const { cx, cy } = viewCentre(view, width, height);
          appStore.getState().setCanvasViewport({ cx, cy, k: view.k });
        }, VIEWPORT_PUBLISH_MS);
      },
    };
    const controller = new CascadeCanvas(element, host, new LayoutRunner(typeof Worker === 'undefined' ? null : createLayoutWorker), minimapRef.current);
    const lastMeasured = { at: performance.now() };
    controller.onPainted = () => measureRemoteRepaint(lastMeasured);
    controller.disposables.add(() => { window.clearTimeout(publishTimer); appStore.getState().setCanvasViewport(null); });
    setCanvas(controller);
    return () => { controller.dispose(); setCanvas(null); };
  }, [app, canvasRef, minimapRef, announce, dragHint, findChanged]);

  // The plan's picture: patched in place when only rows changed, laid out again otherwise.
  const built = useRef<{ plan: unknown; version: number; prefs: unknown }>({ plan: null, version: -1, prefs: null });
  useEffect(() => {
    if (!canvas || !plan) return;
    const options: LayoutOptions = { orientation: prefs.orientation, collapseDepth: prefs.collapseDepth, expanded: prefs.expanded, collapsed: prefs.collapsed, focus: prefs.focusId, wrapAt: 6 };
    const previous = built.current;
    built.current = { plan, version: planVersion, prefs };
    const current = snapshotRef.current;
    const samePlan = previous.plan === plan && current !== null;
    // Focusing on a subtree (or leaving it), turning the picture or changing the levels shown fits the new picture to the screen.
    const previousPrefs = previous.prefs as typeof prefs | null;
    const refit = previousPrefs !== null && (previousPrefs.focusId !== prefs.focusId || previousPrefs.orientation !== prefs.orientation || previousPrefs.collapseDepth !== prefs.collapseDepth);
    const then = refit ? () => canvas.fit() : undefined;
    if (samePlan && previous.version === planVersion) {
      canvas.setSnapshot(current, options, then); // only the layout choices changed
      return;
    }
    if (samePlan && previous.prefs === prefs && previous.version === planVersion - 1 && patchSnapshot(current, plan.index, appStore.getState().changedIds)) {
      canvas.rowsChanged();
      return;
    }
    const snapshot = snapshotFromIndex(plan.index);
    snapshotRef.current = snapshot;
    canvas.setSnapshot(snapshot, options, then);
  }, [canvas, plan, planVersion, prefs]);

  // Decor: selection, the shared filters, risk mode, presence, links, theme.
  useEffect(() => {
    if (!canvas) return;
    const index = plan?.index;
    const contributes = prefs.showLinks && index ? index.links().filter((link) => link.type === 'contributes_to').map((link) => [link.from, link.to] as const) : [];
    canvas.setDecor({
      selectedId,
      matches: index ? filterPredicate(index, filters) : undefined,
      riskMode: prefs.riskMode,
      presence: peers.map((peer) => ({ selection: peer.selection, name: peer.user.name, colour: peer.user.colour })),
      contributes,
      theme: presenting ? presentationTheme : standardTheme,
      readOnly,
    });
  }, [canvas, plan, planVersion, selectedId, filters, prefs.riskMode, prefs.showLinks, peers, presenting, readOnly]);

  // A selection made elsewhere (outline, pulse, a follower's presenter) comes into view.
  useEffect(() => {
    if (canvas && selectedId && appStore.getState().followingClientId === null) canvas.reveal(selectedId, { onlyIfHidden: true });
  }, [canvas, selectedId]);

  // Follow (the presenter's viewport, selection and moment of the plan) is use-follow.ts's.

  return canvas;
}
