import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { HealthCheckResult } from '@aniworld/contracts';
import { PoliteHttpClient, UndiciHttpClient } from '@aniworld/providers';
import { CLOCK, type Clock } from '../common/clock';
import { ConfigService } from '../config/config.service';
import { APP_VERSION } from '../version';
import { TmdbClient, TmdbError } from './tmdb/tmdb-client';
import { type FetchedImage, ImageFetcher } from './tmdb/image-fetcher';
import { TmdbNotConfigured } from './errors/metadata.errors';

/** TMDB image sizes this server asks for (all exist on TMDB's CDN). */
export type TmdbImageSize = 'w185' | 'w500' | 'w1280' | 'original';

/** A check older than this is made again, in the background, when somebody asks for it. */
const RECHECK_AFTER_MS = 15 * 60_000;

/**
 * The TMDB client built from the current settings and key, the image downloader, and the `tmdb`
 * health check (reachable, key accepted). One polite HTTP client for the whole process: TMDB's
 * rate limit is per key, and its TTL cache serves the repeated season lookups of a series whose
 * episodes land one after another.
 */
@Injectable()
export class TmdbService implements OnModuleDestroy {
  private readonly logger = new Logger(TmdbService.name);
  private readonly transport = new UndiciHttpClient({ maxBodyBytes: 2 * 1024 * 1024 });
  private readonly http: PoliteHttpClient;
  private readonly images: ImageFetcher;
  /** The last check, and which key and API root it was made with. */
  private last: { result: HealthCheckResult; at: number; target: string } | null = null;
  private checking: Promise<HealthCheckResult> | null = null;

  constructor(
    private readonly config: ConfigService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    // TMDB is an API we have a key for, not a site to blend in with: we say who we are.
    const userAgent = `Aniworld/${APP_VERSION} (metadata)`;
    this.http = new PoliteHttpClient(this.transport, {
      // TMDB allows about 40 requests a second per key; a library scan must not get near it.
      requestsPerSecond: 8,
      maxConcurrent: 4,
      retries: 2,
      cacheTtlMs: 6 * 3600_000,
      cacheMaxEntries: 2000,
      deadlineMs: 20_000,
      userAgent,
    });
    this.images = new ImageFetcher({ userAgent });
  }

  get configured(): boolean {
    return this.config.tmdbApiKey !== null;
  }

  /** A client for the current settings; refused with 409 when no key is set. */
  client(): TmdbClient {
    const apiKey = this.config.tmdbApiKey;
    if (!apiKey) throw new TmdbNotConfigured();
    const { tmdb_base_url, language } = this.config.config.metadata;
    return new TmdbClient({ baseUrl: tmdb_base_url, apiKey, language, http: this.http });
  }

  /** The URL of a TMDB image path at a size; null for no path. */
  imageUrl(path: string | null, size: TmdbImageSize): string | null {
    if (!path) return null;
    return `${this.config.config.metadata.tmdb_image_base_url.replace(/\/+$/, '')}/${size}${path}`;
  }

  fetchImage(path: string, size: TmdbImageSize, signal?: AbortSignal): Promise<FetchedImage> {
    return this.images.fetch(this.imageUrl(path, size) as string, signal);
  }

  /** Fresh answers for a refresh the user asked for. */
  forget(): void {
    this.http.clearCache();
  }

  /**
   * The `tmdb` check as last made; made again in the background when it is older than
   * {@link RECHECK_AFTER_MS} or the key changed since, so health endpoints never wait for TMDB.
   */
  current(): HealthCheckResult {
    const stale =
      !this.last ||
      this.last.target !== this.target() ||
      this.clock.now() - this.last.at > RECHECK_AFTER_MS;
    if (stale) void this.check();
    return this.last?.result ?? { status: 'warning', critical: false, message: 'not checked yet' };
  }

  /** Asks TMDB whether it takes the key; one check at a time. */
  check(): Promise<HealthCheckResult> {
    this.checking ??= this.probe().finally(() => (this.checking = null));
    return this.checking;
  }

  private target(): string {
    return `${this.config.tmdbApiKey ?? ''}@${this.config.config.metadata.tmdb_base_url}`;
  }

  private async probe(): Promise<HealthCheckResult> {
    const target = this.target();
    const key = this.config.tmdbApiKey;
    const base = this.config.config.metadata.tmdb_base_url;
    let result: HealthCheckResult;
    if (!key) {
      result = {
        status: 'warning',
        critical: false,
        message:
          'no TMDB API key: NFO files and artwork are not written. Set TMDB_API_KEY or enter a key in the settings (Metadata).',
      };
    } else {
      try {
        await this.client().validateKey();
        result = { status: 'ok', critical: false, message: `TMDB at ${base} accepted the key` };
      } catch (error) {
        const kind = error instanceof TmdbError ? error.kind : 'unavailable';
        result =
          kind === 'key-rejected'
            ? {
                status: 'error',
                critical: false,
                message: `TMDB at ${base} refused the API key: NFO files and artwork are not written. Check the key in the settings (Metadata).`,
              }
            : {
                status: 'warning',
                critical: false,
                message: `TMDB at ${base} is unreachable (${(error as Error).message}); metadata is written once it answers`,
              };
      }
    }
    this.last = { result, at: this.clock.now(), target };
    return result;
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.allSettled([this.transport.close(), this.images.close()]);
    this.logger.debug({ msg: 'TMDB clients closed' });
  }
}
