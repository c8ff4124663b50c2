import type { StateCreator } from 'zustand/vanilla';
import type { AppState, NoticeSlice } from './app-state.js';

export type { Notice, NoticeSlice } from './app-state.js';

let nextNoticeId = 1;

export const createNoticeSlice: StateCreator<AppState, [], [], NoticeSlice> = (set) => ({
  notices: [],
  notify: (notice) => {
    const id = nextNoticeId++;
    set((state) => ({ notices: [...state.notices.slice(-2), { ...notice, id }] }));
    return id;
  },
  dismissNotice: (id) => set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) })),
});
