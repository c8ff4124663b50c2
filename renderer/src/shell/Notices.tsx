import { useEffect } from 'react';
import { useAppStore } from '../store/app-store.js';
import type { Notice } from '../store/notice-slice.js';
import { Sentence } from '../text/Isolated.js';

const noticeLifetimeMs = 8000;

function NoticeItem({ notice }: { notice: Notice }) {
  const dismiss = useAppStore((state) => state.dismissNotice);
  useEffect(() => {
    if (notice.persistent) return undefined;
    const timer = window.setTimeout(() => dismiss(notice.id), noticeLifetimeMs);
    return () => window.clearTimeout(timer);
  }, [dismiss, notice.id, notice.persistent]);
  return (
    <div className={`notice ${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
      <span><Sentence text={notice.text} /></span>
      <span className="spacer" />
      {notice.action && (
        <button type="button" className="button small" onClick={() => { notice.action?.run(); dismiss(notice.id); }}>{notice.action.label}</button>
      )}
      <button type="button" className="button small ghost" aria-label="Dismiss" onClick={() => dismiss(notice.id)}>✕</button>
    </div>
  );
}

/** The stack of short messages at the bottom of the window. */
export function Notices() {
  const notices = useAppStore((state) => state.notices);
  return (
    <div className="notices" aria-live="polite">
      {notices.map((notice) => <NoticeItem key={notice.id} notice={notice} />)}
    </div>
  );
}
