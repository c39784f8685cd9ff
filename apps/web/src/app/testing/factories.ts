import {
  defaultConfig,
  type AnimeDetail,
  type AnimeSummary,
  type AppNotification,
  type CalendarEntry,
  type ConfigResponse,
  type Page,
  type QueueItem,
  type QueueStatusResponse,
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
    downloaded_language: null,
    fallback_from: null,
    upgrade: false,
    attempts: 0,
    next_attempt_at: null,
    progress: null,
    error: null,
    providers_tried: [],
    hoster: null,
    file_path: null,
    category: null,
    held: false,
    created_at: '2026-01-01T00:00:00Z',
    started_at: null,
    completed_at: null,
    ...overrides,
  };
}

/** One page of queue items; the total defaults to the items given. */
export function queuePage(
  items: QueueItem[] = [],
  total = items.length,
  page = 1,
): Page<QueueItem> {
  return { items, total, page, page_size: 50 };
}

export function queueStatus(overrides: Partial<QueueStatusResponse> = {}): QueueStatusResponse {
  return {
    is_running: true,
    is_paused: false,
    active_downloads: [],
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
    poster_url: null,
    poster_small_url: null,
    description: null,
    total_episodes: 3,
    downloaded_episodes: 1,
    missing_episodes: 2,
    missing: { '1': [2, 3] },
    monitored: false,
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
    strm_path: null,
    queued: false,
    queue_status: null,
    downloaded_language: downloaded ? ('german-dub' as const) : null,
    fallback: false,
    upgrade_language: null,
    air_date: `2023-09-${String(n * 7).padStart(2, '0')}`,
  });
  return {
    ...animeSummary(),
    alt_titles: [],
    fanart_url: null,
    genres: [],
    tmdb_id: null,
    tvdb_id: null,
    imdb_id: null,
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

/** The server's defaults (shared through contracts), with a library and a short hoster order. */
export function configResponse(): ConfigResponse {
  const defaults = defaultConfig();
  return {
    config: {
      ...defaults,
      anime_directory: '/anime',
      providers: { ...defaults.providers, hoster_order: ['VOE', 'Filemoon', 'Vidmoly'] },
    },
    master_password_configured: true,
    overridden_by_env: ['anime_directory'],
    data_dir: '/data',
  };
}

export function calendarEntry(overrides: Partial<CalendarEntry> = {}): CalendarEntry {
  return {
    date: '2026-09-30',
    time: null,
    release: 'released',
    series_key: 'frieren',
    series_name: 'Frieren',
    site: 'aniworld',
    season: 1,
    episode: 5,
    title: null,
    languages: ['german-sub'],
    state: 'missing',
    ...overrides,
  };
}
