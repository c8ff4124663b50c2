import { upgradeRefusalStatus } from '../shared/sync/protocol.js';
import type { TokenPayload } from '../shared/sync/token.js';
import { TokenBucket } from './rate-limit.js';

/**
 * The key per-token limits are kept under. A token is its signed payload (the same payload signs to
 * the same token), so the payload identifies it without keeping the token itself around.
 */
export function tokenKeyOf(token: TokenPayload): string {
  return `${token.ws}/${token.role}/${token.iat}/${token.exp}/${token.jti ?? ''}`;
}

/** Join rates: each key gets its own bucket; the global bucket is only the last guard. */
export interface JoinLimits {
  /** Joins per second per token (a token is one join link: one person, or one workshop). */
  readonly joinsPerSecondPerToken: number;
  readonly joinBurstPerToken: number;
  /** Upgrade attempts per second per client address, counted before the token is checked. */
  readonly joinsPerSecondPerIp: number;
  readonly joinBurstPerIp: number;
  /** Joins per second across the server: smooths a reconnect storm after a restart. */
  readonly joinsPerSecond: number;
  readonly joinBurst: number;
}

/** An upgrade refused by a join limit: the HTTP status, a reason, and which limit. */
export interface JoinRefusal {
  readonly status: number;
  readonly reason: string;
  readonly limit: 'address' | 'token' | 'server';
  readonly retryAfterSeconds: number;
}

/**
 * Buckets per key, created on first use. A full bucket is the same as a new one, so idle keys are
 * dropped by `sweep` and memory stays proportional to the keys active in the last few seconds.
 */
class KeyedBuckets {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly ratePerSecond: number, private readonly burst: number, private readonly now: () => number) {}

  take(key: string): boolean {
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = new TokenBucket(this.ratePerSecond, this.burst, this.now);
      this.buckets.set(key, bucket);
    }
    return bucket.take();
  }

  get size(): number {
    return this.buckets.size;
  }

  sweep(): void {
    for (const [key, bucket] of this.buckets) if (bucket.isFull()) this.buckets.delete(key);
  }
}

/**
 * Decides whether a join may proceed, fairly: one address or one token flooding joins exhausts its
 * own bucket and is refused, while everyone else's joins go through; the server-wide bucket only
 * caps the total. An attempt refused by one limit does not use up the others.
 */
export class JoinAdmission {
  private readonly perAddress: KeyedBuckets;
  private readonly perToken: KeyedBuckets;
  private readonly server: TokenBucket;
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly limits: JoinLimits, now: () => number = () => performance.now()) {
    this.perAddress = new KeyedBuckets(limits.joinsPerSecondPerIp, limits.joinBurstPerIp, now);
    this.perToken = new KeyedBuckets(limits.joinsPerSecondPerToken, limits.joinBurstPerToken, now);
    this.server = new TokenBucket(limits.joinsPerSecond, limits.joinBurst, now);
    this.sweeper = setInterval(() => this.sweep(), 10_000);
    this.sweeper.unref();
  }

  /** First check, before the token is read: attempts per address (refused ones included). */
  admitAddress(address: string): JoinRefusal | null {
    if (this.perAddress.take(address)) return null;
    return refusal('address', `too many joins from this address (at most ${this.limits.joinsPerSecondPerIp} per second); retry shortly`, this.limits.joinsPerSecondPerIp);
  }

  /** After the token is verified: joins per token, then the server-wide cap. */
  admitToken(tokenKey: string): JoinRefusal | null {
    if (!this.perToken.take(tokenKey)) {
      return refusal('token', `too many joins with this token (at most ${this.limits.joinsPerSecondPerToken} per second); retry shortly`, this.limits.joinsPerSecondPerToken);
    }
    if (!this.server.take()) return refusal('server', 'too many joins right now; retry shortly', this.limits.joinsPerSecond);
    return null;
  }

  /** Only the server-wide cap (a request that joins no room, already counted per address). */
  admitServerWide(): boolean {
    return this.server.take();
  }

  /** Keys with a bucket now (for tests: memory follows active keys only). */
  get trackedKeys(): number {
    return this.perAddress.size + this.perToken.size;
  }

  sweep(): void {
    this.perAddress.sweep();
    this.perToken.sweep();
  }

  dispose(): void {
    clearInterval(this.sweeper);
  }
}

function refusal(limit: JoinRefusal['limit'], reason: string, ratePerSecond: number): JoinRefusal {
  // One token's worth of time, rounded up to whole seconds (what Retry-After can say).
  return { status: upgradeRefusalStatus.unavailable, reason, limit, retryAfterSeconds: Math.max(1, Math.ceil(1 / ratePerSecond)) };
}
