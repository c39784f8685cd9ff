import {
  type AnimeDetail,
  type AnimeEpisode,
  episodeCode,
  type EpisodeRef,
} from '@aniworld/contracts';
import { CliError, EXIT, usageError } from './errors';

/** What `queue add <key> <spec>` asks for. */
export type EpisodeSpec =
  | { kind: 'episodes'; season: number; from: number; to: number }
  | { kind: 'season'; season: number }
  | { kind: 'all-missing' };

export const EPISODE_SPEC_HELP = 'S01E01, S01E01-E05, S01 or all-missing';

const SPEC = /^s(\d{1,3})(?:e(\d{1,4})(?:-(?:s(\d{1,3}))?e?(\d{1,4}))?)?$/i;

/**
 * `S01E01` (one episode), `S01E01-E05` (also `S01E01-05`, `S01E01-S01E05`: a range within one
 * season), `S01` (the season's missing episodes), `all-missing`. Season 0 holds the specials.
 */
export function parseEpisodeSpec(text: string): EpisodeSpec {
  const trimmed = text.trim();
  if (trimmed.toLowerCase() === 'all-missing') return { kind: 'all-missing' };
  const m = SPEC.exec(trimmed);
  if (!m) throw usageError(`"${text}" is not an episode spec`, `use ${EPISODE_SPEC_HELP}`);
  const season = Number(m[1]);
  if (m[2] === undefined) return { kind: 'season', season };
  const from = Number(m[2]);
  if (m[3] !== undefined && Number(m[3]) !== season)
    throw usageError(
      `"${text}" spans two seasons`,
      'queue each season separately, e.g. S01E10-E12 and S02E01-E03',
    );
  const to = m[4] === undefined ? from : Number(m[4]);
  if (from < 1 || to < from)
    throw usageError(`"${text}" is an empty range`, 'the end must not be before the start');
  return { kind: 'episodes', season, from, to };
}

/**
 * The episodes of `series` the spec names. Explicit episodes are taken as named (the server skips
 * those already queued; one that streams from a `.strm` is downloaded and replaces it), a season
 * or `all-missing` only what is neither on disk nor streamed yet. An episode the site does not
 * have is an error (exit 2), so a typo never queues less than the user thinks.
 */
export function selectEpisodes(spec: EpisodeSpec, series: AnimeDetail): EpisodeRef[] {
  const episodes = series.seasons.flatMap((s) => s.episodes);
  const absent = (e: AnimeEpisode) => !e.is_downloaded && !e.strm_path;
  if (spec.kind === 'all-missing')
    return episodes.filter(absent).map(({ season, episode }) => ({ season, episode }));
  const season = series.seasons.find((s) => s.season === spec.season);
  if (!season)
    throw new CliError(
      EXIT.notFound,
      `${series.key} has no season ${spec.season}`,
      `seasons: ${series.seasons.map((s) => s.season).join(', ') || 'none'} (aniworld show ${series.key})`,
    );
  if (spec.kind === 'season')
    return season.episodes.filter(absent).map(({ episode }) => ({ season: spec.season, episode }));
  const known = new Set(season.episodes.map((e) => e.episode));
  const wanted: EpisodeRef[] = [];
  for (let episode = spec.from; episode <= spec.to; episode++) {
    if (!known.has(episode))
      throw new CliError(
        EXIT.notFound,
        `${series.key} has no episode ${episodeCode(spec.season, episode)}`,
        `season ${spec.season} has episodes ${[...known].join(', ')} (aniworld show ${series.key})`,
      );
    wanted.push({ season: spec.season, episode });
  }
  return wanted;
}
