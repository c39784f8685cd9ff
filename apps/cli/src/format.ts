import { episodeCode, type QueueItem } from '@aniworld/contracts';

export function itemLabel(item: Pick<QueueItem, 'serie_id' | 'season' | 'episode'>): string {
  return `${item.serie_id} ${episodeCode(item.season, item.episode)}`;
}

/** 1.2 MB/s from the API's megabytes per second. */
export function formatSpeed(mbps: number | null | undefined): string {
  return mbps === null || mbps === undefined ? '-' : `${mbps.toFixed(1)} MB/s`;
}

export function formatEta(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '-';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

export function formatPercent(percent: number | null | undefined): string {
  return percent === null || percent === undefined ? '-' : `${Math.floor(percent)}%`;
}
