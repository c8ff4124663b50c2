/**
 * Turns for loading a plan's whole document into memory for a moment, in a room that keeps none
 * (Redis + PostgreSQL mode): only to decide what the room's records cannot, a viewer's upload carrying
 * a delete no stored update carries (StatelessContent.viewerUploadChanges). A viewer must not be able
 * to make an instance do unbounded work, so one instance loads one such document at a time, and after
 * each load the next waits `restRatio` times as long as that one took: these loads take at most
 * 1 / (1 + restRatio) of one core, and memory holds one loaded plan at most.
 */
export class TransientDocumentTurns {
  private queue: Promise<void> = Promise.resolve();
  private turnsCompleted = 0;

  constructor(private readonly restRatio = 3) {}

  /** Turns finished so far (RoomRegistry.inspect). */
  get completed(): number {
    return this.turnsCompleted;
  }

  /** Runs `work` in the next turn; resolves or rejects with it, without waiting for the rest after it. */
  run<T>(work: () => Promise<T>): Promise<T> {
    const turn = this.queue.then(async () => {
      const started = performance.now();
      try {
        return { ok: true as const, value: await work(), took: performance.now() - started };
      } catch (error) {
        return { ok: false as const, error, took: performance.now() - started };
      } finally {
        this.turnsCompleted++;
      }
    });
    this.queue = turn.then(({ took }) => rest(took * this.restRatio));
    return turn.then((outcome) => (outcome.ok ? outcome.value : Promise.reject(outcome.error)));
  }
}

function rest(ms: number): Promise<void> {
  return ms < 1 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms).unref());
}
