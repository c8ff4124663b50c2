import { useControllers } from '../session/controller-context.js';
import { hostScreenHash } from './hosting-keys.js';

/** On the library page: the workspaces this device hosts, each with a way to its host screen. */
export function HostedWorkspaces() {
  const { app } = useControllers();
  const hosted = app.hosting.list();
  if (hosted.length === 0) return null;
  return (
    <nav className="card hosted-workspaces" aria-label="Workspaces you host">
      {hosted.map((entry) => (
        <p key={entry.workspace}>
          You host workspace “{entry.workspace}” on {entry.serverUrl}.{' '}
          <a href={hostScreenHash(entry.workspace)}>Manage who is connected and invite people</a>
        </p>
      ))}
    </nav>
  );
}
