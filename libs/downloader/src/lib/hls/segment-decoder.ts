import { createDecipheriv, type Decipher } from 'node:crypto';
import { once } from 'node:events';
import { createGunzip, type Gunzip } from 'node:zlib';
import { InvalidMedia } from '../core/errors';
import { isGzip, stripFakeHeader } from './segment-data';

/** One stage of the segment pipeline; chunks flow through as they arrive from the socket. */
export interface ChunkSink {
  write(chunk: Buffer): Promise<void>;
  end(): Promise<void>;
}

export interface DecodeOptions {
  /** The response's Content-Encoding. */
  contentEncoding?: string;
  /** AES-128-CBC key and IV when the segment is encrypted. */
  key?: Buffer;
  iv?: Buffer;
  /** Only these bytes of the body (a server that ignored Range and sent the whole file). */
  slice?: { start: number; length: number };
  /** The back part of a clear segment fetched on its own: bytes pass as they are. */
  raw?: boolean;
}

/**
 * Builds the decode chain for one segment body: [slice] → [gunzip] → [AES-128 decrypt] → strip a
 * fake image header → `out`. Every stage streams, so a segment is never held as one buffer (and
 * never twice); the decipher works on each chunk as it arrives.
 */
export interface SegmentDecoder extends ChunkSink {
  abort(): void;
  /** A fake image header was cut off the front. */
  readonly stripped: boolean;
  /** The body was gzip (declared or sniffed). */
  readonly gunzipped: boolean;
}

export function segmentDecoder(opts: DecodeOptions, out: ChunkSink): SegmentDecoder {
  if (opts.raw) {
    const head = opts.slice ? new Slice(opts.slice.start, opts.slice.length, out) : out;
    return {
      write: (c) => head.write(c),
      end: () => head.end(),
      abort: () => undefined,
      stripped: false,
      gunzipped: false,
    };
  }
  const strip = new HeaderStrip(out);
  let chain: ChunkSink = strip;
  if (opts.key) chain = new Decrypt(opts.key, opts.iv ?? Buffer.alloc(16), chain);
  const declared = (opts.contentEncoding ?? '').toLowerCase().includes('gzip');
  // Ciphertext may start with the gzip magic by chance, so it is only sniffed for clear segments.
  const gunzip = new MaybeGunzip(chain, declared, !opts.key);
  chain = gunzip;
  if (opts.slice) chain = new Slice(opts.slice.start, opts.slice.length, chain);
  const head = chain;
  return {
    write: (c) => head.write(c),
    end: () => head.end(),
    abort: () => gunzip.abort(),
    get stripped() {
      return strip.stripped;
    },
    get gunzipped() {
      return gunzip.active;
    },
  };
}

class Slice implements ChunkSink {
  private seen = 0;

  constructor(
    private readonly start: number,
    private readonly length: number,
    private readonly next: ChunkSink,
  ) {}

  async write(chunk: Buffer): Promise<void> {
    const from = Math.max(0, this.start - this.seen);
    const to = Math.min(chunk.length, this.start + this.length - this.seen);
    this.seen += chunk.length;
    if (to > from) await this.next.write(chunk.subarray(from, to));
  }

  end(): Promise<void> {
    return this.next.end();
  }
}

class Decrypt implements ChunkSink {
  private readonly decipher: Decipher;

  constructor(
    key: Buffer,
    iv: Buffer,
    private readonly next: ChunkSink,
  ) {
    if (key.length !== 16)
      throw new InvalidMedia(`AES-128 key must be 16 bytes, got ${key.length}`);
    this.decipher = createDecipheriv('aes-128-cbc', key, iv);
  }

  async write(chunk: Buffer): Promise<void> {
    const plain = this.decipher.update(chunk);
    if (plain.length > 0) await this.next.write(plain);
  }

  async end(): Promise<void> {
    let last: Buffer;
    try {
      last = this.decipher.final();
    } catch (err) {
      throw new InvalidMedia(
        `AES-128 decryption failed (wrong key or IV?): ${(err as Error).message}`,
      );
    }
    if (last.length > 0) await this.next.write(last);
    await this.next.end();
  }
}

/** Gunzips when the response says gzip, or (if allowed) when the body starts with the gzip magic. */
class MaybeGunzip implements ChunkSink {
  private head: Buffer[] = [];
  private headBytes = 0;
  private decided = false;
  private gunzip: Gunzip | null = null;
  private pump: Promise<void> | null = null;
  private failure: unknown = null;

  constructor(
    private readonly next: ChunkSink,
    private readonly declared: boolean,
    private readonly sniff: boolean,
  ) {}

  async write(chunk: Buffer): Promise<void> {
    if (this.decided) return this.forward(chunk);
    this.head.push(chunk);
    this.headBytes += chunk.length;
    if (this.headBytes >= 3) await this.decide();
  }

  async end(): Promise<void> {
    if (!this.decided) await this.decide();
    if (this.gunzip) {
      this.gunzip.end();
      await this.pump;
      this.rethrow();
    }
    await this.next.end();
  }

  abort(): void {
    this.gunzip?.destroy();
  }

  get active(): boolean {
    return this.gunzip !== null;
  }

  private async decide(): Promise<void> {
    this.decided = true;
    const head = this.head.length === 1 ? this.head[0] : Buffer.concat(this.head);
    this.head = [];
    if (this.declared || (this.sniff && isGzip(head))) this.start();
    if (head.length > 0) await this.forward(head);
  }

  private start(): void {
    const gz = createGunzip();
    this.gunzip = gz;
    this.pump = (async () => {
      for await (const out of gz as AsyncIterable<Buffer>) await this.next.write(out);
    })().catch((err: unknown) => {
      this.failure ??= err;
      gz.destroy();
    });
  }

  private async forward(chunk: Buffer): Promise<void> {
    const gz = this.gunzip;
    if (!gz) return this.next.write(chunk);
    this.rethrow();
    if (!gz.write(chunk)) await Promise.race([once(gz, 'drain').catch(() => undefined), this.pump]);
    this.rethrow();
  }

  private rethrow(): void {
    const err = this.failure;
    if (err === null) return;
    const zlibError = (err as NodeJS.ErrnoException).code?.startsWith('Z_');
    throw zlibError
      ? new InvalidMedia(`gzip-encoded segment is corrupt: ${(err as Error).message}`)
      : err;
  }
}

/** Fake image headers sit in the first bytes; this much is enough to find the first TS packets. */
const HEAD_BYTES = 64 * 1024 + 2 * 188;

class HeaderStrip implements ChunkSink {
  private head: Buffer[] | null = [];
  private headBytes = 0;
  stripped = false;

  constructor(private readonly next: ChunkSink) {}

  async write(chunk: Buffer): Promise<void> {
    if (!this.head) return this.next.write(chunk);
    this.head.push(chunk);
    this.headBytes += chunk.length;
    if (this.headBytes >= HEAD_BYTES) await this.release();
  }

  async end(): Promise<void> {
    if (this.head) await this.release();
    await this.next.end();
  }

  private async release(): Promise<void> {
    const head = this.head ?? [];
    this.head = null;
    // Clean TS (the usual case) passes as the chunks it came in; only a disguised one is re-cut.
    const first = head[0];
    if (first && first.length > 188 && first[0] === 0x47 && first[188] === 0x47) {
      for (const c of head) await this.next.write(c);
      return;
    }
    const joined = head.length === 1 ? head[0] : Buffer.concat(head);
    const clean = stripFakeHeader(joined);
    this.stripped = clean.length !== joined.length;
    if (clean.length > 0) await this.next.write(clean);
  }
}
