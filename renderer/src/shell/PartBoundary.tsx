import { Component, type ReactNode } from 'react';

interface PartBoundaryProps {
  /** The part in the user's words ("the canvas"): its failure is told with it. */
  readonly what: string;
  readonly className: string;
  readonly children: ReactNode;
}

type Failure = { kind: 'load' | 'show'; message: string };

/**
 * Keeps one part's failure to that part: a chunk that cannot be loaded (the app was updated and the
 * old chunk is gone, the network dropped), or a fault while showing it. Without it React unmounts the
 * whole app on any render error: a blank page, the header and the way to other views gone with it.
 * The plan is in the Y.Doc and stored on the device either way; "Try again" shows the part afresh
 * (a remote change may have ended what broke it), "Reload the app" starts over.
 * (An error boundary has to be a class.)
 */
export class PartBoundary extends Component<PartBoundaryProps, { failure: Failure | null; offline: boolean }> {
  override state: { failure: Failure | null; offline: boolean } = { failure: null, offline: !navigator.onLine };
  private readonly onConnectionChange = () => this.setState({ offline: !navigator.onLine });

  override componentDidMount(): void {
    window.addEventListener('online', this.onConnectionChange);
    window.addEventListener('offline', this.onConnectionChange);
  }

  override componentWillUnmount(): void {
    window.removeEventListener('online', this.onConnectionChange);
    window.removeEventListener('offline', this.onConnectionChange);
  }

  static getDerivedStateFromError(error: unknown): { failure: Failure } {
    const message = error instanceof Error ? error.message : String(error);
    return { failure: { kind: isLoadFailure(message) ? 'load' : 'show', message } };
  }

  override render(): ReactNode {
    const { failure, offline } = this.state;
    if (failure === null) return this.props.children;
    const what = `${this.props.what[0]?.toUpperCase() ?? ''}${this.props.what.slice(1)}`;
    // Offline, a part not yet stored on this device (its first use came before the app's files were
    // all stored) cannot load, and a reload could lose the app itself until the connection is back:
    // say that, and offer the reload only once the device is online again.
    const waitingForConnection = failure.kind === 'load' && offline;
    return (
      <div className={this.props.className} role="alert">
        {waitingForConnection
          ? <p>{`${what} is not stored on this device yet, and this device is offline: it can open once the connection is back. The plan is not affected: it is stored on this device.`}</p>
          : failure.kind === 'load'
          ? <p>{`${what} could not be loaded: ${failure.message}`}</p>
          : <p>{`${what} could not be shown: ${failure.message}. The plan is not affected: it is stored on this device.`}</p>}
        {!waitingForConnection && (
          <p>
            {failure.kind === 'show' && <button type="button" className="button" onClick={() => this.setState({ failure: null })}>Try again</button>}
            {' '}<button type="button" className="button" onClick={() => window.location.reload()}>Reload the app</button>
          </p>
        )}
      </div>
    );
  }
}

/** The errors a failed dynamic import raises, in Chromium, Firefox and Safari. */
function isLoadFailure(message: string): boolean {
  return /dynamically imported module|Importing a module script failed|error loading dynamically imported module|Loading chunk/i.test(message);
}
