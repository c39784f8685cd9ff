import { OrderedWriter, type FinishedSegment, type PositionalSink } from './ordered-writer';

class MemorySink implements PositionalSink {
  writes: { pos: number; data: string }[] = [];
  failAt: number | null = null;
  async write(chunks: Buffer[], position: number): Promise<void> {
    await Promise.resolve();
    if (this.failAt === position) throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
    this.writes.push({ pos: position, data: Buffer.concat(chunks).toString() });
  }
}

const discarded: string[] = [];

function seg(text: string): FinishedSegment {
  const data = Buffer.from(text);
  return {
    length: data.length,
    writeTo: (sink, position) => sink.write([data], position),
    discard: async () => {
      discarded.push(text);
    },
  };
}

describe('OrderedWriter', () => {
  it('writes out-of-order segments in index order at increasing offsets', async () => {
    const sink = new MemorySink();
    const seen: number[] = [];
    const w = new OrderedWriter(sink, 0, 0, 4, (next) => seen.push(next));
    w.put(2, seg('cc'));
    w.put(1, seg('b'));
    expect(sink.writes).toEqual([]);
    w.put(0, seg('aaa'));
    w.put(3, seg('dddd'));
    await w.flush();
    expect(sink.writes).toEqual([
      { pos: 0, data: 'aaa' },
      { pos: 3, data: 'b' },
      { pos: 4, data: 'cc' },
      { pos: 6, data: 'dddd' },
    ]);
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(w.bytesWritten).toBe(10);
  });

  it('starts at a resumed index and offset', async () => {
    const sink = new MemorySink();
    const w = new OrderedWriter(sink, 5, 1000, 2);
    w.put(5, seg('x'));
    await w.flush();
    expect(sink.writes).toEqual([{ pos: 1000, data: 'x' }]);
    expect(w.nextIndex).toBe(6);
  });

  it('blocks producers beyond the window until the gap is written', async () => {
    const w = new OrderedWriter(new MemorySink(), 0, 0, 2);
    await w.waitForSlot(1);
    let released = false;
    const blocked = w.waitForSlot(2).then(() => (released = true));
    await Promise.resolve();
    expect(released).toBe(false);
    w.put(1, seg('b'));
    await w.flush();
    expect(released).toBe(false);
    w.put(0, seg('a'));
    await blocked;
    expect(released).toBe(true);
  });

  it('discards each segment once it is written, and what it holds when it fails', async () => {
    discarded.length = 0;
    const w = new OrderedWriter(new MemorySink(), 0, 0, 4);
    w.put(0, seg('a'));
    await w.flush();
    expect(discarded).toEqual(['a']);
    w.put(2, seg('c'));
    await w.fail(new Error('elsewhere'));
    expect(discarded).toEqual(['a', 'c']);
    w.put(1, seg('late'));
    await Promise.resolve();
    expect(discarded).toContain('late');
  });

  it('refuses a segment delivered twice', () => {
    const w = new OrderedWriter(new MemorySink(), 0, 0, 4);
    w.put(1, seg('b'));
    expect(() => w.put(1, seg('b'))).toThrow(/twice/);
  });

  it('surfaces a write error to flush and to waiting producers', async () => {
    const sink = new MemorySink();
    sink.failAt = 1;
    const w = new OrderedWriter(sink, 0, 0, 1);
    const waiting = w.waitForSlot(3);
    w.put(0, seg('a'));
    w.put(1, seg('b'));
    await expect(w.flush()).rejects.toMatchObject({ code: 'ENOSPC' });
    await expect(waiting).rejects.toMatchObject({ code: 'ENOSPC' });
    await expect(w.waitForSlot(5)).rejects.toMatchObject({ code: 'ENOSPC' });
  });

  it('lets the segment next in line stream into the sink before it is complete', async () => {
    const sink = new MemorySink();
    const w = new OrderedWriter(sink, 0, 0, 4);
    const streamed: { index: number; position: number }[] = [];
    const growing = (index: number) => ({
      streamTo: async (_s: PositionalSink, position: number) => {
        streamed.push({ index, position });
      },
    });
    w.arrivingInto(1, growing(1));
    w.arrivingInto(0, growing(0));
    expect(streamed).toEqual([{ index: 0, position: 0 }]);
    w.put(0, seg('aaa'));
    await w.flush();
    // Segment 1 became next in line after segment 0 was written at 0..3.
    expect(streamed).toEqual([
      { index: 0, position: 0 },
      { index: 1, position: 3 },
    ]);
  });
});
