import { lookup } from 'node:dns/promises';
import type { HosterName, StreamDescriptor } from '@aniworld/contracts';
import { systemClock, silentLogger, type Clock, type ProviderLogger } from './http/clock';
import {
  BaseHttpClient,
  type HttpClient,
  type HttpRequest,
  type HttpResponse,
} from './http/http-client';
import { PoliteHttpClient } from './http/polite-client';
import { UndiciHttpClient } from './http/undici-client';
import { createUrlGuard, isInternalAddress, isInternalUrl } from './http/url-guard';
import { ExtractorRegistry } from './hosters/registry';
import type { HosterExtractor } from './hosters/types';
import { AniworldAdapter } from './sites/aniworld/adapter';
import { StoAdapter } from './sites/sto/adapter';
import type { HosterLink, SiteAdapter, SiteId } from './sites/types';
import { normalizeBaseUrl } from './util/urls';

export const DEFAULT_USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

export interface ProvidersConfig {
  sites: Partial<Record<SiteId, { baseUrl: string }>>;
  userAgent?: string;
  /** Per site (and per hoster host). Default 2. */
  requestsPerSecond?: number;
  maxConcurrentPerHost?: number;
  retries?: number;
  /** First retry delay; doubles per attempt. Default 500 ms. */
  backoffBaseMs?: number;
  /** TTL of cached series and season pages. Default 5 minutes. */
  cacheTtlMs?: number;
  /** Largest page or hoster response, on the wire and inflated (default undici client only). Default 5 MiB. */
  maxResponseBytes?: number;
  /** Overall deadline of one request, waits, retries and body included. Default 30 s. */
  deadlineMs?: number;
  /**
   * Whether URLs taken from pages (redirect targets, embed and media URLs) may point at
   * loopback, private or link-local addresses. Default: only when a configured site base URL
   * is itself such an address (the sandbox, a LAN mirror).
   */
  allowInternalDestinations?: boolean;
  /** The raw client underneath the politeness layer (default: undici). */
  http?: HttpClient;
  clock?: Clock;
  logger?: ProviderLogger;
  extractors?: readonly HosterExtractor[];
}

export interface ResolvedStream {
  hoster: HosterName;
  embedUrl: string;
  descriptor: StreamDescriptor;
}

export interface Providers {
  sites: Partial<Record<SiteId, SiteAdapter>>;
  site(id: SiteId): SiteAdapter;
  extractors: ExtractorRegistry;
  /** The polite client every adapter and extractor uses. */
  http: PoliteHttpClient;
  userAgent: string;
  /** Redirect → hoster name → extractor → descriptor. */
  resolveStream(link: HosterLink, signal?: AbortSignal): Promise<ResolvedStream>;
  /** The same for an embed URL that is already known (no site redirect). */
  extract(hoster: string | null, embedUrl: string, signal?: AbortSignal): Promise<ResolvedStream>;
  /**
   * The destination rule for URLs taken from third parties (see "Hostile upstreams" in the
   * README): throws `UnsafeDestination` for an internal address unless the sites themselves are
   * internal. For callers that fetch media URLs themselves (the server's STRM proxy).
   */
  checkUrl(url: string): Promise<void>;
  close(): Promise<void>;
}

/** Wires the HTTP port, the politeness layer, the site adapters and the extractor registry. */
export function createProviders(config: ProvidersConfig): Providers {
  const userAgent = config.userAgent?.trim() || DEFAULT_USER_AGENT;
  const clock = config.clock ?? systemClock;
  const logger = config.logger ?? silentLogger;
  const raw = config.http ?? new UndiciHttpClient({ maxBodyBytes: config.maxResponseBytes });
  const bases = Object.entries(config.sites)
    .filter((e): e is [SiteId, { baseUrl: string }] => !!e[1]?.baseUrl)
    .map(([id, s]) => [id, normalizeBaseUrl(s.baseUrl)] as const);
  const http = new PoliteHttpClient(raw, {
    requestsPerSecond: config.requestsPerSecond,
    maxConcurrent: config.maxConcurrentPerHost,
    retries: config.retries,
    backoffBaseMs: config.backoffBaseMs,
    cacheTtlMs: config.cacheTtlMs,
    deadlineMs: config.deadlineMs,
    userAgent,
    clock,
    logger,
    // Sites are limited per site even when they share a host (a mirror, the sandbox).
    keyOf: (url) =>
      bases.find(([, base]) => url.startsWith(`${base}/`) || url === base)?.[0] ??
      new URL(url).host,
  });
  const sites: Partial<Record<SiteId, SiteAdapter>> = {};
  for (const [id, baseUrl] of bases) {
    sites[id] =
      id === 'aniworld'
        ? new AniworldAdapter({ baseUrl, http })
        : new StoAdapter({ baseUrl, http });
  }
  const extractors = new ExtractorRegistry(config.extractors);
  const allowInternal = memo(async () =>
    config.allowInternalDestinations !== undefined
      ? config.allowInternalDestinations
      : anyInternal(bases.map(([, base]) => base)),
  );
  const checkUrl = async (url: string): Promise<void> => createUrlGuard(await allowInternal())(url);
  const guardedHttp = new GuardedHttpClient(http, checkUrl);

  const site = (id: SiteId): SiteAdapter => {
    const adapter = sites[id];
    if (!adapter) throw new Error(`Site "${id}" is not configured`);
    return adapter;
  };

  const extract = async (
    hoster: string | null,
    embedUrl: string,
    signal?: AbortSignal,
  ): Promise<ResolvedStream> => {
    const extractor = extractors.resolve(hoster, embedUrl);
    logger.debug('extracting', { hoster: extractor.name, embedUrl });
    // The embed URL and everything the hoster page leads to come from third parties.
    await checkUrl(embedUrl);
    const descriptor = await extractor.extract(embedUrl, {
      http: guardedHttp,
      userAgent,
      now: () => clock.now(),
      signal,
    });
    await checkUrl(descriptor.url);
    for (const subtitle of descriptor.subtitles ?? []) await checkUrl(subtitle.url);
    return { hoster: extractor.name, embedUrl, descriptor };
  };

  return {
    sites,
    site,
    extractors,
    http,
    userAgent,
    extract,
    checkUrl,
    async resolveStream(link, signal) {
      const embedUrl = await site(link.site).resolveRedirect(link.redirectUrl, signal);
      return extract(link.hoster ?? link.hosterLabel, embedUrl, signal);
    },
    async close() {
      if (!config.http && raw instanceof UndiciHttpClient) await raw.close();
    },
  };
}

/** Adds the destination check to every request (and redirect hop) of an extractor. */
class GuardedHttpClient extends BaseHttpClient {
  constructor(
    private readonly inner: PoliteHttpClient,
    private readonly checkUrl: (url: string) => Promise<void>,
  ) {
    super();
  }

  send(request: HttpRequest): Promise<HttpResponse> {
    return this.inner.send({ ...request, checkUrl: this.checkUrl });
  }
}

/** A base URL on an internal address (literal, `localhost` or by DNS) marks a sandbox or LAN mirror. */
async function anyInternal(bases: string[]): Promise<boolean> {
  for (const base of bases) {
    if (isInternalUrl(base)) return true;
    try {
      const host = new URL(base).hostname;
      const addresses = await lookup(host, { all: true, verbatim: true });
      if (addresses.some((a) => isInternalAddress(a.address))) return true;
    } catch {
      // Unresolvable now: treat as public, the stricter choice.
    }
  }
  return false;
}

function memo<T>(fn: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= fn());
}
