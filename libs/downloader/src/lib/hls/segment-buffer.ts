import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { mapFsError } from '../core/errors';
import { writeAt } from '../core/write-at';

/** Where finished bytes go: the .part file in production, an array in tests. */
export interface PositionalSink {
  write(chunks: Buffer[], position: number): Promise<void>;
}

/**
 * Bytes of decoded segment data held in memory across all segments of one download. Beyond it,
 * segments continue into spill files, so memory stays bounded whatever the segment size and however
 * far the fetches run ahead of the ordered writer.
 */
export class MemoryBudget {
  private used = 0;

  constructor(readonly limit: number) {}

  get inUse(): number {
    return this.used;
  }

  tryTake(bytes: number): boolean {
    if (this.used + bytes > this.limit) return false;
    this.used += bytes;
    return true;
  }

  release(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }
}

/** Spill writes are batched to this size; the copy into the .part reads back in blocks of it. */
const SPILL_BLOCK = 256 * 1024;

/**
 * The decoded bytes of one segment, kept as the chunks they arrived in (never concatenated): a
 * prefix in memory while the budget allows, the rest appended to a temp file next to the .part.
 * Once the segment is the next one to write, `streamTo` moves what it holds into the .part and
 * the rest of its bytes go there directly as they arrive — the common in-order case never waits
 * in memory or touches a spill file.
 */
export class SegmentBuffer {
  private readonly memory: Buffer[] = [];
  private memoryBytes = 0;
  private spill: FileHandle | null = null;
  private spillBytes = 0;
  private batch: Buffer[] = [];
  private batchBytes = 0;
  /** Set by streamTo: bytes [0, written) are in the sink from `position` on. */
  private direct: { sink: PositionalSink; position: number; written: number } | null = null;
  private discarded = false;
  /** Appends, streamTo, writeTo and discard run one at a time, in call order. */
  private lock: Promise<void> = Promise.resolve();

  constructor(
    private readonly budget: MemoryBudget,
    private readonly spillPath: string,
  ) {}

  get length(): number {
    return this.direct
      ? this.direct.written + this.batchBytes
      : this.memoryBytes + this.spillBytes + this.batchBytes;
  }

  /** True once part of the segment lives in a spill file. */
  get spilled(): boolean {
    return this.spill !== null || (!this.direct && this.batchBytes > 0);
  }

  append(chunk: Buffer): Promise<void> {
    if (chunk.length === 0) return Promise.resolve();
    return this.exclusive(async () => {
      if (this.discarded) return;
      if (this.direct) {
        this.push(chunk);
        if (this.batchBytes >= SPILL_BLOCK) await this.flushDirect();
        return;
      }
      // Once spilling, stay on disk: the bytes must stay in order (memory prefix, file rest).
      if (!this.spilled && this.budget.tryTake(chunk.length)) {
        this.memory.push(chunk);
        this.memoryBytes += chunk.length;
        return;
      }
      this.push(chunk);
      if (this.batchBytes >= SPILL_BLOCK) await this.flushSpill();
    });
  }

  /** Ends the segment: what is still batched goes to the spill file (or the sink when streaming). */
  seal(): Promise<void> {
    return this.exclusive(() => (this.direct ? this.flushDirect() : this.flushSpill()));
  }

  /** From now on the segment's bytes go to `sink` from `position` on, starting with what it holds. */
  streamTo(sink: PositionalSink, position: number, scratch: () => Buffer): Promise<void> {
    return this.exclusive(async () => {
      if (this.discarded || this.direct) return;
      const held = await this.copyHeld(sink, position, scratch);
      await this.releaseHeld();
      this.direct = { sink, position, written: held };
    });
  }

  /** Writes the whole segment at `position` (nothing left to do when it was streamed there). */
  writeTo(sink: PositionalSink, position: number, scratch: () => Buffer): Promise<void> {
    return this.exclusive(async () => {
      if (this.direct) {
        if (this.direct.sink !== sink || this.direct.position !== position)
          throw new Error('segment streamed elsewhere');
        await this.flushDirect();
        return;
      }
      await this.copyHeld(sink, position, scratch);
    });
  }

  /** Frees the memory and removes the spill file; safe to call more than once. */
  discard(): Promise<void> {
    return this.exclusive(async () => {
      if (this.discarded) return;
      this.discarded = true;
      await this.releaseHeld();
    });
  }

  private exclusive(op: () => Promise<void>): Promise<void> {
    const run = this.lock.then(op);
    this.lock = run.catch(() => undefined);
    return run;
  }

  private push(chunk: Buffer): void {
    this.batch.push(chunk);
    this.batchBytes += chunk.length;
  }

  /** Memory part in one writev, then the spill file, then what is batched; returns the bytes written. */
  private async copyHeld(
    sink: PositionalSink,
    position: number,
    scratch: () => Buffer,
  ): Promise<number> {
    if (this.memory.length > 0) await sink.write(this.memory, position);
    let done = this.memoryBytes;
    if (this.spill) {
      const block = scratch();
      for (let at = 0; at < this.spillBytes;) {
        const { bytesRead } = await this.spill.read(
          block,
          0,
          Math.min(block.length, this.spillBytes - at),
          at,
        );
        if (bytesRead === 0)
          throw new Error(`spill file ${this.spillPath} is shorter than written`);
        await sink.write([block.subarray(0, bytesRead)], position + done);
        at += bytesRead;
        done += bytesRead;
      }
    }
    if (this.batchBytes > 0) await sink.write(this.batch, position + done);
    return done + this.batchBytes;
  }

  private async releaseHeld(): Promise<void> {
    this.budget.release(this.memoryBytes);
    this.memory.length = 0;
    this.memoryBytes = 0;
    this.batch = [];
    this.batchBytes = 0;
    const spill = this.spill;
    this.spill = null;
    this.spillBytes = 0;
    if (spill) {
      await spill.close().catch(() => undefined);
      await fs.rm(this.spillPath, { force: true }).catch(() => undefined);
    }
  }

  private async flushDirect(): Promise<void> {
    const d = this.direct;
    if (!d || this.batchBytes === 0) return;
    await d.sink.write(this.batch, d.position + d.written);
    d.written += this.batchBytes;
    this.batch = [];
    this.batchBytes = 0;
  }

  private async flushSpill(): Promise<void> {
    if (this.batchBytes === 0) return;
    const batch = this.batch;
    const bytes = this.batchBytes;
    try {
      this.spill ??= await fs.open(this.spillPath, 'w+');
    } catch (err) {
      throw mapFsError(err, this.spillPath);
    }
    await writeAt(this.spill, batch, this.spillBytes, this.spillPath);
    this.batch = [];
    this.batchBytes = 0;
    this.spillBytes += bytes;
  }
}

export const SPILL_COPY_BLOCK = SPILL_BLOCK;

/** A segment fetched in pieces (front, back): written one after the other, discarded together. */
export class JoinedSegment {
  constructor(private readonly parts: SegmentBuffer[]) {}

  get length(): number {
    return this.parts.reduce((n, p) => n + p.length, 0);
  }

  async writeTo(sink: PositionalSink, position: number, scratch: () => Buffer): Promise<void> {
    let at = position;
    for (const part of this.parts) {
      await part.writeTo(sink, at, scratch);
      at += part.length;
    }
  }

  async discard(): Promise<void> {
    await Promise.all(this.parts.map((p) => p.discard()));
  }
}
