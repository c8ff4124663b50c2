import { ROOT_ID, type NodeId } from '../../../shared/model/index.js';
import { outlineActions } from '../outline/use-outline-commands.js';
import type { OutlineRow } from '../outline/outline-rows.js';
import { defineCommand, type AnyCommand, type CommandEnv } from './command.js';

/** The selected row, when it is visible in the outline. */
function currentRow(env: CommandEnv<'outline'>): OutlineRow | null {
  const surface = env.surface;
  return surface && surface.selectedIndex >= 0 ? surface.rows[surface.selectedIndex] ?? null : null;
}

/** The node a command acts on: the selected visible row, or (from the palette) the selected node. */
function targetId(env: CommandEnv<'outline'>): NodeId | null {
  if (env.surface) return currentRow(env)?.id ?? null;
  const selected = env.state.selectedId;
  return selected && env.app.plan?.index.node(selected) ? selected : null;
}

const needsTarget = (env: CommandEnv<'outline'>) => (targetId(env) ? null : 'Select a row of the outline first.');
const needsVisibleRow = (env: CommandEnv<'outline'>) => (currentRow(env) ? null : 'Select a row of the outline first.');

/** Selects the row at `index` (clamped to the rows). */
function go(env: CommandEnv<'outline'>, index: number): void {
  const rows = env.surface?.rows ?? [];
  const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
  if (row) env.state.select(row.id);
}

/** Moves the selection by `delta` rows, or to the first row when nothing visible is selected. */
function step(env: CommandEnv<'outline'>, delta: number): void {
  const index = env.surface?.selectedIndex ?? -1;
  go(env, index >= 0 ? index + delta : 0);
}

const outline = ['outline'] as const;
const needsOutline = (env: CommandEnv<'outline'>) => (env.surface ? null : 'Only in the outline.');

