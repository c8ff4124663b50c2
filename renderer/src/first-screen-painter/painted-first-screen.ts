/**
 * What the page's entry paints of a stored first screen before the app is loaded (issue #18: first
 * painted rows from navigation): the same markup, classes and accessible names as the app's first
 * screen (FirstScreenOutline, FirstScreenRow, FirstScreenPulse, AppHeader), described as plain data.
 * `first-screen-painter.ts` turns it into DOM with `createElement`, `setAttribute` and text nodes
 * only: stored text is never parsed as HTML.
 *
 * Imports nothing heavy (no React, Yjs or zod): everything here is evaluated with the entry.
 */
import { checkStoredFirstScreen, type FirstScreen, type FirstScreenRow } from '../../../shared/model/first-screen-check.js';
import { KIND_LABELS, type NodeKind } from '../../../shared/model/schema.js';
import { percentText } from '../../../shared/model/percent.js';
import type { Health } from '../../../shared/model/signal-types.js';
import { namedControlText, shownTextRuns } from '../../../shared/text/control-characters.js';
import { planViews, type PlanView } from '../store/app-state.js';
import { viewLabels } from '../store/ui-slice.js';

/** An element to paint: tag, attributes, inline style, children (strings are text nodes). */
export interface PaintedElement {
  tag: string;
  attrs?: Readonly<Record<string, string>>;
  style?: Readonly<Record<string, string>>;
  children?: readonly PaintedNode[];
}
export type PaintedNode = PaintedElement | string;

/** The views the painter paints (the others show the app's loading status, as before). */
export type PaintedView = Extract<PlanView, 'outline' | 'pulse'>;

/** A row's height in the outline (FirstScreenOutline's `rowHeight`). */
export const paintedRowHeight = 32;

/** Ids of painted rows, apart from the app's `row-<id>` (both are on the page for one task at the handover). */
export const paintedRowId = (nodeId: string) => `painted-row-${nodeId}`;

// The same words as outline/labels.ts (which imports the model's index, too heavy for the entry).
const kindShort: Readonly<Record<NodeKind, string>> = { strategy: 'STR', objective: 'OBJ', key_result: 'KR', kpi: 'KPI', initiative: 'INI', task: 'TSK' };
const healthLabel: Readonly<Record<Health, string>> = { on_track: 'On track', at_risk: 'At risk', off_track: 'Off track' };
const percent = percentText;
const plural = (count: number, noun: string) => `${count.toLocaleString()} ${count === 1 ? noun : `${noun}s`}`;

/** The plan and view a `#/plan/<id>/<view>` hash names, when the view is one the painter paints; else null. */
export function paintedViewOf(hash: string): { planId: string; view: PaintedView } | null {
  const match = /^#\/plan\/([^/]+)\/(outline|pulse)$/.exec(hash);
  return match ? { planId: match[1]!, view: match[2] as PaintedView } : null;
}

/**
 * What to paint for the address `hash` from `stored` (the early read's value, unchecked): the first
 * screen if the address names its plan's outline or pulse and the value passes the app's own check
 * (`checkStoredFirstScreen`: shape, limits, this plan, an outline), else why not.
 */
export function firstScreenToPaint(hash: string, stored: unknown): { ok: true; firstScreen: FirstScreen; view: PaintedView } | { ok: false; reason: string } {
  const target = paintedViewOf(hash);
  if (target === null) return { ok: false, reason: 'the address names no outline or pulse of a plan' };
  const checked = checkStoredFirstScreen(stored, target.planId);
  return checked.ok ? { ok: true, firstScreen: checked.firstScreen, view: target.view } : checked;
}

/** The app's header as it is while a plan opens from its first screen (AppHeader): name and views. */
export function paintedHeader(firstScreen: FirstScreen, view: PaintedView): PaintedElement {
  return {
    tag: 'header', attrs: { class: 'app-header' }, children: [
      { tag: 'a', attrs: { href: '#/', class: 'brand-link', 'aria-label': 'All plans', title: 'All plans' }, children: [{ tag: 'img', attrs: { src: './icon.svg', alt: '' } }] },
      { tag: 'h1', children: ['Throughline'] },
      { tag: 'span', attrs: { class: 'plan-name', title: firstScreen.name }, children: [firstScreen.name] },
      {
        tag: 'nav', attrs: { class: 'view-tabs', 'aria-label': 'Views' },
        children: planViews.map((name) => ({ tag: 'a', attrs: { href: `#/plan/${firstScreen.planId}/${name}`, ...(name === view ? { 'aria-current': 'page' } : {}) }, children: [viewLabels[name]] })),
      },
      { tag: 'span', attrs: { class: 'spacer' } },
    ],
  };
}

