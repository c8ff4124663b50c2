import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { createIdentitySlice, type IdentitySlice } from './identity-slice.js';
import { createLibrarySlice, type LibrarySlice } from './library-slice.js';
import { createNoticeSlice, type NoticeSlice } from './notice-slice.js';
import { createPlanSlice, type PlanSlice } from './plan-slice.js';
import { createSyncSlice, type SyncSlice } from './sync-slice.js';
import { createUiSlice, type UiSlice } from './ui-slice.js';

/**
 * The app's one store, built from typed slices. It holds only what is derived from the plan doc
 * (the open plan's index and a version counter) and UI state; the Y.Doc stays the truth.
 */
export type AppState = LibrarySlice & PlanSlice & UiSlice & SyncSlice & IdentitySlice & NoticeSlice;

/** Creates a store (the app has one; tests make their own). */
export function createAppStore() {
  return createStore<AppState>()((...args) => ({
    ...createLibrarySlice(...args),
    ...createPlanSlice(...args),
    ...createUiSlice(...args),
    ...createSyncSlice(...args),
    ...createIdentitySlice(...args),
    ...createNoticeSlice(...args),
  }));
}

export const appStore = createAppStore();

/** Reads a slice of the app store in a component (re-renders when the selected value changes). */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}
