/** Where the ordered writer puts bytes; a FileHandle in production, an array in tests. */
export interface PositionalSink {
  write(data: Buffer, position: number): Promise<void>;
}

/**
 * Segments arrive in any order and are written strictly in index order at increasing offsets.
 * At most `window` segments beyond the next one to write may be held in memory: a producer asks
 * `waitForSlot(i)` before fetching segment i, which bounds memory to window × segment size.
 */
export class OrderedWriter {
  private readonly pending = new Map<number, Buffer>();
  private waiters: { index: number; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private draining: Promise<void> | null = null;
  private error: unknown = null;
  private pendingBytes = 0;

  constructor(
    private readonly sink: PositionalSink,
    private next: number,
    private offset: number,
    private readonly window: number,
    private readonly onWritten: (nextIndex: number, offset: number) => void = () => undefined,
    /** Also bounds the held bytes (large segments); the next segment to write always passes. */
    private readonly maxBufferedBytes = Infinity,
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

  put(index: number, data: Buffer): void {
    if (this.error) return;
    if (index < this.next || this.pending.has(index)) throw new Error(`segment ${index} delivered twice`);
    this.pending.set(index, data);
    this.pendingBytes += data.length;
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

  /** Wakes blocked producers with an error (the download is failing elsewhere). */
  fail(err: unknown): void {
    if (!this.error) this.error = err;
    this.pending.clear();
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w.reject(err);
  }

  private async drain(): Promise<void> {
    try {
      let data = this.pending.get(this.next);
      while (data !== undefined) {
        this.pending.delete(this.next);
        this.pendingBytes -= data.length;
        await this.sink.write(data, this.offset);
        this.offset += data.length;
        this.next++;
        this.onWritten(this.next, this.offset);
        this.wake();
        data = this.pending.get(this.next);
      }
    } catch (err) {
      this.fail(err);
    }
  }

  private admits(index: number): boolean {
    if (index === this.next) return true;
    return index < this.next + this.window && this.pendingBytes < this.maxBufferedBytes;
  }

  private wake(): void {
    const ready = this.waiters.filter((w) => this.admits(w.index));
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve();
  }
}
