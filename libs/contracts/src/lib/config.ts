import type { LanguageCode } from './languages';
import type { SchedulerSettings } from './scheduler';
import type { StrmMode } from './strm';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug' | 'verbose';
export const LOG_LEVELS: readonly LogLevel[] = ['error', 'warn', 'info', 'debug', 'verbose'];

/** Default order in which hosters are tried. */
export const HOSTER_NAMES = [
  'VOE',
  'Filemoon',
  'Vidmoly',
  'Doodstream',
  'Vidoza',
  'LoadX',
  'Luluvdo',
  'SpeedFiles',
  'Streamtape',
] as const;
export type HosterName = (typeof HOSTER_NAMES)[number];

export interface ServerSettings {
  host: string;
  port: number;
  cors_origins: string[];
  /**
   * Proxies whose `X-Forwarded-For` is believed (Express `trust proxy`): `loopback`,
   * `linklocal`, `uniquelocal`, addresses, CIDR ranges, or one number of hops. Empty: none.
   */
  trusted_proxies: string[];
}

export interface LoggingSettings {
  level: LogLevel;
}

export interface SecuritySettings {
  session_ttl_hours: number;
  /** Requests per minute per IP on login and setup. */
  auth_rate_limit_per_minute: number;
  /**
   * Requests per minute on every other route: per IP without a valid session, per session for
   * the writes (POST, PUT, PATCH, DELETE) of a logged-in user.
   */
  rate_limit_per_minute: number;
  /**
   * Reads (GET, HEAD, OPTIONS) per minute per session of a logged-in user, however many users
   * share one address (a reverse proxy).
   */
  session_read_limit_per_minute: number;
  lockout_threshold: number;
  lockout_window_minutes: number;
  lockout_cooldown_minutes: number;
}

export interface ProviderSettings {
  aniworld_base_url: string;
  sto_base_url: string;
  user_agent: string;
  requests_per_second: number;
  /** Retries of a failed request (429, 5xx, network) before a site or hoster counts as failing. */
  retries: number;
  hoster_order: HosterName[];
  disabled_hosters: HosterName[];
  cache_ttl_seconds: number;
  /** Largest page or hoster response accepted, on the wire and once inflated. */
  max_response_bytes: number;
  /** Overall deadline of one request to a site or hoster, from its slot to the end of its body. */
  request_deadline_seconds: number;
}

export interface DownloadSettings {
  concurrency: number;
  connections_per_download: number;
  /** Bytes per second for one download; null means unlimited. */
  bandwidth_limit: number | null;
  max_retries: number;
  retry_backoff_seconds: number;
  naming_template: string;
  language_preference: LanguageCode[];
  /**
   * A download that averages less than this over `throughput_window_seconds` fails as stalled
   * (its hoster is skipped) instead of trickling on forever.
   */
  min_throughput_bytes_per_second: number;
  throughput_window_seconds: number;
}

export interface QueueSettings {
  /** Finished (completed or cancelled) queue items older than this are removed by housekeeping. */
  keep_days: number;
}

export interface ArrQbittorrentSettings {
  /** User name of the qBittorrent-compatible surface (`/api/v2`); its password is a secret. */
  username: string;
}

export interface ArrTorznabSettings {
  /**
   * How long a search may look things up on the sites before it answers with what is known
   * (milliseconds); lookups still running go on and fill the cache for the next search.
   */
  search_budget_ms: number;
}

/**
 * `.strm` files for Jellyfin, Plex and Emby, and the signed proxy their URLs point at
 * (docs/strm.md). The signing secret (`arr.strm.secret`) lives in config.json too but is never
 * shown by the API.
 */
export interface ArrStrmSettings {
  /** Whether the Torznab feed offers ` [STRM]` variants: `off`, `both` or `only`. */
  mode: StrmMode;
  /**
   * The server's address as media servers reach it (`https://aniworld.example.org`), written
   * into every `.strm` file; null takes the address of the request that wrote the file.
   */
  public_base_url: string | null;
  /** Requests one client address may have running through the proxy at once (429 beyond). */
  max_requests_per_client: number;
}

