import type { AnimeEpisode } from '@aniworld/contracts';

export type EpisodeState = 'on-disk' | 'downloading' | 'queued' | 'failed' | 'streamed' | 'missing';

export interface EpisodeView {
  state: EpisodeState;
  /**
   * What the row says: "Queued", "Downloading 45 %", "On disk", "Failed", "Streams (.strm)" (a
   * `.strm` in the library, played through the proxy: present, not downloaded), "Missing".
   */
  text: string;
  percent: number | null;
}

const key = (e: { season: number; episode: number }) => `${e.season}:${e.episode}`;

/** An episode's state from the stored detail and the live progress of its download. */
export function episodeView(
  e: AnimeEpisode,
  progress: ReadonlyMap<string, number | null>,
): EpisodeView {
  const live = progress.has(key(e));
  if (e.is_downloaded && !live)
    return { state: 'on-disk', text: $localize`:@@series.state.onDisk:On disk`, percent: 100 };
  if (live || e.queue_status === 'downloading') {
    const percent = progress.get(key(e)) ?? null;
    return {
      state: 'downloading',
      text:
        percent === null
          ? $localize`:@@series.state.downloading:Downloading…`
          : $localize`:@@series.state.downloadingPercent:Downloading ${Math.floor(percent)}:percent: %`,
      percent,
    };
  }
  if (e.queue_status === 'pending')
    return { state: 'queued', text: $localize`:@@series.state.queued:Queued`, percent: null };
  if (e.queue_status === 'failed')
    return { state: 'failed', text: $localize`:@@series.state.failed:Failed`, percent: null };
  if (e.strm_path)
    return {
      state: 'streamed',
      text: $localize`:@@series.state.streamed:Streams (.strm)`,
      percent: null,
    };
  return { state: 'missing', text: $localize`:@@series.state.missing:Missing`, percent: null };
}

/** Neither on disk nor streamed from a `.strm`, nor in the queue: what "all missing" selects. */
export function absent(e: AnimeEpisode): boolean {
  return !e.is_downloaded && !e.strm_path && !e.queued;
}

/** A season's episodes on disk, and its progress counting running downloads by their percent. */
export function seasonProgress(
  episodes: readonly AnimeEpisode[],
  progress: ReadonlyMap<string, number | null>,
): { onDisk: number; total: number; percent: number } {
  let done = 0;
  let onDisk = 0;
  for (const e of episodes) {
    const view = episodeView(e, progress);
    if (view.state === 'on-disk') {
      onDisk++;
      done += 1;
    } else if (view.state === 'downloading') done += (view.percent ?? 0) / 100;
  }
  return {
    onDisk,
    total: episodes.length,
    percent: episodes.length ? (done / episodes.length) * 100 : 0,
  };
}
