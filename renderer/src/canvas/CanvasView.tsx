import { Fragment, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { KIND_LABELS, type NodeId } from '../../../shared/model/index.js';
import { DetailPanel } from '../detail/DetailPanel.js';
import { healthLabel, percent } from '../outline/labels.js';
import { newChild } from '../outline/outline-commands.js';
import { useControllers } from '../session/controller-context.js';
import { appStore, useAppStore } from '../store/app-store.js';
import type { CanvasSurface } from './canvas-commands.js';
import { exposeCanvasAutomation } from './canvas-automation.js';
import { keepCanvasView, takeViewportToRestore } from '../persistence/kept-canvas-view.js';
import type { CanvasViewport } from '../store/app-state.js';
import { canvasHelpLine } from './canvas-help.js';
import { badgesOf, cardTitleText } from './card-painter.js';
import { cascadeSvg } from './cascade-svg.js';
import { CanvasToolbar } from './CanvasToolbar.js';
import { kindAt, pathUp } from './cascade-snapshot.js';
import { nextMatchRow, type MatchesOnCanvas } from './find-matches.js';
import { matchesInsideLabel } from './cascade-painter.js';
import { rowShowing } from './tree-navigation.js';
import { standardTheme } from './palette.js';
import { unalignedRows } from './risk-paths.js';
import { UnalignedWork } from './UnalignedWork.js';
import { useCascadeCanvas } from './use-cascade-canvas.js';
import { useFollow } from './use-follow.js';
import { useCanvasKeptPlace } from './use-canvas-kept-place.js';
import { FollowStatus } from './FollowStatus.js';
import { AsOfBanner } from '../review/AsOfBanner.js';
import { useReviewStore } from '../review/review-store.js';
import { Sentence } from '../text/Isolated.js';
import { takeLanding } from '../shell/view-landing.js';

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** What a follower is told when a key would move their own selection: the presenter chooses the card (review40b F10). */
function followerKeepsOff(name: string, onCanvas: boolean): string {
  return `Following ${name}: they choose the card. Press Escape${onCanvas ? '' : ' on the canvas'} to stop following and move on your own.`;
}

/** The cascade canvas with the selected node's details beside it. */
export function CanvasView() {
  const { app, commands: registry } = useControllers();
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const minimapRef = useRef<HTMLCanvasElement | null>(null);
  const paneRef = useRef<HTMLElement | null>(null);
  // Two live regions: one names the selected card, the other says what just happened (a move, a
  // refused drop, a drag ended by someone else's delete). With one region the selection's words,
  // set in the same moment, replaced the event's before a screen reader could read them.
  const [announcement, setAnnouncement] = useState('');
  const [notice, setNotice] = useState({ text: '', count: 0 });
  const announce = useCallback((text: string) => setNotice((previous) => ({ text, count: previous.count + 1 })), []);
  const [dragHint, setDragHint] = useState<string | null>(null);
  const [find, setFind] = useState<MatchesOnCanvas | null>(null);
  const canvas = useCascadeCanvas(canvasRef, minimapRef, announce, setDragHint, setFind);
  const follow = useFollow(canvas, announce);
  // Read by the find's steps, which run from keys and buttons outside a render.
  const leader = useRef(follow.leader);
  leader.current = follow.leader;
  const showingPast = useReviewStore((state) => state.asOf !== null);
  const selectedId = useAppStore((state) => state.selectedId);
  const plan = useAppStore((state) => state.plan);
  const planVersion = useAppStore((state) => state.planVersion);
  const presenting = useAppStore((state) => state.presenting);
  const prefs = useAppStore((state) => state.canvas);
  const readOnly = useAppStore((state) => state.readOnlyReason !== null);

  useEffect(() => exposeCanvasAutomation(canvas), [canvas]);
  // Chosen by a command (the palette's "Go to Cascade"): the keys work at once, on the canvas (review43a F6).
  useEffect(() => { if (canvas && takeLanding('canvas')) canvasRef.current?.focus(); }, [canvas]);
  const actor = useCallback(() => app.actor(), [app]);
  useCanvasKeptPlace({ index: plan?.index ?? null, planVersion, selectedId, actor, element: canvasRef });

  // The live region names the selected card, so a screen reader hears where the arrows went.
  useEffect(() => {
    const node = selectedId ? plan?.index.node(selectedId) : undefined;
    // Nothing selected (the card went): not the gone card's words left to be read again (canvas43 F4).
    if (!node || !plan) { setAnnouncement(''); return; }
    const snapshot = canvas?.snapshot;
    const row = snapshot?.rowOf.get(node.id);
    const badges = snapshot && row !== undefined ? badgesOf(snapshot, row) : [];
    const inside = row !== undefined ? canvas?.find?.inside[row] ?? 0 : 0;
    if (inside > 0) badges.push(matchesInsideLabel(inside));
    const progress = node.progress === null ? '' : `, ${percent(node.progress)} done`;
    setAnnouncement(`${KIND_LABELS[node.kind]}: ${cardTitleText(plan.index.title(node.id))}. ${healthLabel[node.health]}${progress}${badges.length ? `. ${badges.join(', ')}` : ''}. ${node.childIds.length} below.`);
  }, [selectedId, plan, planVersion, canvas, find]);

  const present = useCallback((on: boolean) => {
    appStore.getState().setPresenting(on);
    const pane = paneRef.current;
    if (on && pane && !document.fullscreenElement) pane.requestFullscreen?.().catch(() => { /* a window without fullscreen still gets the presentation look */ });
    if (!on && document.fullscreenElement) void document.exitFullscreen?.();
  }, []);
  useEffect(() => {
    const onChange = () => { if (!document.fullscreenElement && appStore.getState().presenting) appStore.getState().setPresenting(false); };
    document.addEventListener('fullscreenchange', onChange);
    return () => { document.removeEventListener('fullscreenchange', onChange); appStore.getState().setPresenting(false); };
  }, []);
  // Fitted when shown and when presenting starts or ends; a reload comes back to its kept view instead (canvas43 F5).
  const keptViewport = useRef<CanvasViewport | null | undefined>(undefined);
  useEffect(() => {
    if (!canvas) return;
    if (keptViewport.current === undefined) keptViewport.current = takeViewportToRestore(app.planId);
    const kept = keptViewport.current;
    keptViewport.current = null;
    if (kept) canvas.restoreView(kept);
    else requestAnimationFrame(() => canvas.fit());
  }, [canvas, presenting, app]);
  // What a reload keeps: the layout choices, the view and the selected card, per plan, as they change (the view as it
  // is published).
  useEffect(() => {
    let viewport = appStore.getState().canvasViewport;
    return appStore.subscribe((state, previous) => {
      if (state.canvas === previous.canvas && state.canvasViewport === previous.canvasViewport && state.selectedId === previous.selectedId) return;
      // The canvas going off screen unpublishes its view: the last one shown is kept.
      viewport = state.canvasViewport ?? viewport;
      if (app.planId) keepCanvasView(app.planId, state.canvas, viewport, state.selectedId);
    });
  }, [app]);

  // The canvas's keys and toolbar buttons are commands of the registry (canvas-commands.ts): the
  // palette and the keyboard help list them, and a key or a button here runs the same command.
  useEffect(() => {
    if (!canvas) return;
    const addChild = (id: NodeId) => {
      const outcome = app.run((current) => newChild(current, id));
      if (!outcome.ok || !outcome.value.ok) return;
      appStore.getState().setCanvasNodeOpen(id, true);
      // Shown in the filtered outline too, and not dimmed here (review40b F7).
      appStore.getState().showAdded(outcome.value.select);
      appStore.getState().select(outcome.value.select);
      requestAnimationFrame(() => document.getElementById('detail-title')?.focus());
    };
    const exportPng = () => { void canvas.toPng().then((blob) => download(blob, 'cascade.png')); };
    const exportSvg = () => {
      if (!canvas.snapshot || !canvas.layout) return;
      const name = app.plan?.index.summary().name ?? 'Cascade';
      download(new Blob([cascadeSvg(canvas.snapshot, canvas.layout, standardTheme, name)], { type: 'image/svg+xml' }), 'cascade.svg');
    };
    const disposable = registry.attachSurface('canvas', (): CanvasSurface => {
      const state = appStore.getState();
      return {
        canvas, selectedId: state.selectedId, focusId: state.canvas.focusId,
        select: (id) => { state.select(id); if (id) canvas.reveal(id, { onlyIfHidden: true, readable: true }); },
        open: (id) => { state.select(id); document.getElementById('detail-title')?.focus(); },
        toggle: (id, open) => state.setCanvasNodeOpen(id, open),
        focus: (id) => state.setCanvas({ focusId: id }),
        addChild, exportPng, exportSvg,
        presenting: state.presenting, present,
      };
    });
    registry.refresh();
    return () => { void disposable.dispose(); registry.refresh(); };
  }, [canvas, registry, app, present]);
  const run = (id: string) => () => { registry.performById(id); };

  // Previous / next match of the find (fix41b, F3): a match inside closed cards has every closed card above it
  // opened, as the outline opens rows to show a match, and is selected and brought into view once laid out.
  const stepMatch = useCallback((direction: 1 | -1) => {
    const current = canvas?.find, snapshot = canvas?.snapshot, layout = canvas?.layout;
    if (!canvas || !current || !snapshot || !layout) return;
    // Following: the presenter chooses the card, as for the arrows. F3 from the window (and Enter in Find, a button)
    // moved the follower's own selection to the next match until the presenter's next move took it back (canvas43 F7).
    if (leader.current) {
      announce(followerKeepsOff(leader.current.user.name, document.activeElement === canvasRef.current));
      return;
    }
    const state = appStore.getState();
    let row = state.selectedId ? snapshot.rowOf.get(state.selectedId) ?? -1 : -1;
    // Matches outside a focused subtree are skipped: no card leads to them.
    for (let tries = 0; tries < current.total; tries++) {
      row = nextMatchRow(current.matches, row, direction);
      if (row < 0 || rowShowing(snapshot, layout, row) >= 0) break;
    }
    if (row < 0 || rowShowing(snapshot, layout, row) < 0) return;
    const id = snapshot.ids[row]!;
    const holder = rowShowing(snapshot, layout, row);
    const closed = pathUp(snapshot, row).slice(1).filter((above) => { const card = layout.cardOfRow[above]!; return card < 0 || layout.open[card] !== 1; });
    for (const above of closed) state.setCanvasNodeOpen(snapshot.ids[above]!, true);
    state.select(id);
    canvas.reveal(id, { readable: true, whenLaidOut: true });
    let position = 0;
    for (let at = 0; at <= row; at++) if (current.matches[at]) position++;
    const opened = holder !== row ? ` Opened from inside “${cardTitleText(snapshot.titles[holder] ?? '')}”.` : '';
    announce(`Match ${position.toLocaleString()} of ${current.total.toLocaleString()}: ${cardTitleText(snapshot.titles[row] ?? '')}.${opened}`);
  }, [canvas, announce]);
  // The find's Next / Previous are commands too (canvas-commands.ts): Enter / Shift+Enter in the Find field, the
  // palette and the toolbar's buttons run the same one.
  useEffect(() => {
    if (!canvas) return;
    const disposable = registry.attachSurface('canvasFind', () => {
      const current = canvas.find;
      const state = appStore.getState();
      return {
        reachable: current ? current.total - current.outside : null, step: stepMatch, presenting: state.presenting,
        leave: () => {
          canvasRef.current?.focus();
          announce(`Back on the canvas. Escape again ${appStore.getState().canvas.focusId ? 'shows the whole cascade' : 'stops presenting'}.`);
        },
      };
    });
    registry.refresh();
    return () => { void disposable.dispose(); registry.refresh(); };
  }, [canvas, registry, stepMatch, announce]);
  const stepByCommand = useCallback((direction: 1 | -1) => { registry.performById(direction === 1 ? 'canvas.nextMatch' : 'canvas.previousMatch', 'button'); }, [registry]);
  // The help line's keys come from the registry (canvas-help.ts), so it says what this platform's keyboard does.
  const helpLine = canvasHelpLine(registry, readOnly);
  const onKeyDown = (event: KeyboardEvent<HTMLCanvasElement>) => {
    // Following: the presenter chooses the card. The arrows say so (they did nothing, silently:
    // review40b F10), and Escape stops following.
    const followed = follow.leader;
    if (followed && !event.altKey && !event.ctrlKey && !event.metaKey) {
      if (event.key === 'Escape') {
        event.preventDefault();
        appStore.getState().follow(null);
        announce(`Stopped following ${followed.user.name}. The arrows move your own selection now.`);
        return;
      }
      if (event.key === 'ArrowUp' || event.key === 'ArrowDown' || event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
        event.preventDefault();
        announce(followerKeepsOff(followed.user.name, true));
        return;
      }
    }
    if (registry.handleKey(event, 'canvas')) event.preventDefault();
  };

  const unaligned = useMemo(() => {
    void planVersion;
    const snapshot = canvas?.snapshot;
    if (!snapshot || prefs.riskMode === 'off') return [];
    return unalignedRows(snapshot).map((row) => ({ id: snapshot.ids[row]!, kind: KIND_LABELS[kindAt(snapshot, row)], title: cardTitleText(snapshot.titles[row] ?? '') }));
  }, [canvas, planVersion, prefs.riskMode]);

  return (
    <div className="outline-layout canvas-layout">
      <section ref={paneRef} className={`canvas-pane${presenting ? ' presenting' : ''}`} aria-label="Cascade canvas">
        {/* The room sees which moment of the plan is shown: the window's banner is under the presentation (review40b F3). */}
        {presenting && showingPast && <AsOfBanner />}
        <CanvasToolbar canvas={canvas} onAddChild={run('canvas.addChild')} onExportPng={run('canvas.exportPng')} onExportSvg={run('canvas.exportSvg')} onPresent={run('canvas.present')}
          find={find} onStepMatch={stepByCommand} />
        <div className="canvas-stage">
          <canvas ref={canvasRef} className="cascade-canvas" tabIndex={0} role="application" aria-roledescription="cascade canvas"
            aria-label="Cascade: strategy to tasks" aria-describedby="canvas-help" data-testid="cascade-canvas"
            onKeyDown={onKeyDown}
            onFocus={() => { if (canvas) { canvas.focused = true; canvas.schedulePaint(); } }}
            onBlur={() => { if (canvas) { canvas.focused = false; canvas.schedulePaint(); } }} />
          <canvas ref={minimapRef} className="cascade-minimap" aria-hidden="true" data-testid="cascade-minimap" />
          {prefs.riskMode !== 'off' && <UnalignedWork items={unaligned} />}
          {dragHint && <p className="drag-hint" role="status" data-testid="drag-hint">{dragHint}</p>}
          <FollowStatus follow={follow} />
        </div>
        <p id="canvas-help" className="outline-help canvas-help">
          Drag the background to pan, the wheel to zoom, a card onto another to move it
          {helpLine.map((item) => (
            <Fragment key={`${item.surface} ${item.hint}`}>
              {' · '}{item.surface === 'canvasFind' && 'in Find, '}
              {item.keys.map((key, at) => <Fragment key={key}>{at > 0 && '/'}<kbd>{key}</kbd></Fragment>)} {item.hint}
            </Fragment>
          ))}
        </p>
        <p className="visually-hidden" role="status" aria-live="polite" data-testid="canvas-announcer">{announcement}</p>
        {/* A new node per notice (the key), so the same words twice are read twice. */}
        <p className="visually-hidden" role="status" aria-live="polite" data-testid="canvas-notices"><span key={notice.count}><Sentence text={notice.text} /></span></p>
      </section>
      {!presenting && <DetailPanel />}
    </div>
  );
}
