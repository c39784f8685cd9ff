import type { Clock } from '../../common/clock';

/**
 * Lets a call through at most once per interval; a call in between is remembered so the latest
 * value is not lost when the caller flushes at the end.
 */
export class Throttle<T> {
  private last = Number.NEGATIVE_INFINITY;
  private pending: T | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly clock: Clock,
    private readonly sink: (value: T) => void,
  ) {}

  push(value: T): void {
    const now = this.clock.now();
    if (now - this.last >= this.intervalMs) {
      this.last = now;
      this.pending = undefined;
      this.sink(value);
    } else {
      this.pending = value;
    }
  }

  /** Delivers the value held back, if any. */
  flush(): void {
    if (this.pending === undefined) return;
    const value = this.pending;
    this.pending = undefined;
    this.last = this.clock.now();
    this.sink(value);
  }
}

/**
 * Runs the action once after calls stop coming for `delayMs`, but at least every `maxWaitMs`
 * while they keep coming, so a busy queue still reports its status.
 */
export class Debouncer {
  private timer: NodeJS.Timeout | null = null;
  private firstCallAt: number | null = null;

  constructor(
    private readonly delayMs: number,
    private readonly maxWaitMs: number,
    private readonly clock: Clock,
    private readonly action: () => void,
  ) {}

  call(): void {
    const now = this.clock.now();
    this.firstCallAt ??= now;
    if (this.timer) clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.delayMs, this.firstCallAt + this.maxWaitMs - now));
    this.timer = setTimeout(() => this.fire(), wait);
    this.timer.unref();
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.firstCallAt = null;
  }

  private fire(): void {
    this.timer = null;
    this.firstCallAt = null;
    this.action();
  }
}
