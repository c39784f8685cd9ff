import type { Clock } from '../../common/clock';

/** A fixed-window hit counter shared by the rate limiter and the login lockout. */
export interface HitCounter {
  /** Counts one hit in the window that `key` is in; returns hits so far and ms until the window ends. */
  hit(key: string, windowMs: number): Promise<{ hits: number; resetInMs: number }>;
  /** Blocks `key` for `ms`. */
  block(key: string, ms: number): Promise<void>;
  /** ms the key stays blocked (0 when not blocked). */
  blockedFor(key: string): Promise<number>;
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}

/** In-process counter (one instance). Driven by the injectable clock, so fake time works. */
export class MemoryHitCounter implements HitCounter {
  private readonly windows = new Map<string, { hits: number; endsAt: number }>();
  private readonly blocks = new Map<string, number>();
  private lastSweep = 0;

  constructor(private readonly clock: Clock) {}

  async hit(key: string, windowMs: number): Promise<{ hits: number; resetInMs: number }> {
    const now = this.clock.now();
    this.sweep(now);
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      window = { hits: 0, endsAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.hits += 1;
    return { hits: window.hits, resetInMs: window.endsAt - now };
  }

  async block(key: string, ms: number): Promise<void> {
    this.blocks.set(key, this.clock.now() + ms);
  }

  async blockedFor(key: string): Promise<number> {
    const until = this.blocks.get(key);
    return until === undefined ? 0 : Math.max(0, until - this.clock.now());
  }

  async reset(key: string): Promise<void> {
    this.windows.delete(key);
    this.blocks.delete(key);
  }

  async close(): Promise<void> {
    this.windows.clear();
    this.blocks.clear();
  }

  /** Drops finished windows now and then, so the maps do not grow with every IP ever seen. */
  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
    for (const [key, until] of this.blocks) if (until <= now) this.blocks.delete(key);
  }
}
