import { CommandPalette } from '../commands/CommandPalette.js';
import { KeyboardHelp } from '../commands/KeyboardHelp.js';
import { CheckInDialog } from '../detail/CheckInDialog.js';
import { TrashDialog } from '../detail/TrashDialog.js';
import { ImportDialog } from '../files/ImportDialog.js';
import { useAppStore } from '../store/app-store.js';
import { IdentityDialog } from './IdentityDialog.js';
import { JoinCheckDialog } from './JoinCheckDialog.js';
import { JoinDialog } from './JoinDialog.js';
import { ShareDialog } from './ShareDialog.js';

/** The open dialog, if any. */
export function Dialogs() {
  const dialog = useAppStore((state) => state.dialog);
  const close = useAppStore((state) => state.openDialog);
  const joinAttempt = useAppStore((state) => state.joinAttempt);
  // A join being checked (or failed) comes first: it answers a link the user just opened.
  if (joinAttempt) return <JoinCheckDialog key={joinAttempt.phase} attempt={joinAttempt} />;
  switch (dialog) {
    case 'identity': return <IdentityDialog onClose={() => close(null)} />;
    case 'share': return <ShareDialog onClose={() => close(null)} />;
    case 'join': return <JoinDialog onClose={() => close(null)} />;
    case 'checkin': return <CheckInDialog onClose={() => close(null)} />;
    case 'trash': return <TrashDialog onClose={() => close(null)} />;
    case 'palette': return <CommandPalette onClose={() => close(null)} />;
    case 'keyboard-help': return <KeyboardHelp onClose={() => close(null)} />;
    case 'import': return <ImportDialog onClose={() => close(null)} />;
    case null: return null;
  }
}
