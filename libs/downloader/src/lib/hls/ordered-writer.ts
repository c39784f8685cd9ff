import { SPILL_COPY_BLOCK, type PositionalSink } from './segment-buffer';

export type { PositionalSink } from './segment-buffer';

/** A finished segment waiting for its turn (a SegmentBuffer in production). */
export interface FinishedSegment {
  readonly length: number;
  writeTo(sink: PositionalSink, position: number, scratch: () => Buffer): Promise<void>;
  discard(): Promise<void>;
}

/** A segment still arriving that can send its bytes straight to the sink once it is next in line. */
export interface GrowingSegment {
  streamTo(sink: PositionalSink, position: number, scratch: () => Buffer): Promise<void>;
}

/**
 * Segments finish in any order and are written strictly in index order at increasing offsets.
 * A producer asks `waitForSlot(i)` before fetching segment i, so at most `window` segments beyond
 * the next one to write are held (in memory up to the download's budget, the rest in spill files).
 */
export class OrderedWriter {
  private readonly pending = new Map<number, FinishedSegment>();
  private readonly arriving = new Map<number, GrowingSegment>();
  private waiters: { index: number; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private draining: Promise<void> | null = null;
  private error: unknown = null;
  private scratchBlock: Buffer | null = null;

  constructor(
    private readonly sink: PositionalSink,
    private next: number,
    private offset: number,
    private readonly window: number,
    private readonly onWritten: (nextIndex: number, offset: number) => void = () => undefined,
  ) {}

  get nextIndex(): number {
    return this.next;
  }

  get bytesWritten(): number {
    return this.offset;
  }

  get buffered(): number {
    return this.pending.size;
  }

  waitForSlot(index: number): Promise<void> {
    if (this.error) return Promise.reject(this.error);
    if (this.admits(index)) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ index, resolve, reject }));
  }

  /**
   * Segment `index` started arriving into `segment` (each attempt anew). When it is the next one to
   * write it streams into the sink right away instead of waiting in memory for its end.
   */
  arrivingInto(index: number, segment: GrowingSegment): void {
    if (this.error || index < this.next) return;
    this.arriving.set(index, segment);
    if (!this.draining) this.promote();
  }

  put(index: number, segment: FinishedSegment): void {
    this.arriving.delete(index);
    if (this.error) {
      void segment.discard();
      return;
    }
    if (index < this.next || this.pending.has(index))
      throw new Error(`segment ${index} delivered twice`);
    this.pending.set(index, segment);
    if (!this.draining && this.pending.has(this.next)) {
      this.draining = this.drain().finally(() => {
        this.draining = null;
      });
    }
  }

  /** Waits for queued writes; rejects with the first write error. */
  async flush(): Promise<void> {
    while (this.draining) await this.draining;
    if (this.error) throw this.error;
  }

  /** Wakes blocked producers with an error (the download is failing elsewhere) and drops what is held. */
  async fail(err: unknown): Promise<void> {
    if (!this.error) this.error = err;
    const held = [...this.pending.values()];
    this.pending.clear();
    this.arriving.clear();
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w.reject(err);
    await Promise.all(held.map((s) => s.discard()));
  }

  private async drain(): Promise<void> {
    try {
      let segment = this.pending.get(this.next);
      while (segment !== undefined && !this.error) {
        let length: number;
        try {
          await segment.writeTo(this.sink, this.offset, this.scratch);
          length = segment.length;
        } finally {
          this.pending.delete(this.next);
          await segment.discard();
        }
        this.offset += length;
        this.next++;
        this.onWritten(this.next, this.offset);
        this.wake();
        segment = this.pending.get(this.next);
      }
      this.promote();
    } catch (err) {
      await this.fail(err);
    }
  }

  private promote(): void {
    const head = this.arriving.get(this.next);
    if (!head || this.error) return;
    this.arriving.delete(this.next);
    head.streamTo(this.sink, this.offset, this.scratch).catch((err: unknown) => this.fail(err));
  }

  private readonly scratch = (): Buffer =>
    (this.scratchBlock ??= Buffer.allocUnsafe(SPILL_COPY_BLOCK));

  private admits(index: number): boolean {
    return index < this.next + this.window;
  }

  private wake(): void {
    const ready = this.waiters.filter((w) => this.admits(w.index));
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve();
  }
}
