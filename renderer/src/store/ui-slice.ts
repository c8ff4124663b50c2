import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './app-store.js';

/** The views of an open plan, and the library of plans. */
export const planViews = ['outline', 'pulse', 'mywork', 'people'] as const;
export type PlanView = (typeof planViews)[number];

export const viewLabels: Readonly<Record<PlanView, string>> = {
  outline: 'Outline',
  pulse: 'Execution pulse',
  mywork: 'My work',
  people: 'People & teams',
};

/** Outline filters; an empty string means "any". */
export interface OutlineFilters {
  owner: string;
  team: string;
  period: string;
  health: '' | 'on_track' | 'at_risk' | 'off_track';
  text: string;
}

export const noFilters: OutlineFilters = { owner: '', team: '', period: '', health: '', text: '' };

export interface UiSlice {
  view: PlanView;
  selectedId: string | null;
  /** The node whose title is being renamed inline. */
  editingId: string | null;
  /** Nodes collapsed in the outline. */
  collapsed: ReadonlySet<string>;
  filters: OutlineFilters;
  /** Which dialog is open, if any. */
  dialog: 'identity' | 'share' | 'join' | 'checkin' | 'trash' | null;
  setView(view: PlanView): void;
  select(id: string | null): void;
  startEditing(id: string | null): void;
  toggleCollapsed(id: string, collapsed?: boolean): void;
  expandAll(): void;
  setFilters(filters: Partial<OutlineFilters>): void;
  openDialog(dialog: UiSlice['dialog']): void;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  view: 'outline',
  selectedId: null,
  editingId: null,
  collapsed: new Set(),
  filters: noFilters,
  dialog: null,
  setView: (view) => set({ view }),
  select: (selectedId) => set((state) => (state.selectedId === selectedId ? state : { selectedId })),
  startEditing: (editingId) => set({ editingId }),
  toggleCollapsed: (id, collapsed) => set((state) => {
    const next = new Set(state.collapsed);
    const shouldCollapse = collapsed ?? !next.has(id);
    if (shouldCollapse) next.add(id);
    else next.delete(id);
    return { collapsed: next };
  }),
  expandAll: () => set({ collapsed: new Set() }),
  setFilters: (filters) => set((state) => ({ filters: { ...state.filters, ...filters } })),
  openDialog: (dialog) => set({ dialog }),
});
