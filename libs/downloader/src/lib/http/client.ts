import { Agent, redirectInterceptor, request, type Dispatcher } from './undici';
import {
  Aborted,
  InvalidMedia,
  StalledError,
  TooSlow,
  errorForStatus,
  mapNetworkError,
} from '../core/errors';

/** Playlists and keys are kilobytes; a hostile CDN's 200 MB "playlist" stops here. */
export const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
import { sleep } from '../core/sleep';
import { findStalled, type Watched } from './stall-watch';
import type { TokenBucket } from './token-bucket';

export interface HttpClientOptions {
  headers: Record<string, string>;
  maxConnectionsPerHost: number;
  /** Requests sent ahead on one keep-alive connection (HTTP/1.1 pipelining); default 1. */
  pipelining?: number;
  stallTimeoutMs: number;
  /** The whole client (all requests together) must average this much per window, or fails with TooSlow. */
  minThroughput?: MinThroughput | null;
  bucket?: TokenBucket;
  signal?: AbortSignal;
}

export interface MinThroughput {
  bytesPerSecond: number;
  windowMs: number;
}

export interface OpenResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Feeds each body chunk to `onChunk` (awaited when it returns a promise); resolves at the end. */
  consume(onChunk: (chunk: Buffer) => void | Promise<void>): Promise<void>;
  /** Stops reading; the connection is discarded. */
  cancel(): void;
}

/**
 * One keep-alive pool per origin (undici Agent), the download's own headers on every request,
 * a shared bandwidth limit and one stall watchdog timer for all requests in flight.
 */
export class HttpClient {
  private readonly agent: Agent;
  private readonly dispatcher: Dispatcher;
  private readonly active = new Set<Watched>();
  private watchdog: NodeJS.Timeout | null = null;
  /** Body bytes received by all requests; the throughput window samples it. */
  private received = 0;
  private window = { start: 0, bytes: 0 };
  private tooSlow: TooSlow | null = null;
  private lastCheck = 0;

  constructor(private readonly opts: HttpClientOptions) {
    this.agent = new Agent({
      connections: opts.maxConnectionsPerHost,
      pipelining: Math.max(1, opts.pipelining ?? 1),
      keepAliveTimeout: 30_000,
      // The stall watchdog below owns timeouts; undici's would fire during throttling pauses.
      headersTimeout: 0,
      bodyTimeout: 0,
    });
    this.dispatcher = this.agent.compose(redirectInterceptor({ maxRedirections: 5 }));
  }

  /** Opens a GET (or HEAD); throws typed errors for non-2xx answers. */
  async open(
    url: string,
    init: {
      range?: { start: number; end?: number };
      method?: 'GET' | 'HEAD';
      headers?: Record<string, string>;
    } = {},
  ): Promise<OpenResponse> {
    if (this.opts.signal?.aborted) throw new Aborted();
    if (this.tooSlow) throw this.tooSlow;
    const controller = new AbortController();
    const w: Watched = {
      last: performance.now(),
      answered: false,
      paused: false,
      stalled: null,
      controller,
    };
    const onOuterAbort = (): void => controller.abort();
    this.opts.signal?.addEventListener('abort', onOuterAbort, { once: true });
    this.track(w);
    const done = (): void => {
      this.active.delete(w);
      this.opts.signal?.removeEventListener('abort', onOuterAbort);
    };
    const headers: Record<string, string> = { ...this.opts.headers, ...init.headers };
    if (init.range) headers['range'] = `bytes=${init.range.start}-${init.range.end ?? ''}`;

    let res: Dispatcher.ResponseData;
    try {
      res = await request(url, {
        method: init.method ?? 'GET',
        headers,
        dispatcher: this.dispatcher,
        signal: controller.signal,
      });
    } catch (err) {
      done();
      throw this.mapError(err, w, url);
    }
    if (res.statusCode >= 300) {
      res.body.resume();
      done();
      throw errorForStatus(url, res.statusCode);
    }
    w.last = performance.now();
    w.answered = true;
    const bucket = this.opts.bucket;
    return {
      status: res.statusCode,
      headers: res.headers,
      cancel: () => {
        controller.abort();
        done();
      },
      consume: async (onChunk) => {
        try {
          for await (const chunk of res.body as AsyncIterable<Buffer>) {
            w.last = performance.now();
            this.received += chunk.length;
            const r = onChunk(chunk);
            if (r) await r;
            if (bucket) {
              const wait = bucket.take(chunk.length);
              if (wait > 0) {
                w.paused = true;
                await sleep(wait, this.opts.signal);
                w.paused = false;
                w.last = performance.now();
              }
            }
          }
        } catch (err) {
          throw this.mapError(err, w, url);
        } finally {
          done();
        }
      },
    };
  }

