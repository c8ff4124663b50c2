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

/** How often the status is asked again while hosting: one local IPC call, cheap. */
const STATUS_EVERY_MS = 3_000;

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

  // While hosting, the status is asked again every few seconds: the computer's address can go away under the
  // workshop (the laptop changes Wi-Fi), and main says so in the status with the address to move to (review43b F9).
  const hosting = status?.state === 'hosting';
  useEffect(() => {
    if (!hosting) return undefined;
    let current = true;
    const timer = window.setInterval(() => {
      checkedWorkshopStatus(desktopApi().workshopStatus()).then((answer) => { if (current) setStatus(answer); }, () => undefined);
    }, STATUS_EVERY_MS);
    return () => { current = false; window.clearInterval(timer); };
  }, [hosting]);

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
