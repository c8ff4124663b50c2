import type { StateCreator } from 'zustand/vanilla';
import type { AppState, OutlineFilters, PlanView, UiSlice } from './app-state.js';

export { planViews, type OutlineFilters, type PlanView, type UiSlice } from './app-state.js';

export const viewLabels: Readonly<Record<PlanView, string>> = {
  outline: 'Outline',
  canvas: 'Cascade',
  pulse: 'Execution pulse',
  review: 'Review',
  mywork: 'My work',
  people: 'People & teams',
};

export const noFilters: OutlineFilters = { owner: '', team: '', period: '', health: '', text: '' };

/** The filters a person sets (not `added`, what they added under them). */
const filterKeys = ['owner', 'team', 'period', 'health', 'text'] as const;

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  view: 'outline',
  selectedId: null,
  editingId: null,
  titleDraft: null,
  collapsed: new Set(),
  filters: noFilters,
  dialog: null,
  checkInDrafts: new Map(),
  hostScreen: null,
  workshopScreen: false,
  importFile: null,
  planFileQuestion: null,
  setView: (view) => set({ view }),
  select: (selectedId) => set((state) => (state.selectedId === selectedId ? state : { selectedId })),
  // A draft belongs to one edit: starting another (or stopping) drops it.
  startEditing: (editingId) => set((state) => ({ editingId, titleDraft: state.titleDraft?.id === editingId ? state.titleDraft : null })),
  setTitleDraft: (titleDraft) => set({ titleDraft }),
  toggleCollapsed: (id, collapsed) => set((state) => {
    const next = new Set(state.collapsed);
    const shouldCollapse = collapsed ?? !next.has(id);
    if (shouldCollapse) next.add(id);
    else next.delete(id);
    return { collapsed: next };
  }),
  expandAll: () => set({ collapsed: new Set() }),
  setFilters: (filters) => set((state) => {
    const { added, ...rest } = { ...state.filters, ...filters };
    // A filter changed: the items added under the one before are judged by it like any other.
    const changed = filterKeys.some((key) => rest[key] !== state.filters[key]);
    return { filters: added && !changed ? { ...rest, added } : rest };
  }),
  showAdded: (id) => set((state) => {
    // As hasFilters (outline-filter.ts) reads them: no filter, nothing is hidden.
    const filtering = filterKeys.some((key) => state.filters[key].trim() !== '');
    if (!filtering || state.filters.added?.has(id)) return state;
    return { filters: { ...state.filters, added: new Set([...(state.filters.added ?? []), id]) } };
  }),
  openDialog: (dialog) => set({ dialog }),
  setCheckInDraft: (id, draft) => set((state) => {
    if (draft === null && !state.checkInDrafts.has(id)) return state;
    const next = new Map(state.checkInDrafts);
    if (draft === null) next.delete(id);
    else next.set(id, draft);
    return { checkInDrafts: next };
  }),
  showHostScreen: (hostScreen) => set((state) => (state.hostScreen === hostScreen ? state : { hostScreen })),
  offerImport: (importFile) => set({ importFile }),
  askAboutPlanFile: (planFileQuestion) => set({ planFileQuestion }),
  showWorkshopScreen: (workshopScreen) => set((state) => (state.workshopScreen === workshopScreen ? state : { workshopScreen })),
});