  /** GET into memory, at most `maxBytes` (then InvalidMedia, not retried); for playlists and keys. */
  async fetchBuffer(
    url: string,
    maxBytes = MAX_BUFFERED_BYTES,
  ): Promise<{
    data: Buffer;
    headers: Record<string, string | string[] | undefined>;
    url: string;
  }> {
    const res = await this.open(url);
    const chunks: Buffer[] = [];
    let size = 0;
    const tooLarge = new InvalidMedia(`more than ${maxBytes} bytes for a playlist or key`);
    try {
      await res.consume((c) => {
        size += c.length;
        if (size > maxBytes) throw tooLarge;
        chunks.push(c);
      });
    } catch (error) {
      res.cancel();
      throw size > maxBytes ? tooLarge : error;
    }
    return { data: Buffer.concat(chunks), headers: res.headers, url };
  }

  async close(): Promise<void> {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    await this.agent.destroy();
  }

  private track(w: Watched): void {
    this.active.add(w);
    if (this.watchdog) return;
    // A new busy period: time without any request in flight (ffmpeg, verification) is not slow.
    this.window = { start: performance.now(), bytes: this.received };
    this.lastCheck = this.window.start;
    const period = this.watchdogPeriod();
    this.watchdog = setInterval(() => this.checkStalls(), period);
    this.watchdog.unref();
  }

  private checkStalls(): void {
    const now = performance.now();
    for (const w of findStalled(this.active, now, this.opts.stallTimeoutMs)) {
      w.controller.abort();
      this.active.delete(w);
    }
    this.checkThroughput(now);
    if (this.active.size === 0 && this.watchdog) {
      clearInterval(this.watchdog);
      this.watchdog = null;
    }
  }

  /**
   * Tumbling windows over all requests together: a window that averaged less than the minimum
   * fails every request with TooSlow, so a trickling source is detected within one to two windows
   * however many connections it spreads its trickle over.
   */
  private checkThroughput(now: number): void {
    const rule = this.opts.minThroughput;
    if (!rule || this.tooSlow || this.active.size === 0) return;
    const late = now - this.lastCheck > 2 * this.watchdogPeriod();
    this.lastCheck = now;
    if (late) {
      // Our own event loop was blocked (GC, a loaded machine): the bytes that arrived meanwhile
      // are not counted yet, so this window says nothing about the source. Start a new one.
      this.window = { start: now, bytes: this.received };
      return;
    }
    const elapsed = now - this.window.start;
    if (elapsed < rule.windowMs) return;
    const rate = ((this.received - this.window.bytes) * 1000) / elapsed;
    if (rate >= rule.bytesPerSecond) {
      this.window = { start: now, bytes: this.received };
      return;
    }
    this.tooSlow = new TooSlow(rate, rule.bytesPerSecond, elapsed);
    for (const w of this.active) w.controller.abort();
    this.active.clear();
  }

  private watchdogPeriod(): number {
    return Math.max(50, Math.min(1000, this.opts.stallTimeoutMs / 4));
  }

  private mapError(err: unknown, w: Watched, url: string): Error {
    if (this.tooSlow) return this.tooSlow;
    if (w.stalled) return new StalledError(url, w.stalled.idleMs);
    if (this.opts.signal?.aborted) return new Aborted();
    return mapNetworkError(err, url);
  }
}

export function headerValue(
  h: Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  const v = h[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}
