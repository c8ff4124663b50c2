import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { AppState } from './app-state.js';
import { createCanvasSlice } from './canvas-slice.js';
import { createIdentitySlice } from './identity-slice.js';
import { createLibrarySlice } from './library-slice.js';
import { createNoticeSlice } from './notice-slice.js';
import { createPlanSlice } from './plan-slice.js';
import { createSyncSlice } from './sync-slice.js';
import { createUiSlice } from './ui-slice.js';

export type { AppState } from './app-state.js';

/**
 * Creates the app's one store, built from typed slices (the app has one; tests make their own). It
 * holds only what is derived from the plan doc (the open plan's index and a version counter) and UI
 * state; the Y.Doc stays the truth. Its shape, `AppState`, is declared in the leaf `app-state.ts`.
 */
export function createAppStore() {
  return createStore<AppState>()((...args) => ({
    ...createLibrarySlice(...args),
    ...createPlanSlice(...args),
    ...createUiSlice(...args),
    ...createSyncSlice(...args),
    ...createIdentitySlice(...args),
    ...createNoticeSlice(...args),
    ...createCanvasSlice(...args),
  }));
}

export const appStore = createAppStore();

/** Reads a slice of the app store in a component (re-renders when the selected value changes). */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}
