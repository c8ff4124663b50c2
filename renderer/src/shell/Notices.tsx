import { useEffect, useRef } from 'react';
import { useAppStore } from '../store/app-store.js';
import type { Notice } from '../store/notice-slice.js';
import { Sentence } from '../text/Isolated.js';

const noticeLifetimeMs = 8000;

function NoticeItem({ notice }: { notice: Notice }) {
  const dismiss = useAppStore((state) => state.dismissNotice);
  const shown = useRef<HTMLDivElement>(null);
  // A notice that stays until dismissed (words kept for someone, a failure to act on) is brought into
  // view: the stack scrolls when it is taller than the window (a kept description of a page or two),
  // and its start says what happened. Passing notices do not take the scroll from it.
  useEffect(() => { if (notice.persistent) shown.current?.scrollIntoView({ block: 'start' }); }, [notice.persistent]);
  useEffect(() => {
    if (notice.persistent) return undefined;
    const timer = window.setTimeout(() => dismiss(notice.id), noticeLifetimeMs);
    return () => window.clearTimeout(timer);
  }, [dismiss, notice.id, notice.persistent]);
  return (
    <div ref={shown} className={`notice ${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
      <span><Sentence text={notice.text} /></span>
      <span className="spacer" />
      {notice.action && (
        <button type="button" className="button small" onClick={() => { notice.action?.run(); dismiss(notice.id); }}>{notice.action.label}</button>
      )}
      {notice.otherAction && (
        <button type="button" className="button small" onClick={() => { notice.otherAction?.run(); dismiss(notice.id); }}>{notice.otherAction.label}</button>
      )}
      <button type="button" className="button small ghost" aria-label="Dismiss" onClick={() => dismiss(notice.id)}>✕</button>
    </div>
  );
}

/** The stack of messages at the bottom of the window; it scrolls when taller than the window (shell.css). */
export function Notices() {
  const notices = useAppStore((state) => state.notices);
  return (
    <div className="notices" aria-live="polite">
      {notices.map((notice) => <NoticeItem key={notice.id} notice={notice} />)}
    </div>
  );
}
