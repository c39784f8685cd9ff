import { DiskFull } from './errors';
import { skipBytes, writeAt, type PositionalFile } from './write-at';

/** A file in memory that takes at most `perCall` bytes per writev, as a kernel may near a full disk. */
class ShortWrites implements PositionalFile {
  readonly data = Buffer.alloc(64);
  calls = 0;
  constructor(private readonly perCall: number[]) {}

  async writev(buffers: Buffer[], position: number): Promise<{ bytesWritten: number }> {
    const limit = this.perCall[Math.min(this.calls++, this.perCall.length - 1)];
    const all = Buffer.concat(buffers).subarray(0, limit);
    all.copy(this.data, position);
    return { bytesWritten: all.length };
  }
}

const chunks = (): Buffer[] => [Buffer.from('abcde'), Buffer.from('fgh'), Buffer.from('ijklmnop')];

describe('writeAt', () => {
  it('writes again what a short write left out, at the right offsets', async () => {
    const file = new ShortWrites([3, 4, 2, 100]);
    await writeAt(file, chunks(), 10, '/x.part');
    expect(file.data.subarray(10, 26).toString()).toBe('abcdefghijklmnop');
    expect(file.calls).toBe(4);
  });

  it('takes a write that makes no progress for a full disk (typed, with the path)', async () => {
    const file = new ShortWrites([5, 0]);
    const err = await writeAt(file, chunks(), 0, '/x.part').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DiskFull);
    expect((err as DiskFull).path).toBe('/x.part');
  });

  it('types the errors of the file system', async () => {
    const file: PositionalFile = {
      writev: () =>
        Promise.reject(Object.assign(new Error('ENOSPC: no space left'), { code: 'ENOSPC' })),
    };
    await expect(writeAt(file, chunks(), 0, '/y')).rejects.toBeInstanceOf(DiskFull);
  });
});

describe('skipBytes', () => {
  it.each([
    [0, 'abcde|fgh|ijklmnop'],
    [2, 'cde|fgh|ijklmnop'],
    [5, 'fgh|ijklmnop'],
    [9, 'jklmnop'],
    [16, ''],
  ])('skips %i bytes', (n, expected) => {
    expect(skipBytes(chunks(), n).map(String).join('|')).toBe(expected);
  });
});
