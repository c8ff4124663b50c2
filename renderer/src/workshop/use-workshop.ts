import { useCallback, useEffect, useState } from 'react';
import type { WorkshopStatus } from '../../../shared/bridge/workshop.js';
import { checkedWorkshopStatus, desktopApi } from '../bridge/host.js';

export interface WorkshopControls {
  /** null until the app has answered. */
  status: WorkshopStatus | null;
  busy: boolean;
  problem: string | null;
  start(address: string | undefined): void;
  stop(): void;
}

/** The workshop this app hosts, as the main process reports it (every answer checked with zod). */
export function useWorkshop(): WorkshopControls {
  const [status, setStatus] = useState<WorkshopStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    checkedWorkshopStatus(desktopApi().workshopStatus()).then(
      (answer) => { if (current) setStatus(answer); },
      (error: unknown) => { if (current) setProblem(error instanceof Error ? error.message : String(error)); },
    );
    return () => { current = false; };
  }, []);

  const act = useCallback((action: () => Promise<WorkshopStatus>) => {
    setBusy(true);
    setProblem(null);
    checkedWorkshopStatus(action()).then(setStatus, (error: unknown) => setProblem(error instanceof Error ? error.message : String(error))).finally(() => setBusy(false));
  }, []);

  return {
    status, busy, problem,
    start: (address) => act(() => desktopApi().startWorkshop(address === undefined ? undefined : { address })),
    stop: () => act(() => desktopApi().stopWorkshop()),
  };
}
