import type { LanguageCode, QueuePriority, QueueItem, QueueProgress } from '@aniworld/contracts';
import type { PriorityRank } from './entities/download-queue-item.entity';
import type { QueueEntry } from './queue-entries.service';

export const PRIORITY_RANK: Record<QueuePriority, PriorityRank> = { HIGH: 0, NORMAL: 1, LOW: 2 };
const PRIORITY_NAME: Record<PriorityRank, QueuePriority> = { 0: 'HIGH', 1: 'NORMAL', 2: 'LOW' };

/** Live numbers of a running download (the database only has them every few seconds). */
export interface LiveProgress {
  bytesDone: number;
  bytesTotal: number | null;
  /** Bytes per second. */
  speed: number | null;
  etaSeconds: number | null;
  /** The hoster and language of the running attempt. */
  hoster?: string | null;
  language?: LanguageCode | null;
}

export const toMbps = (bytesPerSecond: number | null): number | null =>
  bytesPerSecond === null ? null : Math.round((bytesPerSecond / 1e6) * 100) / 100;

export function progressOf(bytesDone: number, bytesTotal: number | null): number | null {
  if (!bytesTotal) return null;
  return Math.min(100, Math.round((bytesDone / bytesTotal) * 1000) / 10);
}

/** The wire shape of a queue item (`serie_id` is the series key; see libs/contracts/README.md). */
export function toQueueItem(entity: QueueEntry, live?: LiveProgress): QueueItem {
  const episode = entity.episode;
  const series = episode?.series;
  const bytesDone = live?.bytesDone ?? entity.bytesDone;
  const bytesTotal = live?.bytesTotal ?? entity.bytesTotal;
  const speed = live?.speed ?? entity.speed;
  const hasProgress = entity.status === 'downloading' || bytesDone > 0;
  const progress: QueueProgress | null = hasProgress
    ? {
        percent: entity.status === 'completed' ? 100 : progressOf(bytesDone, bytesTotal),
        bytes_done: bytesDone,
        bytes_total: bytesTotal,
        speed_mbps: entity.status === 'downloading' ? toMbps(speed) : null,
        eta_seconds: live?.etaSeconds ?? null,
      }
    : null;
  return {
    id: entity.id,
    serie_id: series?.key ?? '',
    serie_folder: series?.folder ?? null,
    serie_name: series?.name ?? '',
    season: episode?.season ?? 0,
    episode: episode?.episodeNumber ?? 0,
    title: episode?.titleDe || episode?.titleEn || null,
    status: entity.status,
    priority: PRIORITY_NAME[entity.priority],
    position: entity.position,
    language: entity.language,
    downloaded_language: entity.downloadedLanguage ?? null,
    fallback_from: entity.fallbackFrom ?? null,
    upgrade: entity.upgrade ?? false,
    attempts: entity.attempts,
    next_attempt_at: entity.nextAttemptAt?.toISOString() ?? null,
    progress,
    error: entity.error,
    providers_tried: entity.providersTried ?? [],
    hoster: live?.hoster ?? entity.hoster,
    file_path:
      entity.status === 'completed' ? (entity.targetPath ?? episode?.filePath ?? null) : null,
    category: entity.category ?? null,
    held: entity.held ?? false,
    created_at: entity.createdAt.toISOString(),
    started_at: entity.startedAt?.toISOString() ?? null,
    completed_at: entity.completedAt?.toISOString() ?? null,
  };
}