/** The outline's commands: moving the selection, folding, and editing the cascade. */
export const outlineCommands: readonly AnyCommand[] = [
  defineCommand({ id: 'outline.selectNext', label: 'Select the next row', surface: 'outline', views: outline, keys: { all: ['ArrowDown'] }, palette: false,
    unavailable: needsOutline, perform: (env) => step(env, 1) }),
  defineCommand({ id: 'outline.selectPrevious', label: 'Select the previous row', surface: 'outline', views: outline, keys: { all: ['ArrowUp'] }, palette: false,
    unavailable: needsOutline, perform: (env) => step(env, -1) }),
  // A 5,000-row plan is 5,000 arrow presses from end to end: a keyboard user pages through it (WAI-ARIA tree).
  defineCommand({ id: 'outline.selectPageDown', label: 'Select the row one window further down', surface: 'outline', views: outline, keys: { all: ['PageDown'] }, palette: false,
    unavailable: needsOutline, perform: (env) => step(env, env.surface?.pageRows ?? 1) }),
  defineCommand({ id: 'outline.selectPageUp', label: 'Select the row one window further up', surface: 'outline', views: outline, keys: { all: ['PageUp'] }, palette: false,
    unavailable: needsOutline, perform: (env) => step(env, -(env.surface?.pageRows ?? 1)) }),
  defineCommand({ id: 'outline.selectFirst', label: 'Select the first row', surface: 'outline', views: outline, keys: { all: ['Home'] }, palette: false,
    unavailable: needsOutline, perform: (env) => go(env, 0) }),
  defineCommand({ id: 'outline.selectLast', label: 'Select the last row', surface: 'outline', views: outline, keys: { all: ['End'] }, palette: false,
    unavailable: needsOutline, perform: (env) => go(env, (env.surface?.rows.length ?? 0) - 1) }),
  defineCommand({ id: 'outline.expand', label: 'Expand the row, or go to its first child', surface: 'outline', views: outline, keys: { all: ['ArrowRight'] }, palette: false,
    unavailable: needsVisibleRow,
    perform: (env) => {
      const row = currentRow(env);
      if (!row) return;
      if (row.hasChildren && row.collapsed) env.state.toggleCollapsed(row.id, false);
      else if (row.hasChildren) step(env, 1);
    } }),
  defineCommand({ id: 'outline.collapse', label: 'Collapse the row, or go to its parent', surface: 'outline', views: outline, keys: { all: ['ArrowLeft'] }, palette: false,
    unavailable: needsVisibleRow,
    perform: (env) => {
      const row = currentRow(env);
      if (!row) return;
      if (row.hasChildren && !row.collapsed) env.state.toggleCollapsed(row.id, true);
      else {
        const parent = env.app.plan?.index.parentOf(row.id);
        if (parent && parent !== ROOT_ID) env.state.select(parent);
      }
    } }),
  defineCommand({ id: 'outline.moveDown', label: 'Move down among its siblings', surface: 'outline', views: outline, keys: { all: ['Alt+ArrowDown'] }, writes: true, menu: 'edit',
    unavailable: needsTarget, perform: (env) => { const id = targetId(env); if (id) outlineActions(env.app).reorder(id, 1); } }),
  defineCommand({ id: 'outline.moveUp', label: 'Move up among its siblings', surface: 'outline', views: outline, keys: { all: ['Alt+ArrowUp'] }, writes: true, menu: 'edit',
    unavailable: needsTarget, perform: (env) => { const id = targetId(env); if (id) outlineActions(env.app).reorder(id, -1); } }),
  defineCommand({ id: 'outline.newSibling', label: 'New line below', surface: 'outline', views: outline, keys: { all: ['Enter'] }, writes: true, menu: 'edit',
    perform: (env) => { outlineActions(env.app).newSibling(targetId(env)); } }),
  defineCommand({ id: 'outline.newChild', label: 'New child line', surface: 'outline', views: outline, keys: { all: ['Mod+Enter', 'Insert'] }, writes: true, menu: 'edit',
    unavailable: needsTarget, perform: (env) => { const id = targetId(env); if (id) outlineActions(env.app).newChild(id); } }),
  defineCommand({ id: 'outline.newKpi', label: 'New KPI (under the key result or objective)', surface: 'outline', views: outline, keys: { all: ['Alt+k'] }, writes: true, menu: 'edit',
    unavailable: needsTarget, perform: (env) => { outlineActions(env.app).newKpi(targetId(env)); } }),
  defineCommand({ id: 'outline.indent', label: 'Indent (one level down the cascade)', surface: 'outline', views: outline, keys: { all: ['Tab'] }, writes: true, menu: 'edit',
    unavailable: needsTarget, perform: (env) => { const id = targetId(env); if (id) outlineActions(env.app).indent(id); } }),
  defineCommand({ id: 'outline.outdent', label: 'Outdent (one level up the cascade)', surface: 'outline', views: outline, keys: { all: ['Shift+Tab'] }, writes: true, menu: 'edit',
    unavailable: needsTarget, perform: (env) => { const id = targetId(env); if (id) outlineActions(env.app).outdent(id); } }),
  defineCommand({ id: 'outline.rename', label: 'Rename', surface: 'outline', views: outline, keys: { all: ['F2'] }, writes: true, menu: 'edit',
    unavailable: needsTarget, perform: (env) => { const id = targetId(env); if (id) { env.state.select(id); env.state.startEditing(id); } } }),
  defineCommand({ id: 'outline.checkIn', label: 'Check in…', surface: 'outline', views: outline, keys: { all: ['c'] }, writes: true, menu: 'edit',
    unavailable: needsTarget, perform: (env) => { const id = targetId(env); if (id) { env.state.select(id); env.state.openDialog('checkin'); } } }),
  // Tab and Shift+Tab change a row's level, so without this key the tree kept a keyboard user in it
  // (WCAG 2.1.2), and each Tab pressed to get out moved the selected row a level down.
  defineCommand({ id: 'outline.leave', label: 'Leave the outline for the details (Tab then moves on)', surface: 'outline', views: outline, keys: { all: ['Escape'] }, palette: false,
    perform: () => {
      const details = document.querySelector('aside[aria-label="Details"]');
      const target = details?.querySelector<HTMLElement>('input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), a[href]')
        ?? document.querySelector<HTMLElement>('input[aria-label="Find by title"]');
      target?.focus();
    } }),
  defineCommand({ id: 'outline.delete', label: 'Delete', surface: 'outline', views: outline, keys: { all: ['Delete', 'Backspace'] }, writes: true, menu: 'edit',
    unavailable: needsTarget,
    perform: (env) => {
      const id = targetId(env);
      if (!id) return;
      outlineActions(env.app).remove(id);
      env.surface?.focus();
    } }),
];
