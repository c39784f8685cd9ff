import {
  type AppConfig,
  DEFAULT_LANGUAGE_PREFERENCE,
  DEFAULT_NAMING_TEMPLATE,
  HOSTER_NAMES,
} from '@aniworld/contracts';

export const DEFAULT_USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';

export function defaultConfig(): AppConfig {
  return {
    anime_directory: null,
    database_url: null,
    redis_url: null,
    server: { host: '0.0.0.0', port: 8000, cors_origins: [] },
    logging: { level: 'info' },
    security: {
      session_ttl_hours: 24,
      auth_rate_limit_per_minute: 5,
      rate_limit_per_minute: 60,
      lockout_threshold: 5,
      lockout_window_minutes: 15,
      lockout_cooldown_minutes: 15,
    },
    providers: {
      aniworld_base_url: 'https://aniworld.to',
      sto_base_url: 'https://serienstream.to',
      user_agent: DEFAULT_USER_AGENT,
      requests_per_second: 2,
      retries: 2,
      hoster_order: [...HOSTER_NAMES],
      disabled_hosters: [],
      cache_ttl_seconds: 600,
    },
    downloads: {
      concurrency: 2,
      connections_per_download: 8,
      bandwidth_limit: null,
      max_retries: 3,
      retry_backoff_seconds: 30,
      naming_template: DEFAULT_NAMING_TEMPLATE,
      language_preference: [...DEFAULT_LANGUAGE_PREFERENCE],
    },
    arr: {
      download_directory: null,
      qbittorrent: { username: 'admin' },
      torznab: { search_budget_ms: 5000 },
    },
  };
}

/** Changing these only takes effect after a restart. */
export const RESTART_REQUIRED_PATHS = ['server.host', 'server.port', 'database_url', 'redis_url'];

type EnvParser = (raw: string) => unknown;
const asString: EnvParser = (raw) => raw;
const asNumber: EnvParser = (raw) => (raw.trim() === '' ? raw : Number(raw));
const asList: EnvParser = (raw) =>
  raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Environment variables that override config.json, and the dotted config path each one sets.
 * DATA_DIR and the secrets (JWT_SECRET_KEY, ARR_API_KEY, QBITTORRENT_PASSWORD) are handled by
 * the loader: they are not part of AppConfig.
 */
export const ENV_BINDINGS: { env: string; path: string; parse: EnvParser }[] = [
  { env: 'PORT', path: 'server.port', parse: asNumber },
  { env: 'HOST', path: 'server.host', parse: asString },
  { env: 'CORS_ORIGINS', path: 'server.cors_origins', parse: asList },
  { env: 'LOG_LEVEL', path: 'logging.level', parse: (raw) => raw.toLowerCase() },
  { env: 'ANIME_DIRECTORY', path: 'anime_directory', parse: asString },
  { env: 'DATABASE_URL', path: 'database_url', parse: asString },
  { env: 'REDIS_URL', path: 'redis_url', parse: asString },
  { env: 'ANIWORLD_BASE_URL', path: 'providers.aniworld_base_url', parse: asString },
  { env: 'STO_BASE_URL', path: 'providers.sto_base_url', parse: asString },
  { env: 'ARR_DOWNLOAD_DIRECTORY', path: 'arr.download_directory', parse: asString },
  { env: 'QBITTORRENT_USERNAME', path: 'arr.qbittorrent.username', parse: asString },
  { env: 'TORZNAB_SEARCH_BUDGET_MS', path: 'arr.torznab.search_budget_ms', parse: asNumber },
];
