import type {
  AnimeDetail,
  AnimeSummary,
  AppNotification,
  ConfigResponse,
  QueueItem,
  QueueStatusResponse,
} from '@aniworld/contracts';

export function queueItem(overrides: Partial<QueueItem> = {}): QueueItem {
  return {
    id: 'q1',
    serie_id: 'frieren',
    serie_folder: 'Frieren (2023)',
    serie_name: 'Frieren',
    season: 1,
    episode: 1,
    title: null,
    status: 'pending',
    priority: 'NORMAL',
    position: 0,
    language: null,
    attempts: 0,
    next_attempt_at: null,
    progress: null,
    error: null,
    providers_tried: [],
    hoster: null,
    file_path: null,
    created_at: '2026-01-01T00:00:00Z',
    started_at: null,
    completed_at: null,
    ...overrides,
  };
}

export function queueStatus(overrides: Partial<QueueStatusResponse> = {}): QueueStatusResponse {
  return {
    is_running: true,
    is_paused: false,
    active_downloads: [],
    pending_queue: [],
    completed_downloads: [],
    failed_downloads: [],
    stats: {
      total_items: 0,
      pending: 0,
      active: 0,
      completed: 0,
      failed: 0,
      current_speed_mbps: 0,
      bytes_downloaded: 0,
    },
    ...overrides,
  };
}

export function animeSummary(overrides: Partial<AnimeSummary> = {}): AnimeSummary {
  return {
    key: 'frieren',
    name: 'Frieren',
    site: 'aniworld',
    folder: 'Frieren (2023)',
    year: 2023,
    cover_url: null,
    description: null,
    total_episodes: 3,
    downloaded_episodes: 1,
    missing_episodes: 2,
    missing: { '1': [2, 3] },
    updated_at: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

export function animeDetail(overrides: Partial<AnimeDetail> = {}): AnimeDetail {
  const episode = (n: number, downloaded: boolean) => ({
    season: 1,
    episode: n,
    title_de: null,
    title_en: `Episode ${n}`,
    languages: ['german-dub' as const, 'german-sub' as const],
    is_downloaded: downloaded,
    file_path: downloaded ? `/anime/Frieren (2023)/Season 01/e${n}.mp4` : null,
    queued: false,
  });
  return {
    ...animeSummary(),
    alt_titles: [],
    language_preference: null,
    seasons: [{ season: 1, episodes: [episode(1, true), episode(2, false), episode(3, false)] }],
    ...overrides,
  };
}

export function notification(overrides: Partial<AppNotification> = {}): AppNotification {
  return {
    id: 'n1',
    kind: 'download_failed',
    level: 'error',
    title: 'Download failed',
    message: 'Frieren S01E02: every hoster failed',
    key: 'frieren',
    read: false,
    created_at: '2026-01-01T00:00:00Z',
    data: null,
    ...overrides,
  };
}

export function configResponse(): ConfigResponse {
  return {
    config: {
      anime_directory: '/anime',
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
        user_agent: 'Aniworld',
        requests_per_second: 2,
        hoster_order: ['VOE', 'Filemoon', 'Vidmoly'],
        disabled_hosters: [],
        cache_ttl_seconds: 300,
      },
      downloads: {
        concurrency: 2,
        connections_per_download: 4,
        bandwidth_limit: null,
        max_retries: 3,
        retry_backoff_seconds: 30,
        naming_template: '{series} - S{season:00}E{episode:00} - {title}.{ext}',
        language_preference: ['german-dub', 'german-sub', 'english-sub'],
      },
      arr: {
        download_directory: null,
        qbittorrent: { username: 'admin' },
        torznab: { search_budget_ms: 5000 },
      },
    },
    master_password_configured: true,
    overridden_by_env: ['anime_directory'],
    data_dir: '/data',
  };
}