/** Stored text with control characters drawn as named chips (ShownText). */
function shownText(text: string): PaintedNode[] {
  return shownTextRuns(text, false).map((run) => ('text' in run ? run.text : { tag: 'span', attrs: { class: 'control-chip', title: `control character ${run.abbreviation === run.code ? run.code : `${run.abbreviation}, ${run.code}`}` }, children: [run.abbreviation] }));
}

/** One stored row (FirstScreenRow), `top` pixels down the list. */
export function paintedRow(row: FirstScreenRow, top: number, selected: boolean): PaintedElement {
  const description = [KIND_LABELS[row.kind], row.progress !== null && `Progress ${percent(row.progress)}`, healthLabel[row.health]].filter(Boolean).join('. ');
  const children: PaintedNode[] = [
    { tag: 'span', attrs: { class: 'row-indent' }, style: { width: `${row.depth * 20}px` } },
    { tag: 'span', attrs: { class: 'row-caret', 'aria-hidden': 'true' }, children: row.hasChildren ? ['▾'] : [] },
    { tag: 'span', attrs: { class: `kind-tag kind-${row.kind}`, title: KIND_LABELS[row.kind] }, children: [kindShort[row.kind]] },
    ' ',
    { tag: 'span', attrs: { class: row.title ? 'row-title' : 'row-title untitled', dir: 'auto' }, children: row.title ? shownText(row.title) : ['Untitled'] },
    { tag: 'span', attrs: { id: `painted-row-description-${row.id}`, hidden: '' }, children: [description] },
    { tag: 'span', attrs: { class: 'row-spacer' } },
  ];
  if (row.progress !== null) {
    children.push({
      tag: 'span', attrs: { class: `progress health-${row.health}`, 'aria-hidden': 'true' }, children: [
        { tag: 'span', attrs: { class: 'progress-track' }, children: [{ tag: 'span', attrs: { class: 'progress-fill' }, style: { width: percent(row.progress) } }] },
        { tag: 'span', attrs: { class: 'progress-value' }, children: [percent(row.progress)] },
      ],
    });
  }
  children.push({ tag: 'span', attrs: { class: `health-dot health-${row.health}`, 'aria-hidden': 'true', title: healthLabel[row.health] } });
  return {
    tag: 'div',
    attrs: {
      id: paintedRowId(row.id), role: 'treeitem', 'aria-level': String(row.depth + 1), 'aria-selected': String(selected),
      ...(row.hasChildren ? { 'aria-expanded': 'true' } : {}),
      'aria-label': `${kindShort[row.kind]} ${namedControlText(row.title) || 'Untitled'}`, 'aria-describedby': `painted-row-description-${row.id}`,
      'data-node-id': row.id, class: `outline-row${selected ? ' selected' : ''}`,
    },
    style: { transform: `translateY(${top}px)` },
    children,
  };
}

/** The rows from `from` up to (not including) `to`, each at its place in the list. */
export function paintedRows(firstScreen: FirstScreen, from: number, to: number, selectedId: string | null): PaintedElement[] {
  const rows: PaintedElement[] = [];
  for (let i = Math.max(0, from); i < Math.min(firstScreen.rows.length, to); i++) {
    const row = firstScreen.rows[i]!;
    rows.push(paintedRow(row, i * paintedRowHeight, row.id === selectedId));
  }
  return rows;
}

/**
 * The outline's pane (FirstScreenOutline) with the rows `from`…`to`; the list (role tree) holds the
 * canvas whose children the painter replaces as the list scrolls.
 */
