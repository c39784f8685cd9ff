import type { QueueItem } from '@aniworld/contracts';

/**
 * What this surface reports itself as. `2.11.4` is qBittorrent 5.1's WebAPI: Sonarr then sends
 * `stopped` (we accept `paused` too), reads `content_path`, and puts share limits into the add
 * (docs/arr-qbittorrent.md). A 5.x version also means paused torrents are `stoppedDL`/`stoppedUP`.
 */
export const WEBAPI_VERSION = '2.11.4';
export const APP_VERSION = 'v5.1.2';

/** qBittorrent's "unknown ETA" (100 days), which Sonarr treats as unknown. */
export const ETA_UNKNOWN = 8_640_000;

export type TorrentState =
  'queuedDL' | 'downloading' | 'stalledDL' | 'stoppedDL' | 'error' | 'stoppedUP' | 'missingFiles';

export interface StateInput {
  /** The queue item downloading the torrent; null once it was removed or cleared. */
  item: QueueItem | null;
  /** Whether the finished file exists at content_path (asked only when it matters). */
  fileExists: boolean;
  now: number;
}

/**
 * The queue's state as qBittorrent states, truthfully (see docs/arr-qbittorrent.md):
 * queued → queuedDL, downloading → downloading, waiting for a retry → stalledDL (Sonarr warns),
 * held → stoppedDL, failed for good → error, completed → stoppedUP (Sonarr imports it).
 * Without a queue item the file decides: there → stoppedUP, gone → missingFiles.
 */
export function torrentState({ item, fileExists, now }: StateInput): TorrentState {
  if (!item) return fileExists ? 'stoppedUP' : 'missingFiles';
  switch (item.status) {
    case 'completed':
      return fileExists ? 'stoppedUP' : 'missingFiles';
    case 'failed':
    case 'cancelled':
      return 'error';
    case 'downloading':
      return 'downloading';
    case 'pending': {
      if (item.held) return 'stoppedDL';
      const waiting =
        item.attempts > 0 &&
        item.next_attempt_at !== null &&
        Date.parse(item.next_attempt_at) > now;
      return waiting ? 'stalledDL' : 'queuedDL';
    }
  }
}

/** 0..1 as qBittorrent reports it. */
export function progressOf(state: TorrentState, item: QueueItem | null): number {
  if (state === 'stoppedUP') return 1;
  const p = item?.progress;
  if (!p || !p.bytes_total) return 0;
  return Math.min(0.999, p.bytes_done / p.bytes_total);
}

export function etaOf(state: TorrentState, item: QueueItem | null): number {
  if (state === 'stoppedUP') return 0;
  const eta = item?.progress?.eta_seconds;
  return state === 'downloading' && typeof eta === 'number' && eta >= 0
    ? Math.round(eta)
    : ETA_UNKNOWN;
}
