import { useAppStore } from '../store/app-store.js';
import { Avatar } from './Avatar.js';

/** Everyone else in the plan right now. */
export function PresenceAvatars() {
  const peers = useAppStore((state) => state.peers);
  if (peers.length === 0) return null;
  const names = peers.map((peer) => peer.user.name).join(', ');
  return (
    <div className="presence" role="group" aria-label={`In this plan now: ${names}`}>
      {peers.slice(0, 6).map((peer) => <Avatar key={peer.clientId} name={peer.user.name} colour={peer.user.colour} label={`${peer.user.name} is here`} />)}
      {peers.length > 6 && <span className="avatar" style={{ background: '#5b6477' }}>+{peers.length - 6}</span>}
    </div>
  );
}
