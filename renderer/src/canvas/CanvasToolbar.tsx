import { FilterControls } from '../outline/FilterControls.js';
import { appStore, useAppStore } from '../store/app-store.js';
import type { CascadeCanvas } from './cascade-canvas.js';
import { CanvasFindStatus } from './CanvasFindStatus.js';
import type { MatchesOnCanvas } from './find-matches.js';

export interface CanvasToolbarProps {
  canvas: CascadeCanvas | null;
  onAddChild(): void;
  onExportPng(): void;
  onExportSvg(): void;
  /** Turns the presentation on or off. */
  onPresent(): void;
  /** Where the find's matches are (null when nothing is filtered), and stepping from one to the next. */
  find: MatchesOnCanvas | null;
  onStepMatch(direction: 1 | -1): void;
}

const depthChoices: readonly { value: number; label: string }[] = [
  { value: 2, label: 'Down to objectives' },
  { value: 3, label: 'Down to key results' },
  { value: 4, label: 'Down to initiatives' },
  { value: 99, label: 'Everything' },
];

/** The canvas's tools: the shared find and filters, layout choices, risk mode, workshop and export. */
export function CanvasToolbar({ canvas, onAddChild, onExportPng, onExportSvg, onPresent, find, onStepMatch }: CanvasToolbarProps) {
  const prefs = useAppStore((state) => state.canvas);
  const setCanvas = useAppStore((state) => state.setCanvas);
  const selectedId = useAppStore((state) => state.selectedId);
  const readOnly = useAppStore((state) => state.readOnlyReason !== null);
  const presenting = useAppStore((state) => state.presenting);
  const following = useAppStore((state) => state.followingClientId);
  const peers = useAppStore((state) => state.peers);
  const leaders = peers.filter((peer) => peer.view === 'canvas' && peer.viewport);
  const followed = peers.find((peer) => peer.clientId === following);

  return (
    <div className="outline-toolbar canvas-toolbar" role="toolbar" aria-label="Canvas tools">
      <FilterControls />
      <CanvasFindStatus find={find} onStep={onStepMatch} />
      <select className="select layout-choice" aria-label="Levels shown" value={prefs.collapseDepth}
        onChange={(event) => setCanvas({ collapseDepth: Number(event.target.value), expanded: new Set(), collapsed: new Set() })}>
        {depthChoices.map((choice) => <option key={choice.value} value={choice.value}>{choice.label}</option>)}
      </select>
      <select className="select layout-choice" aria-label="Direction" value={prefs.orientation} onChange={(event) => setCanvas({ orientation: event.target.value as typeof prefs.orientation })}>
        <option value="top-down">Top down</option>
        <option value="left-right">Left to right</option>
      </select>
      <select className="select layout-choice" aria-label="Risk view" value={prefs.riskMode} onChange={(event) => setCanvas({ riskMode: event.target.value as typeof prefs.riskMode })}>
        <option value="off">Health only</option>
        <option value="risk">Where risk begins</option>
        <option value="blocked">Blocked work</option>
      </select>
      <button type="button" className="button small ghost" aria-pressed={prefs.showLinks} onClick={() => setCanvas({ showLinks: !prefs.showLinks })}>Contributes-to links</button>
      <span className="row-spacer" />
      <button type="button" className="button small ghost" aria-label="Zoom out" onClick={() => canvas?.zoomBy(1 / 1.4)}>−</button>
      <button type="button" className="button small ghost" aria-label="Zoom in" onClick={() => canvas?.zoomBy(1.4)}>+</button>
      <button type="button" className="button small ghost" onClick={() => canvas?.fit()}>Fit</button>
      <button type="button" className="button small ghost" aria-pressed={prefs.focusId !== null} disabled={!selectedId && prefs.focusId === null}
        onClick={() => setCanvas({ focusId: prefs.focusId ? null : selectedId })}>{prefs.focusId ? 'Show all' : 'Focus'}</button>
      {!readOnly && <button type="button" className="button small" disabled={!selectedId} onClick={onAddChild}>Add child</button>}
      <button type="button" className="button small ghost" aria-pressed={presenting} onClick={onPresent}>{presenting ? 'Exit presentation' : 'Present'}</button>
      {followed
        ? <button type="button" className="button small" onClick={() => appStore.getState().follow(null)}>Stop following {followed.user.name}</button>
        : leaders.map((peer) => (
          <button key={peer.clientId} type="button" className="button small ghost" onClick={() => appStore.getState().follow(peer.clientId)}>
            Follow {peer.user.name}{peer.presenting ? ' (presenting)' : ''}
          </button>
        ))}
      <button type="button" className="button small ghost" onClick={onExportPng}>Export PNG</button>
      <button type="button" className="button small ghost" onClick={onExportSvg}>Export SVG</button>
    </div>
  );
}
