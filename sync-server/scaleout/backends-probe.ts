import type { BackendState, BackendsHealth } from '../../shared/sync/health.js';

/** What GET /health asks of the scaled-out mode's Redis and PostgreSQL. */
export interface BackendsProbe {
  /** Never rejects: a backend that fails or does not answer in time is `unreachable`. */
  check(): Promise<BackendsHealth>;
}

/** The Redis link as the probe sees it: its client's state, and a command. */
export interface ProbedRedis {
  readonly status: string;
  command(name: string): Promise<unknown>;
}

/** The PostgreSQL pool as the probe sees it: one trivial query. */
export interface ProbedPostgres {
  ping(): Promise<void>;
}

/**
 * Whether Redis and PostgreSQL answer, for monitors and load balancers (review42b N1: with Redis
 * stopped, /health said ok while every join was closed 1011). One probe at most every `everyMs`
 * however often /health is asked (the requests in between get the last result): a PING and a
 * `SELECT 1`, each given `timeoutMs`. A Redis client that is not connected is unreachable without a
 * round trip (ioredis notices a stopped Redis at once: its connection closes). A probe still waiting
 * from last time is not sent again (a Redis or PostgreSQL that stopped answering would pile them up).
 */
export class CachedBackendsProbe implements BackendsProbe {
  private last: { readonly at: number; readonly state: BackendsHealth } | null = null;
  private running: Promise<BackendsHealth> | null = null;
  private readonly redisAsked = new PendingProbe();
  private readonly postgresAsked = new PendingProbe();

  constructor(
    private readonly redis: ProbedRedis,
    private readonly postgres: ProbedPostgres,
    private readonly everyMs = 2_000,
    private readonly timeoutMs = 2_000,
  ) {}

  check(): Promise<BackendsHealth> {
    if (this.last !== null && performance.now() - this.last.at < this.everyMs) return Promise.resolve(this.last.state);
    return (this.running ??= this.probe().finally(() => { this.running = null; }));
  }

  private async probe(): Promise<BackendsHealth> {
    const redisAnswer = this.redis.status === 'ready' ? this.redisAsked.ask(() => this.redis.command('PING'), this.timeoutMs) : Promise.resolve(false);
    const [redis, postgres] = await Promise.all([redisAnswer, this.postgresAsked.ask(() => this.postgres.ping(), this.timeoutMs)]);
    const state: BackendsHealth = { redis: stateOf(redis), postgres: stateOf(postgres) };
    this.last = { at: performance.now(), state };
    return state;
  }
}

function stateOf(answered: boolean): BackendState {
  return answered ? 'ok' : 'unreachable';
}

/** One request to a backend at a time: whether it answered within the limit. */
class PendingProbe {
  private pending = false;

  async ask(request: () => Promise<unknown>, timeoutMs: number): Promise<boolean> {
    if (this.pending) return false;
    this.pending = true;
    const answered = request().then(() => true, () => false).finally(() => { this.pending = false; });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), timeoutMs); });
    try {
      return await Promise.race([answered, late]);
    } finally {
      clearTimeout(timer);
    }
  }
}
