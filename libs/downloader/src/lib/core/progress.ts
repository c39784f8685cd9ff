import type { ProgressEvent } from './types';

export interface ProgressTrackerOptions {
  onProgress?: (e: ProgressEvent) => void;
  /** Minimum milliseconds between events (4 per second by default). */
  intervalMs?: number;
  /** Time constant of the speed average in milliseconds. */
  smoothingMs?: number;
  now?: () => number;
}

/**
 * Counts bytes, smooths the speed with an exponential moving average over fixed sample windows
 * and throttles events. Cheap per call (no timers): it is called for every received chunk.
 */
export class ProgressTracker {
  private done = 0;
  private total: number | null = null;
  private estimate = false;
  private speed = 0;
  private hasSpeed = false;
  private sampleStart: number;
  private sampleBytes = 0;
  private lastEmit = -Infinity;
  private segmentsDone?: number;
  private segmentsTotal?: number;
  private readonly now: () => number;
  private readonly interval: number;
  private readonly smoothing: number;

  constructor(private readonly opts: ProgressTrackerOptions = {}) {
    this.now = opts.now ?? (() => performance.now());
    this.interval = opts.intervalMs ?? 250;
    this.smoothing = opts.smoothingMs ?? 3000;
    this.sampleStart = this.now();
  }

  get bytesDone(): number {
    return this.done;
  }

  setTotal(total: number | null, isEstimate = false): void {
    this.total = total;
    this.estimate = isEstimate;
  }

  setSegments(done: number, total: number): void {
    this.segmentsDone = done;
    this.segmentsTotal = total;
  }

  /** Bytes already on disk when a resumed download starts: counted, but not as speed. */
  addResumed(bytes: number): void {
    this.done += bytes;
  }

  add(bytes: number): void {
    this.done += bytes;
    this.sampleBytes += bytes;
    this.maybeEmit();
  }

  /** Bytes of a failed attempt that will be fetched again. */
  rollback(bytes: number): void {
    this.done = Math.max(0, this.done - bytes);
  }

  snapshot(): ProgressEvent {
    this.updateSpeed(this.now());
    const total = this.total !== null ? Math.max(this.total, this.done) : null;
    const percent = total ? Math.min(100, (this.done / total) * 100) : null;
    const remaining = total !== null ? total - this.done : null;
    return {
      bytesDone: this.done,
      bytesTotal: total,
      totalIsEstimate: this.estimate,
      percent,
      speed: this.speed,
      etaSeconds: remaining !== null && this.speed > 0 ? remaining / this.speed : null,
      segmentsDone: this.segmentsDone,
      segmentsTotal: this.segmentsTotal,
    };
  }

  /** Emits regardless of the throttle (start and end of a download). */
  flush(): void {
    this.lastEmit = this.now();
    this.opts.onProgress?.(this.snapshot());
  }

  maybeEmit(): void {
    if (!this.opts.onProgress) return;
    const t = this.now();
    if (t - this.lastEmit < this.interval) return;
    this.lastEmit = t;
    this.opts.onProgress(this.snapshot());
  }

  private updateSpeed(t: number): void {
    const elapsed = t - this.sampleStart;
    if (elapsed < 100) return;
    const rate = (this.sampleBytes / elapsed) * 1000;
    if (!this.hasSpeed) {
      this.speed = rate;
      this.hasSpeed = true;
    } else {
      const alpha = 1 - Math.exp(-elapsed / this.smoothing);
      this.speed += alpha * (rate - this.speed);
    }
    this.sampleStart = t;
    this.sampleBytes = 0;
  }
}
