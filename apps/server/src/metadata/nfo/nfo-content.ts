import type { EpisodeNfo, SeasonNfo, ShowNfo } from './nfo-writer';
import type { TmdbEpisode, TmdbSeason, TmdbShow } from '../tmdb/tmdb-types';

/** Builds an image URL from a TMDB path (the original size: what media servers want). */
export type OriginalImage = (path: string | null) => string | null;

/** What the library knows of an episode when TMDB does not (other numbering, not listed yet). */
export interface LibraryEpisode {
  season: number;
  episode: number;
  titleDe: string | null;
  titleEn: string | null;
  airDate: string | null;
}

export function showNfoOf(show: TmdbShow, siteTitle: string, image: OriginalImage): ShowNfo {
  return {
    title: show.name || siteTitle,
    originalTitle: show.originalName,
    plot: show.overview,
    premiered: show.firstAirDate,
    status: show.status,
    genres: show.genres,
    studios: show.studios,
    ids: { tmdb: show.id, tvdb: show.tvdbId, imdb: show.imdbId },
    posterUrl: image(show.posterPath),
    fanartUrl: image(show.backdropPath),
    seasons: show.seasons.map((s) => ({
      number: s.number,
      name: s.name,
      posterUrl: image(s.posterPath),
    })),
  };
}

export function seasonNfoOf(number: number, season: TmdbSeason | null): SeasonNfo {
  return {
    number,
    title: season?.name ?? null,
    plot: season?.overview ?? null,
    premiered: season?.airDate ?? null,
  };
}

/**
 * The episode as TMDB describes it; where TMDB has no such episode, the site's titles, so the
 * media server still shows a name instead of guessing one from the file name.
 */
export function episodeNfoOf(
  showTitle: string,
  episode: LibraryEpisode,
  tmdb: TmdbEpisode | null,
  image: OriginalImage,
): EpisodeNfo {
  return {
    showTitle,
    title: tmdb?.name ?? episode.titleDe ?? episode.titleEn ?? `Episode ${episode.episode}`,
    season: episode.season,
    episode: episode.episode,
    plot: tmdb?.overview ?? null,
    aired: tmdb?.airDate ?? episode.airDate,
    runtimeMinutes: tmdb?.runtime ?? null,
    tmdbId: tmdb?.id ?? null,
    thumbUrl: image(tmdb?.stillPath ?? null),
  };
}
