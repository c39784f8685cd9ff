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
 * Origins as the earlier version took them too: `localhost:3000,8000` means
 * `http://localhost:3000` and `http://localhost:8000` (a bare port is on localhost, a missing
 * scheme is http). Anything else is left for validation to refuse with the expected form.
 */
export const asOrigins: EnvParser = (raw) =>
  (asList(raw) as string[]).map((entry) => {
    if (/^\d{1,5}$/.test(entry)) return `http://localhost:${entry}`;
    if (/^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(entry)) return `http://${entry}`;
    return entry.replace(/\/+$/, '');
  });

/**
 * Environment variables that override config.json, and the dotted config path each one sets.
 * DATA_DIR and the secrets (JWT_SECRET_KEY, ARR_API_KEY, QBITTORRENT_PASSWORD, TMDB_API_KEY, STRM_SECRET) are
 * handled by the loader: they are not part of AppConfig.
 */
export const ENV_BINDINGS: { env: string; path: string; parse: EnvParser }[] = [
  { env: 'PORT', path: 'server.port', parse: asNumber },
  { env: 'HOST', path: 'server.host', parse: asString },
  { env: 'CORS_ORIGINS', path: 'server.cors_origins', parse: asOrigins },
  { env: 'TRUSTED_PROXIES', path: 'server.trusted_proxies', parse: asList },
  { env: 'LOG_LEVEL', path: 'logging.level', parse: (raw) => raw.toLowerCase() },
  { env: 'ANIME_DIRECTORY', path: 'anime_directory', parse: asString },
  { env: 'DATABASE_URL', path: 'database_url', parse: asString },
  { env: 'REDIS_URL', path: 'redis_url', parse: asString },
  { env: 'ANIWORLD_BASE_URL', path: 'providers.aniworld_base_url', parse: asString },
  { env: 'STO_BASE_URL', path: 'providers.sto_base_url', parse: asString },
  { env: 'SCHEDULE_TIME', path: 'scheduler.schedule_time', parse: asString },
  { env: 'SCHEDULER_TIMEZONE', path: 'scheduler.timezone', parse: asString },
  { env: 'SCHEDULER_INTERVAL_MINUTES', path: 'scheduler.interval_minutes', parse: asNumber },
  { env: 'ARR_DOWNLOAD_DIRECTORY', path: 'arr.download_directory', parse: asString },
  { env: 'QBITTORRENT_USERNAME', path: 'arr.qbittorrent.username', parse: asString },
  { env: 'TORZNAB_SEARCH_BUDGET_MS', path: 'arr.torznab.search_budget_ms', parse: asNumber },
  { env: 'TMDB_BASE_URL', path: 'metadata.tmdb_base_url', parse: asString },
  { env: 'TMDB_IMAGE_BASE_URL', path: 'metadata.tmdb_image_base_url', parse: asString },
  { env: 'STRM_MODE', path: 'arr.strm.mode', parse: (raw) => raw.trim().toLowerCase() },
  {
    env: 'STRM_PUBLIC_BASE_URL',
    path: 'arr.strm.public_base_url',
    parse: (raw) => raw.trim().replace(/\/+$/, ''),
  },
];
