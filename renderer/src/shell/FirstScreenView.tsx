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
  if (view === 'outline') return <FirstScreenOutline firstScreen={firstScreen} />;
  if (view === 'pulse') return <FirstScreenPulse firstScreen={firstScreen} />;
  return <div className="empty-state" role="status" aria-busy="true"><h2>Opening {firstScreen.name || 'plan'}</h2><p>{detail}</p></div>;
}