export function paintedOutline(firstScreen: FirstScreen, from: number, to: number): PaintedElement {
  const more = firstScreen.rowCount - firstScreen.rows.length;
  return {
    tag: 'div', attrs: { class: 'outline-layout' }, children: [{
      tag: 'section', attrs: { class: 'outline-pane', 'aria-label': 'Outline' }, children: [
        {
          tag: 'div', attrs: { class: 'outline-toolbar first-screen-bar' }, children: [
            { tag: 'span', attrs: { class: 'updating-mark', role: 'status' }, children: ['Updating… ', { tag: 'span', attrs: { class: 'muted' }, children: ['showing the plan as last stored on this device'] }] },
            { tag: 'span', attrs: { class: 'row-spacer' } },
            { tag: 'span', attrs: { class: 'muted' }, children: [plural(firstScreen.rowCount, 'item')] },
          ],
        },
        {
          tag: 'div',
          attrs: { class: 'outline-scroll', role: 'tree', 'aria-label': 'Plan outline', 'aria-busy': 'true', tabindex: '0', 'data-first-screen': 'true', 'data-painted': 'true' },
          children: [{ tag: 'div', attrs: { class: 'outline-canvas' }, style: { height: `${firstScreen.rows.length * paintedRowHeight}px` }, children: paintedRows(firstScreen, from, to, null) }],
        },
        ...(more > 0 ? [{ tag: 'p', attrs: { class: 'outline-help faint' }, children: [`${plural(more, 'more item')} appear when the plan has loaded.`] }] : []),
      ],
    }],
  };
}

/** The pulse's stored figures (FirstScreenPulse). */
export function paintedPulse(firstScreen: FirstScreen): PaintedElement {
  const { summary, pulse } = firstScreen;
  const chip: PaintedElement = firstScreen.rowCount === 0
    ? { tag: 'span', attrs: { class: 'health-chip health-none' }, children: ['No items yet'] }
    : { tag: 'span', attrs: { class: `health-chip health-${summary.health}` }, children: [healthLabel[summary.health]] };
  return {
    tag: 'div', attrs: { class: 'pulse', 'aria-busy': 'true', 'data-first-screen': 'true', 'data-painted': 'true' }, children: [
      {
        tag: 'div', attrs: { class: 'pulse-head' }, children: [
          { tag: 'div', children: [{ tag: 'h2', children: ['Execution pulse'] }, { tag: 'p', attrs: { class: 'updating-mark', role: 'status' }, children: ['Updating… ', { tag: 'span', attrs: { class: 'muted' }, children: ['figures as last stored on this device'] }] }] },
          { tag: 'div', attrs: { class: 'pulse-overall' }, children: [chip, { tag: 'span', attrs: { class: 'numeric' }, children: [`${summary.progress === null ? '—' : percent(summary.progress)} overall progress`] }] },
        ],
      },
      pulse
        ? {
          tag: 'ul', attrs: { class: 'pulse-grid', 'aria-label': 'Pulse questions' }, children: pulse.map((question): PaintedElement => ({
            tag: 'li', children: [{
              tag: 'div', attrs: { class: `pulse-card tone-${question.tone}` }, children: [
                { tag: 'span', attrs: { class: 'pulse-question' }, children: [question.question] },
                { tag: 'span', attrs: { class: 'pulse-figure numeric' }, children: [question.figure] },
                { tag: 'span', attrs: { class: 'pulse-counted' }, children: [question.counted] },
                { tag: 'span', attrs: { class: 'pulse-detail' }, children: [question.detail] },
              ],
            }],
          })),
        }
        : { tag: 'p', attrs: { class: 'muted' }, children: ['The pulse\'s figures appear when the plan has loaded.'] },
    ],
  };
}

/** The whole painted page: the app's shell with the header and the view, rows `from`…`to` of the outline. */
export function paintedPage(firstScreen: FirstScreen, view: PaintedView, from: number, to: number): PaintedElement {
  return {
    tag: 'div', attrs: { class: 'app-shell' }, children: [
      paintedHeader(firstScreen, view),
      { tag: 'main', attrs: { class: 'app-main' }, children: [view === 'outline' ? paintedOutline(firstScreen, from, to) : paintedPulse(firstScreen)] },
    ],
  };
}
