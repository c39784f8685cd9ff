import { createDecipheriv } from 'node:crypto';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { InvalidMedia } from '../core/errors';

const gunzipAsync = promisify(gunzip);
const TS_PACKET = 188;
const SYNC = 0x47;

/** IV rule of RFC 8216 §5.2: the IV attribute if present, else the media sequence number as a 128-bit big-endian integer. */
export function ivForSegment(explicitIv: Buffer | undefined, sequence: number): Buffer {
  if (explicitIv) return explicitIv;
  const iv = Buffer.alloc(16);
  iv.writeBigUInt64BE(BigInt(sequence), 8);
  return iv;
}

export function decryptAes128(data: Buffer, key: Buffer, iv: Buffer): Buffer {
  if (key.length !== 16) throw new InvalidMedia(`AES-128 key must be 16 bytes, got ${key.length}`);
  const decipher = createDecipheriv('aes-128-cbc', key, iv);
  try {
    return Buffer.concat([decipher.update(data), decipher.final()]);
  } catch (err) {
    throw new InvalidMedia(
      `AES-128 decryption failed (wrong key or IV?): ${(err as Error).message}`,
    );
  }
}

export function isGzip(data: Buffer): boolean {
  return data.length >= 3 && data[0] === 0x1f && data[1] === 0x8b && data[2] === 0x08;
}

export async function gunzipIfNeeded(
  data: Buffer,
  contentEncoding: string | undefined,
  sniff = true,
): Promise<Buffer> {
  const declared = (contentEncoding ?? '').toLowerCase().includes('gzip');
  // Some CDNs gzip segments without saying so; the magic bytes decide when the header is absent
  // (not for ciphertext, which may start with those bytes by chance).
  if (declared || (sniff && isGzip(data))) return gunzipAsync(data);
  return data;
}

/**
 * Offset of the first MPEG-TS packet: three sync bytes 188 bytes apart (fewer when the data is
 * shorter). -1 if there is none.
 */
export function findTsStart(data: Buffer, searchLimit = 64 * 1024): number {
  const limit = Math.min(data.length, searchLimit);
  for (let i = data.indexOf(SYNC); i !== -1 && i < limit; i = data.indexOf(SYNC, i + 1)) {
    let ok = true;
    for (let k = 1; k <= 2; k++) {
      const p = i + k * TS_PACKET;
      if (p < data.length && data[p] !== SYNC) {
        ok = false;
        break;
      }
    }
    if (ok) return i;
  }
  return -1;
}

/**
 * CDNs that disguise video as images put a PNG/JPEG/GIF header in front of the TS packets.
 * Data that already starts with a TS packet, or that is no TS at all, is returned unchanged.
 */
export function stripFakeHeader(data: Buffer): Buffer {
  if (
    data.length === 0 ||
    (data[0] === SYNC && (data.length <= TS_PACKET || data[TS_PACKET] === SYNC))
  ) {
    return data;
  }
  const start = findTsStart(data);
  return start > 0 ? data.subarray(start) : data;
}