/**
 * Sonarr/Radarr/Prowlarr integration. The Torznab API key (`arr.api_key`) and the qBittorrent
 * password (`arr.qbittorrent.password`) live in config.json too, but are secrets: the API shows
 * them only through `GET /api/arr/credentials`.
 */
export interface ArrSettings {
  /** Root of the download client's category folders; null means `<DATA_DIR>/downloads`. */
  download_directory: string | null;
  qbittorrent: ArrQbittorrentSettings;
  torznab: ArrTorznabSettings;
  strm: ArrStrmSettings;
}

/**
 * TMDB lookups, NFO files and artwork (docs/metadata.md). The API key (`metadata.tmdb_api_key`,
 * `TMDB_API_KEY`) lives in config.json too but is a secret: no response carries it, the settings
 * page sets it with `PUT /api/metadata/tmdb-key` and `GET /api/metadata/status` says whether one
 * is set.
 */
export interface MetadataSettings {
  /** TMDB API v3 root, e.g. `https://api.themoviedb.org/3` (or the sandbox's `/tmdb/3`). */
  tmdb_base_url: string;
  /** TMDB image root that sizes are appended to, e.g. `https://image.tmdb.org/t/p`. */
  tmdb_image_base_url: string;
  /** Language of titles, plots and genres (`de-DE`); English fills what it lacks. */
  language: string;
  /** Replace NFO files and artwork that someone else wrote (off: they are kept). */
  overwrite_nfo: boolean;
}

export interface AppConfig {
  anime_directory: string | null;
  /** `postgres://…` switches from the embedded SQLite file to PostgreSQL (restart required). */
  database_url: string | null;
  /** `redis://…` moves rate limits, revocations and socket fan-out to Redis (restart required). */
  redis_url: string | null;
  server: ServerSettings;
  logging: LoggingSettings;
  security: SecuritySettings;
  providers: ProviderSettings;
  downloads: DownloadSettings;
  queue: QueueSettings;
  scheduler: SchedulerSettings;
  arr: ArrSettings;
  metadata: MetadataSettings;
}

/**
 * The configuration as the API shows it. Secrets (the password hash and the JWT secret) are
 * never part of it; `master_password_configured` says whether the first-run setup happened.
 */
export interface ConfigResponse {
  config: AppConfig;
  master_password_configured: boolean;
  /** Dotted paths whose value comes from an environment variable and overrides the file. */
  overridden_by_env: string[];
  data_dir: string;
}

/** PUT /api/config and POST /api/config/validate take a partial config; sections merge. */
export type ConfigUpdate = {
  [K in keyof AppConfig]?: AppConfig[K] extends object | null
    ? AppConfig[K] extends unknown[] | null | string
      ? AppConfig[K]
      : DeepPartial<NonNullable<AppConfig[K]>>
    : AppConfig[K];
};

type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends unknown[] | null | string | number | boolean
    ? T[K]
    : DeepPartial<T[K]>;
};

export interface ConfigUpdateResponse extends ConfigResponse {
  /** Dotted paths whose new value only takes effect after a restart. */
  restart_required: string[];
  backup: string | null;
}

export interface ConfigValidationResponse {
  valid: boolean;
  errors: { field: string; errors: string[] }[];
}

export interface ConfigBackup {
  name: string;
  created_at: string;
  size_bytes: number;
}

/** Placeholders the naming template understands; `{season:00}` pads to two digits. */
export const NAMING_PLACEHOLDERS = [
  'series',
  'year',
  'season',
  'episode',
  'absolute',
  'title',
  'language',
  'quality',
  'hoster',
  'key',
  'ext',
] as const;
export type NamingPlaceholder = (typeof NAMING_PLACEHOLDERS)[number];

export const DEFAULT_NAMING_TEMPLATE = '{series} - S{season:00}E{episode:00} - {title}.{ext}';
