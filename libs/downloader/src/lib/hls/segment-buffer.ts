import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { mapFsError } from '../core/errors';

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
 */
export class SegmentBuffer {
  private readonly memory: Buffer[] = [];
  private memoryBytes = 0;
  private spill: FileHandle | null = null;
  private spillBytes = 0;
  private batch: Buffer[] = [];
  private batchBytes = 0;
  private discarded = false;

  constructor(
    private readonly budget: MemoryBudget,
    private readonly spillPath: string,
  ) {}

  get length(): number {
    return this.memoryBytes + this.spillBytes + this.batchBytes;
  }

  /** True once part of the segment lives on disk. */
  get spilled(): boolean {
    return this.spill !== null || this.batchBytes > 0;
  }

  async append(chunk: Buffer): Promise<void> {
    if (chunk.length === 0 || this.discarded) return;
    // Once spilling, stay on disk: the segment's bytes must stay in order (memory prefix, file rest).
    if (!this.spilled && this.budget.tryTake(chunk.length)) {
      this.memory.push(chunk);
      this.memoryBytes += chunk.length;
      return;
    }
    this.batch.push(chunk);
    this.batchBytes += chunk.length;
    if (this.batchBytes >= SPILL_BLOCK) await this.flushBatch();
  }

  /** Ends the segment: what is still batched goes to the spill file. */
  async seal(): Promise<void> {
    await this.flushBatch();
  }

  /** Writes the whole segment at `position`: the memory part in one writev, then the spill file. */
  async writeTo(sink: PositionalSink, position: number, scratch: () => Buffer): Promise<void> {
    if (this.memory.length > 0) await sink.write(this.memory, position);
    let done = this.memoryBytes;
    if (this.spill) {
      const block = scratch();
      for (let at = 0; at < this.spillBytes; ) {
        const { bytesRead } = await this.spill.read(block, 0, Math.min(block.length, this.spillBytes - at), at);
        if (bytesRead === 0) throw new Error(`spill file ${this.spillPath} is shorter than written`);
        await sink.write([block.subarray(0, bytesRead)], position + done);
        at += bytesRead;
        done += bytesRead;
      }
    }
    if (this.batchBytes > 0) await sink.write(this.batch, position + done);
  }

  /** Frees the memory and removes the spill file; safe to call more than once. */
  async discard(): Promise<void> {
    if (this.discarded) return;
    this.discarded = true;
    this.budget.release(this.memoryBytes);
    this.memory.length = 0;
    this.batch = [];
    const spill = this.spill;
    this.spill = null;
    if (spill) {
      await spill.close().catch(() => undefined);
      await fs.rm(this.spillPath, { force: true }).catch(() => undefined);
    }
  }

  private async flushBatch(): Promise<void> {
    if (this.batchBytes === 0) return;
    const batch = this.batch;
    const bytes = this.batchBytes;
    try {
      this.spill ??= await fs.open(this.spillPath, 'w+');
      await this.spill.writev(batch, this.spillBytes);
    } catch (err) {
      throw mapFsError(err, this.spillPath);
    }
    this.batch = [];
    this.batchBytes = 0;
    this.spillBytes += bytes;
  }
}

export const SPILL_COPY_BLOCK = SPILL_BLOCK;
