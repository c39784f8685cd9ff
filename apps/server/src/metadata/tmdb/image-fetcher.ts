import { Agent, request } from 'undici';

export type ImageType = 'jpeg' | 'png' | 'webp';

export interface FetchedImage {
  bytes: Buffer;
  type: ImageType;
}

export class ImageFetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageFetchError';
  }
}

/** What the first bytes say the image is; null for anything else (an error page, say). */
export function imageTypeOf(bytes: Buffer): ImageType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return 'jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).toString('hex') === '89504e470d0a1a0a')
    return 'png';
  if (
    bytes.length >= 12 &&
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'webp';
  return null;
}

export interface ImageFetcherOptions {
  /** Largest image accepted (an original backdrop is a few MB). */
  maxBytes?: number;
  /** Images downloaded at once. */
  concurrency?: number;
  timeoutMs?: number;
  userAgent?: string;
}

/**
 * Downloads artwork as bytes (the providers' HTTP port reads text), capped in size, time and
 * parallelism, and accepts only real images: TMDB's CDN answers errors with HTML.
 */
export class ImageFetcher {
  private readonly agent = new Agent({ keepAliveTimeout: 10_000, connections: 8 });
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly maxBytes: number;
  private readonly concurrency: number;
  private readonly timeoutMs: number;

  constructor(private readonly options: ImageFetcherOptions = {}) {
    this.maxBytes = options.maxBytes ?? 20 * 1024 * 1024;
    this.concurrency = options.concurrency ?? 3;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  async fetch(url: string, signal?: AbortSignal): Promise<FetchedImage> {
    await this.acquire();
    try {
      return await this.once(url, signal);
    } finally {
      this.release();
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private async once(url: string, signal?: AbortSignal): Promise<FetchedImage> {
    const deadline = AbortSignal.timeout(this.timeoutMs);
    let res: Awaited<ReturnType<typeof request>>;
    try {
      res = await request(url, {
        dispatcher: this.agent,
        signal: signal ? AbortSignal.any([signal, deadline]) : deadline,
        headers: this.options.userAgent ? { 'user-agent': this.options.userAgent } : {},
      });
    } catch (error) {
      throw new ImageFetchError(`image unreachable: ${(error as Error).message}`);
    }
    if (res.statusCode !== 200) {
      await res.body.dump().catch(() => undefined);
      throw new ImageFetchError(`image answered ${res.statusCode}`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      // Leaving the loop early ends the iterator, which closes the connection.
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > this.maxBytes) break;
        chunks.push(chunk);
      }
    } catch (error) {
      throw new ImageFetchError(`image download broke off: ${(error as Error).message}`);
    }
    if (size > this.maxBytes) throw new ImageFetchError(`image larger than ${this.maxBytes} bytes`);
    const bytes = Buffer.concat(chunks, size);
    const type = imageTypeOf(bytes);
    if (!type) throw new ImageFetchError('the answer is not a JPEG, PNG or WebP image');
    return { bytes, type };
  }

  private acquire(): Promise<void> {
    if (this.active < this.concurrency) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}
