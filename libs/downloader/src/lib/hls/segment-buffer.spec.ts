import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryBudget, SegmentBuffer, type PositionalSink } from './segment-buffer';

class FileLikeSink implements PositionalSink {
  data = Buffer.alloc(0);
  async write(chunks: Buffer[], position: number): Promise<void> {
    const block = Buffer.concat(chunks);
    const grown = Buffer.alloc(Math.max(this.data.length, position + block.length));
    this.data.copy(grown);
    block.copy(grown, position);
    this.data = grown;
  }
}

describe('SegmentBuffer', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'segbuf-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const bytes = (n: number, fill: number): Buffer => Buffer.alloc(n, fill);
  const scratch = (): Buffer => Buffer.alloc(1000);

  it('keeps a segment in memory while the budget allows and releases it on discard', async () => {
    const budget = new MemoryBudget(100);
    const seg = new SegmentBuffer(budget, join(dir, 's0'));
    await seg.append(bytes(40, 1));
    await seg.append(bytes(40, 2));
    await seg.seal();
    expect(seg.spilled).toBe(false);
    expect(budget.inUse).toBe(80);
    const sink = new FileLikeSink();
    await seg.writeTo(sink, 10, scratch);
    expect(sink.data.subarray(10).equals(Buffer.concat([bytes(40, 1), bytes(40, 2)]))).toBe(true);
    await seg.discard();
    expect(budget.inUse).toBe(0);
  });

  it('spills what exceeds the budget to a temp file and writes both parts in order', async () => {
    const budget = new MemoryBudget(100);
    const path = join(dir, 's1');
    const seg = new SegmentBuffer(budget, path);
    const parts = [bytes(60, 1), bytes(60, 2), bytes(3000, 3), bytes(10, 4)];
    for (const p of parts) await seg.append(p);
    await seg.seal();
    expect(seg.spilled).toBe(true);
    expect(seg.length).toBe(3130);
    expect(budget.inUse).toBe(60);
    expect(existsSync(path)).toBe(true);
    const sink = new FileLikeSink();
    await seg.writeTo(sink, 0, scratch);
    expect(sink.data.equals(Buffer.concat(parts))).toBe(true);
    await seg.discard();
    expect(existsSync(path)).toBe(false);
    expect(budget.inUse).toBe(0);
  });

  it('shares one budget between segments: a later one spills while an earlier one holds memory', async () => {
    const budget = new MemoryBudget(100);
    const a = new SegmentBuffer(budget, join(dir, 'a'));
    const b = new SegmentBuffer(budget, join(dir, 'b'));
    await a.append(bytes(90, 1));
    await b.append(bytes(20, 2));
    await b.seal();
    expect(a.spilled).toBe(false);
    expect(b.spilled).toBe(true);
    await a.discard();
    await b.discard();
  });

  it('streams into the sink once it is next in line: what it held first, then each chunk as it arrives', async () => {
    const budget = new MemoryBudget(50);
    const path = join(dir, 's2');
    const seg = new SegmentBuffer(budget, path);
    const parts = [bytes(40, 1), bytes(40, 2), bytes(300 * 1024, 3), bytes(10, 4)];
    await seg.append(parts[0]);
    await seg.append(parts[1]); // over the budget: spilled
    const sink = new FileLikeSink();
    await seg.streamTo(sink, 100, scratch);
    expect(sink.data.subarray(100).equals(Buffer.concat(parts.slice(0, 2)))).toBe(true);
    expect(budget.inUse).toBe(0);
    expect(existsSync(path)).toBe(false);
    await seg.append(parts[2]);
    await seg.append(parts[3]);
    await seg.seal();
    await seg.writeTo(sink, 100, scratch);
    expect(seg.length).toBe(Buffer.concat(parts).length);
    expect(sink.data.subarray(100).equals(Buffer.concat(parts))).toBe(true);
    await expect(seg.writeTo(new FileLikeSink(), 100, scratch)).rejects.toThrow(/elsewhere/);
    await seg.discard();
  });
});
