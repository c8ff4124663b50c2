import type { StateCreator } from 'zustand/vanilla';
import type { AppState, CanvasSlice } from './app-state.js';

export type { CanvasPrefs, CanvasSlice, CanvasViewport } from './app-state.js';

export const createCanvasSlice: StateCreator<AppState, [], [], CanvasSlice> = (set) => ({
  canvas: { orientation: 'top-down', collapseDepth: 4, expanded: new Set(), collapsed: new Set(), focusId: null, riskMode: 'off', showLinks: false },
  canvasViewport: null,
  presenting: false,
  followingClientId: null,
  setCanvas: (patch) => set((state) => ({ canvas: { ...state.canvas, ...patch } })),
  setCanvasNodeOpen: (id, open) => set((state) => {
    const expanded = new Set(state.canvas.expanded);
    const collapsed = new Set(state.canvas.collapsed);
    if (open) { expanded.add(id); collapsed.delete(id); } else { collapsed.add(id); expanded.delete(id); }
    return { canvas: { ...state.canvas, expanded, collapsed } };
  }),
  setCanvasViewport: (canvasViewport) => set({ canvasViewport }),
  setPresenting: (presenting) => set({ presenting }),
  follow: (followingClientId) => set({ followingClientId }),
});
