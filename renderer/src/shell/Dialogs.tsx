import { lazy } from 'react';
import { CommandPalette } from '../commands/CommandPalette.js';
import { KeyboardHelp } from '../commands/KeyboardHelp.js';
import { useAppStore } from '../store/app-store.js';
import { IdentityDialog } from './IdentityDialog.js';
import { JoinCheckDialog } from './JoinCheckDialog.js';
import { JoinDialog } from './JoinDialog.js';
import { LazyPart } from './LazyPart.js';
import { PlanFileQuestionDialog } from '../files/PlanFileQuestionDialog.js';
import { CheckInDialog } from '../detail/CheckInDialog.js';

// Dialogs with heavy code are loaded when first opened: the spreadsheet readers (import), the QR
// code's dialog (share), the trash. The check-in dialog is not one of them (leftovers45a): its form is the
// details' own (on the first screen), so its chunk was 0.9 kB, and while it loaded "C" showed "Loading the check-in
// form…" with the keys still going to the tree (an arrow moved the selection the dialog then opened on, Escape left
// for the details and the dialog took the focus back from there). Opened at once, it takes the focus into its form.
const ImportDialog = lazy(() => import('../files/ImportDialog.js').then((module) => ({ default: module.ImportDialog })));
const ShareDialog = lazy(() => import('./ShareDialog.js').then((module) => ({ default: module.ShareDialog })));
const TrashDialog = lazy(() => import('../detail/TrashDialog.js').then((module) => ({ default: module.TrashDialog })));

/** The open dialog, if any. */
export function Dialogs() {
  const dialog = useAppStore((state) => state.dialog);
  const close = useAppStore((state) => state.openDialog);
  const joinAttempt = useAppStore((state) => state.joinAttempt);
  const planFileQuestion = useAppStore((state) => state.planFileQuestion);
  // A join being checked (or failed) comes first: it answers a link the user just opened.
  if (joinAttempt) return <JoinCheckDialog key={joinAttempt.phase} attempt={joinAttempt} />;
  if (planFileQuestion) return <PlanFileQuestionDialog question={planFileQuestion} />;
  switch (dialog) {
    case 'identity': return <IdentityDialog onClose={() => close(null)} />;
    case 'share': return <LazyPart what="sharing" compact><ShareDialog onClose={() => close(null)} /></LazyPart>;
    case 'join': return <JoinDialog onClose={() => close(null)} />;
    case 'checkin': return <CheckInDialog onClose={() => close(null)} />;
    case 'trash': return <LazyPart what="the trash" compact><TrashDialog onClose={() => close(null)} /></LazyPart>;
    case 'palette': return <CommandPalette onClose={() => close(null)} />;
    case 'keyboard-help': return <KeyboardHelp onClose={() => close(null)} />;
    case 'import': return <LazyPart what="the import" compact><ImportDialog onClose={() => close(null)} /></LazyPart>;
    case null: return null;
  }
}
