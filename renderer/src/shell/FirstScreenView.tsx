import { memo } from 'react';
import type { FirstScreen } from '../../../shared/model/first-screen.js';
import { FirstScreenOutline } from '../outline/FirstScreenOutline.js';
import { FirstScreenPulse } from '../pulse/FirstScreenPulse.js';
import { useAppStore } from '../store/app-store.js';

/**
 * What an opening plan shows before its document is loaded: the stored first screen of the outline
 * or the pulse, and for other views the loading status under the plan's stored name.
 */
export function FirstScreenView({ firstScreen, detail }: { firstScreen: FirstScreen; detail: string }) {
  const view = useAppStore((state) => state.view);
  // The outline and the pulse do not show the loading detail: a new detail must not re-render them.
  if (view === 'outline') return <StoredOutline firstScreen={firstScreen} />;
  if (view === 'pulse') return <StoredPulse firstScreen={firstScreen} />;
  return <div className="empty-state" role="status" aria-busy="true"><h2>Opening {firstScreen.name || 'plan'}</h2><p>{detail}</p></div>;
}

const StoredOutline = memo(FirstScreenOutline);
const StoredPulse = memo(FirstScreenPulse);
