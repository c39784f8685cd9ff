/**
 * Shared bandwidth limit for all connections of one download. A consumer takes the bytes it just
 * received; when the bucket is in debt it is told how long to wait, which pauses its socket read
 * (TCP backpressure) — so N connections together never exceed `bytesPerSecond` for long.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly bytesPerSecond: number,
    private readonly now: () => number = () => performance.now(),
    /** Burst allowance in seconds of rate. */
    burstSeconds = 0.25,
  ) {
    if (!(bytesPerSecond > 0)) throw new RangeError('bandwidth limit must be > 0');
    this.capacity = bytesPerSecond * burstSeconds;
    this.tokens = this.capacity;
    this.last = now();
  }

  private readonly capacity: number;

  /** Consumes `bytes`; returns the milliseconds to wait before reading more (0 = go on). */
  take(bytes: number): number {
    const t = this.now();
    this.tokens = Math.min(
      this.capacity,
      this.tokens + ((t - this.last) / 1000) * this.bytesPerSecond,
    );
    this.last = t;
    this.tokens -= bytes;
    return this.tokens >= 0 ? 0 : (-this.tokens / this.bytesPerSecond) * 1000;
  }
}
