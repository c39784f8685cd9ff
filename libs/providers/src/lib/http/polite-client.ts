import { UpstreamError, UpstreamTimeout } from '../errors';
import { isChallenge } from './challenge';
import { systemClock, silentLogger, type Clock, type ProviderLogger } from './clock';
import {
  BaseHttpClient,
  headerValue,
  type HttpClient,
  type HttpRequest,
  type HttpResponse,
} from './http-client';

export interface PoliteHttpClientOptions {
  /** Per bucket (see keyOf); 0 or Infinity disables the limit. Default 2. */
  requestsPerSecond?: number;
  /** Requests in flight per bucket. Default 4. */
  maxConcurrent?: number;
  /** Extra attempts after the first on 429/5xx/network errors. Default 3. */
  retries?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Upper bound for a server's Retry-After. */
  maxRetryAfterMs?: number;
  /** TTL of responses requested with `cache: true`. 0 disables. Default 5 min. */
  cacheTtlMs?: number;
  cacheMaxEntries?: number;
  /**
   * Overall deadline of one attempt, from getting a slot to the end of the body. 0 or Infinity
   * disables it. Default 30 s. Without it a page that drips a byte every few seconds never ends
   * and holds its slot forever. Not retried: a dripping upstream would only drip again.
   */
  deadlineMs?: number;
  /** Sent when the request sets no User-Agent itself. */
  userAgent?: string;
  clock?: Clock;
  logger?: ProviderLogger;
  /** Which bucket a URL belongs to (default: its host). The facade buckets by site base URL. */
  keyOf?: (url: string) => string;
}

interface Waiter {
  grant: () => void;
}

interface Bucket {
  active: number;
  waiting: Waiter[];
  nextSlot: number;
}

const DEFAULTS = {
  requestsPerSecond: 2,
  maxConcurrent: 4,
  retries: 3,
  backoffBaseMs: 500,
  backoffMaxMs: 30_000,
  maxRetryAfterMs: 120_000,
  cacheTtlMs: 5 * 60_000,
  cacheMaxEntries: 500,
  deadlineMs: 30_000,
};

/**
 * Politeness wrapper around any HttpClient: per-bucket concurrency and rate limit, retries with
 * exponential backoff (honouring Retry-After) and a TTL cache for pages asked for with `cache`.
 * 404/410/403 and challenge pages are returned at once: retrying them only draws a ban.
 */
export class PoliteHttpClient extends BaseHttpClient {
  private readonly opts: typeof DEFAULTS;
  private readonly clock: Clock;
  private readonly logger: ProviderLogger;
  private readonly keyOf: (url: string) => string;
  private readonly userAgent?: string;
  private readonly buckets = new Map<string, Bucket>();
  private readonly cache = new Map<string, { expires: number; response: HttpResponse }>();

  constructor(
    private readonly inner: HttpClient,
    options: PoliteHttpClientOptions = {},
  ) {
    super();
    const defined = Object.fromEntries(
      Object.entries(options).filter(([, v]) => v !== undefined),
    ) as Partial<typeof DEFAULTS>;
    this.opts = { ...DEFAULTS, ...defined };
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.keyOf = options.keyOf ?? ((url) => new URL(url).host);
    this.userAgent = options.userAgent;
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    const request = this.withUserAgent(req);
    const cacheKey = request.cache && request.method === 'GET' ? request.url : undefined;
    if (cacheKey && this.opts.cacheTtlMs > 0) {
      const hit = this.cache.get(cacheKey);
      if (hit && hit.expires > this.clock.now()) return hit.response;
      this.cache.delete(cacheKey);
    }
    const response = await this.withRetries(request);
    if (cacheKey && this.opts.cacheTtlMs > 0 && response.status === 200 && !isChallenge(response)) {
      this.remember(cacheKey, response);
    }
    return response;
  }

  /** Drops cached pages, e.g. after the user asks for a fresh rescan. */
  clearCache(): void {
    this.cache.clear();
  }

