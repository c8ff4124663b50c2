/**
 * Remembers the window's size, position and maximised state in a small JSON file. What is read back
 * is validated (a damaged file gives the default) and fitted onto a display that exists now, so a
 * window last seen on a disconnected monitor opens on the primary one instead of off-screen.
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

/** The saved state if enough of it is on one of `displays` (work areas, primary first), else the default. */
export function fitToDisplays(saved: unknown, displays: readonly Rectangle[]): WindowState {
  const primary = displays[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  const parsed = stateSchema.safeParse(saved);
  if (!parsed.success) return defaultWindowState(primary);
  const state = parsed.data;
  const display = displays.find((area) => { const shared = overlap(state, area); return shared.width >= MIN_VISIBLE && shared.height >= MIN_VISIBLE; });
  if (!display) return { ...defaultWindowState(primary), maximized: state.maximized };
  const width = Math.min(state.width, display.width), height = Math.min(state.height, display.height);
  return { x: Math.round(state.x), y: Math.round(state.y), width: Math.round(width), height: Math.round(height), maximized: state.maximized };
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
