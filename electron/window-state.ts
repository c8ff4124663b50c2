/**
 * Remembers the window's size, position and maximised state in a small JSON file. What is read back
 * is validated (a damaged file gives the default) and fitted onto a display that exists now, so a
 * window last seen on a disconnected monitor opens on the primary one instead of off-screen, and its
 * title bar is always on a display.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeSmallFile } from './small-file.js';

export interface Rectangle { x: number; y: number; width: number; height: number }
export interface WindowState extends Rectangle { maximized: boolean }

const finite = z.number().finite();
const stateSchema = z.object({ x: finite, y: finite, width: finite.min(200).max(20_000), height: finite.min(150).max(20_000), maximized: z.boolean() });

export const DEFAULT_SIZE = { width: 1280, height: 800 };
const MIN_VISIBLE = 100;

/** Centres the default size on the primary display's work area. */
export function defaultWindowState(primary: Rectangle): WindowState {
  const width = Math.min(DEFAULT_SIZE.width, primary.width), height = Math.min(DEFAULT_SIZE.height, primary.height);
  return { x: Math.round(primary.x + (primary.width - width) / 2), y: Math.round(primary.y + (primary.height - height) / 2), width, height, maximized: false };
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return { width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x), height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) };
}

/** The height of the strip a person drags a window by (title bar), which must open on a display. */
const TITLE_BAR = 32;

const clamp = (value: number, low: number, high: number) => Math.min(Math.max(value, low), high);

/** Whether the window's title bar, at its size fitted to `area`, lies on `area` with MIN_VISIBLE px to grasp. */
function titleBarOn(state: Rectangle, area: Rectangle): boolean {
  const bar = { x: state.x, y: state.y, width: Math.min(state.width, area.width), height: TITLE_BAR };
  return overlap(bar, area).width >= MIN_VISIBLE && bar.y >= area.y && bar.y + TITLE_BAR <= area.y + area.height;
}

/**
 * The saved state where it was if its title bar opens on one of `displays` (work areas, primary first);
 * else moved wholly onto the display it overlaps most; else (nothing of it on any display) the default.
 * Any 100 px of the window on a display used to keep it where it was, so a window whose monitor above or
 * beside was removed came back with its title bar off-screen and could not be dragged (review43b F7).
 */
export function fitToDisplays(saved: unknown, displays: readonly Rectangle[]): WindowState {
  const primary = displays[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  const parsed = stateSchema.safeParse(saved);
  if (!parsed.success) return defaultWindowState(primary);
  const state = parsed.data;
  const reachable = displays.find((area) => titleBarOn(state, area));
  if (reachable) {
    const width = Math.min(state.width, reachable.width), height = Math.min(state.height, reachable.height);
    return { x: Math.round(state.x), y: Math.round(state.y), width: Math.round(width), height: Math.round(height), maximized: state.maximized };
  }
  const shown = (area: Rectangle) => { const shared = overlap(state, area); return shared.width >= MIN_VISIBLE && shared.height >= MIN_VISIBLE ? shared.width * shared.height : 0; };
  const display = displays.reduce<Rectangle | null>((best, area) => (shown(area) > (best ? shown(best) : 0) ? area : best), null);
  if (!display) return { ...defaultWindowState(primary), maximized: state.maximized };
  const width = Math.round(Math.min(state.width, display.width)), height = Math.round(Math.min(state.height, display.height));
  const x = Math.round(clamp(state.x, display.x, display.x + display.width - width)), y = Math.round(clamp(state.y, display.y, display.y + display.height - height));
  return { x, y, width, height, maximized: state.maximized };
}

/** Reads the state file (missing or damaged: null). */
export async function readWindowState(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch {
    return null;
  }
}

/** Writes the state through a temporary file and a rename (small-file.ts), so a crash never leaves half a file. */
export function writeWindowState(file: string, state: WindowState): Promise<void> {
  return writeSmallFile(file, JSON.stringify(state));
}
