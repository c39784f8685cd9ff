import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import {
  HOSTER_NAMES,
  type HosterName,
  type ProviderHealth,
  type ProvidersOverview,
  SITE_IDS,
  SITE_NAMES,
  type SiteId,
} from '@aniworld/contracts';
import {
  createProviders,
  type HosterLink,
  type HttpResponse,
  type Providers,
  type ResolvedStream,
  type SiteAdapter,
} from '@aniworld/providers';
import { DomainError, hasErrorCode } from '../common/errors';
import type { DomainEventMap } from '../common/events';
import { ConfigService } from '../config/config.service';
import { UnknownSite } from './errors/providers.errors';

/** An instance replaced after a config change is closed this much later, once its requests are done. */
const RETIRE_AFTER_MS = 60_000;

/**
 * The registry of sites and hosters, built from the configuration (base URLs, user agent, rate
 * limit, cache TTL) and rebuilt when those settings change. It remembers the last success and
 * failure of each site and hoster for `GET /api/providers`.
 */
@Injectable()
export class ProvidersService implements OnModuleDestroy {
  private readonly logger = new Logger(ProvidersService.name);
  private providers: Providers;
  private readonly health = new Map<string, ProviderHealth>();
  private readonly retiring = new Set<NodeJS.Timeout>();

  constructor(private readonly config: ConfigService) {
    this.providers = this.build();
  }

  site(id: string): SiteAdapter {
    if (!(SITE_IDS as readonly string[]).includes(id)) throw new UnknownSite(id);
    return this.providers.site(id as SiteId);
  }

  get userAgent(): string {
    return this.providers.userAgent;
  }

  /** Runs a call against a site and records how it went. */
  async onSite<T>(site: SiteId, work: (adapter: SiteAdapter) => Promise<T>): Promise<T> {
    return this.tracked(`site:${site}`, () => work(this.site(site)));
  }

  /** Redirect → extractor → descriptor for one hoster link, recorded under that hoster. */
  async resolveLink(link: HosterLink, signal?: AbortSignal): Promise<ResolvedStream> {
    return this.tracked(`hoster:${link.hoster ?? link.hosterLabel}`, () =>
      this.providers.resolveStream(link, signal),
    );
  }

  /**
   * Refuses (`UnsafeDestination`) a URL from a third party that points at an internal address,
   * by the same rule the extractors follow (libs/providers/README.md, "Hostile upstreams").
   */
  checkUrl(url: string): Promise<void> {
    return this.providers.checkUrl(url);
  }

  /** Requests holding and waiting for a politeness slot of the bucket `url` belongs to. */
  load(url: string): { active: number; waiting: number } {
    return this.providers.http.load(url);
  }

  /** A plain GET through the polite client (rate limit, retries): a stream's playlist, say. */
  fetch(url: string, headers: Record<string, string>, signal?: AbortSignal): Promise<HttpResponse> {
    return this.providers.http.get(url, { headers, signal });
  }

  overview(): ProvidersOverview {
    const { providers } = this.config.config;
    const order = providers.hoster_order;
    const hosters = [...order, ...HOSTER_NAMES.filter((h) => !order.includes(h))];
    return {
      sites: SITE_IDS.map((id) => ({
        id,
        name: SITE_NAMES[id],
        base_url: id === 'aniworld' ? providers.aniworld_base_url : providers.sto_base_url,
        ...this.healthOf(`site:${id}`),
      })),
      hosters: hosters.map((name: HosterName, index) => ({
        name,
        enabled: order.includes(name) && !providers.disabled_hosters.includes(name),
        order: index,
        ...this.healthOf(`hoster:${name}`),
      })),
    };
  }

  @OnEvent('config.changed')
  onConfigChanged(event: DomainEventMap['config.changed']): void {
    const relevant = [
      'providers.aniworld_base_url',
      'providers.sto_base_url',
      'providers.user_agent',
      'providers.requests_per_second',
      'providers.cache_ttl_seconds',
      'providers.max_response_bytes',
      'providers.request_deadline_seconds',
    ];
    if (!event.changed.some((path) => relevant.includes(path))) return;
    const old = this.providers;
    this.providers = this.build();
    const timer = setTimeout(() => {
      this.retiring.delete(timer);
      void old.close().catch(() => undefined);
    }, RETIRE_AFTER_MS);
    timer.unref();
    this.retiring.add(timer);
    this.logger.log({ msg: 'providers rebuilt after a configuration change' });
  }

  async onModuleDestroy(): Promise<void> {
    for (const timer of this.retiring) clearTimeout(timer);
    await this.providers.close();
  }

  private build(): Providers {
    const { providers } = this.config.config;
    return createProviders({
      sites: {
        aniworld: { baseUrl: providers.aniworld_base_url },
        sto: { baseUrl: providers.sto_base_url },
      },
      userAgent: providers.user_agent,
      requestsPerSecond: providers.requests_per_second,
      retries: providers.retries,
      cacheTtlMs: providers.cache_ttl_seconds * 1000,
      maxResponseBytes: providers.max_response_bytes,
      deadlineMs: providers.request_deadline_seconds * 1000,
      logger: {
        debug: (message, context) => this.logger.debug({ msg: message, ...context }),
        warn: (message, context) => this.logger.warn({ msg: message, ...context }),
      },
    });
  }

  private async tracked<T>(key: string, work: () => Promise<T>): Promise<T> {
    try {
      const result = await work();
      this.record(key, null);
      return result;
    } catch (error) {
      // Only what the site or hoster did counts against it, not our own validation errors.
      if (hasErrorCode(error) && !(error instanceof DomainError)) this.record(key, error);
      throw error;
    }
  }

  private record(key: string, error: (Error & { code: string }) | null): void {
    const previous = this.healthOf(key);
    const at = new Date().toISOString();
    this.health.set(
      key,
      error
        ? { ...previous, last_failure: { at, code: error.code, message: error.message } }
        : { ...previous, last_success_at: at },
    );
  }

  private healthOf(key: string): ProviderHealth {
    return this.health.get(key) ?? { last_success_at: null, last_failure: null };
  }
}
