import type { StateCreator } from 'zustand/vanilla';
import type { AppState, NoticeSlice } from './app-state.js';

export type { Notice, NoticeSlice } from './app-state.js';

let nextNoticeId = 1;

export const createNoticeSlice: StateCreator<AppState, [], [], NoticeSlice> = (set) => ({
  notices: [],
  notify: (notice) => {
    const id = nextNoticeId++;
    // A persistent notice (typed words kept nowhere else) is never pushed out by passing ones.
    set((state) => {
      const passing = state.notices.filter((shown) => !shown.persistent);
      const dropped = new Set(passing.slice(0, Math.max(0, passing.length - 2)).map((shown) => shown.id));
      return { notices: [...state.notices.filter((shown) => !dropped.has(shown.id)), { ...notice, id }] };
    });
    return id;
  },
  dismissNotice: (id) => set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) })),
});
