import type { AppConfig } from './config';
import { DEFAULT_NAMING_TEMPLATE, HOSTER_NAMES } from './config';
import { DEFAULT_LANGUAGE_PREFERENCE } from './languages';

/** Browser-like, so the sites serve their ordinary pages. */
export const DEFAULT_CONFIG_USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';

/**
 * The configuration of a fresh install, before config.json and the environment apply. It lives
 * here, not in the server, so that the web app's test factories start from the same values the
 * server hands out instead of a copy that drifts.
 */
export function defaultConfig(): AppConfig {
  return {
    anime_directory: null,
    database_url: null,
    redis_url: null,
    server: { host: '0.0.0.0', port: 8000, cors_origins: [], trusted_proxies: [] },
    logging: { level: 'info' },
    security: {
      session_ttl_hours: 24,
      auth_rate_limit_per_minute: 5,
      rate_limit_per_minute: 60,
      session_read_limit_per_minute: 1200,
      lockout_threshold: 5,
      lockout_window_minutes: 15,
      lockout_cooldown_minutes: 15,
    },
    providers: {
      aniworld_base_url: 'https://aniworld.to',
      sto_base_url: 'https://serienstream.to',
      user_agent: DEFAULT_CONFIG_USER_AGENT,
      requests_per_second: 2,
      retries: 2,
      hoster_order: [...HOSTER_NAMES],
      disabled_hosters: [],
      cache_ttl_seconds: 600,
      max_response_bytes: 5 * 1024 * 1024,
      request_deadline_seconds: 30,
    },
    downloads: {
      concurrency: 2,
      connections_per_download: 8,
      bandwidth_limit: null,
      max_retries: 3,
      retry_backoff_seconds: 30,
      naming_template: DEFAULT_NAMING_TEMPLATE,
      language_preference: [...DEFAULT_LANGUAGE_PREFERENCE],
      min_throughput_bytes_per_second: 1024,
      throughput_window_seconds: 60,
    },
    queue: { keep_days: 30 },
    scheduler: {
      enabled: true,
      schedule_time: '03:00',
      timezone: null,
      interval_minutes: null,
      new_episodes_interval_minutes: 60,
      max_auto_queue: 50,
      lease_seconds: 120,
      tick_seconds: 15,
    },
    arr: {
      download_directory: null,
      qbittorrent: { username: 'admin' },
      torznab: { search_budget_ms: 5000 },
      strm: { mode: 'off', public_base_url: null, max_requests_per_client: 32 },
    },
    metadata: {
      tmdb_base_url: 'https://api.themoviedb.org/3',
      tmdb_image_base_url: 'https://image.tmdb.org/t/p',
      language: 'de-DE',
      overwrite_nfo: false,
    },
  };
}