  /**
   * One attempt under its deadline, counted from the moment it holds a slot: the rate-limit
   * wait, the answer and the whole body. Time spent queueing for a slot is not counted, so the
   * requests behind four dripping pages get their own full deadline once the drippers are cut
   * off. The deadline aborts whatever is in progress; the caller's own abort wins over it and is
   * passed on unchanged.
   */
  private async withDeadline(
    req: HttpRequest,
    work: (signal: AbortSignal | undefined) => Promise<HttpResponse>,
  ): Promise<HttpResponse> {
    const deadline = this.opts.deadlineMs;
    if (!(deadline > 0) || !Number.isFinite(deadline)) return work(req.signal);
    const expired = new AbortController();
    // Wall-clock on purpose: the injected clock paces politeness, and a fake one must not make
    // every request of a unit test expire at once.
    const timer = setTimeout(() => expired.abort(new UpstreamTimeout(req.url, deadline)), deadline);
    timer.unref?.();
    const signal = req.signal ? AbortSignal.any([req.signal, expired.signal]) : expired.signal;
    try {
      return await work(signal);
    } catch (error) {
      if (expired.signal.aborted && !req.signal?.aborted) {
        this.logger.warn('deadline passed, request aborted', { url: req.url, deadline });
        throw expired.signal.reason as UpstreamTimeout;
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private async withRetries(req: HttpRequest): Promise<HttpResponse> {
    for (let attempt = 0; ; attempt++) {
      let response: HttpResponse;
      try {
        response = await this.limited(req);
      } catch (error) {
        if (req.signal?.aborted || attempt >= this.opts.retries || !isNetworkError(error)) {
          if (isNetworkError(error) && !req.signal?.aborted)
            throw new UpstreamError(0, req.url, error);
          throw error;
        }
        const delay = this.backoff(attempt);
        this.logger.debug('network error, retrying', { url: req.url, attempt, delay });
        await this.clock.sleep(delay, req.signal);
        continue;
      }
      if (!isRetryableStatus(response.status) || isChallenge(response)) return response;
      if (attempt >= this.opts.retries) throw new UpstreamError(response.status, req.url);
      const delay = Math.max(this.backoff(attempt), this.retryAfter(response) ?? 0);
      this.logger.debug('retryable status, retrying', {
        url: req.url,
        status: response.status,
        attempt,
        delay,
      });
      await this.clock.sleep(delay, req.signal);
    }
  }

  private async limited(req: HttpRequest): Promise<HttpResponse> {
    const bucket = this.bucketOf(req.url);
    await this.acquire(bucket, req.signal);
    try {
      return await this.withDeadline(req, async (signal) => {
        await this.waitForSlot(bucket, signal);
        return this.dispatch({ ...req, signal });
      });
    } finally {
      this.release(bucket);
    }
  }

  private dispatch(req: HttpRequest): Promise<HttpResponse> {
    if (this.inner instanceof BaseHttpClient) return this.inner.send(req);
    const { method, url, body, ...options } = req;
    if (method === 'HEAD') return this.inner.head(url, options);
    if (method === 'POST') return this.inner.post(url, body ?? '', options);
    return this.inner.get(url, options);
  }

  private async waitForSlot(bucket: Bucket, signal?: AbortSignal): Promise<void> {
    const rps = this.opts.requestsPerSecond;
    if (!(rps > 0) || !Number.isFinite(rps)) return;
    const interval = 1000 / rps;
    const now = this.clock.now();
    const slot = Math.max(now, bucket.nextSlot);
    bucket.nextSlot = slot + interval;
    if (slot > now) await this.clock.sleep(slot - now, signal);
  }

  /** Waits for a slot of the bucket; an abort leaves the queue at once (and takes no slot). */
  private acquire(bucket: Bucket, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (bucket.active < this.opts.maxConcurrent) {
      bucket.active++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        const index = bucket.waiting.indexOf(waiter);
        if (index >= 0) bucket.waiting.splice(index, 1);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      bucket.waiting.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private release(bucket: Bucket): void {
    const next = bucket.waiting.shift();
    // The slot passes straight to the next waiter, so `active` stays the same.
    if (next) next.grant();
    else bucket.active--;
  }

  /** Requests holding a slot and requests waiting for one, per bucket (for tests and diagnosis). */
  load(url: string): { active: number; waiting: number } {
    const bucket = this.bucketOf(url);
    return { active: bucket.active, waiting: bucket.waiting.length };
  }

  private bucketOf(url: string): Bucket {
    const key = this.keyOf(url);
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { active: 0, waiting: [], nextSlot: 0 };
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  private backoff(attempt: number): number {
    return Math.min(this.opts.backoffMaxMs, this.opts.backoffBaseMs * 2 ** attempt);
  }

  private retryAfter(response: HttpResponse): number | undefined {
    const raw = headerValue(response.headers, 'retry-after');
    if (!raw) return undefined;
    const seconds = Number(raw);
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(raw) - this.clock.now();
    if (!Number.isFinite(ms)) return undefined;
    return Math.min(Math.max(0, ms), this.opts.maxRetryAfterMs);
  }

  private withUserAgent(req: HttpRequest): HttpRequest {
    if (!this.userAgent || headerValue(req.headers, 'user-agent')) return req;
    return { ...req, headers: { ...req.headers, 'user-agent': this.userAgent } };
  }

  private remember(key: string, response: HttpResponse): void {
    this.cache.set(key, { expires: this.clock.now() + this.opts.cacheTtlMs, response });
    while (this.cache.size > this.opts.cacheMaxEntries) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
  }
}

function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

function isNetworkError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'AbortError') return false;
  const code = (error as { code?: unknown }).code;
  return (
    (typeof code === 'string' &&
      (code.startsWith('UND_ERR') || code.startsWith('E')) &&
      code !== 'UND_ERR_ABORTED') ||
    error.name === 'SocketError' ||
    error.message === 'fetch failed'
  );
}
