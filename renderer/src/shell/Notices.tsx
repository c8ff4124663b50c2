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
    <div ref={shown} className={`notice ${notice.tone}`}>
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

/**
 * The stack of messages at the bottom of the window; it scrolls when taller than the window (shell.css).
 *
 * Each notice is said once: the stack holds two live regions that are always there (a region added with its words
 * already in it is not read by every screen reader), a polite one (status) for what happened and an assertive one
 * (alert) for failures, and a notice is added to one of them. Every notice was a status or an alert of its own inside
 * a stack that was itself a polite region: an error could be read twice, as the alert and as the stack's addition
 * (review43a F5). `aria-atomic="false"`: a new notice is read alone, not with those already shown (both roles read
 * their whole region by default).
 */
export function Notices() {
  const notices = useAppStore((state) => state.notices);
  return (
    <div className="notices">
      <div className="notices-group" role="status" aria-atomic="false">
        {notices.filter((notice) => notice.tone !== 'error').map((notice) => <NoticeItem key={notice.id} notice={notice} />)}
      </div>
      <div className="notices-group" role="alert" aria-atomic="false">
        {notices.filter((notice) => notice.tone === 'error').map((notice) => <NoticeItem key={notice.id} notice={notice} />)}
      </div>
    </div>
  );
}
