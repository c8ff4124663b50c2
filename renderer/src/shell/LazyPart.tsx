import { Component, Suspense, type ReactNode } from 'react';

interface LazyPartProps {
  /** What is loading, in the user's words ("the canvas"): said while it loads and if it fails. */
  readonly what: string;
  /** A dialog or a small part shows a compact state; a view shows the page-sized one. */
  readonly compact?: boolean;
  readonly children: ReactNode;
}

/**
 * Where a part that is not on the first screen (the canvas, review, import…) is loaded on first use
 * (React.lazy, a separate chunk): a busy status while its code loads, and a clear alert with a retry
 * if it cannot be loaded (e.g. the app was updated and the old chunk is gone).
 */
export function LazyPart({ what, compact = false, children }: LazyPartProps) {
  const className = compact ? 'lazy-part lazy-part-compact' : 'empty-state lazy-part';
  return (
    <LoadFailure what={what} className={className}>
      <Suspense fallback={<div className={className} role="status" aria-busy="true" aria-live="polite">{compact ? <p>Loading {what}…</p> : <><h2>Loading {what}</h2><p>One moment.</p></>}</div>}>
        {children}
      </Suspense>
    </LoadFailure>
  );
}

interface LoadFailureProps {
  readonly what: string;
  readonly className: string;
  readonly children: ReactNode;
}

/** Catches a chunk that failed to load (an error boundary has to be a class). */
class LoadFailure extends Component<LoadFailureProps, { failure: string | null }> {
  override state: { failure: string | null } = { failure: null };

  static getDerivedStateFromError(error: unknown): { failure: string } {
    return { failure: error instanceof Error ? error.message : String(error) };
  }

  override render(): ReactNode {
    if (this.state.failure === null) return this.props.children;
    return (
      <div className={this.props.className} role="alert">
        <p>{`${this.props.what[0]?.toUpperCase() ?? ''}${this.props.what.slice(1)} could not be loaded: ${this.state.failure}`}</p>
        <p><button type="button" className="button" onClick={() => window.location.reload()}>Reload the app</button></p>
      </div>
    );
  }
}
