import { createCipheriv, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { InvalidMedia } from '../core/errors';
import { segmentDecoder, type ChunkSink, type DecodeOptions } from './segment-decoder';

function tsPackets(n: number): Buffer {
  const buf = Buffer.alloc(188 * n);
  for (let i = 0; i < n; i++) {
    buf.fill(i % 251, i * 188, (i + 1) * 188);
    buf[i * 188] = 0x47;
  }
  return buf;
}

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489',
  'hex',
);

/** Feeds `body` in pieces of `size` bytes (awkward sizes cross every block boundary) and collects the output. */
async function decode(
  body: Buffer,
  opts: DecodeOptions,
  size: number,
): Promise<{ out: Buffer; writes: number }> {
  const parts: Buffer[] = [];
  let ended = false;
  const sink: ChunkSink = {
    write: async (c) => {
      parts.push(Buffer.from(c));
    },
    end: async () => {
      ended = true;
    },
  };
  const d = segmentDecoder(opts, sink);
  for (let i = 0; i < body.length; i += size) await d.write(body.subarray(i, i + size));
  await d.end();
  expect(ended).toBe(true);
  return { out: Buffer.concat(parts), writes: parts.length };
}

function encrypt(plain: Buffer, key: Buffer, iv: Buffer): Buffer {
  const c = createCipheriv('aes-128-cbc', key, iv);
  return Buffer.concat([c.update(plain), c.final()]);
}

describe('segmentDecoder (streaming)', () => {
  const ts = tsPackets(2000); // 376 KB: several 64 KiB chunks

  it('says when it cut a fake header or gunzipped (such segments are never fetched in pieces)', async () => {
    const seen = (opts: DecodeOptions) => {
      const d = segmentDecoder(opts, { write: async () => undefined, end: async () => undefined });
      return d;
    };
    const a = seen({});
    await a.write(Buffer.concat([PNG, ts]));
    await a.end();
    expect([a.stripped, a.gunzipped]).toEqual([true, false]);
    const b = seen({});
    await b.write(gzipSync(ts));
    await b.end();
    expect([b.stripped, b.gunzipped]).toEqual([false, true]);
    const c = seen({});
    await c.write(ts);
    await c.end();
    expect([c.stripped, c.gunzipped]).toEqual([false, false]);
  });

  it('passes a raw back piece through as it is (no header search)', async () => {
    const middle = ts.subarray(1000, 50_000);
    expect((await decode(middle, { raw: true }, 4096)).out.equals(middle)).toBe(true);
  });

  it('passes clean TS through chunk by chunk, without joining it', async () => {
    const { out, writes } = await decode(ts, {}, 65_536);
    expect(out.equals(ts)).toBe(true);
    expect(writes).toBeGreaterThan(1);
  });

  it.each([1000, 4099, 65_536])(
    'decrypts AES-128 across chunk boundaries (%i-byte chunks)',
    async (size) => {
      const key = randomBytes(16);
      const iv = randomBytes(16);
      const { out } = await decode(encrypt(ts, key, iv), { key, iv }, size);
      expect(out.equals(ts)).toBe(true);
    },
  );

  it('fails with InvalidMedia for a wrong key', async () => {
    const iv = randomBytes(16);
    await expect(
      decode(encrypt(ts, randomBytes(16), iv), { key: randomBytes(16), iv }, 65_536),
    ).rejects.toBeInstanceOf(InvalidMedia);
  });

  it('strips a fake PNG header even when it arrives split over small chunks', async () => {
    const { out } = await decode(Buffer.concat([PNG, ts]), {}, 50);
    expect(out.equals(ts)).toBe(true);
  });

  it('gunzips declared and undeclared gzip, streaming', async () => {
    const gz = gzipSync(ts);
    expect((await decode(gz, { contentEncoding: 'gzip' }, 7000)).out.equals(ts)).toBe(true);
    expect((await decode(gz, {}, 1)).out.subarray(0, 1000).equals(ts.subarray(0, 1000))).toBe(true);
  });

  it('does not sniff gzip magic in ciphertext, but honours a declared gzip before decrypting', async () => {
    const key = randomBytes(16);
    const iv = randomBytes(16);
    const enc = encrypt(ts, key, iv);
    expect(
      (await decode(gzipSync(enc), { key, iv, contentEncoding: 'gzip' }, 9000)).out.equals(ts),
    ).toBe(true);
  });

  it('reports a corrupt gzip body as InvalidMedia', async () => {
    const bad = Buffer.concat([gzipSync(ts).subarray(0, 100), Buffer.alloc(5000, 0xab)]);
    await expect(decode(bad, { contentEncoding: 'gzip' }, 1000)).rejects.toBeInstanceOf(
      InvalidMedia,
    );
  });

  it('keeps only the byte range when the server sent the whole file', async () => {
    const file = Buffer.concat([Buffer.alloc(1000, 1), ts, Buffer.alloc(500, 2)]);
    const { out } = await decode(file, { slice: { start: 1000, length: ts.length } }, 777);
    expect(out.equals(ts)).toBe(true);
  });
});
