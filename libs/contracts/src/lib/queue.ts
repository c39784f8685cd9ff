import type { Page } from './anime';
import type { LanguageCode } from './languages';

export const QUEUE_ITEM_STATUSES = [
  'pending',
  'downloading',
  'completed',
  'failed',
  'cancelled',
] as const;
export type QueueItemStatus = (typeof QUEUE_ITEM_STATUSES)[number];

/** Statuses in which an episode counts as queued: at most one such item per episode. */
export const OPEN_QUEUE_STATUSES: readonly QueueItemStatus[] = ['pending', 'downloading'];

export const QUEUE_PRIORITIES = ['HIGH', 'NORMAL', 'LOW'] as const;
export type QueuePriority = (typeof QUEUE_PRIORITIES)[number];

/** One hoster tried for an item, and why it did not deliver. */
export interface HosterAttempt {
  hoster: string;
  language: string | null;
  error_code: string;
  error: string;
  at: string;
}

export interface QueueProgress {
  percent: number | null;
  bytes_done: number;
  bytes_total: number | null;
  speed_mbps: number | null;
  eta_seconds: number | null;
}

/** One queue entry in the earlier Aniworld API's shape (`serie_id` is the series key; see README). */
export interface QueueItem {
  id: string;
  serie_id: string;
  serie_folder: string | null;
  serie_name: string;
  season: number;
  episode: number;
  title: string | null;
  status: QueueItemStatus;
  priority: QueuePriority;
  position: number;
  /** Requested language; null = the series' (or global) preference order. */
  language: string | null;
  /** The language the file was downloaded in (once a hoster delivered); null before. */
  downloaded_language: LanguageCode | null;
  /**
   * Set when the download fell back to a less preferred language: the language that was wanted
   * first and not obtained (not offered, or every hoster of it failed). Null otherwise.
   */
  fallback_from: LanguageCode | null;
  /** Queued to replace a file in a less preferred language (`QueueAddRequest.upgrade`). */
  upgrade: boolean;
  attempts: number;
  next_attempt_at: string | null;
  progress: QueueProgress | null;
  error: string | null;
  providers_tried: HosterAttempt[];
  hoster: string | null;
  file_path: string | null;
  /** Download client category of an item Sonarr/Radarr sent (qBittorrent surface); else null. */
  category: string | null;
  /** Held back from downloading (a paused torrent of the download client surface). */
  held: boolean;
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
}

export interface QueueStats {
  total_items: number;
  pending: number;
  active: number;
  completed: number;
  failed: number;
  /** Sum of the current speeds of active downloads. */
  current_speed_mbps: number;
  bytes_downloaded: number;
}

/**
 * The queue at a glance: its state, the totals and the running downloads only, so it stays a few
 * KB however long the queue and its history are. The lists are paged: `GET /api/queue/items`.
 * It is also the `queue_status` socket event.
 */
export interface QueueStatusResponse {
  is_running: boolean;
  is_paused: boolean;
  active_downloads: QueueItem[];
  stats: QueueStats;
}

/**
 * The status with every list in full, read page by page from `GET /api/queue/items`: what
 * `aniworld queue status --json` prints (clients that want all of it at once).
 */
export interface QueueSnapshot extends QueueStatusResponse {
  pending_queue: QueueItem[];
  completed_downloads: QueueItem[];
  failed_downloads: QueueItem[];
}

/** The lists `GET /api/queue/items` pages through. */
export const QUEUE_LISTS = ['pending', 'completed', 'failed'] as const;
export type QueueList = (typeof QUEUE_LISTS)[number];

/**
 * `GET /api/queue/items`: `pending` in queue order (priority, then position; index 0 is the
 * next to run, the index `reorder` takes), `completed` and `failed` most recently finished first.
 */
export interface QueueItemsQuery {
  list: QueueList;
  /** 1-based, default 1. */
  page?: number;
  /** Default 50, at most 500. */
  page_size?: number;
}

export interface QueueAddRequest {
  serie_id: string;
  serie_folder?: string;
  serie_name?: string;
  episodes: { season: number; episode: number }[];
  priority?: QueuePriority;
  /**
   * Download in this language only. An episode the site does not offer in it is refused (400
   * naming the languages it has) instead of failing later.
   */
  language?: string;
  /**
   * Replace downloaded files in a less preferred language with the best more preferred one the
   * site now offers. Episodes without such a language (not downloaded, already in the first
   * language, nothing better offered) are listed in `skipped`.
   */
  upgrade?: boolean;
}

export interface QueueAddResponse {
  added: QueueItem[];
  /** Episodes not added, e.g. already pending or downloading. */
  skipped: { season: number; episode: number; reason: string }[];
}

export interface QueueItemIdsRequest {
  item_ids: string[];
}

export interface QueueRetryRequest extends QueueItemIdsRequest {
  /**
   * Start the items' attempts over. Without it an item that has used all its retries
   * (`downloads.max_retries`) is not retried: named with 409, or skipped when retrying every
   * failed item.
   */
  reset_attempts?: boolean;
}

/** `DELETE /api/queue/completed`. */
export interface QueueClearResponse {
  removed: number;
}

export interface QueueReorderRequest {
  item_id: string;
  /** 0-based index in the pending list (`GET /api/queue/items?list=pending`). */
  new_position: number;
}

/** How a client reads one path of the API (its own HTTP stack, auth and error handling). */
export type QueueReader = (path: string) => Promise<unknown>;

/** Every item of one list, page by page. */
export async function readQueueList(
  get: QueueReader,
  list: QueueList,
  pageSize = 500,
): Promise<QueueItem[]> {
  const items: QueueItem[] = [];
  for (let page = 1; ; page++) {
    const body = (await get(
      `/api/queue/items?list=${list}&page=${page}&page_size=${pageSize}`,
    )) as Page<QueueItem> | null;
    // A refusal (401, 429, …) comes back as an error body: say so instead of failing on it later.
    if (!Array.isArray(body?.items))
      throw new Error(`reading the ${list} queue list: not a page: ${JSON.stringify(body)}`);
    items.push(...body.items);
    if (body.items.length < pageSize || items.length >= body.total) return items;
  }
}

/**
 * The status with every list in full. Items move forward (pending → downloading → finished)
 * while the lists are read one after the other, so they are read in that order: an item that
 * moves on between two reads is seen in the later one (where it counts), never in neither.
 */
export async function readQueueSnapshot(get: QueueReader, pageSize = 500): Promise<QueueSnapshot> {
  const pending = await readQueueList(get, 'pending', pageSize);
  const status = (await get('/api/queue/status')) as QueueStatusResponse;
  const completed = await readQueueList(get, 'completed', pageSize);
  const failed = await readQueueList(get, 'failed', pageSize);
  const finished = new Set([...completed, ...failed].map((i) => i.id));
  const active = status.active_downloads.filter((i) => !finished.has(i.id));
  const later = new Set([...active.map((i) => i.id), ...finished]);
  return {
    ...status,
    active_downloads: active,
    pending_queue: pending.filter((i) => !later.has(i.id)),
    completed_downloads: completed,
    failed_downloads: failed,
  };
}
