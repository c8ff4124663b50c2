import { Suspense, type ReactNode } from 'react';
import { PartBoundary } from './PartBoundary.js';

interface LazyPartProps {
  /** What is loading, in the user's words ("the canvas"): said while it loads and if it fails. */
  readonly what: string;
  /** A dialog or a small part shows a compact state; a view shows the page-sized one. */
  readonly compact?: boolean;
  readonly children: ReactNode;
}

/**
 * Where a part that is not on the first screen (the canvas, review, import…) is loaded on first use
 * (React.lazy, a separate chunk): a busy status while its code loads, and a clear alert with a way out
 * if it cannot be loaded or shown (PartBoundary).
 */
export function LazyPart({ what, compact = false, children }: LazyPartProps) {
  const className = compact ? 'lazy-part lazy-part-compact' : 'empty-state lazy-part';
  return (
    <PartBoundary what={what} className={className}>
      <Suspense fallback={<div className={className} role="status" aria-busy="true" aria-live="polite">{compact ? <p>Loading {what}…</p> : <><h2>Loading {what}</h2><p>One moment.</p></>}</div>}>
        {children}
      </Suspense>
    </PartBoundary>
  );
}
