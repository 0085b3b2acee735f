/**
 * The one rate limiter of the desk's public doors (website chat intake, POST /query): a token
 * bucket per key. Each key holds up to `capacity` tokens (the burst) and gains one back every
 * `refillEveryMs`; an event takes one. Pure: the caller passes the clock.
 *
 * Memory stays bounded: a bucket that has refilled completely is the same as no bucket, so
 * `sweep()` drops those, and past `maxKeys` the least recently used keys are dropped (a key that
 * is dropped starts full again, which only ever favours the client — never a hard failure).
 */

export interface RateSpec {
  /** Tokens a new (or fully rested) key starts with: how many events may come at once. */
  capacity: number;
  /** One token comes back this often (ms). */
  refillEveryMs: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

const DEFAULT_MAX_KEYS = 100_000;

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly spec: RateSpec,
    private readonly now: () => number,
    private readonly maxKeys = DEFAULT_MAX_KEYS,
  ) {
    if (!(spec.capacity >= 1) || !(spec.refillEveryMs > 0)) {
      throw new Error('a rate needs a capacity of at least 1 and a positive refill interval');
    }
  }

  /** Takes one token: 0 when allowed, else how many ms until one is there (nothing is taken). */
  take(key: string): number {
    const wait = this.peek(key);
    if (wait > 0) return wait;
    const bucket = this.current(key);
    bucket.tokens -= 1;
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    this.trim();
    return 0;
  }

  /** Like take, but takes nothing: 0 when a token is there, else the ms until one is. */
  peek(key: string): number {
    const bucket = this.current(key);
    if (bucket.tokens >= 1) return 0;
    return Math.max(1, Math.ceil((1 - bucket.tokens) * this.spec.refillEveryMs));
  }

  /** Drops keys whose bucket is full again (they behave exactly like unknown keys). */
  sweep(): void {
    for (const key of [...this.buckets.keys()]) {
      if (this.current(key).tokens >= this.spec.capacity) this.buckets.delete(key);
    }
  }

  get size(): number {
    return this.buckets.size;
  }

  private current(key: string): Bucket {
    const now = this.now();
    const bucket = this.buckets.get(key);
    if (!bucket) {
      const fresh = { tokens: this.spec.capacity, at: now };
      this.buckets.set(key, fresh);
      return fresh;
    }
    const gained = Math.max(0, now - bucket.at) / this.spec.refillEveryMs;
    bucket.tokens = Math.min(this.spec.capacity, bucket.tokens + gained);
    bucket.at = now;
    return bucket;
  }

  private trim(): void {
    while (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest === undefined) return;
      this.buckets.delete(oldest);
    }
  }
}

/** `n` events per `perMs` with a burst of `n`: the usual way a limit is configured. */
export function perPeriod(n: number, perMs: number): RateSpec {
  return { capacity: n, refillEveryMs: perMs / n };
}
