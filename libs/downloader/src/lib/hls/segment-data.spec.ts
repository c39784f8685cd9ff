import { createCipheriv, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { InvalidMedia } from '../core/errors';
import {
  decryptAes128,
  findTsStart,
  gunzipIfNeeded,
  ivForSegment,
  stripFakeHeader,
} from './segment-data';

function tsPackets(n: number): Buffer {
  const buf = Buffer.alloc(188 * n, 0xff);
  for (let i = 0; i < n; i++) buf[i * 188] = 0x47;
  return buf;
}

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489',
  'hex',
);

describe('AES-128 IV rules', () => {
  it('uses the explicit IV when the tag has one', () => {
    const iv = Buffer.alloc(16, 7);
    expect(ivForSegment(iv, 99)).toBe(iv);
  });
  it('uses the media sequence number as a big-endian 128-bit IV otherwise', () => {
    expect(ivForSegment(undefined, 7).toString('hex')).toBe('00000000000000000000000000000007');
    expect(ivForSegment(undefined, 0x1234567890).toString('hex')).toBe(
      '00000000000000000000001234567890',
    );
  });
  it('decrypts what AES-128-CBC with that IV encrypted', () => {
    const key = randomBytes(16);
    const iv = ivForSegment(undefined, 12);
    const plain = tsPackets(10);
    const c = createCipheriv('aes-128-cbc', key, iv);
    const enc = Buffer.concat([c.update(plain), c.final()]);
    expect(decryptAes128(enc, key, iv).equals(plain)).toBe(true);
    expect(() => decryptAes128(enc, randomBytes(16), iv)).toThrow(InvalidMedia);
  });
});

describe('fake image headers', () => {
  it('leaves clean TS untouched', () => {
    const ts = tsPackets(4);
    expect(stripFakeHeader(ts)).toBe(ts);
  });
  it('removes a PNG header in front of the first TS packet', () => {
    const ts = tsPackets(5);
    const out = stripFakeHeader(Buffer.concat([PNG, ts]));
    expect(out.equals(ts)).toBe(true);
  });
  it('is not fooled by a stray 0x47 inside the header', () => {
    const header = Buffer.concat([Buffer.from([0x47, 0x00, 0x47]), PNG]);
    expect(findTsStart(Buffer.concat([header, tsPackets(3)]))).toBe(header.length);
  });
  it('keeps data without any TS packet as it is', () => {
    const other = Buffer.from('not a transport stream');
    expect(stripFakeHeader(other)).toBe(other);
  });
});

describe('gzip-encoded segments', () => {
  const ts = tsPackets(3);
  it('gunzips when the header says gzip', async () => {
    expect((await gunzipIfNeeded(gzipSync(ts), 'gzip')).equals(ts)).toBe(true);
  });
  it('gunzips undeclared gzip by its magic bytes', async () => {
    expect((await gunzipIfNeeded(gzipSync(ts), undefined)).equals(ts)).toBe(true);
  });
  it('does not sniff ciphertext', async () => {
    const looksGzip = Buffer.from([0x1f, 0x8b, 0x08, 1, 2, 3]);
    expect(await gunzipIfNeeded(looksGzip, undefined, false)).toBe(looksGzip);
  });
});
